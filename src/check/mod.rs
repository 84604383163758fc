//! `hospigen check`: measure a generated dataset (a CSV directory or a loaded database) and
//! compare every figure with the profile's `[targets]`.
//!
//! ```text
//! dir::measure_dir ─┐  raw column text, row by row  ┌─▶ measure::Accumulator ─▶ Measurements
//! database::measure_database ─┘                     │   (one code path for both sources)
//!                                                   └─▶ run: compare with targets, print, exit code
//! ```

mod csv;
mod database;
mod dir;
mod measure;
mod stats;

use crate::cli::CheckArgs;
use crate::error::UsageError;
use crate::model::{Overrides, TARGET_KEYS};
pub use database::{measure_database, redact_url};
pub use dir::measure_dir;
use std::io::Write;

/// Figures measured over a whole dataset (all hospitals together), one per target key.
///
/// A figure is `None` when the data has nothing to measure it on (e.g. no seen visits). Waits
/// are `wait_time_minutes` of visits with a `provider_seen_at`; medians of an even count are the
/// mean of the two middle values; the 90th percentile interpolates linearly between ranks.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurements {
    /// Rows of `er_visits`.
    pub er_visits: u64,
    /// Visits seen by a provider.
    pub seen_visits: u64,
    /// Rows of `admissions`.
    pub admissions: u64,
    /// Rows of `outcomes`.
    pub outcomes: u64,
    /// Rows of `beds` (staffed beds).
    pub beds: u64,
    /// Rows of `dim_date`.
    pub days: u64,
    /// Share of visits arriving 10:00–21:59.
    pub arrival_share_10_to_22: Option<f64>,
    /// Share of visits arriving 00:00–05:59.
    pub arrival_share_00_to_06: Option<f64>,
    /// Share of visits per triage level (index 0 = level 1).
    pub triage_share: [Option<f64>; 5],
    /// Share of visits arriving by ambulance.
    pub ambulance_share: Option<f64>,
    /// Median wait of seen visits, minutes.
    pub wait_median_minutes: Option<f64>,
    /// Mean wait of seen visits, minutes.
    pub wait_mean_minutes: Option<f64>,
    /// 90th percentile wait of seen visits, minutes.
    pub wait_p90_minutes: Option<f64>,
    /// Mean wait of seen triage-level-1 visits, minutes.
    pub level1_wait_mean_minutes: Option<f64>,
    /// Mean wait of seen visits arriving 18:00–21:59 ÷ that of seen visits at other hours.
    pub evening_wait_ratio: Option<f64>,
    /// Arrival hour with the highest mean wait among seen visits (earliest on a tie).
    pub wait_peak_hour: Option<f64>,
    /// OLS slope of wait on nurses on duty over seen visits (minutes per nurse).
    pub staffing_slope_minutes_per_nurse: Option<f64>,
    /// Median ED length of stay of discharged visits, minutes.
    pub ed_los_median_discharged: Option<f64>,
    /// Median ED length of stay of admitted visits, minutes.
    pub ed_los_median_admitted: Option<f64>,
    /// Share of visits admitted.
    pub admission_rate: Option<f64>,
    /// Share of visits that left without being seen.
    pub lwbs_rate: Option<f64>,
    /// Mean length of stay, days, of admissions with a discharge date.
    pub alos_days: Option<f64>,
    /// Mean over `dim_date` days of the census at midnight ÷ staffed beds.
    pub occupancy_mean: Option<f64>,
    /// Share readmitted within 30 days among outcomes that are not `Deceased`.
    pub readmission_rate: Option<f64>,
    /// Share of outcomes that are `Deceased`.
    pub inpatient_mortality: Option<f64>,
}

impl Measurements {
    /// The figure for a target key (see `model::TARGET_KEYS`); `None` for an unknown key or a
    /// figure the data cannot give.
    pub fn get(&self, key: &str) -> Option<f64> {
        match key {
            "arrival_share_10_to_22" => self.arrival_share_10_to_22,
            "arrival_share_00_to_06" => self.arrival_share_00_to_06,
            "triage_share_1" => self.triage_share[0],
            "triage_share_2" => self.triage_share[1],
            "triage_share_3" => self.triage_share[2],
            "triage_share_4" => self.triage_share[3],
            "triage_share_5" => self.triage_share[4],
            "ambulance_share" => self.ambulance_share,
            "wait_median_minutes" => self.wait_median_minutes,
            "wait_mean_minutes" => self.wait_mean_minutes,
            "wait_p90_minutes" => self.wait_p90_minutes,
            "level1_wait_mean_minutes" => self.level1_wait_mean_minutes,
            "evening_wait_ratio" => self.evening_wait_ratio,
            "wait_peak_hour" => self.wait_peak_hour,
            "staffing_slope_minutes_per_nurse" => self.staffing_slope_minutes_per_nurse,
            "ed_los_median_discharged" => self.ed_los_median_discharged,
            "ed_los_median_admitted" => self.ed_los_median_admitted,
            "admission_rate" => self.admission_rate,
            "lwbs_rate" => self.lwbs_rate,
            "alos_days" => self.alos_days,
            "occupancy_mean" => self.occupancy_mean,
            "readmission_rate" => self.readmission_rate,
            "inpatient_mortality" => self.inpatient_mortality,
            _ => None,
        }
    }
}

/// One compared target.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Target key.
    pub key: &'static str,
    /// Lowest acceptable value.
    pub low: f64,
    /// Highest acceptable value.
    pub high: f64,
    /// What the data gives (`None`: not measurable, counted as missed).
    pub measured: Option<f64>,
}

impl Verdict {
    /// `low ≤ measured ≤ high`.
    pub fn met(&self) -> bool {
        self.measured.is_some_and(|m| self.low <= m && m <= self.high)
    }
}

/// Compare measurements with targets, in `TARGET_KEYS` order.
pub fn compare(targets: &std::collections::BTreeMap<String, (f64, f64)>, m: &Measurements) -> Vec<Verdict> {
    TARGET_KEYS
        .iter()
        .filter_map(|&key| {
            let &(low, high) = targets.get(key)?;
            Some(Verdict {
                key,
                low,
                high,
                measured: m.get(key),
            })
        })
        .collect()
}

/// Decimals to print for a key: shares and ratios 3, the peak hour 0, minutes and days 2.
fn decimals(key: &str) -> usize {
    if key == "wait_peak_hour" {
        0
    } else if ["share", "rate", "ratio", "occupancy", "mortality"]
        .iter()
        .any(|w| key.contains(w))
    {
        3
    } else {
        2
    }
}

/// The result table (without the title line).
pub fn render(verdicts: &[Verdict]) -> String {
    let width = verdicts.iter().map(|v| v.key.len()).max().unwrap_or(0).max(6);
    let mut out = format!(
        "{:<width$} {:>10} {:>10} {:>10}  result\n",
        "target", "low", "high", "measured"
    );
    for v in verdicts {
        let d = decimals(v.key);
        let measured = v.measured.map_or("n/a".to_string(), |m| format!("{m:.d$}"));
        let result = match (v.met(), v.measured) {
            (true, _) => "ok",
            (false, Some(_)) => "MISSED",
            (false, None) => "MISSED (no data)",
        };
        out.push_str(&format!(
            "{:<width$} {:>10.d$} {:>10.d$} {measured:>10}  {result}\n",
            v.key, v.low, v.high
        ));
    }
    let met = verdicts.iter().filter(|v| v.met()).count();
    out.push_str(&format!("{met} of {} targets met\n", verdicts.len()));
    out
}

/// `hospigen check`: 0 when every declared target is met, 1 when one is missed; input errors
/// (profile, directory, URL, a profile without targets) come back as errors that exit 2.
pub fn run(args: &CheckArgs) -> anyhow::Result<i32> {
    let source = crate::read_profile(&args.profile)?;
    let overrides = Overrides {
        seed: 42,
        start: None,
        days: None,
        scale: 1.0,
    };
    let model = crate::build_model(&source, &overrides)?;
    if model.targets.is_empty() {
        return Err(UsageError(format!(
            "profile {} ({}) declares no [targets]: nothing to check",
            model.profile_name, source.label
        ))
        .into());
    }
    let started = std::time::Instant::now();
    let (m, shown) = match (&args.dir, &args.database_url) {
        (Some(dir), _) => (measure_dir(dir)?, dir.display().to_string()),
        (None, Some(url)) => (measure_database(url)?, redact_url(url)),
        (None, None) => return Err(UsageError("give --dir DIR or --database-url URL".into()).into()),
    };
    if !args.quiet {
        eprintln!(
            "measured {} ER visits, {} admissions in {:.1} s",
            m.er_visits,
            m.admissions,
            started.elapsed().as_secs_f64()
        );
    }
    let verdicts = compare(&model.targets, &m);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "hospigen check — profile {}, {} targets, {shown}",
        model.profile_name,
        verdicts.len()
    )?;
    writeln!(
        out,
        "data: {} ER visits ({} seen), {} admissions, {} outcomes, {} beds, {} days",
        m.er_visits, m.seen_visits, m.admissions, m.outcomes, m.beds, m.days
    )?;
    write!(out, "{}", render(&verdicts))?;
    out.flush()?;
    Ok(if verdicts.iter().all(Verdict::met) { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Measurements {
        measure::Accumulator::default().finish()
    }

    #[test]
    fn every_target_key_is_measured() {
        let x = Some(1.0);
        let full = Measurements {
            arrival_share_10_to_22: x,
            arrival_share_00_to_06: x,
            triage_share: [x; 5],
            ambulance_share: x,
            wait_median_minutes: x,
            wait_mean_minutes: x,
            wait_p90_minutes: x,
            level1_wait_mean_minutes: x,
            evening_wait_ratio: x,
            wait_peak_hour: x,
            staffing_slope_minutes_per_nurse: x,
            ed_los_median_discharged: x,
            ed_los_median_admitted: x,
            admission_rate: x,
            lwbs_rate: x,
            alos_days: x,
            occupancy_mean: x,
            readmission_rate: x,
            inpatient_mortality: x,
            ..empty()
        };
        for key in TARGET_KEYS {
            assert_eq!(full.get(key), x, "target key {key} is not measured");
        }
        assert_eq!(full.get("no_such_key"), None);
    }

    #[test]
    fn comparison_and_table() {
        let mut m = empty();
        m.lwbs_rate = Some(0.041);
        m.wait_median_minutes = Some(15.0);
        let mut targets = std::collections::BTreeMap::new();
        targets.insert("lwbs_rate".to_string(), (0.01, 0.03));
        targets.insert("wait_median_minutes".to_string(), (12.0, 20.0));
        targets.insert("alos_days".to_string(), (4.0, 5.0));
        let v = compare(&targets, &m);
        let keys: Vec<_> = v.iter().map(|v| v.key).collect();
        assert_eq!(keys, ["wait_median_minutes", "lwbs_rate", "alos_days"]);
        assert_eq!(
            v.iter().map(Verdict::met).collect::<Vec<_>>(),
            [true, false, false]
        );
        let text = render(&v);
        assert!(
            text.contains("wait_median_minutes      12.00      20.00      15.00  ok"),
            "{text}"
        );
        assert!(
            text.contains("lwbs_rate                0.010      0.030      0.041  MISSED"),
            "{text}"
        );
        assert!(text.contains("n/a  MISSED (no data)"), "{text}");
        assert!(text.ends_with("1 of 3 targets met\n"), "{text}");
    }

    #[test]
    fn bounds_are_inclusive() {
        let v = Verdict {
            key: "lwbs_rate",
            low: 0.01,
            high: 0.03,
            measured: Some(0.03),
        };
        assert!(v.met());
    }
}

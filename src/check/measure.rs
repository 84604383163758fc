//! The measurement accumulator: fed the raw column values of five tables, row by row, from a
//! CSV directory or a database alike, it computes one figure per target key.
//!
//! Everything it sums is an integer (minutes, seconds, counts), so the result does not depend on
//! the order rows arrive in; medians and percentiles sort what they keep.

use super::Measurements;
use super::stats::{Ols, median, occupancy, parse_timestamp, quantile_sorted};

/// The most columns [`Table::columns`] lists for one table.
pub(crate) const MAX_COLUMNS: usize = 8;

/// The tables `check` reads, and the columns it needs from each (in the order fed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    /// `er_visits`
    ErVisits,
    /// `admissions`
    Admissions,
    /// `outcomes`
    Outcomes,
    /// `beds`
    Beds,
    /// `dim_date`
    DimDate,
}

impl Table {
    /// Every table, in reading order.
    pub(crate) const ALL: [Table; 5] = [
        Table::ErVisits,
        Table::Admissions,
        Table::Outcomes,
        Table::Beds,
        Table::DimDate,
    ];

    /// Table name (file `<name>.csv`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Table::ErVisits => "er_visits",
            Table::Admissions => "admissions",
            Table::Outcomes => "outcomes",
            Table::Beds => "beds",
            Table::DimDate => "dim_date",
        }
    }

    /// The columns fed to [`Accumulator::feed`], in this order.
    pub(crate) fn columns(self) -> &'static [&'static str] {
        match self {
            Table::ErVisits => &[
                "hour_of_day",
                "triage_level",
                "admission_source",
                "staff_on_duty",
                "wait_time_minutes",
                "provider_seen_at",
                "ed_los_minutes",
                "disposition",
            ],
            Table::Admissions => &["admission_date", "discharge_date"],
            Table::Outcomes => &["outcome_status", "readmitted_within_30_days"],
            Table::Beds => &["bed_id"],
            Table::DimDate => &["calendar_date"],
        }
    }
}

fn need<'a>(v: Option<&'a str>, col: &str) -> Result<&'a str, String> {
    v.ok_or_else(|| format!("{col} is NULL"))
}

fn uint(v: Option<&str>, col: &str) -> Result<Option<u32>, String> {
    v.map(|s| {
        s.trim()
            .parse::<u32>()
            .map_err(|_| format!("{col}: '{s}' is not a non-negative integer"))
    })
    .transpose()
}

fn timestamp(v: Option<&str>, col: &str) -> Result<Option<i64>, String> {
    v.map(|s| {
        parse_timestamp(s).ok_or_else(|| format!("{col}: '{s}' is not a YYYY-MM-DD HH:MM:SS timestamp"))
    })
    .transpose()
}

/// Running sums over the rows fed so far.
#[derive(Debug, Default)]
pub(crate) struct Accumulator {
    visits: u64,
    by_hour: [u64; 24],
    by_triage: [u64; 5],
    ambulance: u64,
    admitted: u64,
    lwbs: u64,
    seen_waits: Vec<u32>,
    seen_wait_sum: u64,
    seen_by_hour: [(u64, u64); 24],
    level1: (u64, u64),
    staffing: Ols,
    los_discharged: Vec<u32>,
    los_admitted: Vec<u32>,
    admissions: u64,
    stay_seconds: i64,
    stays_discharged: u64,
    admits: Vec<i64>,
    discharges: Vec<i64>,
    outcomes: u64,
    deceased: u64,
    survivors_readmitted: u64,
    beds: u64,
    days: Vec<i64>,
}

impl Accumulator {
    /// Feed one row of `table`: the values of [`Table::columns`] in that order, `None` = NULL.
    pub(crate) fn feed(&mut self, table: Table, f: &[Option<&str>]) -> Result<(), String> {
        let cols = table.columns();
        debug_assert_eq!(f.len(), cols.len());
        match table {
            Table::ErVisits => self.visit(f, cols),
            Table::Admissions => {
                let admit = timestamp(Some(need(f[0], cols[0])?), cols[0])?.unwrap_or_default();
                let discharge = timestamp(f[1], cols[1])?;
                self.admissions += 1;
                self.admits.push(admit);
                if let Some(dis) = discharge {
                    self.stays_discharged += 1;
                    self.stay_seconds += dis - admit;
                    if dis > admit {
                        self.discharges.push(dis);
                    }
                }
                Ok(())
            }
            Table::Outcomes => {
                let status = need(f[0], cols[0])?;
                let readmitted = uint(Some(need(f[1], cols[1])?), cols[1])?.unwrap_or_default();
                self.outcomes += 1;
                if status == "Deceased" {
                    self.deceased += 1;
                } else if readmitted != 0 {
                    self.survivors_readmitted += 1;
                }
                Ok(())
            }
            Table::Beds => {
                self.beds += 1;
                Ok(())
            }
            Table::DimDate => {
                let day = timestamp(Some(need(f[0], cols[0])?), cols[0])?.unwrap_or_default();
                self.days.push(day);
                Ok(())
            }
        }
    }

    fn visit(&mut self, f: &[Option<&str>], cols: &[&str]) -> Result<(), String> {
        let hour = uint(f[0], cols[0])?;
        let triage = uint(f[1], cols[1])?;
        let staff = uint(f[3], cols[3])?;
        let wait = uint(f[4], cols[4])?;
        let seen = f[5].is_some();
        let los = uint(f[6], cols[6])?;
        let disposition = f[7].unwrap_or("");
        if let Some(h) = hour
            && h >= 24
        {
            return Err(format!("{}: {h} is not an hour (0–23)", cols[0]));
        }
        self.visits += 1;
        if let Some(h) = hour {
            self.by_hour[h as usize] += 1;
        }
        if let Some(t @ 1..=5) = triage {
            self.by_triage[t as usize - 1] += 1;
        }
        if f[2] == Some("Ambulance") {
            self.ambulance += 1;
        }
        match disposition {
            "Admitted" => {
                self.admitted += 1;
                self.los_admitted.extend(los);
            }
            "Discharged" => self.los_discharged.extend(los),
            "Left Without Being Seen" => self.lwbs += 1,
            _ => {}
        }
        if let (true, Some(w)) = (seen, wait) {
            self.seen_waits.push(w);
            self.seen_wait_sum += u64::from(w);
            if let Some(h) = hour {
                let slot = &mut self.seen_by_hour[h as usize];
                slot.0 += u64::from(w);
                slot.1 += 1;
            }
            if triage == Some(1) {
                self.level1.0 += u64::from(w);
                self.level1.1 += 1;
            }
            if let Some(n) = staff {
                self.staffing.add(n, w);
            }
        }
        Ok(())
    }

    /// Compute the figures.
    pub(crate) fn finish(mut self) -> Measurements {
        let visits = self.visits;
        let share = |n: u64, of: u64| (of > 0).then(|| n as f64 / of as f64);
        let mean = |(sum, n): (u64, u64)| (n > 0).then(|| sum as f64 / n as f64);
        let hours = |r: std::ops::Range<usize>| self.by_hour[r].iter().sum::<u64>();
        let seen = self.seen_waits.len() as u64;
        let evening = self.seen_by_hour[18..22]
            .iter()
            .fold((0, 0), |a, s| (a.0 + s.0, a.1 + s.1));
        let all = self
            .seen_by_hour
            .iter()
            .fold((0, 0), |a, s| (a.0 + s.0, a.1 + s.1));
        let other = (all.0 - evening.0, all.1 - evening.1);
        let evening_wait_ratio = match (mean(evening), mean(other)) {
            (Some(e), Some(o)) if o > 0.0 => Some(e / o),
            _ => None,
        };
        let mut peak: Option<(usize, f64)> = None;
        for (h, &slot) in self.seen_by_hour.iter().enumerate() {
            if let Some(m) = mean(slot)
                && peak.is_none_or(|(_, best)| m > best)
            {
                peak = Some((h, m));
            }
        }
        let wait_median_minutes = median(&mut self.seen_waits);
        let wait_p90_minutes = quantile_sorted(&self.seen_waits, 0.9);
        let survivors = self.outcomes - self.deceased;
        Measurements {
            er_visits: visits,
            seen_visits: seen,
            admissions: self.admissions,
            outcomes: self.outcomes,
            beds: self.beds,
            days: self.days.len() as u64,
            arrival_share_10_to_22: share(hours(10..22), visits),
            arrival_share_00_to_06: share(hours(0..6), visits),
            triage_share: self.by_triage.map(|n| share(n, visits)),
            ambulance_share: share(self.ambulance, visits),
            wait_median_minutes,
            wait_mean_minutes: mean((self.seen_wait_sum, seen)),
            wait_p90_minutes,
            level1_wait_mean_minutes: mean(self.level1),
            evening_wait_ratio,
            wait_peak_hour: peak.map(|(h, _)| h as f64),
            staffing_slope_minutes_per_nurse: self.staffing.slope(),
            ed_los_median_discharged: median(&mut self.los_discharged),
            ed_los_median_admitted: median(&mut self.los_admitted),
            admission_rate: share(self.admitted, visits),
            lwbs_rate: share(self.lwbs, visits),
            alos_days: (self.stays_discharged > 0)
                .then(|| self.stay_seconds as f64 / self.stays_discharged as f64 / 86_400.0),
            occupancy_mean: occupancy(&mut self.admits, &mut self.discharges, &mut self.days, self.beds),
            readmission_rate: share(self.survivors_readmitted, survivors),
            inpatient_mortality: share(self.deceased, self.outcomes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_lists_fit() {
        assert!(Table::ALL.iter().all(|t| t.columns().len() <= MAX_COLUMNS));
    }

    fn visit(
        acc: &mut Accumulator,
        hour: &str,
        triage: &str,
        staff: &str,
        wait: &str,
        seen: bool,
        disp: &str,
    ) {
        let row = [
            Some(hour),
            Some(triage),
            Some(if triage == "1" { "Ambulance" } else { "Walk-In" }),
            Some(staff),
            Some(wait),
            seen.then_some("2025-01-01 00:00:00"),
            Some("100"),
            Some(disp),
        ];
        acc.feed(Table::ErVisits, &row).unwrap();
    }

    #[test]
    fn accumulator_end_to_end() {
        let mut acc = Accumulator::default();
        visit(&mut acc, "19", "1", "4", "40", true, "Admitted");
        visit(&mut acc, "19", "3", "6", "20", true, "Discharged");
        visit(&mut acc, "3", "3", "8", "10", true, "Discharged");
        visit(&mut acc, "12", "4", "6", "99", false, "Left Without Being Seen");
        acc.feed(
            Table::Admissions,
            &[Some("2025-01-01 12:00:00"), Some("2025-01-03 00:00:00")],
        )
        .unwrap();
        acc.feed(Table::Admissions, &[Some("2025-01-02 06:00:00"), None])
            .unwrap();
        for day in ["2025-01-02", "2025-01-03"] {
            acc.feed(Table::DimDate, &[Some(day)]).unwrap();
        }
        acc.feed(Table::Beds, &[Some("1")]).unwrap();
        acc.feed(Table::Beds, &[Some("2")]).unwrap();
        acc.feed(Table::Outcomes, &[Some("Recovered"), Some("1")])
            .unwrap();
        acc.feed(Table::Outcomes, &[Some("Deceased"), Some("0")]).unwrap();
        acc.feed(Table::Outcomes, &[Some("Improved"), Some("0")]).unwrap();
        let m = acc.finish();
        assert_eq!((m.er_visits, m.seen_visits), (4, 3));
        assert_eq!(m.get("triage_share_3"), Some(0.5));
        assert_eq!(m.get("ambulance_share"), Some(0.25));
        assert_eq!(m.get("arrival_share_10_to_22"), Some(0.75));
        assert_eq!(m.get("arrival_share_00_to_06"), Some(0.25));
        assert_eq!(m.get("wait_median_minutes"), Some(20.0));
        assert_eq!(m.get("wait_mean_minutes"), Some(70.0 / 3.0));
        assert_eq!(m.get("level1_wait_mean_minutes"), Some(40.0));
        assert_eq!(m.get("evening_wait_ratio"), Some(3.0));
        assert_eq!(m.get("wait_peak_hour"), Some(19.0));
        // (4,40), (6,20), (8,10): slope −7.5
        assert_eq!(m.get("staffing_slope_minutes_per_nurse"), Some(-7.5));
        assert_eq!(m.get("lwbs_rate"), Some(0.25));
        assert_eq!(m.get("admission_rate"), Some(0.25));
        assert_eq!(m.get("ed_los_median_admitted"), Some(100.0));
        assert_eq!(m.get("alos_days"), Some(1.5));
        // midnight 01-02: 1 (first stay); 01-03: 1 (second; first left at midnight) → 2/(2·2)
        assert_eq!(m.get("occupancy_mean"), Some(0.5));
        assert_eq!(m.get("inpatient_mortality"), Some(1.0 / 3.0));
        assert_eq!(m.get("readmission_rate"), Some(0.5));
    }

    #[test]
    fn bad_values_are_named() {
        let mut acc = Accumulator::default();
        let err = acc
            .feed(Table::Admissions, &[Some("yesterday"), None])
            .unwrap_err();
        assert!(err.contains("admission_date"), "{err}");
        let row = [Some("7"), Some("3"), None, Some("x"), None, None, None, None];
        let err = acc.feed(Table::ErVisits, &row).unwrap_err();
        assert!(err.contains("staff_on_duty"), "{err}");
    }
}

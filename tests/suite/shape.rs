//! Statistical shape with a fixed seed, computed here from the CSVs (independently of
//! `hospigen check`) and held to the published ranges in realism-parameters.md.

use super::util::*;

const DEFAULT_HOURLY: [f64; 24] = [
    2.56, 1.99, 1.83, 1.70, 1.26, 1.50, 1.68, 2.88, 4.12, 5.17, 5.83, 5.95, 5.93, 6.23, 5.53, 5.78, 5.86,
    5.93, 5.60, 5.66, 5.54, 4.54, 4.02, 2.90,
];
const DEFAULT_WEEKDAY: [f64; 7] = [1.14, 1.06, 1.02, 1.01, 0.98, 0.88, 0.92];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn within(name: &str, v: f64, lo: f64, hi: f64) {
    assert!(v >= lo && v <= hi, "{name} = {v:.3}, expected [{lo}, {hi}]");
}

#[test]
fn default_arrivals_follow_the_profile_curves() {
    let v = read_table(default_dataset(), "er_visits");
    let n = v.rows.len() as f64;
    let total: f64 = DEFAULT_HOURLY.iter().sum();
    let mut by_hour = [0.0; 24];
    for r in &v.rows {
        by_hour[v.int(r, "hour_of_day") as usize] += 1.0;
    }
    for h in 0..24 {
        let share = by_hour[h] / n * 100.0;
        let want = DEFAULT_HOURLY[h] / total * 100.0;
        assert!(
            (share - want).abs() < 0.4,
            "hour {h}: {share:.2} % vs {want:.2} %"
        );
    }
    // Visits per calendar day by weekday, relative to the mean, follow the weekday weights.
    let dates = read_table(default_dataset(), "dim_date");
    let mut days_of = [0.0; 7];
    for r in &dates.rows {
        days_of[dates.int(r, "day_of_week") as usize - 1] += 1.0;
    }
    let mut per_day = [0.0; 7];
    for r in &v.rows {
        let d = DAYS
            .iter()
            .position(|d| Some(*d) == v.get(r, "day_of_week"))
            .unwrap();
        per_day[d] += 1.0;
    }
    let mean_rate: f64 = (0..7).map(|d| per_day[d] / days_of[d]).sum::<f64>() / 7.0;
    let mean_w: f64 = DEFAULT_WEEKDAY.iter().sum::<f64>() / 7.0;
    for d in 0..7 {
        let ratio = per_day[d] / days_of[d] / mean_rate;
        let want = DEFAULT_WEEKDAY[d] / mean_w;
        assert!(
            (ratio - want).abs() < 0.04,
            "{}: {ratio:.3} vs {want:.3}",
            DAYS[d]
        );
    }
}

#[test]
fn default_triage_mode_and_dispositions() {
    let v = read_table(default_dataset(), "er_visits");
    let n = v.rows.len() as f64;
    let mix = [0.01, 0.15, 0.55, 0.26, 0.03];
    for (l, want) in mix.iter().enumerate() {
        let share = v
            .rows
            .iter()
            .filter(|r| v.int(r, "triage_level") == l as i64 + 1)
            .count() as f64
            / n;
        assert!(
            (share - want).abs() <= 0.015,
            "level {}: {share:.3} vs {want}",
            l + 1
        );
    }
    let share =
        |col: &str, val: &str| v.rows.iter().filter(|r| v.get(r, col) == Some(val)).count() as f64 / n;
    within(
        "ambulance share",
        share("admission_source", "Ambulance"),
        0.15,
        0.18,
    );
    within("admission rate", share("disposition", "Admitted"), 0.10, 0.145);
    within(
        "LWBS rate",
        share("disposition", "Left Without Being Seen"),
        0.01,
        0.03,
    );
    within("transfer rate", share("disposition", "Transferred"), 0.015, 0.035);
    // Older patients are admitted far more often (published: <18 ≈ 4–5 %, 65+ ≈ 28 %).
    let admit_rate = |lo: i64, hi: i64| {
        let group: Vec<_> = v
            .rows
            .iter()
            .filter(|r| (lo..=hi).contains(&v.int(r, "patient_age")))
            .collect();
        group
            .iter()
            .filter(|r| v.get(r, "disposition") == Some("Admitted"))
            .count() as f64
            / group.len() as f64
    };
    within("admission rate under 18", admit_rate(0, 17), 0.02, 0.07);
    within("admission rate 65+", admit_rate(65, 200), 0.22, 0.36);
}

#[test]
fn default_waits_and_lengths_of_stay_emerge_in_range() {
    let v = read_table(default_dataset(), "er_visits");
    let mut waits: Vec<f64> = v
        .rows
        .iter()
        .filter(|r| v.get(r, "provider_seen_at").is_some())
        .map(|r| v.int(r, "wait_time_minutes") as f64)
        .collect();
    within("wait mean", mean(&waits), 28.0, 45.0);
    within("wait median", median(&mut waits), 12.0, 20.0);
    let p90 = waits[waits.len() * 9 / 10];
    within("wait p90", p90, 70.0, 115.0);
    let los = |disp: &str| {
        let mut x: Vec<f64> = v
            .rows
            .iter()
            .filter(|r| v.get(r, "disposition") == Some(disp))
            .map(|r| v.int(r, "ed_los_minutes") as f64)
            .collect();
        median(&mut x)
    };
    within("ED LOS median, discharged", los("Discharged"), 150.0, 180.0);
    within("ED LOS median, admitted", los("Admitted"), 270.0, 340.0);
}

#[test]
fn default_inpatient_stays_and_occupancy() {
    let dir = default_dataset();
    let a = read_table(dir, "admissions");
    let los: Vec<f64> = a
        .rows
        .iter()
        .filter_map(|r| {
            let d = a.get(r, "discharge_date")?;
            Some((ts(d) - ts(a.get(r, "admission_date").unwrap())) as f64 / 86_400.0)
        })
        .collect();
    within("ALOS (days)", mean(&los), 4.3, 5.1);
    let ed_share = a
        .rows
        .iter()
        .filter(|r| a.get(r, "admission_type") == Some("Emergency"))
        .count() as f64
        / a.rows.len() as f64;
    within("share of admissions from the ED", ed_share, 0.5, 0.7);
    // Mean midnight census over staffed beds.
    let beds = read_table(dir, "beds").rows.len() as f64;
    let dates = read_table(dir, "dim_date");
    let midnights: Vec<i64> = dates
        .rows
        .iter()
        .map(|r| ts(&format!("{} 00:00:00", dates.get(r, "calendar_date").unwrap())))
        .collect();
    let mut census = 0usize;
    for r in &a.rows {
        let admit = ts(a.get(r, "admission_date").unwrap());
        let discharge = a.get(r, "discharge_date").map(ts).unwrap_or(i64::MAX);
        census += midnights.iter().filter(|&&m| admit < m && m < discharge).count();
    }
    within(
        "mean occupancy",
        census as f64 / midnights.len() as f64 / beds,
        0.62,
        0.78,
    );
    let o = read_table(dir, "outcomes");
    let alive: Vec<_> = o
        .rows
        .iter()
        .filter(|r| o.get(r, "outcome_status") != Some("Deceased"))
        .collect();
    let readmit = alive
        .iter()
        .filter(|r| o.int(r, "readmitted_within_30_days") == 1)
        .count() as f64
        / alive.len() as f64;
    within("30-day readmission", readmit, 0.10, 0.17);
    let died = o
        .rows
        .iter()
        .filter(|r| o.get(r, "outcome_status") == Some("Deceased"))
        .count() as f64
        / o.rows.len() as f64;
    within("in-hospital mortality", died, 0.01, 0.03);
}

/// The ER Operations seed's three claims, measured from the CSVs.
#[test]
fn rush_hour_claims_emerge() {
    let v = read_table(rush_dataset(), "er_visits");
    let seen: Vec<_> = v
        .rows
        .iter()
        .filter(|r| v.get(r, "provider_seen_at").is_some())
        .collect();
    let wait = |r: &&Vec<Option<String>>| v.int(r, "wait_time_minutes") as f64;
    let hour = |r: &&Vec<Option<String>>| v.int(r, "hour_of_day");
    let evening: Vec<f64> = seen
        .iter()
        .filter(|r| (18..22).contains(&hour(r)))
        .map(wait)
        .collect();
    let other: Vec<f64> = seen
        .iter()
        .filter(|r| !(18..22).contains(&hour(r)))
        .map(wait)
        .collect();
    let ratio = mean(&evening) / mean(&other);
    assert!(ratio >= 1.4, "evening arrivals wait only {ratio:.2}× as long");
    let by_hour: Vec<f64> = (0..24)
        .map(|h| mean(&seen.iter().filter(|r| hour(r) == h).map(wait).collect::<Vec<_>>()))
        .collect();
    let peak = (0..24)
        .max_by(|&a, &b| by_hour[a].partial_cmp(&by_hour[b]).unwrap())
        .unwrap();
    assert!((19..=21).contains(&peak), "waits peak at {peak}:00: {by_hour:?}");
    let l1: Vec<f64> = seen
        .iter()
        .filter(|r| v.int(r, "triage_level") == 1)
        .map(wait)
        .collect();
    assert!(mean(&l1) < 12.0, "Level 1 waits {:.1} min on average", mean(&l1));
    // Least-squares slope of wait on nurses on duty.
    let xs: Vec<f64> = seen.iter().map(|r| v.int(r, "staff_on_duty") as f64).collect();
    let ys: Vec<f64> = seen.iter().map(wait).collect();
    let (mx, my) = (mean(&xs), mean(&ys));
    let cov: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let var: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let slope = cov / var;
    assert!(
        (-12.0..=-5.0).contains(&slope),
        "wait changes by {slope:.1} min per extra nurse"
    );
}

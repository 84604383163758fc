//! The seed dashboards' own SQL, run unmodified against the loaded tables: the resource
//! dashboard's flat view (seed 000) and the ER dashboard's ten analysis queries (seed 003).
//! Each must run on our column names and give sensible rows, equal to the CSV figures.

use super::*;
use std::collections::BTreeMap;

/// Seed 000's `vw_hospital_dashboard_master` body: one flat row per admission.
const SEED_000_FLAT_VIEW: &str = "
SELECT
    a.admission_id,
    p.patient_id,
    p.patient_name,
    p.age,
    p.gender,
    p.insurance_type,
    d.department_name,
    doc.doctor_name,
    doc.available_hours,
    a.admission_type,
    a.bed_type,
    a.branch_name,
    a.admission_date,
    a.discharge_date,
    CASE
        WHEN a.discharge_date IS NOT NULL
        THEN DATEDIFF(a.discharge_date, a.admission_date)
        ELSE NULL
    END AS length_of_stay_days,
    CASE
        WHEN a.discharge_date IS NULL THEN 1
        ELSE 0
    END AS occupied_beds,
    1 AS patient_count,
    b.total_cost,
    b.medicine_cost,
    b.room_cost,
    b.procedure_cost,
    o.outcome_status,
    o.readmitted_within_30_days,
    CASE
        WHEN a.discharge_date IS NOT NULL THEN 1
        ELSE 0
    END AS discharge_count
FROM admissions a
JOIN patients p ON a.patient_id = p.patient_id
JOIN departments d ON a.department_id = d.department_id
JOIN doctors doc ON a.doctor_id = doc.doctor_id
LEFT JOIN billing b ON a.admission_id = b.admission_id
LEFT JOIN outcomes o ON a.admission_id = o.admission_id";

#[test]
fn seed_000_flat_view_query_runs_unmodified() {
    let Some(c) = ctx("seed_000_flat_view") else {
        return;
    };
    let d = c.d;
    let rows = c.q(SEED_000_FLAT_VIEW);
    assert_eq!(
        rows.len(),
        d.admissions.len(),
        "one row per admission (every key resolves)"
    );
    let ids: BTreeSet<i64> = rows.iter().map(|r| r.i("admission_id")).collect();
    assert_eq!(ids.len(), rows.len(), "admission ids are distinct");
    let adm: HashMap<i64, &Admission> = d.admissions.iter().map(|a| (a.id, a)).collect();
    let (mut occupied, mut discharges, mut cost) = (0, 0, 0);
    let mut los = Vec::new();
    for r in &rows {
        let a = adm[&r.i("admission_id")];
        let what = format!("admission {}", a.id);
        let p = &d.patients[&a.patient];
        assert_eq!(r.str("patient_name"), p.name, "{what}");
        assert_eq!(
            r.str("insurance_type"),
            p.insurance,
            "{what} (the patient's payer)"
        );
        assert_eq!(
            r.str("department_name"),
            d.departments[&a.department].name,
            "{what}"
        );
        // DATEDIFF: calendar days between the two dates.
        let want = a.discharged.map(|x| (x.date() - a.admitted.date()).num_days());
        assert_eq!(r.oi("length_of_stay_days"), want, "{what} LOS");
        assert!(want.is_none_or(|x| x >= 0), "{what}: discharged before admitted");
        los.extend(want);
        occupied += r.i("occupied_beds");
        discharges += r.i("discharge_count");
        cost += r.cents("total_cost");
        assert_eq!(
            r.s("outcome_status").is_some(),
            a.discharged.is_some(),
            "{what} outcome"
        );
    }
    let open = d.admissions.iter().filter(|a| a.discharged.is_none()).count() as i64;
    assert_eq!(occupied, open, "bed occupancy count");
    assert_eq!(discharges, d.admissions.len() as i64 - open, "discharges");
    assert_eq!(cost, d.bills.values().map(|b| b.total).sum::<i64>(), "total cost");

    // The seed's KPI cards and department load, as Power BI folds them onto the flat query.
    let kpi = c.one(&format!(
        "SELECT SUM(patient_count) AS admissions, SUM(discharge_count) AS discharges, \
         SUM(occupied_beds) AS occupied, AVG(length_of_stay_days) AS alos FROM ({SEED_000_FLAT_VIEW}) AS m"
    ));
    assert_eq!(kpi.i("admissions"), d.admissions.len() as i64);
    assert_eq!(
        (kpi.i("discharges"), kpi.i("occupied")),
        (d.admissions.len() as i64 - open, open)
    );
    let alos = avg(los.iter().map(|&x| x as f64)).unwrap();
    assert!(
        (kpi.f("alos") - alos).abs() < 0.001,
        "ALOS {} vs {alos}",
        kpi.f("alos")
    );
    assert!((2.0..10.0).contains(&alos), "average LOS {alos} days");
    let load = c.q(&format!(
        "SELECT department_name, COUNT(*) AS n FROM ({SEED_000_FLAT_VIEW}) AS m GROUP BY department_name"
    ));
    let mut want: BTreeMap<&str, i64> = BTreeMap::new();
    for a in &d.admissions {
        *want
            .entry(d.departments[&a.department].name.as_str())
            .or_default() += 1;
    }
    let got: BTreeMap<&str, i64> = load
        .iter()
        .map(|r| (r.str("department_name"), r.i("n")))
        .collect();
    assert_eq!(got, want, "department load");

    // Our master view keeps every column of the seed's, so a report built on it still binds.
    let ours = c.one("SELECT * FROM vw_hospital_dashboard_master LIMIT 1");
    for col in rows[0].cols.keys() {
        assert!(
            ours.cols.contains_key(col),
            "vw_hospital_dashboard_master lacks the seed column {col}"
        );
    }
}

// ---- Seed 003: the ER dashboard's analysis queries -------------------------------------------

/// Visits grouped by `key`, as (key -> visits).
fn by<K: Ord>(d: &Data, key: impl Fn(&Visit) -> K) -> BTreeMap<K, Vec<&Visit>> {
    let mut out: BTreeMap<K, Vec<&Visit>> = BTreeMap::new();
    for v in &d.visits {
        out.entry(key(v)).or_default().push(v);
    }
    out
}

fn mean_wait(vs: &[&Visit]) -> Option<f64> {
    avg(vs.iter().map(|v| v.wait as f64))
}

#[test]
fn seed_003_q1_wait_by_hour_of_day() {
    let Some(c) = ctx("seed_003_q1") else { return };
    let rows = c.q(
        "SELECT hour_of_day, COUNT(*) AS total_patients, ROUND(AVG(wait_time_minutes), 2) AS avg_wait_time
         FROM er_visits
         GROUP BY hour_of_day
         ORDER BY hour_of_day",
    );
    assert_eq!(rows.len(), 24, "24 hours");
    let want = by(c.d, |v| v.hour);
    for (r, (hour, vs)) in rows.iter().zip(&want) {
        assert_eq!(r.i("hour_of_day"), *hour);
        assert_eq!(r.i("total_patients") as usize, vs.len(), "hour {hour}");
        approx(r.of("avg_wait_time"), mean_wait(vs), format!("hour {hour}"));
    }
    // Arrivals peak in the day, not at 4 in the morning.
    let n = |h: i64| rows[h as usize].i("total_patients");
    assert!(n(11) > 2 * n(4), "11:00 {} vs 04:00 {}", n(11), n(4));
}

/// Seed 003's triage targets in minutes (level 1 "handled < 10 minutes").
const SEED_TARGETS: [i64; 5] = [10, 15, 30, 60, 120];

#[test]
fn seed_003_q2_triage_compliance() {
    let Some(c) = ctx("seed_003_q2") else { return };
    let rows = c.q("SELECT triage_level,
                COUNT(*) AS total_patients,
                ROUND(AVG(wait_time_minutes), 2) AS avg_wait_time,
                SUM(CASE
                        WHEN triage_level = 1 AND wait_time_minutes <= 10 THEN 1
                        WHEN triage_level = 2 AND wait_time_minutes <= 15 THEN 1
                        WHEN triage_level = 3 AND wait_time_minutes <= 30 THEN 1
                        WHEN triage_level = 4 AND wait_time_minutes <= 60 THEN 1
                        WHEN triage_level = 5 AND wait_time_minutes <= 120 THEN 1
                        ELSE 0
                    END) AS within_target,
                ROUND(100.0 * SUM(CASE
                        WHEN triage_level = 1 AND wait_time_minutes <= 10 THEN 1
                        WHEN triage_level = 2 AND wait_time_minutes <= 15 THEN 1
                        WHEN triage_level = 3 AND wait_time_minutes <= 30 THEN 1
                        WHEN triage_level = 4 AND wait_time_minutes <= 60 THEN 1
                        WHEN triage_level = 5 AND wait_time_minutes <= 120 THEN 1
                        ELSE 0
                    END) / COUNT(*), 2) AS compliance_pct
         FROM er_visits
         GROUP BY triage_level
         ORDER BY triage_level");
    assert_eq!(rows.len(), 5, "5 triage levels");
    let want = by(c.d, |v| v.triage);
    for (r, (level, vs)) in rows.iter().zip(&want) {
        assert_eq!(r.i("triage_level"), *level);
        let within = vs
            .iter()
            .filter(|v| v.wait <= SEED_TARGETS[(*level - 1) as usize])
            .count();
        assert_eq!(r.i("total_patients") as usize, vs.len(), "level {level}");
        assert_eq!(r.i("within_target") as usize, within, "level {level}");
        approx(
            r.of("compliance_pct"),
            pct(within, vs.len()),
            format!("level {level}"),
        );
        approx(r.of("avg_wait_time"), mean_wait(vs), format!("level {level}"));
    }
    // Critical patients wait less than the non-urgent ones.
    assert!(rows[0].f("avg_wait_time") < rows[4].f("avg_wait_time"));
}

#[test]
fn seed_003_q3_arrival_source() {
    let Some(c) = ctx("seed_003_q3") else { return };
    let rows = c.q("SELECT admission_source,
                COUNT(*) AS total_arrivals,
                ROUND(AVG(triage_level), 2) AS avg_triage_level,
                ROUND(AVG(wait_time_minutes), 2) AS avg_wait_time
         FROM er_visits
         GROUP BY admission_source
         ORDER BY total_arrivals DESC");
    assert_eq!(rows.len(), 3, "3 arrival sources");
    let want = by(c.d, |v| v.source.clone());
    for r in &rows {
        let source = r.str("admission_source");
        let vs = &want[source];
        assert_eq!(r.i("total_arrivals") as usize, vs.len(), "{source}");
        approx(
            r.of("avg_triage_level"),
            avg(vs.iter().map(|v| v.triage as f64)),
            source,
        );
        approx(r.of("avg_wait_time"), mean_wait(vs), source);
    }
    assert_eq!(
        rows[0].str("admission_source"),
        "Walk-In",
        "most patients walk in"
    );
    let acuity = |s: &str| {
        rows.iter()
            .find(|r| r.str("admission_source") == s)
            .unwrap()
            .f("avg_triage_level")
    };
    assert!(
        acuity("Ambulance") < acuity("Walk-In"),
        "ambulance arrivals are more acute"
    );
}

#[test]
fn seed_003_q4_waits_over_120_minutes() {
    let Some(c) = ctx("seed_003_q4") else { return };
    let r = c.one(
        "SELECT COUNT(*) AS long_waits,
                ROUND(100.0 * COUNT(*) / (SELECT COUNT(*) FROM er_visits), 2) AS pct_of_visits
         FROM er_visits
         WHERE wait_time_minutes > 120",
    );
    let n = c.d.visits.iter().filter(|v| v.wait > 120).count();
    assert_eq!(r.i("long_waits") as usize, n);
    approx(r.of("pct_of_visits"), pct(n, c.d.visits.len()), "% over 120");
    assert!(
        r.f("pct_of_visits") < 50.0,
        "most visits wait less than two hours"
    );
}

#[test]
fn seed_003_q5_wait_by_staff_on_duty() {
    let Some(c) = ctx("seed_003_q5") else { return };
    let rows = c.q("SELECT staff_on_duty,
                COUNT(*) AS total_patients,
                ROUND(AVG(wait_time_minutes), 2) AS avg_wait_time
         FROM er_visits
         GROUP BY staff_on_duty
         ORDER BY staff_on_duty");
    let want = by(c.d, |v| v.staff);
    assert!(rows.len() >= 3, "several staffing levels: {rows:?}");
    assert_eq!(rows.len(), want.len());
    for (r, (staff, vs)) in rows.iter().zip(&want) {
        assert_eq!(r.i("staff_on_duty"), *staff);
        assert_eq!(r.i("total_patients") as usize, vs.len(), "{staff} nurses");
        approx(r.of("avg_wait_time"), mean_wait(vs), format!("{staff} nurses"));
    }
    let total: i64 = rows.iter().map(|r| r.i("total_patients")).sum();
    assert_eq!(total as usize, c.d.visits.len());
}

#[test]
fn seed_003_q6_shift_bins() {
    let Some(c) = ctx("seed_003_q6") else { return };
    let rows = c.q("SELECT CASE
                    WHEN hour_of_day BETWEEN 6 AND 11 THEN 'Morning'
                    WHEN hour_of_day BETWEEN 12 AND 17 THEN 'Afternoon'
                    WHEN hour_of_day BETWEEN 18 AND 21 THEN 'Evening Rush'
                    ELSE 'Night'
                END AS shift,
                COUNT(*) AS total_patients,
                ROUND(AVG(wait_time_minutes), 2) AS avg_wait_time
         FROM er_visits
         GROUP BY shift
         ORDER BY total_patients DESC");
    assert_eq!(rows.len(), 4, "4 shifts");
    let want = by(c.d, |v| match v.hour {
        6..=11 => "Morning",
        12..=17 => "Afternoon",
        18..=21 => "Evening Rush",
        _ => "Night",
    });
    for r in &rows {
        let shift = r.str("shift");
        let vs = &want[shift];
        assert_eq!(r.i("total_patients") as usize, vs.len(), "{shift}");
        approx(r.of("avg_wait_time"), mean_wait(vs), shift);
    }
}

#[test]
fn seed_003_q7_age_and_gender_bins() {
    let Some(c) = ctx("seed_003_q7") else { return };
    let rows = c.q("SELECT CASE
                    WHEN patient_age < 18 THEN '0-17'
                    WHEN patient_age < 35 THEN '18-34'
                    WHEN patient_age < 50 THEN '35-49'
                    WHEN patient_age < 65 THEN '50-64'
                    ELSE '65+'
                END AS age_group,
                patient_gender,
                COUNT(*) AS total_patients,
                ROUND(AVG(wait_time_minutes), 2) AS avg_wait_time
         FROM er_visits
         GROUP BY age_group, patient_gender
         ORDER BY age_group, patient_gender");
    assert_eq!(rows.len(), 10, "5 age bins x 2 genders");
    let want = by(c.d, |v| {
        let bin = match v.age {
            ..18 => "0-17",
            18..35 => "18-34",
            35..50 => "35-49",
            50..65 => "50-64",
            _ => "65+",
        };
        (bin, v.gender.clone())
    });
    for r in &rows {
        let key = (r.str("age_group"), r.str("patient_gender").to_string());
        let vs = &want[&key];
        assert_eq!(r.i("total_patients") as usize, vs.len(), "{key:?}");
        approx(r.of("avg_wait_time"), mean_wait(vs), format!("{key:?}"));
    }
}

#[test]
fn seed_003_q8_insurance_share() {
    let Some(c) = ctx("seed_003_q8") else { return };
    let rows = c.q("SELECT insurance_type,
                COUNT(*) AS total_patients,
                ROUND(COUNT(*) * 100.0 / SUM(COUNT(*)) OVER (), 2) AS share_pct
         FROM er_visits
         GROUP BY insurance_type
         ORDER BY total_patients DESC");
    let want = by(c.d, |v| v.insurance.clone());
    assert_eq!(rows.len(), want.len());
    assert!(rows.len() >= 3, "{rows:?}");
    for r in &rows {
        let ins = r.str("insurance_type");
        assert_eq!(r.i("total_patients") as usize, want[ins].len(), "{ins}");
        approx(r.of("share_pct"), pct(want[ins].len(), c.d.visits.len()), ins);
    }
    let sum: f64 = rows.iter().map(|r| r.f("share_pct")).sum();
    assert!((sum - 100.0).abs() <= 0.05, "shares sum to {sum}");
}

#[test]
fn seed_003_q9_weekday() {
    let Some(c) = ctx("seed_003_q9") else { return };
    let rows = c.q("SELECT day_of_week,
                COUNT(*) AS total_patients,
                ROUND(AVG(wait_time_minutes), 2) AS avg_wait_time
         FROM er_visits
         GROUP BY day_of_week
         ORDER BY FIELD(day_of_week, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday',
                        'Saturday', 'Sunday')");
    assert_eq!(rows.len(), 7, "7 weekdays");
    let want = by(c.d, |v| v.weekday.clone());
    for (r, day) in rows.iter().zip(WEEKDAYS) {
        assert_eq!(r.str("day_of_week"), day);
        assert_eq!(r.i("total_patients") as usize, want[day].len(), "{day}");
        approx(r.of("avg_wait_time"), mean_wait(&want[day]), day);
    }
}

#[test]
fn seed_003_q10_monthly_growth_with_lag() {
    let Some(c) = ctx("seed_003_q10") else { return };
    let rows = c.q("SELECT visit_month,
                total_visits,
                LAG(total_visits) OVER (ORDER BY visit_month) AS previous_month_visits,
                ROUND(100.0 * (total_visits - LAG(total_visits) OVER (ORDER BY visit_month))
                      / LAG(total_visits) OVER (ORDER BY visit_month), 2) AS mom_growth_pct
         FROM (
             SELECT DATE_FORMAT(visit_timestamp, '%Y-%m') AS visit_month, COUNT(*) AS total_visits
             FROM er_visits
             GROUP BY DATE_FORMAT(visit_timestamp, '%Y-%m')
         ) AS monthly
         ORDER BY visit_month");
    assert_eq!(rows.len(), 12, "12 months");
    let want = by(c.d, |v| v.at.format("%Y-%m").to_string());
    let mut prev: Option<usize> = None;
    for (r, (month, vs)) in rows.iter().zip(&want) {
        assert_eq!(r.str("visit_month"), month);
        assert_eq!(r.i("total_visits") as usize, vs.len(), "{month}");
        assert_eq!(r.oi("previous_month_visits"), prev.map(|p| p as i64), "{month}");
        let growth = prev.map(|p| 100.0 * (vs.len() as f64 - p as f64) / p as f64);
        approx(r.of("mom_growth_pct"), growth, format!("{month} growth"));
        if let Some(g) = growth {
            assert!(g.abs() < 50.0, "{month}: month-over-month growth {g}%");
        }
        prev = Some(vs.len());
    }
}

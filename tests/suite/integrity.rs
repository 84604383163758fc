//! One consistent world: keys resolve, times are ordered, a bed holds one patient at a
//! time, and readmission flags match the admissions that really follow.

use super::util::*;
use std::collections::{HashMap, HashSet};

fn ids(t: &Table, col: &str) -> HashSet<i64> {
    t.rows.iter().map(|r| t.int(r, col)).collect()
}

fn assert_fk(child: &Table, col: &str, parent: &HashSet<i64>, what: &str) {
    for r in &child.rows {
        if let Some(v) = child.opt_int(r, col) {
            assert!(parent.contains(&v), "{what}: {col}={v} does not resolve");
        }
    }
}

#[test]
fn default_dataset_is_consistent() {
    check_dataset(default_dataset());
}

#[test]
fn multi_site_dataset_is_consistent() {
    let dir = generate(
        "integrity-large",
        &["--profile", "large", "--days", "45", "--scale", "0.25"],
    );
    check_dataset(dir.path());
}

fn check_dataset(dir: &std::path::Path) {
    let hospitals = read_table(dir, "hospitals");
    let departments = read_table(dir, "departments");
    let beds = read_table(dir, "beds");
    let doctors = read_table(dir, "doctors");
    let patients = read_table(dir, "patients");
    let visits = read_table(dir, "er_visits");
    let admissions = read_table(dir, "admissions");
    let procedures = read_table(dir, "procedures");
    let billing = read_table(dir, "billing");
    let outcomes = read_table(dir, "outcomes");
    let staffing = read_table(dir, "ed_staffing");

    let hospital_ids = ids(&hospitals, "hospital_id");
    let department_ids = ids(&departments, "department_id");
    let bed_ids = ids(&beds, "bed_id");
    let doctor_ids = ids(&doctors, "doctor_id");
    let patient_ids = ids(&patients, "patient_id");
    let visit_ids = ids(&visits, "visit_id");
    let admission_ids = ids(&admissions, "admission_id");

    // Primary keys are unique and written in ascending order.
    for (t, col) in [
        (&beds, "bed_id"),
        (&doctors, "doctor_id"),
        (&patients, "patient_id"),
        (&visits, "visit_id"),
        (&admissions, "admission_id"),
        (&procedures, "procedure_id"),
        (&billing, "bill_id"),
        (&outcomes, "outcome_id"),
        (&staffing, "shift_id"),
    ] {
        let v: Vec<i64> = t.rows.iter().map(|r| t.int(r, col)).collect();
        assert!(v.windows(2).all(|w| w[0] < w[1]), "{col} not strictly ascending");
    }

    // Foreign keys.
    for (t, col) in [
        (&beds, "hospital_id"),
        (&doctors, "hospital_id"),
        (&patients, "hospital_id"),
        (&visits, "hospital_id"),
        (&admissions, "hospital_id"),
        (&staffing, "hospital_id"),
    ] {
        assert_fk(t, col, &hospital_ids, "hospital");
    }
    assert_fk(&beds, "department_id", &department_ids, "beds");
    assert_fk(&doctors, "department_id", &department_ids, "doctors");
    assert_fk(&admissions, "department_id", &department_ids, "admissions");
    assert_fk(&admissions, "bed_id", &bed_ids, "admissions");
    assert_fk(&admissions, "doctor_id", &doctor_ids, "admissions");
    assert_fk(&admissions, "patient_id", &patient_ids, "admissions");
    assert_fk(&admissions, "er_visit_id", &visit_ids, "admissions");
    assert_fk(&visits, "patient_id", &patient_ids, "visits");
    assert_fk(&visits, "admission_id", &admission_ids, "visits");
    assert_fk(&procedures, "admission_id", &admission_ids, "procedures");
    assert_fk(&billing, "admission_id", &admission_ids, "billing");
    assert_fk(&outcomes, "admission_id", &admission_ids, "outcomes");
    assert_fk(&outcomes, "readmission_id", &admission_ids, "outcomes");

    // Every patient row is used.
    let used: HashSet<i64> = visits
        .rows
        .iter()
        .map(|r| visits.int(r, "patient_id"))
        .chain(admissions.rows.iter().map(|r| admissions.int(r, "patient_id")))
        .collect();
    assert_eq!(used, patient_ids, "patients without encounters, or the reverse");

    let dim_date = read_table(dir, "dim_date");
    let last_day = dim_date.rows.last().unwrap()[0].as_deref().unwrap().to_string();
    let horizon_end = ts(&format!("{last_day} 00:00:00")) + 86_400;
    // ED visit timestamps and dispositions agree.
    let admission_of_visit: HashMap<i64, i64> = admissions
        .rows
        .iter()
        .filter_map(|r| {
            admissions
                .opt_int(r, "er_visit_id")
                .map(|v| (v, admissions.int(r, "admission_id")))
        })
        .collect();
    for r in &visits.rows {
        let arrival = ts(visits.get(r, "visit_timestamp").unwrap());
        let departed = ts(visits.get(r, "departed_at").unwrap());
        let disposition = visits.get(r, "disposition").unwrap();
        let seen = visits.get(r, "provider_seen_at").map(ts);
        match seen {
            Some(s) => {
                assert!(arrival <= s && s <= departed, "times out of order: {r:?}");
                assert_eq!(visits.int(r, "wait_time_minutes"), (s - arrival) / 60);
                assert_ne!(disposition, "Left Without Being Seen");
            }
            None => {
                assert_eq!(disposition, "Left Without Being Seen", "unseen but {disposition}");
                assert_eq!(visits.int(r, "wait_time_minutes"), (departed - arrival) / 60);
            }
        }
        assert_eq!(visits.int(r, "ed_los_minutes"), (departed - arrival) / 60);
        // Admitted after the horizon end: the stay is not in the data yet.
        let admitted = disposition == "Admitted" && departed < horizon_end;
        assert_eq!(visits.opt_int(r, "admission_id").is_some(), admitted, "{r:?}");
        assert!(visits.opt_int(r, "admission_id").is_none() || disposition == "Admitted");
        assert_eq!(
            visits.opt_int(r, "boarding_minutes").is_some(),
            disposition == "Admitted"
        );
        if let Some(a) = visits.opt_int(r, "admission_id") {
            assert_eq!(
                admission_of_visit.get(&visits.int(r, "visit_id")),
                Some(&a),
                "visit/admission links disagree"
            );
        }
        let t = chrono::DateTime::from_timestamp(arrival, 0).unwrap();
        assert_eq!(visits.int(r, "hour_of_day"), chrono::Timelike::hour(&t) as i64);
        assert_eq!(
            visits.get(r, "day_of_week").unwrap(),
            chrono::Datelike::weekday(&t).to_string_full()
        );
    }

    // Admissions: discharge after admission; Emergency stays link to their visit.
    let horizon_start = ts(&format!(
        "{} 00:00:00",
        read_table(dir, "dim_date").rows[0][0].as_deref().unwrap()
    ));
    let mut stays_by_bed: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    let mut stays_by_patient: HashMap<i64, Vec<(i64, i64, Option<i64>)>> = HashMap::new();
    for r in &admissions.rows {
        let admit = ts(admissions.get(r, "admission_date").unwrap());
        let discharge = admissions.get(r, "discharge_date").map(ts);
        if let Some(d) = discharge {
            assert!(d > admit, "discharge before admission: {r:?}");
        }
        let kind = admissions.get(r, "admission_type").unwrap();
        let visit = admissions.opt_int(r, "er_visit_id");
        if kind == "Emergency" {
            // NULL only when the ED visit arrived before the horizon (boarders at its start).
            assert!(
                visit.is_some() || admit < horizon_start + 14 * 86_400,
                "Emergency stay without its ED visit: {r:?}"
            );
        } else {
            assert!(visit.is_none(), "{kind} stay linked to an ED visit");
        }
        stays_by_bed
            .entry(admissions.int(r, "bed_id"))
            .or_default()
            .push((admit, discharge.unwrap_or(i64::MAX)));
        stays_by_patient
            .entry(admissions.int(r, "patient_id"))
            .or_default()
            .push((
                admit,
                discharge.unwrap_or(i64::MAX),
                Some(admissions.int(r, "admission_id")),
            ));
    }
    for (bed, mut stays) in stays_by_bed {
        stays.sort();
        for w in stays.windows(2) {
            assert!(w[0].1 <= w[1].0, "bed {bed} holds two patients at once: {w:?}");
        }
    }
    for stays in stays_by_patient.values_mut() {
        stays.sort();
        for w in stays.windows(2) {
            assert!(w[0].1 <= w[1].0, "patient in two stays at once: {w:?}");
        }
    }

    // Readmission flag ⇔ a later admission of the same patient within 30 days of discharge.
    let stay: HashMap<i64, (i64, i64, i64)> = admissions
        .rows
        .iter()
        .map(|r| {
            let d = admissions.get(r, "discharge_date").map(ts).unwrap_or(i64::MAX);
            (
                admissions.int(r, "admission_id"),
                (
                    admissions.int(r, "patient_id"),
                    ts(admissions.get(r, "admission_date").unwrap()),
                    d,
                ),
            )
        })
        .collect();
    let mut flagged = 0;
    for r in &outcomes.rows {
        let (patient, _, discharge) = stay[&outcomes.int(r, "admission_id")];
        assert!(discharge != i64::MAX, "outcome for a stay still open");
        let truth = stays_by_patient[&patient]
            .iter()
            .filter(|(a, _, _)| *a >= discharge && *a - discharge <= 30 * 86_400)
            .map(|(_, _, id)| id.unwrap())
            .next();
        let flag = outcomes.int(r, "readmitted_within_30_days") == 1;
        assert_eq!(flag, truth.is_some(), "readmission flag wrong for {r:?}");
        assert_eq!(outcomes.opt_int(r, "readmission_id"), truth);
        flagged += flag as usize;
    }
    assert!(flagged > 0, "no readmissions at all");

    // Bills add up; one bill per admission, one outcome per discharged admission.
    assert_eq!(billing.rows.len(), admissions.rows.len());
    let discharged = admissions
        .rows
        .iter()
        .filter(|r| admissions.get(r, "discharge_date").is_some())
        .count();
    assert_eq!(outcomes.rows.len(), discharged);
    for r in &billing.rows {
        let cents = |c: &str| (billing.get(r, c).unwrap().parse::<f64>().unwrap() * 100.0).round() as i64;
        assert_eq!(
            cents("total_cost"),
            cents("room_cost") + cents("medicine_cost") + cents("procedure_cost")
        );
    }
    // Procedures happen during their stay.
    for r in &procedures.rows {
        let (_, admit, discharge) = stay[&procedures.int(r, "admission_id")];
        let t = ts(procedures.get(r, "procedure_date").unwrap());
        assert!(t >= admit && t <= discharge, "procedure outside its stay: {r:?}");
    }
    // Staffing: worked never exceeds scheduled.
    for r in &staffing.rows {
        assert!(staffing.int(r, "nurses_on_duty") <= staffing.int(r, "nurses_scheduled").max(1));
        assert!(ts(staffing.get(r, "shift_end").unwrap()) > ts(staffing.get(r, "shift_start").unwrap()));
    }
}

trait FullName {
    fn to_string_full(&self) -> String;
}

impl FullName for chrono::Weekday {
    fn to_string_full(&self) -> String {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self.num_days_from_monday() as usize]
            .to_string()
    }
}

//! Resource-utilization views: every figure recomputed from admissions, beds, billing and
//! outcomes CSVs.

use super::*;
use std::collections::BTreeMap;

fn dt(s: &str) -> NaiveDateTime {
    datetime(s)
}

fn opt_dt(v: Option<&str>) -> Option<NaiveDateTime> {
    v.map(datetime)
}

/// Band of a (rounded, as the view reports it) length of stay in days.
fn los_band(los: Option<f64>) -> (&'static str, i64) {
    match los {
        None => ("Still admitted", 7),
        Some(x) if x < 1.0 => ("< 1 day", 1),
        Some(x) if x < 3.0 => ("1-2 days", 2),
        Some(x) if x < 5.0 => ("3-4 days", 3),
        Some(x) if x < 8.0 => ("5-7 days", 4),
        Some(x) if x < 15.0 => ("8-14 days", 5),
        Some(_) => ("15+ days", 6),
    }
}

/// Midnight census per (hospital, bed type, date), straight from the definition.
fn census(d: &Data) -> BTreeMap<(i64, String, NaiveDate), i64> {
    let mut out = BTreeMap::new();
    for date in d.dates() {
        for a in &d.admissions {
            if a.in_census(date) {
                *out.entry((a.hospital, a.bed_type.clone(), date)).or_insert(0) += 1;
            }
        }
    }
    out
}

/// Staffed beds per (hospital, bed type), with 0 for bed types only admissions name.
fn staffed_beds(d: &Data) -> BTreeMap<(i64, String), i64> {
    let mut out = BTreeMap::new();
    for b in &d.beds {
        *out.entry((b.hospital, b.bed_type.clone())).or_insert(0) += 1;
    }
    for a in &d.admissions {
        out.entry((a.hospital, a.bed_type.clone())).or_insert(0);
    }
    out
}

/// (hospital, department, year, month).
type DeptMonth = (i64, i64, i32, u32);
/// A discharged stay and its outcome.
type Discharge<'a> = (&'a Admission, &'a Outcome);

fn by_id(d: &Data) -> HashMap<i64, &Admission> {
    d.admissions.iter().map(|a| (a.id, a)).collect()
}

#[test]
fn hospital_dashboard_master_one_row_per_admission() {
    let Some(c) = ctx("hospital_dashboard_master") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_hospital_dashboard_master ORDER BY admission_id");
    assert_eq!(rows.len(), d.admissions.len(), "row count = admissions");
    let adm = by_id(d);
    let doctors: HashMap<i64, &Doctor> = d.doctors.iter().map(|x| (x.id, x)).collect();
    let (mut occupied, mut discharged, mut total_cost) = (0, 0, 0);
    for r in &rows {
        let a = adm[&r.i("admission_id")];
        let what = format!("admission {}", a.id);
        let p = &d.patients[&a.patient];
        let doc = doctors[&a.doctor];
        assert_eq!(r.i("patient_id"), a.patient, "{what}");
        assert_eq!(r.str("patient_name"), p.name, "{what}");
        assert_eq!(r.i("age"), p.age, "{what}");
        assert_eq!(r.str("gender"), p.gender, "{what}");
        assert_eq!(r.str("insurance_type"), a.insurance, "{what}");
        assert_eq!(
            r.str("department_name"),
            d.departments[&a.department].name,
            "{what}"
        );
        assert_eq!(r.str("doctor_name"), doc.name, "{what}");
        assert_eq!(r.i("available_hours"), doc.available_hours, "{what}");
        assert_eq!(r.str("admission_type"), a.admission_type, "{what}");
        assert_eq!(r.str("bed_type"), a.bed_type, "{what}");
        assert_eq!(r.str("branch_name"), a.branch, "{what}");
        assert_eq!(dt(r.str("admission_date")), a.admitted, "{what}");
        assert_eq!(opt_dt(r.s("discharge_date")), a.discharged, "{what}");
        approx(r.of("length_of_stay_days"), a.los_days(), format!("{what} LOS"));
        assert_eq!(r.i("occupied_beds"), a.discharged.is_none() as i64, "{what}");
        assert_eq!(r.i("discharge_count"), a.discharged.is_some() as i64, "{what}");
        assert_eq!(r.i("patient_count"), 1, "{what}");
        let b = &d.bills[&a.id];
        assert_eq!(
            [
                r.cents("total_cost"),
                r.cents("medicine_cost"),
                r.cents("room_cost"),
                r.cents("procedure_cost")
            ],
            [b.total, b.medicine, b.room, b.procedure],
            "{what} costs"
        );
        let o = d.outcomes.get(&a.id);
        assert_eq!(r.s("outcome_status"), o.map(|o| o.status.as_str()), "{what}");
        assert_eq!(
            r.oi("readmitted_within_30_days"),
            o.map(|o| o.readmitted as i64),
            "{what}"
        );
        assert_eq!(r.i("hospital_id"), a.hospital, "{what}");
        occupied += r.i("occupied_beds");
        discharged += r.i("discharge_count");
        total_cost += r.cents("total_cost");
    }
    let open = d.admissions.iter().filter(|a| a.discharged.is_none()).count() as i64;
    assert!(open > 0, "the default year ends with patients in beds");
    assert_eq!(occupied, open, "occupied beds = open stays");
    assert_eq!(discharged, d.admissions.len() as i64 - open);
    assert_eq!(
        total_cost,
        d.bills.values().map(|b| b.total).sum::<i64>(),
        "total cost"
    );
    // The server-side sums a dashboard would show.
    let sums = c.one(
        "SELECT SUM(occupied_beds) AS occ, SUM(discharge_count) AS dis, SUM(patient_count) AS n, \
         SUM(total_cost) AS cost FROM vw_hospital_dashboard_master",
    );
    assert_eq!(
        (sums.i("occ"), sums.i("dis")),
        (open, d.admissions.len() as i64 - open)
    );
    assert_eq!(sums.i("n"), d.admissions.len() as i64);
    assert_eq!(sums.cents("cost"), total_cost);
}

#[test]
fn length_of_stay_and_bands_per_admission() {
    let Some(c) = ctx("length_of_stay") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_length_of_stay ORDER BY admission_id");
    assert_eq!(rows.len(), d.admissions.len());
    let adm = by_id(d);
    let mut bands: BTreeMap<i64, usize> = BTreeMap::new();
    for r in &rows {
        let a = adm[&r.i("admission_id")];
        let what = format!("admission {}", a.id);
        assert_eq!(r.i("hospital_id"), a.hospital, "{what}");
        assert_eq!(r.i("department_id"), a.department, "{what}");
        assert_eq!(
            r.str("department_name"),
            d.departments[&a.department].name,
            "{what}"
        );
        assert_eq!(r.str("bed_type"), a.bed_type, "{what}");
        assert_eq!(r.str("admission_type"), a.admission_type, "{what}");
        assert_eq!(r.str("insurance_type"), a.insurance, "{what}");
        assert_eq!(r.str("calendar_date"), a.admitted.date().to_string(), "{what}");
        assert_eq!(
            r.s("discharge_calendar_date"),
            a.discharged.map(|x| x.date().to_string()).as_deref(),
            "{what}"
        );
        assert_eq!(r.i("is_discharged"), a.discharged.is_some() as i64, "{what}");
        let los = r.of("length_of_stay_days");
        approx(los, a.los_days(), format!("{what} LOS"));
        let (band, order) = los_band(los);
        assert_eq!(
            (r.str("los_band"), r.i("los_band_order")),
            (band, order),
            "{what}"
        );
        *bands.entry(order).or_default() += 1;
    }
    assert!(bands.len() >= 6, "LOS bands seen: {bands:?}");
}

#[test]
fn discharged_patients_are_the_discharged_admissions() {
    let Some(c) = ctx("discharged_patients") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_discharged_patients ORDER BY admission_id");
    let want: Vec<&Admission> = d.admissions.iter().filter(|a| a.discharged.is_some()).collect();
    assert_eq!(rows.len(), want.len(), "row count = discharged admissions");
    let adm = by_id(d);
    for r in &rows {
        let a = adm[&r.i("admission_id")];
        let what = format!("admission {}", a.id);
        let dis = a.discharged.unwrap_or_else(|| panic!("{what} is not discharged"));
        let p = &d.patients[&a.patient];
        assert_eq!(
            (r.i("hospital_id"), r.i("patient_id")),
            (a.hospital, a.patient),
            "{what}"
        );
        assert_eq!(
            (r.str("patient_name"), r.i("age"), r.str("gender")),
            (p.name.as_str(), p.age, p.gender.as_str())
        );
        assert_eq!(r.str("insurance_type"), a.insurance, "{what}");
        assert_eq!(
            (r.i("department_id"), r.i("doctor_id")),
            (a.department, a.doctor),
            "{what}"
        );
        assert_eq!(
            r.str("department_name"),
            d.departments[&a.department].name,
            "{what}"
        );
        assert_eq!(dt(r.str("discharge_date")), dis, "{what}");
        assert_eq!(r.str("calendar_date"), dis.date().to_string(), "{what}");
        near(
            r.f("length_of_stay_days"),
            a.los_days().unwrap(),
            format!("{what} LOS"),
        );
        let o = &d.outcomes[&a.id];
        assert_eq!(r.str("outcome_status"), o.status, "{what}");
        assert_eq!(r.str("discharge_destination"), o.destination, "{what}");
        assert_eq!(r.i("readmitted_within_30_days"), o.readmitted as i64, "{what}");
        assert_eq!(r.oi("readmission_id"), o.readmission, "{what}");
        assert_eq!(r.cents("total_cost"), d.bills[&a.id].total, "{what}");
    }
}

#[test]
fn currently_admitted_are_the_open_stays() {
    let Some(c) = ctx("currently_admitted") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_currently_admitted ORDER BY admission_id");
    let open: Vec<&Admission> = d.admissions.iter().filter(|a| a.discharged.is_none()).collect();
    assert_eq!(rows.len(), open.len(), "row count = open stays");
    let beds: HashMap<i64, &Bed> = d.beds.iter().map(|b| (b.id, b)).collect();
    let doctors: HashMap<i64, &Doctor> = d.doctors.iter().map(|x| (x.id, x)).collect();
    for (r, a) in rows.iter().zip(open) {
        let what = format!("admission {}", a.id);
        assert_eq!(r.i("admission_id"), a.id);
        assert_eq!(
            (r.i("hospital_id"), r.i("patient_id")),
            (a.hospital, a.patient),
            "{what}"
        );
        assert_eq!(r.str("patient_name"), d.patients[&a.patient].name, "{what}");
        assert_eq!(r.str("doctor_name"), doctors[&a.doctor].name, "{what}");
        assert_eq!(
            r.str("department_name"),
            d.departments[&a.department].name,
            "{what}"
        );
        assert_eq!(r.i("bed_id"), a.bed, "{what}");
        assert_eq!(r.str("bed_label"), beds[&a.bed].label, "{what}");
        assert_eq!(r.str("bed_type"), a.bed_type, "{what}");
        assert_eq!(r.str("calendar_date"), a.admitted.date().to_string(), "{what}");
        near(
            r.f("days_in_hospital_at_horizon_end"),
            minutes(a.admitted, d.end_at()) as f64 / 1440.0,
            format!("{what} days so far"),
        );
    }
}

#[test]
fn bed_occupancy_daily_midnight_census_every_date() {
    let Some(c) = ctx("bed_occupancy_daily") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_bed_occupancy_daily ORDER BY hospital_id, bed_type, calendar_date");
    let staffed = staffed_beds(d);
    assert_eq!(
        rows.len(),
        staffed.len() * d.days as usize,
        "every date x hospital x bed type"
    );
    let census = census(d);
    let mut by_date_admissions: HashMap<(i64, String, NaiveDate), i64> = HashMap::new();
    let mut by_date_discharges: HashMap<(i64, String, NaiveDate), i64> = HashMap::new();
    for a in &d.admissions {
        *by_date_admissions
            .entry((a.hospital, a.bed_type.clone(), a.admitted.date()))
            .or_default() += 1;
        if let Some(x) = a.discharged {
            *by_date_discharges
                .entry((a.hospital, a.bed_type.clone(), x.date()))
                .or_default() += 1;
        }
    }
    let (mut census_sum, mut bed_days) = (0i64, 0i64);
    let mut rows = rows.iter();
    for ((h, bt), beds) in &staffed {
        for date in d.dates() {
            let r = rows.next().unwrap();
            let what = format!("hospital {h} {bt} {date}");
            assert_eq!(
                (r.i("hospital_id"), r.str("bed_type"), r.str("calendar_date")),
                (*h, bt.as_str(), date.to_string().as_str())
            );
            assert_eq!(
                (r.i("year"), r.i("month")),
                (date.year() as i64, date.month() as i64),
                "{what}"
            );
            assert_eq!(r.str("day_name"), date.format("%A").to_string(), "{what}");
            let weekend = matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
            assert_eq!(r.i("is_weekend"), weekend as i64, "{what}");
            let key = (*h, bt.clone(), date);
            let n = census.get(&key).copied().unwrap_or(0);
            assert_eq!(r.i("midnight_census"), n, "{what} midnight census");
            assert_eq!(r.i("staffed_beds"), *beds, "{what} beds");
            approx(
                r.of("occupancy_pct"),
                (*beds > 0).then(|| 100.0 * n as f64 / *beds as f64),
                &what,
            );
            let adm = by_date_admissions.get(&key).copied().unwrap_or(0);
            let dis = by_date_discharges.get(&key).copied().unwrap_or(0);
            assert_eq!(r.i("admissions"), adm, "{what} admissions");
            assert_eq!(r.i("discharges"), dis, "{what} discharges");
            census_sum += n;
            bed_days += beds;
        }
    }
    assert!(census_sum > 0);
    let mean = c.one(
        "SELECT ROUND(100 * SUM(midnight_census) / SUM(staffed_beds), 2) AS m FROM vw_bed_occupancy_daily",
    );
    near(
        mean.f("m"),
        100.0 * census_sum as f64 / bed_days as f64,
        "mean occupancy",
    );
}

#[test]
fn admissions_vs_discharges_daily_flow_and_rolling_averages() {
    let Some(c) = ctx("admissions_vs_discharges_daily") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_admissions_vs_discharges_daily ORDER BY hospital_id, calendar_date");
    assert_eq!(rows.len(), d.days as usize * d.hospitals.len());
    let mut rows = rows.iter();
    for h in d.hospital_ids() {
        let mut adm: HashMap<NaiveDate, i64> = HashMap::new();
        let mut dis: HashMap<NaiveDate, i64> = HashMap::new();
        for a in d.admissions.iter().filter(|a| a.hospital == h) {
            *adm.entry(a.admitted.date()).or_default() += 1;
            if let Some(x) = a.discharged {
                *dis.entry(x.date()).or_default() += 1;
            }
        }
        let mut history: Vec<(i64, i64)> = Vec::new();
        for date in d.dates() {
            let r = rows.next().unwrap();
            let what = format!("hospital {h} {date}");
            assert_eq!(
                (r.i("hospital_id"), r.str("calendar_date")),
                (h, date.to_string().as_str())
            );
            let (a, x) = (
                adm.get(&date).copied().unwrap_or(0),
                dis.get(&date).copied().unwrap_or(0),
            );
            assert_eq!((r.i("admissions"), r.i("discharges")), (a, x), "{what}");
            assert_eq!(r.i("net_change"), a - x, "{what}");
            assert_eq!(
                r.oi("admissions_change"),
                history.last().map(|p| a - p.0),
                "{what}"
            );
            assert_eq!(
                r.oi("discharges_change"),
                history.last().map(|p| x - p.1),
                "{what}"
            );
            history.push((a, x));
            let week = &history[history.len().saturating_sub(7)..];
            near(
                r.f("admissions_7d_avg"),
                avg(week.iter().map(|p| p.0 as f64)).unwrap(),
                format!("{what} admissions 7d"),
            );
            near(
                r.f("discharges_7d_avg"),
                avg(week.iter().map(|p| p.1 as f64)).unwrap(),
                format!("{what} discharges 7d"),
            );
        }
        let total: i64 = history.iter().map(|p| p.0).sum();
        let in_horizon = d
            .admissions
            .iter()
            .filter(|a| a.hospital == h && a.admitted >= d.start_at())
            .count() as i64;
        assert_eq!(total, in_horizon, "hospital {h}: admissions inside the horizon");
    }
}

#[test]
fn kpi_summary_headline_figures() {
    let Some(c) = ctx("kpi_summary") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_kpi_summary ORDER BY scope = 'All', hospital_id");
    assert_eq!(rows.len(), d.hospitals.len() + 1);
    let census = census(d);
    let mut scopes: Vec<Option<i64>> = d.hospital_ids().into_iter().map(Some).collect();
    scopes.push(None);
    for (r, h) in rows.iter().zip(scopes) {
        let what = format!("kpi {h:?}");
        let mine = |hospital: i64| h.is_none_or(|x| x == hospital);
        assert_eq!(
            r.str("scope"),
            if h.is_some() { "Hospital" } else { "All" },
            "{what}"
        );
        assert_eq!(r.oi("hospital_id"), h, "{what}");
        assert_eq!(r.str("horizon_start"), d.start.to_string(), "{what}");
        assert_eq!(r.str("horizon_end"), d.end().to_string(), "{what}");
        let adm: Vec<&Admission> = d.admissions.iter().filter(|a| mine(a.hospital)).collect();
        let open = adm.iter().filter(|a| a.discharged.is_none()).count() as i64;
        let beds = d.beds.iter().filter(|b| mine(b.hospital)).count() as i64;
        assert_eq!(r.i("total_admissions"), adm.len() as i64, "{what} admissions");
        assert_eq!(
            r.i("total_discharges"),
            adm.len() as i64 - open,
            "{what} discharges"
        );
        assert_eq!(r.i("currently_occupied_beds"), open, "{what} occupied");
        assert_eq!(r.i("staffed_beds"), beds, "{what} beds");
        approx(
            r.of("current_occupancy_pct"),
            pct(open as usize, beds as usize),
            format!("{what} occupancy"),
        );
        approx(
            r.of("average_los_days"),
            avg(adm.iter().filter_map(|a| a.los_days())),
            format!("{what} ALOS"),
        );
        let patient_minutes: i64 = adm
            .iter()
            .map(|a| a.minutes_within(d.start_at(), d.end_at()))
            .sum();
        near(
            r.f("patient_days"),
            patient_minutes as f64 / 1440.0,
            format!("{what} patient-days"),
        );
        let census_sum: i64 = census
            .iter()
            .filter(|((hh, _, _), _)| mine(*hh))
            .map(|(_, n)| n)
            .sum();
        approx(
            r.of("mean_bed_occupancy_pct"),
            Some(100.0 * census_sum as f64 / (beds * d.days) as f64),
            format!("{what} mean occupancy"),
        );
    }
}

#[test]
fn department_load_per_department() {
    let Some(c) = ctx("department_load") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_department_load ORDER BY hospital_id, department_id");
    let mut groups: BTreeMap<(i64, i64), Vec<&Admission>> = BTreeMap::new();
    for a in &d.admissions {
        groups.entry((a.hospital, a.department)).or_default().push(a);
    }
    assert_eq!(
        rows.iter()
            .map(|r| (r.i("hospital_id"), r.i("department_id")))
            .collect::<Vec<_>>(),
        groups.keys().copied().collect::<Vec<_>>()
    );
    for (r, ((h, dep), adm)) in rows.iter().zip(&groups) {
        let what = format!("hospital {h} department {dep}");
        let dept = &d.departments[dep];
        assert_eq!(
            (r.str("department_name"), r.str("service_line")),
            (dept.name.as_str(), dept.service_line.as_str())
        );
        assert_eq!(r.str("horizon_start"), d.start.to_string());
        let open = adm.iter().filter(|a| a.discharged.is_none()).count();
        assert_eq!(r.i("admissions") as usize, adm.len(), "{what}");
        assert_eq!(r.i("discharges") as usize, adm.len() - open, "{what}");
        assert_eq!(r.i("currently_admitted") as usize, open, "{what}");
        let pd = adm
            .iter()
            .map(|a| a.minutes_within(d.start_at(), d.end_at()))
            .sum::<i64>() as f64
            / 1440.0;
        near(r.f("patient_days"), pd, format!("{what} patient-days"));
        approx(
            r.of("alos_days"),
            avg(adm.iter().filter_map(|a| a.los_days())),
            format!("{what} ALOS"),
        );
        near(
            r.f("average_daily_census"),
            pd / d.days as f64,
            format!("{what} ADC"),
        );
        let beds = d
            .beds
            .iter()
            .filter(|b| b.hospital == *h && b.department == *dep)
            .count();
        assert_eq!(r.i("staffed_beds") as usize, beds, "{what} beds");
        approx(
            r.of("occupancy_pct"),
            (beds > 0).then(|| 100.0 * pd / d.days as f64 / beds as f64),
            format!("{what} occupancy"),
        );
        let hospital_total = d.admissions.iter().filter(|a| a.hospital == *h).count();
        approx(
            r.of("share_of_hospital_admissions_pct"),
            pct(adm.len(), hospital_total),
            format!("{what} share"),
        );
    }
}

#[test]
fn department_load_monthly_per_month() {
    let Some(c) = ctx("department_load_monthly") else {
        return;
    };
    let d = c.d;
    let rows =
        c.q("SELECT * FROM vw_department_load_monthly ORDER BY hospital_id, department_id, month_start");
    // Per (hospital, department, month): the stays overlapping the month.
    let mut groups: BTreeMap<DeptMonth, (i64, Vec<&Admission>)> = BTreeMap::new();
    for &(y, m, days) in &d.months() {
        let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap().max(d.start);
        let (from, to) = (midnight(first), midnight(first + chrono::Days::new(days as u64)));
        for a in &d.admissions {
            if a.admitted < to && a.discharged.is_none_or(|x| x >= from) {
                groups
                    .entry((a.hospital, a.department, y, m))
                    .or_insert((days, Vec::new()))
                    .1
                    .push(a);
            }
        }
    }
    let key = |r: &VRow| {
        (
            r.i("hospital_id"),
            r.i("department_id"),
            r.i("year") as i32,
            r.i("month") as u32,
        )
    };
    assert_eq!(
        rows.iter().map(key).collect::<Vec<_>>(),
        groups.keys().copied().collect::<Vec<_>>()
    );
    let mut month_admissions: HashMap<(i64, i32, u32), usize> = HashMap::new();
    let mut counted = Vec::new();
    for ((h, _, y, m), (days, adm)) in &groups {
        let first = NaiveDate::from_ymd_opt(*y, *m, 1).unwrap().max(d.start);
        let (from, to) = (midnight(first), midnight(first + chrono::Days::new(*days as u64)));
        let inside = |t: NaiveDateTime| from <= t && t < to;
        let admissions = adm.iter().filter(|a| inside(a.admitted)).count();
        let discharged: Vec<&&Admission> = adm.iter().filter(|a| a.discharged.is_some_and(inside)).collect();
        let los_sum: f64 = discharged.iter().map(|a| a.los_days().unwrap()).sum();
        let pd = adm.iter().map(|a| a.minutes_within(from, to)).sum::<i64>() as f64 / 1440.0;
        *month_admissions.entry((*h, *y, *m)).or_default() += admissions;
        counted.push((admissions, discharged.len(), los_sum, pd, *days, first));
    }
    for (r, (((h, dep, y, m), _), (admissions, discharges, los_sum, pd, days, first))) in
        rows.iter().zip(groups.iter().zip(counted))
    {
        let what = format!("hospital {h} department {dep} {y}-{m:02}");
        assert_eq!(r.str("department_name"), d.departments[dep].name, "{what}");
        assert_eq!(r.str("month_start"), first.to_string(), "{what}");
        assert_eq!(r.i("days_in_period"), days, "{what}");
        assert_eq!(r.i("admissions") as usize, admissions, "{what} admissions");
        assert_eq!(r.i("discharges") as usize, discharges, "{what} discharges");
        // An additive column: it must be the exact sum rounded once (not a sum of rounded terms).
        let got = r.f("los_days_sum");
        assert!(
            (got - los_sum).abs() <= 0.0051,
            "{what}: LOS sum {got}, expected {los_sum}"
        );
        approx(
            r.of("alos_days"),
            (discharges > 0).then(|| los_sum / discharges as f64),
            format!("{what} ALOS"),
        );
        near(r.f("patient_days"), pd, format!("{what} patient-days"));
        near(
            r.f("average_daily_census"),
            pd / days as f64,
            format!("{what} ADC"),
        );
        let total = month_admissions[&(*h, *y, *m)];
        approx(
            r.of("share_of_hospital_admissions_pct"),
            pct(admissions, total),
            format!("{what} share"),
        );
    }
    // Summed over the months, the admissions are those of the horizon.
    let sum = c
        .one("SELECT SUM(admissions) AS n FROM vw_department_load_monthly")
        .i("n");
    let in_horizon = d.admissions.iter().filter(|a| a.admitted >= d.start_at()).count() as i64;
    assert_eq!(sum, in_horizon);
}

#[test]
fn doctor_utilization_per_doctor() {
    let Some(c) = ctx("doctor_utilization") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_doctor_utilization ORDER BY doctor_id");
    let mut doctors: Vec<&Doctor> = d.doctors.iter().collect();
    doctors.sort_by_key(|x| x.id);
    assert_eq!(rows.len(), doctors.len());
    let mut attended = 0;
    for (r, doc) in rows.iter().zip(doctors) {
        let what = format!("doctor {}", doc.id);
        assert_eq!(r.i("doctor_id"), doc.id);
        assert_eq!(
            (r.str("doctor_name"), r.str("role")),
            (doc.name.as_str(), doc.role.as_str()),
            "{what}"
        );
        assert_eq!(
            (r.i("hospital_id"), r.i("department_id")),
            (doc.hospital, doc.department),
            "{what}"
        );
        assert_eq!(
            r.str("department_name"),
            d.departments[&doc.department].name,
            "{what}"
        );
        assert_eq!(r.i("available_hours"), doc.available_hours, "{what}");
        let hours = doc.available_hours as f64 * d.days as f64 / 365.0;
        near(r.f("available_hours_in_horizon"), hours, format!("{what} hours"));
        let adm: Vec<&Admission> = d.admissions.iter().filter(|a| a.doctor == doc.id).collect();
        let discharges = adm.iter().filter(|a| a.discharged.is_some()).count();
        assert_eq!(r.i("admissions") as usize, adm.len(), "{what} admissions");
        assert_eq!(r.i("discharges") as usize, discharges, "{what} discharges");
        let pd = adm
            .iter()
            .map(|a| a.minutes_within(d.start_at(), d.end_at()))
            .sum::<i64>() as f64
            / 1440.0;
        near(r.f("patient_days"), pd, format!("{what} patient-days"));
        approx(
            r.of("alos_days"),
            avg(adm.iter().filter_map(|a| a.los_days())),
            format!("{what} ALOS"),
        );
        approx(
            r.of("patients_per_100_available_hours"),
            (hours > 0.0).then(|| 100.0 * adm.len() as f64 / hours),
            format!("{what} per 100 h"),
        );
        near(
            r.f("average_daily_census"),
            pd / d.days as f64,
            format!("{what} ADC"),
        );
        attended += adm.len();
    }
    assert_eq!(attended, d.admissions.len(), "every admission has a doctor");
}

#[test]
fn billing_by_insurance_totals_and_shares() {
    let Some(c) = ctx("billing_by_insurance") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_billing_by_insurance ORDER BY hospital_id, insurance_type");
    let adm = by_id(d);
    let mut groups: BTreeMap<(i64, String), Vec<&Bill>> = BTreeMap::new();
    for b in d.bills.values() {
        let a = adm[&b.admission];
        groups
            .entry((a.hospital, a.insurance.clone()))
            .or_default()
            .push(b);
    }
    let keyed: BTreeMap<(i64, String), &VRow> = rows
        .iter()
        .map(|r| ((r.i("hospital_id"), r.str("insurance_type").to_string()), r))
        .collect();
    assert_eq!(
        keyed.keys().collect::<Vec<_>>(),
        groups.keys().collect::<Vec<_>>()
    );
    for ((h, ins), bills) in &groups {
        let r = keyed[&(*h, ins.clone())];
        let what = format!("hospital {h} {ins}");
        let sum = |f: fn(&Bill) -> i64| bills.iter().map(|b| f(b)).sum::<i64>();
        let n = bills.len();
        assert_eq!(r.i("bills") as usize, n, "{what}");
        assert_eq!(
            r.i("final_bills") as usize,
            bills.iter().filter(|b| b.status == "Final").count(),
            "{what}"
        );
        assert_eq!(
            r.i("interim_bills") as usize,
            bills.iter().filter(|b| b.status == "Interim").count(),
            "{what}"
        );
        assert_eq!(
            r.i("admissions_billed") as usize,
            n,
            "{what} (one bill per admission)"
        );
        let totals = [
            sum(|b| b.total),
            sum(|b| b.room),
            sum(|b| b.medicine),
            sum(|b| b.procedure),
        ];
        assert_eq!(
            [
                r.cents("total_cost"),
                r.cents("room_cost"),
                r.cents("medicine_cost"),
                r.cents("procedure_cost")
            ],
            totals,
            "{what} totals"
        );
        for (col, total) in [
            "avg_total_cost",
            "avg_room_cost",
            "avg_medicine_cost",
            "avg_procedure_cost",
        ]
        .iter()
        .zip(totals)
        {
            near(r.f(col), total as f64 / 100.0 / n as f64, format!("{what} {col}"));
        }
        let hospital_total: i64 = groups
            .iter()
            .filter(|((hh, _), _)| hh == h)
            .flat_map(|(_, b)| b.iter().map(|b| b.total))
            .sum();
        approx(
            r.of("share_of_hospital_cost_pct"),
            Some(100.0 * totals[0] as f64 / hospital_total as f64),
            format!("{what} share"),
        );
    }
}

#[test]
fn readmissions_per_department_and_payer() {
    let Some(c) = ctx("readmissions") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_readmissions ORDER BY hospital_id, department_id, insurance_type");
    let adm = by_id(d);
    let mut groups: BTreeMap<(i64, i64, String), Vec<Discharge>> = BTreeMap::new();
    for o in d.outcomes.values() {
        let a = adm[&o.admission];
        groups
            .entry((a.hospital, a.department, a.insurance.clone()))
            .or_default()
            .push((a, o));
    }
    let keyed: BTreeMap<(i64, i64, String), &VRow> = rows
        .iter()
        .map(|r| {
            (
                (
                    r.i("hospital_id"),
                    r.i("department_id"),
                    r.str("insurance_type").to_string(),
                ),
                r,
            )
        })
        .collect();
    assert_eq!(
        keyed.keys().collect::<Vec<_>>(),
        groups.keys().collect::<Vec<_>>()
    );
    let late_from = d.end_at() - chrono::Duration::days(30);
    let mut total_readmissions = 0;
    for (key, stays) in &groups {
        let r = keyed[key];
        let what = format!("{key:?}");
        assert_eq!(r.str("department_name"), d.departments[&key.1].name, "{what}");
        let alive = stays.iter().filter(|(_, o)| o.status != "Deceased").count();
        let readmitted = stays.iter().filter(|(_, o)| o.readmitted).count();
        let late = stays
            .iter()
            .filter(|(a, _)| a.discharged.unwrap() >= late_from)
            .count();
        assert_eq!(r.i("discharges") as usize, stays.len(), "{what}");
        assert_eq!(r.i("discharges_alive") as usize, alive, "{what}");
        assert_eq!(r.i("readmissions") as usize, readmitted, "{what}");
        approx(
            r.of("readmission_rate_pct"),
            pct(readmitted, alive),
            format!("{what} rate"),
        );
        assert_eq!(r.i("late_discharges") as usize, late, "{what} late");
        total_readmissions += readmitted;
    }
    assert!(total_readmissions > 0, "the default year has readmissions");
}

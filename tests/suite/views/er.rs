//! ER-operations views: every figure recomputed from er_visits.csv.

use super::*;
use std::collections::BTreeMap;

/// Figures of a group of visits, as the views define them (wait = wait_time_minutes of every
/// visit; LWBS = disposition 'Left Without Being Seen').
struct Stats {
    visits: usize,
    avg_wait: Option<f64>,
    median_wait: Option<f64>,
    p90_wait: Option<i64>,
    max_wait: Option<i64>,
    lwbs_pct: Option<f64>,
    admitted: usize,
    admission_pct: Option<f64>,
    over_120_pct: Option<f64>,
    within_target_pct: Option<f64>,
    avg_staff: Option<f64>,
    avg_providers: Option<f64>,
    avg_triage: Option<f64>,
    triage_1_2_pct: Option<f64>,
    avg_age: Option<f64>,
    avg_ed_los: Option<f64>,
    avg_boarding: Option<f64>,
}

fn stats(vs: &[&Visit]) -> Stats {
    let n = vs.len();
    let count = |f: &dyn Fn(&Visit) -> bool| vs.iter().filter(|v| f(v)).count();
    let waits: Vec<i64> = vs.iter().map(|v| v.wait).collect();
    let admitted = count(&|v| v.admitted());
    Stats {
        visits: n,
        avg_wait: avg(waits.iter().map(|&w| w as f64)),
        median_wait: median(waits.clone()),
        p90_wait: p90(waits.clone()),
        max_wait: waits.iter().copied().max(),
        lwbs_pct: pct(count(&|v| v.lwbs()), n),
        admitted,
        admission_pct: pct(admitted, n),
        over_120_pct: pct(count(&|v| v.wait > 120), n),
        within_target_pct: pct(count(&|v| v.within_target()), n),
        avg_staff: avg(vs.iter().map(|v| v.staff as f64)),
        avg_providers: avg(vs.iter().map(|v| v.providers as f64)),
        avg_triage: avg(vs.iter().map(|v| v.triage as f64)),
        triage_1_2_pct: pct(count(&|v| v.triage <= 2), n),
        avg_age: avg(vs.iter().map(|v| v.age as f64)),
        avg_ed_los: avg(vs.iter().map(|v| v.ed_los as f64)),
        avg_boarding: avg(vs.iter().filter_map(|v| v.boarding.map(|b| b as f64))),
    }
}

/// Visits grouped by `key`.
fn group<'a, K: Ord>(
    vs: impl Iterator<Item = &'a Visit>,
    key: impl Fn(&Visit) -> K,
) -> BTreeMap<K, Vec<&'a Visit>> {
    let mut out: BTreeMap<K, Vec<&Visit>> = BTreeMap::new();
    for v in vs {
        out.entry(key(v)).or_default().push(v);
    }
    out
}

/// The rows in the order of `groups`, after checking that they have exactly its keys.
#[track_caller]
fn keyed<'r, K: Ord + Clone + std::fmt::Debug, V>(
    rows: &'r [VRow],
    groups: &BTreeMap<K, V>,
    key: impl Fn(&VRow) -> K,
) -> Vec<&'r VRow> {
    let by_key: BTreeMap<K, &VRow> = rows.iter().map(|r| (key(r), r)).collect();
    assert_eq!(by_key.len(), rows.len(), "duplicate keys in the view");
    assert_eq!(
        by_key.keys().collect::<Vec<_>>(),
        groups.keys().collect::<Vec<_>>(),
        "the view's groups"
    );
    by_key.into_values().collect()
}

fn shift(hour: i64) -> (&'static str, i64) {
    match hour {
        6..=13 => ("Morning", 1),
        14..=21 => ("Afternoon", 2),
        _ => ("Night", 3),
    }
}

fn age_group(age: i64) -> (&'static str, i64) {
    match age {
        ..18 => ("Pediatric", 1),
        18..65 => ("Adult", 2),
        _ => ("Senior", 3),
    }
}

fn weekday_number(name: &str) -> i64 {
    WEEKDAYS
        .iter()
        .position(|w| *w == name)
        .unwrap_or_else(|| panic!("weekday {name}")) as i64
        + 1
}

#[test]
fn er_visit_detail_bins_and_flags_every_visit() {
    let Some(c) = ctx("er_visit_detail") else { return };
    let rows = c.q(
        "SELECT visit_id, hospital_id, calendar_date, `year`, `month`, hour_of_day, day_number, \
         arrival_shift, arrival_shift_order, triage_label, triage_target_minutes, age_group, \
         age_group_order, is_seen, is_seen_within_target, is_lwbs, is_admitted, is_wait_over_120 \
         FROM vw_er_visit_detail ORDER BY visit_id",
    );
    let mut visits: Vec<&Visit> = c.d.visits.iter().collect();
    visits.sort_by_key(|v| v.id);
    assert_eq!(rows.len(), visits.len(), "one row per visit");
    for (r, v) in rows.iter().zip(visits) {
        let what = format!("visit {}", v.id);
        assert_eq!(r.i("visit_id"), v.id, "{what}");
        assert_eq!(r.i("hospital_id"), v.hospital, "{what}");
        assert_eq!(r.str("calendar_date"), v.at.date().to_string(), "{what}");
        assert_eq!(r.i("year"), v.at.year() as i64, "{what}");
        assert_eq!(r.i("month"), v.at.month() as i64, "{what}");
        assert_eq!(r.i("hour_of_day"), v.hour, "{what}");
        assert_eq!(r.i("day_number"), weekday_number(&v.weekday), "{what}");
        let (sh, sh_order) = shift(v.hour);
        assert_eq!(
            (r.str("arrival_shift"), r.i("arrival_shift_order")),
            (sh, sh_order),
            "{what}"
        );
        let t = (v.triage - 1) as usize;
        assert_eq!(r.str("triage_label"), TRIAGE_LABEL[t], "{what}");
        assert_eq!(r.i("triage_target_minutes"), TRIAGE_TARGET[t], "{what}");
        let (ag, ag_order) = age_group(v.age);
        assert_eq!(
            (r.str("age_group"), r.i("age_group_order")),
            (ag, ag_order),
            "{what}"
        );
        assert_eq!(r.i("is_seen"), v.seen as i64, "{what}");
        assert_eq!(r.i("is_seen_within_target"), v.within_target() as i64, "{what}");
        assert_eq!(r.i("is_lwbs"), v.lwbs() as i64, "{what}");
        assert_eq!(r.i("is_admitted"), v.admitted() as i64, "{what}");
        assert_eq!(r.i("is_wait_over_120"), (v.wait > 120) as i64, "{what}");
    }
}

#[test]
fn er_hourly_matches_visits_waits_and_percentiles_per_hour() {
    let Some(c) = ctx("er_hourly") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_hourly ORDER BY hospital_id, hour_of_day");
    assert_eq!(rows.len(), 24 * d.hospitals.len());
    for r in &rows {
        let (h, hour) = (r.i("hospital_id"), r.i("hour_of_day"));
        let total = d.visits_of(h).count();
        let vs: Vec<&Visit> = d.visits_of(h).filter(|v| v.hour == hour).collect();
        let s = stats(&vs);
        let what = format!("hospital {h} hour {hour}");
        assert_eq!(r.i("visits") as usize, s.visits, "{what} visits");
        approx(r.of("share_of_arrivals_pct"), pct(s.visits, total), &what);
        near(r.f("avg_visits_per_day"), s.visits as f64 / d.days as f64, &what);
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} avg wait"));
        assert_eq!(r.of("median_wait_minutes"), s.median_wait, "{what} median wait");
        assert_eq!(r.oi("p90_wait_minutes"), s.p90_wait, "{what} p90 wait");
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
        approx(r.of("avg_staff_on_duty"), s.avg_staff, format!("{what} staff"));
    }
    let shares: f64 = rows.iter().map(|r| r.f("share_of_arrivals_pct")).sum();
    assert!(
        (shares - 100.0 * d.hospitals.len() as f64).abs() < 0.2,
        "shares sum to {shares}"
    );
}

#[test]
fn er_triage_compliance_per_level() {
    let Some(c) = ctx("er_triage_compliance") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_triage_compliance ORDER BY hospital_id, triage_level");
    let groups = group(d.visits.iter(), |v| (v.hospital, v.triage));
    assert_eq!(rows.len(), 5 * d.hospitals.len(), "five levels per hospital");
    let rows = keyed(&rows, &groups, |r| (r.i("hospital_id"), r.i("triage_level")));
    for (r, ((h, level), vs)) in rows.iter().zip(&groups) {
        let what = format!("hospital {h} level {level}");
        let t = (*level - 1) as usize;
        assert_eq!(r.str("triage_label"), TRIAGE_LABEL[t], "{what}");
        assert_eq!(r.i("target_minutes"), TRIAGE_TARGET[t], "{what}");
        let seen: Vec<&Visit> = vs.iter().copied().filter(|v| v.seen).collect();
        let within = vs.iter().filter(|v| v.within_target()).count();
        assert_eq!(r.i("visits") as usize, vs.len(), "{what} visits");
        assert_eq!(r.i("visits_seen") as usize, seen.len(), "{what} seen");
        assert_eq!(
            r.i("visits_lwbs") as usize,
            vs.iter().filter(|v| v.lwbs()).count(),
            "{what} LWBS"
        );
        assert_eq!(r.i("seen_within_target") as usize, within, "{what} within target");
        approx(
            r.of("avg_wait_minutes"),
            stats(vs).avg_wait,
            format!("{what} avg wait"),
        );
        approx(
            r.of("avg_wait_to_provider_minutes"),
            stats(&seen).avg_wait,
            format!("{what} wait to provider"),
        );
        assert_eq!(
            r.of("median_wait_to_provider_minutes"),
            median(seen.iter().map(|v| v.wait).collect()),
            "{what} median wait to provider"
        );
        approx(
            r.of("pct_seen_within_target"),
            pct(within, vs.len()),
            format!("{what} %"),
        );
        approx(
            r.of("pct_of_seen_within_target"),
            pct(within, seen.len()),
            format!("{what} % of seen"),
        );
    }
}

#[test]
fn er_staffing_effect_per_nurses_on_duty() {
    let Some(c) = ctx("er_staffing_effect") else {
        return;
    };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_staffing_effect ORDER BY hospital_id, staff_on_duty");
    let groups: Vec<_> = group(d.visits.iter(), |v| (v.hospital, v.staff))
        .into_iter()
        .filter(|(_, vs)| vs.len() >= 30)
        .collect();
    let groups: BTreeMap<_, _> = groups.into_iter().collect();
    let rows = keyed(&rows, &groups, |r| (r.i("hospital_id"), r.i("staff_on_duty")));
    for (r, ((h, staff), vs)) in rows.iter().zip(&groups) {
        let what = format!("hospital {h} nurses {staff}");
        let s = stats(vs);
        assert_eq!(r.i("visits") as usize, s.visits, "{what}");
        approx(
            r.of("avg_providers_on_duty"),
            s.avg_providers,
            format!("{what} providers"),
        );
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} avg wait"));
        assert_eq!(r.of("median_wait_minutes"), s.median_wait, "{what} median");
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
        approx(r.of("pct_wait_over_120"), s.over_120_pct, format!("{what} > 120"));
    }
}

#[test]
fn er_arrival_mode_per_source() {
    let Some(c) = ctx("er_arrival_mode") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_arrival_mode ORDER BY hospital_id, admission_source");
    let groups = group(d.visits.iter(), |v| (v.hospital, v.source.clone()));
    let sources: BTreeSet<&str> = rows.iter().map(|r| r.str("admission_source")).collect();
    assert_eq!(sources, BTreeSet::from(["Ambulance", "Referral", "Walk-In"]));
    let rows = keyed(&rows, &groups, |r| {
        (r.i("hospital_id"), r.str("admission_source").to_string())
    });
    for (r, ((h, source), vs)) in rows.iter().zip(&groups) {
        let what = format!("hospital {h} {source}");
        let s = stats(vs);
        assert_eq!(r.i("visits") as usize, s.visits, "{what}");
        approx(
            r.of("share_pct"),
            pct(s.visits, d.visits_of(*h).count()),
            format!("{what} share"),
        );
        approx(r.of("avg_triage_level"), s.avg_triage, format!("{what} triage"));
        approx(
            r.of("pct_triage_1_2"),
            s.triage_1_2_pct,
            format!("{what} ESI 1-2"),
        );
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
        approx(r.of("avg_ed_los_minutes"), s.avg_ed_los, format!("{what} ED LOS"));
        approx(r.of("admission_pct"), s.admission_pct, format!("{what} admitted"));
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
    }
}

#[test]
fn er_shift_per_arrival_shift() {
    let Some(c) = ctx("er_shift") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_shift ORDER BY hospital_id, arrival_shift_order");
    let groups = group(d.visits.iter(), |v| (v.hospital, shift(v.hour).1));
    assert_eq!(rows.len(), 3 * d.hospitals.len());
    let rows = keyed(&rows, &groups, |r| {
        (r.i("hospital_id"), r.i("arrival_shift_order"))
    });
    for (r, ((h, order), vs)) in rows.iter().zip(&groups) {
        let what = format!("hospital {h} shift {order}");
        assert_eq!(r.str("arrival_shift"), shift(vs[0].hour).0, "{what}");
        let s = stats(vs);
        assert_eq!(r.i("visits") as usize, s.visits, "{what}");
        approx(
            r.of("share_pct"),
            pct(s.visits, d.visits_of(*h).count()),
            format!("{what} share"),
        );
        near(
            r.f("avg_visits_per_day"),
            s.visits as f64 / d.days as f64,
            format!("{what} per day"),
        );
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
        assert_eq!(r.of("median_wait_minutes"), s.median_wait, "{what} median");
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
        approx(r.of("avg_staff_on_duty"), s.avg_staff, format!("{what} staff"));
        approx(
            r.of("avg_providers_on_duty"),
            s.avg_providers,
            format!("{what} providers"),
        );
    }
}

#[test]
fn er_demographics_per_age_group_and_gender() {
    let Some(c) = ctx("er_demographics") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_demographics ORDER BY hospital_id, age_group_order, patient_gender");
    let groups = group(d.visits.iter(), |v| {
        (v.hospital, age_group(v.age).1, v.gender.clone())
    });
    let rows = keyed(&rows, &groups, |r| {
        (
            r.i("hospital_id"),
            r.i("age_group_order"),
            r.str("patient_gender").to_string(),
        )
    });
    for (r, ((h, order, gender), vs)) in rows.iter().zip(&groups) {
        let what = format!("hospital {h} age group {order} {gender}");
        assert_eq!(r.str("age_group"), age_group(vs[0].age).0, "{what}");
        let s = stats(vs);
        assert_eq!(r.i("visits") as usize, s.visits, "{what}");
        approx(
            r.of("share_pct"),
            pct(s.visits, d.visits_of(*h).count()),
            format!("{what} share"),
        );
        approx(r.of("avg_age"), s.avg_age, format!("{what} age"));
        approx(r.of("avg_triage_level"), s.avg_triage, format!("{what} triage"));
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
        approx(r.of("admission_pct"), s.admission_pct, format!("{what} admitted"));
    }
}

#[test]
fn er_insurance_mix_shares() {
    let Some(c) = ctx("er_insurance_mix") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_insurance_mix ORDER BY hospital_id, insurance_type");
    let groups = group(d.visits.iter(), |v| (v.hospital, v.insurance.clone()));
    let keyed_rows = keyed(&rows, &groups, |r| {
        (r.i("hospital_id"), r.str("insurance_type").to_string())
    });
    for (r, ((h, ins), vs)) in keyed_rows.iter().zip(&groups) {
        let what = format!("hospital {h} {ins}");
        let s = stats(vs);
        assert_eq!(r.i("visits") as usize, s.visits, "{what}");
        approx(
            r.of("share_pct"),
            pct(s.visits, d.visits_of(*h).count()),
            format!("{what} share"),
        );
        assert_eq!(r.i("admitted") as usize, s.admitted, "{what} admitted");
        approx(
            r.of("admission_pct"),
            s.admission_pct,
            format!("{what} admitted %"),
        );
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
    }
    for h in d.hospital_ids() {
        let sum: f64 = rows
            .iter()
            .filter(|r| r.i("hospital_id") == h)
            .map(|r| r.f("share_pct"))
            .sum();
        assert!((sum - 100.0).abs() <= 0.05, "hospital {h}: shares sum to {sum}");
    }
}

#[test]
fn er_weekday_per_day_of_week() {
    let Some(c) = ctx("er_weekday") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_weekday ORDER BY hospital_id, day_number");
    let groups = group(d.visits.iter(), |v| (v.hospital, weekday_number(&v.weekday)));
    assert_eq!(rows.len(), 7 * d.hospitals.len());
    let rows = keyed(&rows, &groups, |r| (r.i("hospital_id"), r.i("day_number")));
    let days = d.weekday_counts();
    for (r, ((h, number), vs)) in rows.iter().zip(&groups) {
        let name = WEEKDAYS[(*number - 1) as usize];
        let what = format!("hospital {h} {name}");
        assert_eq!(r.str("day_of_week"), name, "{what}");
        let s = stats(vs);
        assert_eq!(r.i("visits") as usize, s.visits, "{what}");
        assert_eq!(r.i("days_in_horizon"), days[name], "{what} days");
        near(
            r.f("avg_visits_per_day"),
            s.visits as f64 / days[name] as f64,
            format!("{what} per day"),
        );
        approx(
            r.of("share_pct"),
            pct(s.visits, d.visits_of(*h).count()),
            format!("{what} share"),
        );
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
        approx(r.of("avg_staff_on_duty"), s.avg_staff, format!("{what} staff"));
    }
}

#[test]
fn er_heatmap_every_cell() {
    let Some(c) = ctx("er_heatmap") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_heatmap ORDER BY hospital_id, day_number, hour_of_day");
    assert_eq!(
        rows.len(),
        7 * 24 * d.hospitals.len(),
        "every weekday x hour cell"
    );
    let groups = group(d.visits.iter(), |v| {
        (v.hospital, weekday_number(&v.weekday), v.hour)
    });
    let days = d.weekday_counts();
    let mut total = 0;
    for r in &rows {
        let key = (r.i("hospital_id"), r.i("day_number"), r.i("hour_of_day"));
        let name = WEEKDAYS[(key.1 - 1) as usize];
        let what = format!("cell {key:?}");
        assert_eq!(r.str("day_of_week"), name, "{what}");
        let vs = groups.get(&key).map(Vec::as_slice).unwrap_or_default();
        let s = stats(vs);
        assert_eq!(r.i("visits") as usize, s.visits, "{what} visits");
        near(
            r.f("avg_visits_per_day"),
            s.visits as f64 / days[name] as f64,
            format!("{what} per day"),
        );
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
        total += s.visits;
    }
    assert_eq!(total, d.visits.len());
    let sum = c.one("SELECT SUM(visits) AS n FROM vw_er_heatmap").i("n");
    assert_eq!(sum as usize, d.visits.len(), "heatmap total");
}

#[test]
fn er_monthly_trend_visits_and_growth() {
    let Some(c) = ctx("er_monthly_trend") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_monthly_trend ORDER BY hospital_id, month_start");
    let months = d.months();
    assert_eq!(rows.len(), months.len() * d.hospitals.len());
    let mut rows = rows.iter();
    for h in d.hospital_ids() {
        let by_month = group(d.visits_of(h), |v| (v.at.year(), v.at.month()));
        let mut history: Vec<(usize, Option<f64>)> = Vec::new();
        for &(y, m, days) in &months {
            let r = rows.next().unwrap();
            let what = format!("hospital {h} {y}-{m:02}");
            assert_eq!(
                (r.i("hospital_id"), r.i("year"), r.i("month")),
                (h, y as i64, m as i64)
            );
            assert_eq!(r.str("month_label"), format!("{y}-{m:02}"), "{what}");
            assert_eq!(r.i("days_in_period"), days, "{what}");
            let vs = by_month.get(&(y, m)).map(Vec::as_slice).unwrap_or_default();
            let s = stats(vs);
            assert_eq!(r.i("visits") as usize, s.visits, "{what} visits");
            near(
                r.f("visits_per_day"),
                s.visits as f64 / days as f64,
                format!("{what} per day"),
            );
            approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
            approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
            let growth = history.last().and_then(|&(prev, _)| {
                (prev > 0).then(|| 100.0 * (s.visits as f64 - prev as f64) / prev as f64)
            });
            approx(r.of("mom_growth_pct"), growth, format!("{what} MoM growth"));
            history.push((s.visits, s.avg_wait));
            let last3 = &history[history.len().saturating_sub(3)..];
            approx(
                r.of("visits_3m_avg"),
                avg(last3.iter().map(|(n, _)| *n as f64)),
                format!("{what} 3-month visits"),
            );
            approx(
                r.of("avg_wait_3m_avg"),
                avg(last3.iter().filter_map(|(_, w)| *w)),
                format!("{what} 3-month wait"),
            );
        }
    }
}

#[test]
fn er_pulse_headline_figures() {
    let Some(c) = ctx("er_pulse") else { return };
    let d = c.d;
    let rows = c.q("SELECT * FROM vw_er_pulse ORDER BY scope = 'All', hospital_id");
    assert_eq!(rows.len(), d.hospitals.len() + 1);
    let mut scopes: Vec<(Option<i64>, Vec<&Visit>)> = d
        .hospital_ids()
        .into_iter()
        .map(|h| (Some(h), d.visits_of(h).collect()))
        .collect();
    scopes.push((None, d.visits.iter().collect()));
    for (r, (h, vs)) in rows.iter().zip(&scopes) {
        let what = format!("pulse {h:?}");
        assert_eq!(r.oi("hospital_id"), *h, "{what}");
        assert_eq!(
            r.str("scope"),
            if h.is_some() { "Hospital" } else { "All" },
            "{what}"
        );
        if let Some(h) = h {
            let name = &d.hospitals.iter().find(|x| x.id == *h).unwrap().name;
            assert_eq!(r.str("hospital_name"), name, "{what}");
        }
        let s = stats(vs);
        let first = vs.iter().map(|v| v.at).min().unwrap();
        let last = vs.iter().map(|v| v.at).max().unwrap();
        assert_eq!(r.str("first_arrival"), first.to_string(), "{what}");
        assert_eq!(r.str("last_arrival"), last.to_string(), "{what}");
        assert_eq!(r.i("total_visits") as usize, s.visits, "{what} visits");
        near(
            r.f("avg_visits_per_day"),
            s.visits as f64 / d.days as f64,
            format!("{what} per day"),
        );
        approx(r.of("avg_wait_minutes"), s.avg_wait, format!("{what} wait"));
        assert_eq!(r.of("median_wait_minutes"), s.median_wait, "{what} median");
        assert_eq!(r.oi("max_wait_minutes"), s.max_wait, "{what} max");
        approx(r.of("lwbs_pct"), s.lwbs_pct, format!("{what} LWBS"));
        approx(r.of("admission_pct"), s.admission_pct, format!("{what} admitted"));
        approx(r.of("pct_wait_over_120"), s.over_120_pct, format!("{what} > 120"));
        approx(
            r.of("pct_seen_within_target"),
            s.within_target_pct,
            format!("{what} target"),
        );
        approx(r.of("avg_ed_los_minutes"), s.avg_ed_los, format!("{what} ED LOS"));
        approx(
            r.of("avg_boarding_minutes"),
            s.avg_boarding,
            format!("{what} boarding"),
        );
    }
}

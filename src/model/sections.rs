//! Building the model's sections (holidays, patients, ED, departments) from the raw profile,
//! each value checked with its key path.

use super::validate::Check;
use super::{
    AGE_GROUPS, BED_TYPES, DepartmentModel, EdModel, PatientModel, ProcedureModel, ShiftModel, age_group,
    calendar, calibrate,
};
use crate::error::ProfileError;
use crate::profile::{Holidays, Profile};
use crate::rng::Weighted;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

pub(super) fn holidays(
    c: &Check,
    spec: Option<&Holidays>,
    start: NaiveDate,
    days: i64,
    warmup: i64,
) -> Result<BTreeMap<NaiveDate, String>, ProfileError> {
    let mut out = BTreeMap::new();
    match spec {
        None => {}
        Some(Holidays::Named(n)) if n == "none" => {}
        Some(Holidays::Named(n)) if n == "us-federal" => {
            let first = (start - chrono::Duration::days(warmup)).year();
            let last = (start + chrono::Duration::days(days)).year();
            for y in first..=last {
                for (d, name) in calendar::us_federal_holidays(y) {
                    out.insert(d, name.to_string());
                }
            }
        }
        Some(Holidays::Named(n)) => {
            return Err(c.err(
                "calendar.holidays",
                &format!("'{n}' is not a holiday set (use \"us-federal\", \"none\" or a list of dates)"),
            ));
        }
        Some(Holidays::Dates(list)) => {
            for (i, s) in list.iter().enumerate() {
                let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                    c.err(
                        &format!("calendar.holidays[{i}]"),
                        &format!("'{s}' is not a date (YYYY-MM-DD)"),
                    )
                })?;
                out.insert(d, "Holiday".to_string());
            }
        }
    }
    Ok(out)
}

pub(super) fn patients(c: &Check, p: &Profile) -> Result<PatientModel, ProfileError> {
    let pt = &p.patients;
    c.probability("patients.female_share", pt.female_share)?;
    c.probability("patients.repeat_visit_probability", pt.repeat_visit_probability)?;
    if pt.payers.is_empty() {
        return Err(c.err("patients.payers", "needs at least one payer label"));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, label) in pt.payers.iter().enumerate() {
        let key = format!("patients.payers[{i}]");
        c.non_empty(&key, label)?;
        c.text(&key, label)?;
        if !seen.insert(label) {
            return Err(c.err(&key, &format!("duplicate payer '{label}'")));
        }
    }
    if pt.age_bands.is_empty() {
        return Err(c.err("patients.age_bands", "needs at least one age band"));
    }
    let mut weights = Vec::new();
    let mut bands = Vec::new();
    let mut payer_by_band = Vec::new();
    let mut group_share = [0.0; AGE_GROUPS];
    let total: f64 = pt.age_bands.iter().map(|b| b.weight.max(0.0)).sum();
    for (i, b) in pt.age_bands.iter().enumerate() {
        let key = format!("patients.age_bands[{i}]");
        if b.min > b.max || b.max > 110 {
            return Err(c.err(&format!("{key}.max"), "needs min <= max <= 110"));
        }
        c.non_negative(&format!("{key}.weight"), b.weight)?;
        c.weights(&format!("{key}.payer_weights"), &b.payer_weights, pt.payers.len())?;
        weights.push(b.weight);
        bands.push((b.min, b.max));
        payer_by_band.push(Weighted::new(&b.payer_weights));
        let span = (b.max - b.min + 1) as f64;
        for age in b.min..=b.max {
            group_share[age_group(age)] += b.weight / total / span;
        }
    }
    c.weights("patients.age_bands[].weight", &weights, weights.len())?;
    Ok(PatientModel {
        female_share: pt.female_share,
        repeat_visit_probability: pt.repeat_visit_probability,
        payers: pt.payers.clone(),
        bands,
        band: Weighted::new(&weights),
        payer_by_band,
        group_share,
    })
}

pub(super) fn ed(c: &Check, p: &Profile, patients: &PatientModel) -> Result<EdModel, ProfileError> {
    let e = &p.ed;
    c.positive("ed.arrivals.annual_visits", e.arrivals.annual_visits)?;
    let hourly = c.weights("ed.arrivals.hourly_weights", &e.arrivals.hourly_weights, 24)?;
    let weekday = c.weights("ed.arrivals.weekday_weights", &e.arrivals.weekday_weights, 7)?;
    let monthly = c.weights("ed.arrivals.monthly_weights", &e.arrivals.monthly_weights, 12)?;
    let mix = c.weights("ed.triage.mix", &e.triage.mix, 5)?;
    c.positive("ed.triage.senior_acuity_factor", e.triage.senior_acuity_factor)?;
    c.positive(
        "ed.triage.pediatric_acuity_factor",
        e.triage.pediatric_acuity_factor,
    )?;
    c.lognormal("ed.triage.triage_minutes", &e.triage.triage_minutes)?;
    c.probabilities(
        "ed.arrival_mode.ambulance_by_triage",
        &e.arrival_mode.ambulance_by_triage,
        5,
    )?;
    c.positive(
        "ed.arrival_mode.senior_ambulance_factor",
        e.arrival_mode.senior_ambulance_factor,
    )?;
    c.probability("ed.arrival_mode.referral_share", e.arrival_mode.referral_share)?;
    if e.capacity.treatment_spaces == 0 {
        return Err(c.err("ed.capacity.treatment_spaces", "must be at least 1"));
    }
    c.positive("ed.capacity.patients_per_nurse", e.capacity.patients_per_nurse)?;
    let offsets = c.array(
        "ed.queue.priority_offset_minutes",
        &e.queue.priority_offset_minutes,
        5,
    )?;
    for (i, v) in offsets.iter().enumerate() {
        c.non_negative(&format!("ed.queue.priority_offset_minutes[{i}]"), *v)?;
    }
    let patience = c.array(
        "ed.queue.patience_median_minutes",
        &e.queue.patience_median_minutes,
        5,
    )?;
    for (i, v) in patience.iter().enumerate() {
        c.non_negative(&format!("ed.queue.patience_median_minutes[{i}]"), *v)?;
    }
    c.sigma("ed.queue.patience_sigma", e.queue.patience_sigma)?;
    let s = &e.service;
    let provider = c.positives("ed.service.provider_minutes", &s.provider_minutes, 5)?;
    c.sigma("ed.service.provider_sigma", s.provider_sigma)?;
    let workup = c.positives("ed.service.workup_minutes", &s.workup_minutes, 5)?;
    c.sigma("ed.service.workup_sigma", s.workup_sigma)?;
    c.positive("ed.service.admitted_workup_factor", s.admitted_workup_factor)?;
    c.lognormal("ed.service.transfer_delay_minutes", &s.transfer_delay_minutes)?;
    c.lognormal("ed.service.admit_handoff_minutes", &s.admit_handoff_minutes)?;
    let d = &e.disposition;
    let admit = c.probabilities("ed.disposition.admit_by_triage", &d.admit_by_triage, 5)?;
    c.positive("ed.disposition.pediatric_admit_factor", d.pediatric_admit_factor)?;
    c.positive("ed.disposition.senior_admit_factor", d.senior_admit_factor)?;
    c.probability(
        "ed.disposition.return_admit_probability",
        d.return_admit_probability,
    )?;
    let transfer = c.probabilities("ed.disposition.transfer_by_triage", &d.transfer_by_triage, 5)?;
    let died = c.probabilities("ed.disposition.died_by_triage", &d.died_by_triage, 5)?;
    c.probability("ed.disposition.ama_probability", d.ama_probability)?;
    for l in 0..5 {
        if admit[l] + transfer[l] + died[l] > 1.0 {
            return Err(c.err(
                &format!("ed.disposition.admit_by_triage[{l}]"),
                &format!(
                    "admit + transfer + died for level {} add up to more than 1",
                    l + 1
                ),
            ));
        }
    }
    let r = &e.roster;
    c.probability("ed.roster.call_out_probability", r.call_out_probability)?;
    if r.shifts.is_empty() {
        return Err(c.err("ed.roster.shifts", "needs at least one shift"));
    }
    let mut shifts = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let mut coverage = [0u32; 24];
    let mut nurse_coverage = [0u32; 24];
    for (i, sh) in r.shifts.iter().enumerate() {
        let key = format!("ed.roster.shifts[{i}]");
        c.non_empty(&format!("{key}.name"), &sh.name)?;
        c.text(&format!("{key}.name"), &sh.name)?;
        if !names.insert(sh.name.clone()) {
            return Err(c.err(
                &format!("{key}.name"),
                &format!("duplicate shift name '{}'", sh.name),
            ));
        }
        if sh.start_hour > 23 {
            return Err(c.err(&format!("{key}.start_hour"), "must be 0..23"));
        }
        if !(1..=24).contains(&sh.hours) {
            return Err(c.err(&format!("{key}.hours"), "must be 1..24"));
        }
        for h in 0..sh.hours {
            let hour = ((sh.start_hour + h) % 24) as usize;
            if sh.providers > 0 {
                coverage[hour] += 1;
            }
            if sh.nurses.min(sh.weekend_nurses.unwrap_or(sh.nurses)) > 0 {
                nurse_coverage[hour] += 1;
            }
        }
        shifts.push(ShiftModel {
            name: sh.name.clone(),
            start_hour: sh.start_hour,
            hours: sh.hours,
            nurses: sh.nurses,
            weekend_nurses: sh.weekend_nurses.unwrap_or(sh.nurses),
            providers: sh.providers,
        });
    }
    if let Some(h) = coverage.iter().position(|&n| n == 0) {
        return Err(c.err(
            "ed.roster.shifts",
            &format!("no provider is on duty at {h:02}:00"),
        ));
    }
    if let Some(h) = nurse_coverage.iter().position(|&n| n == 0) {
        return Err(c.err("ed.roster.shifts", &format!("no nurse is on duty at {h:02}:00")));
    }

    // Tilts: keep the profile's marginals while making seniors sicker and children less so.
    let g = patients.group_share;
    let triage_tilt = [
        [
            e.triage.pediatric_acuity_factor,
            e.triage.pediatric_acuity_factor,
            1.0,
            1.0,
            1.0,
        ],
        [1.0; 5],
        [
            e.triage.senior_acuity_factor,
            e.triage.senior_acuity_factor,
            1.0,
            1.0,
            1.0,
        ],
    ];
    let triage_p = calibrate::tilted_mix(mix, &g, &triage_tilt);
    let level_given_group = |grp: usize, l: usize| triage_p[grp][l];
    let ambulance = calibrate::odds_by_group(
        &e.arrival_mode.ambulance_by_triage,
        &g,
        &level_given_group,
        &[1.0, 1.0, e.arrival_mode.senior_ambulance_factor],
    );
    let admit_p = calibrate::odds_by_group(
        &d.admit_by_triage,
        &g,
        &level_given_group,
        &[d.pediatric_admit_factor, 1.0, d.senior_admit_factor],
    );
    let mean_w = weekday.iter().sum::<f64>() / 7.0;
    let mean_m = monthly.iter().sum::<f64>() / 12.0;
    let hsum: f64 = hourly.iter().sum();
    Ok(EdModel {
        annual_visits: e.arrivals.annual_visits,
        hourly_share: std::array::from_fn(|h| hourly[h] / hsum),
        weekday_factor: std::array::from_fn(|i| weekday[i] / mean_w),
        monthly_factor: std::array::from_fn(|i| monthly[i] / mean_m),
        triage: std::array::from_fn(|grp| Weighted::new(&triage_p[grp])),
        triage_minutes: (e.triage.triage_minutes.median, e.triage.triage_minutes.sigma),
        ambulance,
        referral_share: e.arrival_mode.referral_share,
        treatment_spaces: e.capacity.treatment_spaces,
        patients_per_nurse: e.capacity.patients_per_nurse,
        priority_offset: std::array::from_fn(|l| (offsets[l] * 60.0).round() as i64),
        patience_median: std::array::from_fn(|l| patience[l]),
        patience_sigma: e.queue.patience_sigma,
        provider_median: std::array::from_fn(|l| provider[l]),
        provider_sigma: s.provider_sigma,
        workup_median: std::array::from_fn(|l| workup[l]),
        workup_sigma: s.workup_sigma,
        admitted_workup_factor: s.admitted_workup_factor,
        transfer_delay: (s.transfer_delay_minutes.median, s.transfer_delay_minutes.sigma),
        admit_handoff: (s.admit_handoff_minutes.median, s.admit_handoff_minutes.sigma),
        admit: admit_p,
        return_admit_probability: d.return_admit_probability,
        transfer: std::array::from_fn(|l| transfer[l]),
        died: std::array::from_fn(|l| died[l]),
        ama: d.ama_probability,
        call_out_probability: r.call_out_probability,
        shifts,
    })
}

pub(super) fn departments(
    c: &Check,
    p: &Profile,
    patients: &PatientModel,
) -> Result<Vec<DepartmentModel>, ProfileError> {
    let list = &p.inpatient.departments;
    if list.is_empty() {
        return Err(c.err("inpatient.departments", "needs at least one department"));
    }
    let mut out = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let mut ed_weight = 0.0;
    for (i, d) in list.iter().enumerate() {
        let key = format!("inpatient.departments[{i}]");
        let k = |f: &str| format!("{key}.{f}");
        c.non_empty(&k("name"), &d.name)?;
        c.text(&k("name"), &d.name)?;
        if d.name.eq_ignore_ascii_case("Emergency") {
            return Err(c.err(&k("name"), "'Emergency' is reserved for the ED department"));
        }
        if !names.insert(d.name.clone()) {
            return Err(c.err(&k("name"), &format!("duplicate department '{}'", d.name)));
        }
        c.non_empty(&k("service_line"), &d.service_line)?;
        c.text(&k("service_line"), &d.service_line)?;
        c.non_empty(&k("doctor_role"), &d.doctor_role)?;
        c.text(&k("doctor_role"), &d.doctor_role)?;
        let bed_type = BED_TYPES.iter().find(|t| **t == d.bed_type).ok_or_else(|| {
            c.err(
                &k("bed_type"),
                &format!("'{}' is not one of {}", d.bed_type, BED_TYPES.join(", ")),
            )
        })?;
        if d.beds == 0 {
            return Err(c.err(&k("beds"), "must be at least 1"));
        }
        if d.doctors == 0 {
            return Err(c.err(&k("doctors"), "must be at least 1"));
        }
        if d.available_hours == 0 || d.available_hours > 8784 {
            return Err(c.err(&k("available_hours"), "must be 1..8784 hours per year"));
        }
        if d.ages.len() != 2 || d.ages[0] > d.ages[1] {
            return Err(c.err(&k("ages"), "must be [youngest, oldest] with youngest <= oldest"));
        }
        if !d.los_mu.is_finite() || d.los_mu > 5.0 {
            return Err(c.err(&k("los_mu"), "must be a finite ln(days) no larger than 5"));
        }
        c.sigma(&k("los_sigma"), d.los_sigma)?;
        c.non_negative(&k("ed_admit_weight"), d.ed_admit_weight)?;
        c.non_negative(&k("scheduled_per_week"), d.scheduled_per_week)?;
        c.non_negative(&k("maternity_per_week"), d.maternity_per_week)?;
        c.non_negative(&k("transfers_per_week"), d.transfers_per_week)?;
        let scheduled_hours = match &d.scheduled_hours {
            None => (8, 12),
            Some(h) if h.len() == 2 && h[0] < h[1] && h[1] <= 24 => (h[0], h[1]),
            Some(_) => return Err(c.err(&k("scheduled_hours"), "must be [from, to) with from < to <= 24")),
        };
        for (f, v) in [
            ("mortality", d.mortality),
            ("transfer_out_probability", d.transfer_out_probability),
            ("ama_probability", d.ama_probability),
            ("post_acute_probability", d.post_acute_probability),
            ("return_probability", d.return_probability),
        ] {
            c.probability(&k(f), v)?;
        }
        if d.mortality + d.transfer_out_probability + d.ama_probability + d.post_acute_probability > 1.0 {
            return Err(c.err(
                &k("mortality"),
                "mortality + transfer out + AMA + post-acute add up to more than 1",
            ));
        }
        c.non_negative(&k("room_cost_per_day"), d.room_cost_per_day)?;
        c.non_negative(&k("medicine_cost_per_day"), d.medicine_cost_per_day)?;
        let mut procedures = Vec::new();
        for (j, pr) in d.procedures.iter().enumerate() {
            let pk = format!("{key}.procedures[{j}]");
            c.non_empty(&format!("{pk}.name"), &pr.name)?;
            c.text(&format!("{pk}.name"), &pr.name)?;
            c.probability(&format!("{pk}.probability"), pr.probability)?;
            c.non_negative(&format!("{pk}.cost"), pr.cost)?;
            procedures.push(ProcedureModel {
                name: pr.name.clone(),
                probability: pr.probability,
                cost_cents: (pr.cost * 100.0).round() as i64,
                surgical: pr.surgical,
            });
        }
        ed_weight += d.ed_admit_weight;
        out.push(DepartmentModel {
            name: d.name.clone(),
            service_line: d.service_line.clone(),
            bed_type,
            beds: d.beds,
            doctors: d.doctors,
            doctor_role: d.doctor_role.clone(),
            available_hours: d.available_hours,
            ages: (d.ages[0], d.ages[1]),
            los_mu: d.los_mu,
            los_sigma: d.los_sigma,
            ed_admit_weight: d.ed_admit_weight,
            scheduled_per_week: d.scheduled_per_week,
            scheduled_hours,
            maternity_per_week: d.maternity_per_week,
            transfers_per_week: d.transfers_per_week,
            mortality: d.mortality,
            transfer_out: d.transfer_out_probability,
            ama: d.ama_probability,
            post_acute: d.post_acute_probability,
            return_probability: d.return_probability,
            room_cents_per_day: (d.room_cost_per_day * 100.0).round() as i64,
            medicine_cents_per_day: (d.medicine_cost_per_day * 100.0).round() as i64,
            procedures,
        });
    }
    if ed_weight <= 0.0 {
        return Err(c.err(
            "inpatient.departments",
            "no department has a positive ed_admit_weight",
        ));
    }
    for age in patients.bands.iter().flat_map(|&(lo, hi)| lo..=hi) {
        if !out.iter().any(|d| d.ed_admit_weight > 0.0 && d.accepts(age)) {
            return Err(c.err(
                "inpatient.departments",
                &format!("no department with an ed_admit_weight takes patients aged {age}"),
            ));
        }
    }
    Ok(out)
}

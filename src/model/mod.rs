//! The validated model: built once from a raw [`Profile`], immutable afterwards.
//!
//! Every check happens here, with the key path in the message; nothing downstream
//! re-validates. Samplers and calibrated rate tables are precomputed here too.

pub mod calendar;
mod calibrate;
mod validate;

use crate::error::ProfileError;
use crate::profile::{Holidays, Profile};
use crate::rng::Weighted;
pub use calendar::{CalendarModel, DAY};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use validate::Check;

/// Settings from the command line that override or complement the profile.
#[derive(Debug, Clone)]
pub struct Overrides {
    /// Master seed.
    pub seed: u64,
    /// Replaces `calendar.start`.
    pub start: Option<NaiveDate>,
    /// Replaces `calendar.days`.
    pub days: Option<i64>,
    /// Multiplies volumes and capacities.
    pub scale: f64,
}

/// Bed types of the schema contract.
pub const BED_TYPES: &[&str] = &[
    "General",
    "ICU",
    "Step-Down",
    "Pediatric",
    "Maternity",
    "Psychiatric",
];

/// Target keys that `hospigen check` knows how to measure.
pub const TARGET_KEYS: &[&str] = &[
    "arrival_share_10_to_22",
    "arrival_share_00_to_06",
    "triage_share_1",
    "triage_share_2",
    "triage_share_3",
    "triage_share_4",
    "triage_share_5",
    "ambulance_share",
    "wait_median_minutes",
    "wait_mean_minutes",
    "wait_p90_minutes",
    "level1_wait_mean_minutes",
    "evening_wait_ratio",
    "wait_peak_hour",
    "staffing_slope_minutes_per_nurse",
    "ed_los_median_discharged",
    "ed_los_median_admitted",
    "admission_rate",
    "lwbs_rate",
    "alos_days",
    "occupancy_mean",
    "readmission_rate",
    "inpatient_mortality",
];

/// Age groups used for tilts: under 18, 18–64, 65+.
pub const AGE_GROUPS: usize = 3;

/// Age group of an age in years.
#[inline]
pub fn age_group(age: u32) -> usize {
    if age < 18 {
        0
    } else if age < 65 {
        1
    } else {
        2
    }
}

/// The validated, precomputed model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Profile name.
    pub profile_name: String,
    /// Profile description.
    pub description: String,
    /// SHA-256 of the profile text, hex.
    pub profile_sha256: String,
    /// Master seed.
    pub seed: u64,
    /// Volume and capacity multiplier.
    pub scale: f64,
    /// Horizon.
    pub calendar: CalendarModel,
    /// Hospitals.
    pub sites: Vec<SiteModel>,
    /// Demographics.
    pub patients: PatientModel,
    /// Emergency department.
    pub ed: EdModel,
    /// Inpatient departments (department_id = index + 2; 1 is the ED).
    pub departments: Vec<DepartmentModel>,
    /// Discharge hour distribution.
    pub discharge_hour: Weighted,
    /// Bed turnaround (median, σ), minutes.
    pub bed_turnaround: (f64, f64),
    /// Chance that a discharge planned on weekday i (Monday = 0) happens that day.
    pub discharge_keep: [f64; 7],
    /// `[targets]`: key → (low, high).
    pub targets: BTreeMap<String, (f64, f64)>,
}

/// One hospital, with its multipliers already combined with `--scale`.
#[derive(Debug, Clone)]
pub struct SiteModel {
    /// Hospital name.
    pub hospital_name: String,
    /// Branch name.
    pub branch_name: String,
    /// Multiplies volumes.
    pub volume: f64,
    /// Multiplies capacities.
    pub capacity: f64,
}

impl SiteModel {
    /// A capacity scaled for this site, at least 1.
    pub fn scaled(&self, base: u32) -> u32 {
        ((base as f64 * self.capacity).round() as u32).max(1)
    }

    /// A capacity scaled for this site (may be 0 when `base` is 0).
    pub fn scaled_or_zero(&self, base: u32) -> u32 {
        if base == 0 { 0 } else { self.scaled(base) }
    }
}

/// Who the patients are.
#[derive(Debug, Clone)]
pub struct PatientModel {
    /// Share female.
    pub female_share: f64,
    /// Chance an ED arrival is a returning patient from the pool.
    pub repeat_visit_probability: f64,
    /// Payer labels.
    pub payers: Vec<String>,
    /// Age bands (min, max).
    pub bands: Vec<(u32, u32)>,
    /// Band distribution.
    pub band: Weighted,
    /// Payer distribution per band.
    pub payer_by_band: Vec<Weighted>,
    /// Share of ED patients per age group.
    pub group_share: [f64; AGE_GROUPS],
}

/// The ED, with tilted and calibrated tables.
#[derive(Debug, Clone)]
pub struct EdModel {
    /// Visits per year before site volume.
    pub annual_visits: f64,
    /// Share of a day's arrivals per hour (sums to 1).
    pub hourly_share: [f64; 24],
    /// Weekday multipliers (mean 1), Monday first.
    pub weekday_factor: [f64; 7],
    /// Month multipliers (mean 1), January first.
    pub monthly_factor: [f64; 12],
    /// Triage level distribution per age group (index 0 = level 1).
    pub triage: [Weighted; AGE_GROUPS],
    /// Walk-in triage time (median, σ), minutes.
    pub triage_minutes: (f64, f64),
    /// Chance of ambulance per age group and level.
    pub ambulance: [[f64; 5]; AGE_GROUPS],
    /// Share of non-ambulance arrivals that are referrals.
    pub referral_share: f64,
    /// Treatment spaces before site capacity.
    pub treatment_spaces: u32,
    /// Patients per nurse.
    pub patients_per_nurse: f64,
    /// Queue key offset per level, seconds.
    pub priority_offset: [i64; 5],
    /// Patience median per level, minutes (0 = never leaves).
    pub patience_median: [f64; 5],
    /// Patience σ.
    pub patience_sigma: f64,
    /// Provider assessment median per level, minutes.
    pub provider_median: [f64; 5],
    /// Provider σ.
    pub provider_sigma: f64,
    /// Workup median per level, minutes.
    pub workup_median: [f64; 5],
    /// Workup σ.
    pub workup_sigma: f64,
    /// Workup multiplier for admitted patients.
    pub admitted_workup_factor: f64,
    /// Transfer delay (median, σ), minutes.
    pub transfer_delay: (f64, f64),
    /// Admission hand-off (median, σ), minutes.
    pub admit_handoff: (f64, f64),
    /// Chance of admission per age group and level.
    pub admit: [[f64; 5]; AGE_GROUPS],
    /// Chance of admission for a 30-day return.
    pub return_admit_probability: f64,
    /// Chance of transfer per level.
    pub transfer: [f64; 5],
    /// Chance of death per level.
    pub died: [f64; 5],
    /// Chance of AMA once seen.
    pub ama: f64,
    /// Call-out chance.
    pub call_out_probability: f64,
    /// Daily shifts.
    pub shifts: Vec<ShiftModel>,
}

/// A daily ED shift.
#[derive(Debug, Clone)]
pub struct ShiftModel {
    /// Label.
    pub name: String,
    /// Start hour.
    pub start_hour: u32,
    /// Length, hours.
    pub hours: u32,
    /// Nurses on weekdays.
    pub nurses: u32,
    /// Nurses on Saturday and Sunday.
    pub weekend_nurses: u32,
    /// Providers.
    pub providers: u32,
}

/// An inpatient ward.
#[derive(Debug, Clone)]
pub struct DepartmentModel {
    /// Name.
    pub name: String,
    /// Service line.
    pub service_line: String,
    /// Bed type (one of [`BED_TYPES`]).
    pub bed_type: &'static str,
    /// Beds before site capacity.
    pub beds: u32,
    /// Doctors before site capacity.
    pub doctors: u32,
    /// Doctor role.
    pub doctor_role: String,
    /// Available hours per doctor per year.
    pub available_hours: u32,
    /// Accepted ages (inclusive).
    pub ages: (u32, u32),
    /// μ of ln(LOS days).
    pub los_mu: f64,
    /// σ of ln(LOS days).
    pub los_sigma: f64,
    /// Relative share of ED admissions.
    pub ed_admit_weight: f64,
    /// Elective admissions per week.
    pub scheduled_per_week: f64,
    /// Elective admission hour window [from, to).
    pub scheduled_hours: (u32, u32),
    /// Maternity admissions per week.
    pub maternity_per_week: f64,
    /// Transfers in per week.
    pub transfers_per_week: f64,
    /// Mortality.
    pub mortality: f64,
    /// Transfer out chance.
    pub transfer_out: f64,
    /// AMA chance.
    pub ama: f64,
    /// Post-acute discharge chance.
    pub post_acute: f64,
    /// 30-day return chance.
    pub return_probability: f64,
    /// Room cost per day, cents.
    pub room_cents_per_day: i64,
    /// Medicine cost per day, cents.
    pub medicine_cents_per_day: i64,
    /// Procedures.
    pub procedures: Vec<ProcedureModel>,
}

impl DepartmentModel {
    /// True if the ward takes a patient of this age.
    pub fn accepts(&self, age: u32) -> bool {
        age >= self.ages.0 && age <= self.ages.1
    }
}

/// A procedure.
#[derive(Debug, Clone)]
pub struct ProcedureModel {
    /// Name.
    pub name: String,
    /// Chance per stay.
    pub probability: f64,
    /// Mean cost, cents.
    pub cost_cents: i64,
    /// Operating-room procedure.
    pub surgical: bool,
}

impl Model {
    /// Validate `profile` (read from `file`, whose text is `text`) and build the model.
    pub fn from_profile(
        profile: &Profile,
        file: &str,
        text: &str,
        overrides: &Overrides,
    ) -> Result<Model, ProfileError> {
        let c = Check::new(file);
        let p = profile;
        c.non_empty("name", &p.name)?;
        if !(overrides.scale.is_finite() && overrides.scale > 0.0 && overrides.scale <= 1000.0) {
            return Err(c.err("--scale", "must be a number in (0, 1000]"));
        }

        // Calendar.
        let start = match overrides.start {
            Some(d) => d,
            None => NaiveDate::parse_from_str(&p.calendar.start, "%Y-%m-%d").map_err(|_| {
                c.err(
                    "calendar.start",
                    &format!("'{}' is not a date (YYYY-MM-DD)", p.calendar.start),
                )
            })?,
        };
        let days = overrides.days.unwrap_or(p.calendar.days);
        let days_key = if overrides.days.is_some() {
            "--days"
        } else {
            "calendar.days"
        };
        if !(1..=3660).contains(&days) {
            return Err(c.err(days_key, &format!("must be between 1 and 3660 (got {days})")));
        }
        if !(0..=365).contains(&p.calendar.warmup_days) {
            return Err(c.err("calendar.warmup_days", "must be between 0 and 365"));
        }
        c.positive(
            "calendar.holiday_arrival_factor",
            p.calendar.holiday_arrival_factor,
        )?;
        let holidays = holidays(
            &c,
            p.calendar.holidays.as_ref(),
            start,
            days,
            p.calendar.warmup_days,
        )?;
        let calendar = CalendarModel {
            start,
            days,
            warmup_days: p.calendar.warmup_days,
            holidays,
            holiday_arrival_factor: p.calendar.holiday_arrival_factor,
        };

        // Sites.
        if p.sites.is_empty() {
            return Err(c.err("sites", "at least one [[sites]] entry is needed"));
        }
        let by_sites = match p.scale_by.as_deref() {
            None | Some("size") => false,
            Some("sites") => true,
            Some(other) => {
                return Err(c.err("scale_by", &format!("'{other}' is not \"size\" or \"sites\"")));
            }
        };
        let mut seen = std::collections::BTreeSet::new();
        for (i, s) in p.sites.iter().enumerate() {
            let key = format!("sites[{i}]");
            c.non_empty(&format!("{key}.hospital_name"), &s.hospital_name)?;
            c.non_empty(&format!("{key}.branch_name"), &s.branch_name)?;
            c.text(&format!("{key}.hospital_name"), &s.hospital_name)?;
            c.text(&format!("{key}.branch_name"), &s.branch_name)?;
            if !seen.insert((s.hospital_name.clone(), s.branch_name.clone())) {
                return Err(c.err(
                    &key,
                    &format!("duplicate site '{} / {}'", s.hospital_name, s.branch_name),
                ));
            }
            c.positive(&format!("{key}.volume_factor"), s.volume_factor)?;
            c.positive(&format!("{key}.capacity_factor"), s.capacity_factor)?;
        }
        let sites: Vec<SiteModel> = if by_sites {
            // More hospitals of the same sizes: copy k of a site is branch "<name> <k+1>".
            let count = ((p.sites.len() as f64 * overrides.scale).round() as usize).max(1);
            (0..count)
                .map(|i| {
                    let s = &p.sites[i % p.sites.len()];
                    let copy = i / p.sites.len();
                    SiteModel {
                        hospital_name: s.hospital_name.clone(),
                        branch_name: if copy == 0 {
                            s.branch_name.clone()
                        } else {
                            format!("{} {}", s.branch_name, copy + 1)
                        },
                        volume: s.volume_factor,
                        capacity: s.capacity_factor,
                    }
                })
                .collect()
        } else {
            p.sites
                .iter()
                .map(|s| SiteModel {
                    hospital_name: s.hospital_name.clone(),
                    branch_name: s.branch_name.clone(),
                    volume: s.volume_factor * overrides.scale,
                    capacity: s.capacity_factor * overrides.scale,
                })
                .collect()
        };

        let patients = patients(&c, p)?;
        let ed = ed(&c, p, &patients)?;
        let departments = departments(&c, p, &patients)?;

        let ip = &p.inpatient;
        c.lognormal("inpatient.bed_turnaround_minutes", &ip.bed_turnaround_minutes)?;
        c.weights("inpatient.discharge_hour_weights", &ip.discharge_hour_weights, 24)?;
        c.weights(
            "inpatient.discharge_weekday_weights",
            &ip.discharge_weekday_weights,
            7,
        )?;
        let max_w = ip.discharge_weekday_weights.iter().cloned().fold(0.0, f64::max);
        let mut discharge_keep = [1.0; 7];
        for (k, w) in discharge_keep.iter_mut().zip(&ip.discharge_weekday_weights) {
            *k = w / max_w;
        }

        let mut targets = BTreeMap::new();
        for (k, v) in &p.targets {
            let key = format!("targets.{k}");
            if !TARGET_KEYS.contains(&k.as_str()) {
                return Err(c.err(
                    &key,
                    &format!("unknown target (known: {})", TARGET_KEYS.join(", ")),
                ));
            }
            if v.len() != 2 || !v.iter().all(|x| x.is_finite()) || v[0] > v[1] {
                return Err(c.err(&key, "must be [low, high] with low <= high"));
            }
            targets.insert(k.clone(), (v[0], v[1]));
        }

        Ok(Model {
            profile_name: p.name.clone(),
            description: p.description.clone(),
            profile_sha256: crate::manifest::sha256_hex(text.as_bytes()),
            seed: overrides.seed,
            scale: overrides.scale,
            calendar,
            sites,
            patients,
            ed,
            departments,
            discharge_hour: Weighted::new(&ip.discharge_hour_weights),
            bed_turnaround: (ip.bed_turnaround_minutes.median, ip.bed_turnaround_minutes.sigma),
            discharge_keep,
            targets,
        })
    }
}

fn holidays(
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

fn patients(c: &Check, p: &Profile) -> Result<PatientModel, ProfileError> {
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

fn ed(c: &Check, p: &Profile, patients: &PatientModel) -> Result<EdModel, ProfileError> {
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
        if sh.providers > 0 {
            for h in 0..sh.hours {
                coverage[((sh.start_hour + h) % 24) as usize] += 1;
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

fn departments(
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

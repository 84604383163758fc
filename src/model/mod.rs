//! The validated model: built once from a raw [`Profile`], immutable afterwards.
//!
//! Every check happens here, with the key path in the message; nothing downstream
//! re-validates. Samplers and calibrated rate tables are precomputed here too.

pub mod calendar;
mod calibrate;
mod sections;
mod validate;

use crate::error::ProfileError;
use crate::profile::Profile;
use crate::rng::Weighted;
pub use calendar::{CalendarModel, DAY};
use chrono::NaiveDate;
use sections::{departments, ed, holidays, patients};
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

    /// Staffed beds per department at this site (model order).
    pub fn beds(&self, departments: &[DepartmentModel]) -> Vec<u32> {
        departments.iter().map(|d| self.scaled(d.beds)).collect()
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

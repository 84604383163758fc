//! The raw profile: serde structs that mirror the TOML one to one and hold no logic.
//!
//! Unknown keys are rejected. Everything is checked once, in [`crate::model::Model::from_profile`].

pub mod builtin;

use serde::Deserialize;
use std::collections::BTreeMap;

/// A whole profile file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short name (shown by `hospigen profiles`, recorded in `generation_runs`).
    pub name: String,
    /// One line saying what the profile models.
    #[serde(default)]
    pub description: String,
    /// The simulated horizon.
    pub calendar: Calendar,
    /// What `--scale` grows: `"size"` (default: every site's volumes and capacities) or
    /// `"sites"` (the number of hospitals, each keeping its size: memory stays flat).
    #[serde(default)]
    pub scale_by: Option<String>,
    /// Hospitals; each is simulated on its own.
    pub sites: Vec<Site>,
    /// Who the patients are.
    pub patients: Patients,
    /// The emergency department.
    pub ed: Ed,
    /// Wards, beds and stays.
    pub inpatient: Inpatient,
    /// Calibration targets for `hospigen check`: key → [low, high].
    #[serde(default)]
    pub targets: BTreeMap<String, Vec<f64>>,
}

/// Horizon and holidays.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// First simulated day, `YYYY-MM-DD`.
    pub start: String,
    /// Number of days.
    pub days: i64,
    /// Days simulated before `start` so wards are not empty on day one (not written out).
    #[serde(default = "default_warmup")]
    pub warmup_days: i64,
    /// `"us-federal"`, `"none"`, or a list of `YYYY-MM-DD` dates.
    #[serde(default)]
    pub holidays: Option<Holidays>,
    /// Multiplies ED arrivals on a holiday.
    #[serde(default = "one")]
    pub holiday_arrival_factor: f64,
}

/// Holiday calendar: a named rule set or explicit dates.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Holidays {
    /// `"us-federal"` or `"none"`.
    Named(String),
    /// Explicit dates.
    Dates(Vec<String>),
}

/// One hospital.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Hospital name.
    pub hospital_name: String,
    /// Branch or campus name.
    pub branch_name: String,
    /// Multiplies this site's volumes (ED visits, elective and direct admissions).
    #[serde(default = "one")]
    pub volume_factor: f64,
    /// Multiplies this site's capacities (spaces, nurses, providers, beds, doctors).
    #[serde(default = "one")]
    pub capacity_factor: f64,
}

/// Demographics and payer mix.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patients {
    /// Share of female patients.
    pub female_share: f64,
    /// Chance that an ED arrival is a patient already seen this year (repeat visitor).
    pub repeat_visit_probability: f64,
    /// Payer labels, as they appear in `insurance_type`.
    pub payers: Vec<String>,
    /// Age bands with their share of ED patients and their payer weights.
    pub age_bands: Vec<AgeBand>,
}

/// An age band.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// Youngest age in the band (years).
    pub min: u32,
    /// Oldest age in the band (years).
    pub max: u32,
    /// Relative share of ED patients.
    pub weight: f64,
    /// Relative weight of each payer (same order as `patients.payers`).
    pub payer_weights: Vec<f64>,
}

/// The emergency department.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ed {
    /// When patients arrive.
    pub arrivals: Arrivals,
    /// Acuity mix.
    pub triage: Triage,
    /// How patients arrive.
    pub arrival_mode: ArrivalMode,
    /// Treatment spaces and nurse ratio.
    pub capacity: EdCapacity,
    /// Queue discipline and patience.
    pub queue: Queue,
    /// Service times.
    pub service: Service,
    /// Clinical disposition tendencies.
    pub disposition: Disposition,
    /// Nurses and providers by shift.
    pub roster: Roster,
}

/// Arrival curve.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrivals {
    /// ED visits per year at volume factor 1.
    pub annual_visits: f64,
    /// 24 relative weights, hour 0 first.
    pub hourly_weights: Vec<f64>,
    /// 7 relative weights, Monday first.
    pub weekday_weights: Vec<f64>,
    /// 12 relative weights, January first.
    pub monthly_weights: Vec<f64>,
}

/// Triage (ESI 1–5).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Triage {
    /// Overall share of levels 1..5 (the model tilts it by age but keeps this marginal).
    pub mix: Vec<f64>,
    /// Odds multiplier for levels 1–2 among patients 65+.
    pub senior_acuity_factor: f64,
    /// Odds multiplier for levels 1–2 among patients under 18.
    pub pediatric_acuity_factor: f64,
    /// Time from arrival to triage complete for walk-ins (minutes, lognormal).
    pub triage_minutes: LogNormalMinutes,
}

/// A lognormal duration given by its median and the σ of its logarithm.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogNormalMinutes {
    /// Median, minutes.
    pub median: f64,
    /// σ of ln(minutes).
    pub sigma: f64,
}

/// Arrival mode tendencies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArrivalMode {
    /// Chance of arriving by ambulance per triage level 1..5 (patients under 65).
    pub ambulance_by_triage: Vec<f64>,
    /// Multiplier on that chance for patients 65+ (capped at 0.95).
    pub senior_ambulance_factor: f64,
    /// Share of non-ambulance arrivals sent by a clinician (Referral).
    pub referral_share: f64,
}

/// ED capacity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdCapacity {
    /// Treatment spaces (beds, chairs, hallway spots in use).
    pub treatment_spaces: u32,
    /// Patients one nurse may care for (California Title 22: 4).
    pub patients_per_nurse: f64,
}

/// Queue discipline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Queue {
    /// Per level 1..5: minutes added to the queue key, so a lower-acuity patient who has
    /// waited that much longer goes first (level 1 always goes straight in).
    pub priority_offset_minutes: Vec<f64>,
    /// Per level 1..5: median patience before leaving unseen (0 = never leaves).
    pub patience_median_minutes: Vec<f64>,
    /// σ of ln(patience).
    pub patience_sigma: f64,
}

/// Service times (lognormal, minutes).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Provider time for the first assessment, per level 1..5 (medians).
    pub provider_minutes: Vec<f64>,
    /// σ of ln(provider minutes).
    pub provider_sigma: f64,
    /// Time in the space from provider to disposition decision, per level 1..5 (medians).
    pub workup_minutes: Vec<f64>,
    /// σ of ln(workup minutes).
    pub workup_sigma: f64,
    /// Multiplier on workup for patients who will be admitted.
    pub admitted_workup_factor: f64,
    /// Wait for the transport of a transferred patient.
    pub transfer_delay_minutes: LogNormalMinutes,
    /// From the decision to admit until the patient can go up (bed request, accepting
    /// doctor, transport); boarding is this plus any wait for a free bed.
    pub admit_handoff_minutes: LogNormalMinutes,
}

/// Clinical disposition tendencies (LWBS is never an input: it comes from the queue).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disposition {
    /// Chance of admission per level 1..5 (adults 18–64).
    pub admit_by_triage: Vec<f64>,
    /// Multiplier on admission odds for patients under 18.
    pub pediatric_admit_factor: f64,
    /// Multiplier on admission odds for patients 65+.
    pub senior_admit_factor: f64,
    /// Chance of admission for a patient returning within 30 days of a discharge.
    pub return_admit_probability: f64,
    /// Chance of transfer to another hospital per level 1..5.
    pub transfer_by_triage: Vec<f64>,
    /// Chance of death in the ED per level 1..5.
    pub died_by_triage: Vec<f64>,
    /// Chance of leaving against medical advice once seen.
    pub ama_probability: f64,
}

/// Staffing roster.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// Chance that a scheduled nurse or provider calls out for a shift.
    pub call_out_probability: f64,
    /// Shifts (they may overlap; those on duty add up).
    pub shifts: Vec<Shift>,
}

/// A daily shift.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// Label, e.g. "Day".
    pub name: String,
    /// Start hour (0–23).
    pub start_hour: u32,
    /// Length in hours.
    pub hours: u32,
    /// Nurses scheduled.
    pub nurses: u32,
    /// Providers (physicians, PAs, NPs) scheduled.
    pub providers: u32,
    /// Nurses scheduled on Saturday and Sunday (defaults to `nurses`).
    #[serde(default)]
    pub weekend_nurses: Option<u32>,
}

/// Inpatient side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inpatient {
    /// 24 relative weights of the discharge hour.
    pub discharge_hour_weights: Vec<f64>,
    /// 7 relative weights of discharges by weekday, Monday first (a planned discharge on a
    /// low-weight day slips to the next day with the complementary chance).
    pub discharge_weekday_weights: Vec<f64>,
    /// Cleaning and turnover between two patients in a bed.
    pub bed_turnaround_minutes: LogNormalMinutes,
    /// Departments (wards).
    pub departments: Vec<Department>,
}

/// A ward: one bed type, its LOS, sources, doctors, procedures, costs and outcomes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Name, e.g. "General Medicine".
    pub name: String,
    /// Service line, e.g. "Medical".
    pub service_line: String,
    /// One of General, ICU, Step-Down, Pediatric, Maternity, Psychiatric.
    pub bed_type: String,
    /// Staffed beds.
    pub beds: u32,
    /// Attending doctors.
    pub doctors: u32,
    /// Doctor role label.
    pub doctor_role: String,
    /// Hours per year each doctor is available.
    pub available_hours: u32,
    /// Youngest and oldest patient accepted, years.
    pub ages: Vec<u32>,
    /// Lognormal length of stay: μ and σ of ln(days).
    pub los_mu: f64,
    /// σ of ln(days).
    pub los_sigma: f64,
    /// Relative share of ED admissions sent here.
    #[serde(default)]
    pub ed_admit_weight: f64,
    /// Elective admissions per week (weekday mornings).
    #[serde(default)]
    pub scheduled_per_week: f64,
    /// Hour window [from, to) for elective admissions.
    #[serde(default)]
    pub scheduled_hours: Option<Vec<u32>>,
    /// Maternity admissions per week (direct, any hour).
    #[serde(default)]
    pub maternity_per_week: f64,
    /// Transfers in from other hospitals per week.
    #[serde(default)]
    pub transfers_per_week: f64,
    /// In-hospital mortality.
    pub mortality: f64,
    /// Chance of transfer out to another acute hospital.
    pub transfer_out_probability: f64,
    /// Chance of leaving against medical advice.
    pub ama_probability: f64,
    /// Chance of discharge to home health or a nursing facility (outcome Improved).
    pub post_acute_probability: f64,
    /// Chance that a discharged patient comes back to the ED within 30 days.
    pub return_probability: f64,
    /// Room and board per day.
    pub room_cost_per_day: f64,
    /// Medicines per day.
    pub medicine_cost_per_day: f64,
    /// Procedures done on this ward.
    #[serde(default)]
    pub procedures: Vec<Procedure>,
}

/// A procedure a ward performs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Name.
    pub name: String,
    /// Chance per stay.
    pub probability: f64,
    /// Mean cost.
    pub cost: f64,
    /// Operating-room procedure (done on the day of admission or the next).
    #[serde(default)]
    pub surgical: bool,
}

fn one() -> f64 {
    1.0
}

fn default_warmup() -> i64 {
    28
}

//! Typed facts a site's simulation produces: what the row encoders turn into CSV.
//! Times are seconds from the horizon start; indexes are site-local output positions.

/// "No index" in site-local links (visit → stay, stay → visit).
pub const NONE: u32 = u32::MAX;

/// Arrival modes (`admission_source`).
pub const ARRIVAL_MODES: [&str; 3] = ["Ambulance", "Walk-In", "Referral"];
/// Ambulance arrival.
pub const AMBULANCE: u8 = 0;
/// Walk-in arrival.
pub const WALK_IN: u8 = 1;
/// Referral arrival.
pub const REFERRAL: u8 = 2;

/// ED dispositions.
pub const DISPOSITIONS: [&str; 6] = [
    "Discharged",
    "Admitted",
    "Transferred",
    "Left Without Being Seen",
    "Left Against Medical Advice",
    "Died",
];
/// Treated and released.
pub const DISCHARGED: u8 = 0;
/// Admitted to a ward.
pub const ADMITTED: u8 = 1;
/// Transferred to another hospital.
pub const TRANSFERRED: u8 = 2;
/// Left without being seen.
pub const LWBS: u8 = 3;
/// Left against medical advice.
pub const AMA: u8 = 4;
/// Died in the ED.
pub const DIED: u8 = 5;

/// Admission types.
pub const ADMISSION_TYPES: [&str; 4] = ["Emergency", "Scheduled", "Transfer", "Maternity"];
/// From the ED.
pub const EMERGENCY: u8 = 0;
/// Elective.
pub const SCHEDULED: u8 = 1;
/// Transfer in.
pub const TRANSFER_IN: u8 = 2;
/// Maternity.
pub const MATERNITY: u8 = 3;

/// Outcome statuses and the discharge destination that goes with each.
pub const OUTCOMES: [(&str, &str); 6] = [
    ("Recovered", "Home"),
    ("Improved", "Home Health"),
    ("Improved", "Skilled Nursing Facility"),
    ("Transferred", "Acute Care Hospital"),
    ("Deceased", "Expired"),
    ("Left Against Medical Advice", "Against Medical Advice"),
];
/// Outcome index: died.
pub const OUTCOME_DECEASED: u8 = 4;
/// Outcome index: transferred out.
pub const OUTCOME_TRANSFERRED: u8 = 3;

/// A patient, written once (in creation order).
#[derive(Debug, Clone)]
pub struct PatientFact {
    /// Date of birth packed as `yyyymmdd`.
    pub dob: u32,
    /// Age at first encounter.
    pub age: u8,
    /// Female (else male).
    pub female: bool,
    /// Payer index.
    pub payer: u8,
}

/// One ED visit.
#[derive(Debug, Clone)]
pub struct VisitFact {
    /// Arrival.
    pub arrival: i64,
    /// Output patient index.
    pub patient: u32,
    /// Triage level 1..5.
    pub triage: u8,
    /// Age at arrival.
    pub age: u8,
    /// Female.
    pub female: bool,
    /// Payer index.
    pub payer: u8,
    /// Arrival mode index.
    pub mode: u8,
    /// Nurses on duty at arrival.
    pub nurses: u16,
    /// Providers on duty at arrival.
    pub providers: u16,
    /// Seen by a provider (None if left unseen).
    pub seen: Option<i64>,
    /// Left the ED.
    pub departed: i64,
    /// Seconds boarding (admitted only).
    pub boarding: Option<i64>,
    /// Disposition index.
    pub disposition: u8,
    /// Output stay index when admitted.
    pub stay: Option<u32>,
}

/// One inpatient stay.
#[derive(Debug, Clone)]
pub struct StayFact {
    /// Output patient index.
    pub patient: u32,
    /// Department index (model order).
    pub department: u8,
    /// Site-local doctor index.
    pub doctor: u32,
    /// Site-local bed index.
    pub bed: u32,
    /// Admission type index.
    pub kind: u8,
    /// Admitted.
    pub admit: i64,
    /// Discharged (None if after the horizon).
    pub discharge: Option<i64>,
    /// Output visit index, when it came from an output ED visit.
    pub visit: Option<u32>,
    /// Payer index.
    pub payer: u8,
    /// Outcome index (None while still admitted).
    pub outcome: Option<u8>,
    /// Readmission: output stay index of the next admission within 30 days.
    pub readmission: Option<u32>,
    /// Room cost, cents.
    pub room_cents: i64,
    /// Medicine cost, cents.
    pub medicine_cents: i64,
    /// Procedure cost, cents.
    pub procedure_cents: i64,
}

/// One procedure.
#[derive(Debug, Clone)]
pub struct ProcedureFact {
    /// Output stay index.
    pub stay: u32,
    /// Department index.
    pub department: u8,
    /// Index into the department's procedures.
    pub procedure: u16,
    /// When.
    pub time: i64,
    /// Cost, cents.
    pub cost_cents: i64,
}

/// One worked ED shift.
#[derive(Debug, Clone)]
pub struct ShiftFact {
    /// Index into the model's shifts.
    pub shift: u8,
    /// Start.
    pub start: i64,
    /// End.
    pub end: i64,
    /// Nurses scheduled.
    pub nurses_scheduled: u16,
    /// Nurses who worked.
    pub nurses_on: u16,
    /// Providers scheduled.
    pub providers_scheduled: u16,
    /// Providers who worked.
    pub providers_on: u16,
}

/// A doctor.
#[derive(Debug, Clone)]
pub struct DoctorFact {
    /// Department index; None for the ED.
    pub department: Option<u8>,
    /// Available hours per year.
    pub available_hours: u32,
}

/// Everything one site's run produced.
#[derive(Debug, Clone, Default)]
pub struct SiteFacts {
    /// Site index.
    pub site: usize,
    /// Beds per department (site-local bed index = prefix sum + k).
    pub beds_per_department: Vec<u32>,
    /// ED treatment spaces.
    pub treatment_spaces: u32,
    /// Doctors.
    pub doctors: Vec<DoctorFact>,
    /// Patients in output order.
    pub patients: Vec<PatientFact>,
    /// Worked shifts.
    pub shifts: Vec<ShiftFact>,
    /// ED visits.
    pub visits: Vec<VisitFact>,
    /// Stays.
    pub stays: Vec<StayFact>,
    /// Procedures.
    pub procedures: Vec<ProcedureFact>,
}

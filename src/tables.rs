//! The output tables: names and column order (the schema contract, architecture.md §4).
//!
//! The CSV header, the `LOAD DATA` column list and `schema.sql` all follow these lists.

/// One output table: its name and its columns in file order.
#[derive(Debug, PartialEq, Eq)]
pub struct TableSpec {
    /// Table name in CSV file names and in the database.
    pub name: &'static str,
    /// Column names, in the order every row is written.
    pub columns: &'static [&'static str],
    /// True for dimensions that every `--part` writes identically.
    pub shared: bool,
}

macro_rules! table {
    ($ident:ident, $name:literal, $shared:literal, [$($col:literal),+ $(,)?]) => {
        #[doc = concat!("The `", $name, "` table.")]
        pub const $ident: TableSpec = TableSpec { name: $name, columns: &[$($col),+], shared: $shared };
    };
}

table!(
    HOSPITALS,
    "hospitals",
    true,
    [
        "hospital_id",
        "hospital_name",
        "branch_name",
        "ed_treatment_spaces",
        "staffed_beds"
    ]
);
table!(
    DEPARTMENTS,
    "departments",
    true,
    ["department_id", "department_name", "service_line", "bed_type"]
);
table!(
    DIM_DATE,
    "dim_date",
    true,
    [
        "calendar_date",
        "year",
        "quarter",
        "month",
        "month_name",
        "day_of_week",
        "day_name",
        "is_weekend",
        "is_holiday",
        "holiday_name"
    ]
);
table!(
    GENERATION_RUNS,
    "generation_runs",
    true,
    [
        "run_id",
        "seed",
        "profile_name",
        "profile_sha256",
        "tool_version",
        "scale",
        "start_date",
        "days",
        "started_at",
        "finished_at"
    ]
);
table!(
    BEDS,
    "beds",
    false,
    ["bed_id", "hospital_id", "department_id", "bed_type", "bed_label"]
);
table!(
    DOCTORS,
    "doctors",
    false,
    [
        "doctor_id",
        "doctor_name",
        "department_id",
        "hospital_id",
        "role",
        "available_hours"
    ]
);
table!(
    PATIENTS,
    "patients",
    false,
    [
        "patient_id",
        "patient_name",
        "date_of_birth",
        "age",
        "gender",
        "insurance_type",
        "hospital_id"
    ]
);
table!(
    ED_STAFFING,
    "ed_staffing",
    false,
    [
        "shift_id",
        "hospital_id",
        "shift_name",
        "shift_start",
        "shift_end",
        "nurses_scheduled",
        "nurses_on_duty",
        "providers_scheduled",
        "providers_on_duty"
    ]
);
table!(
    ER_VISITS,
    "er_visits",
    false,
    [
        "visit_id",
        "hospital_id",
        "patient_id",
        "visit_timestamp",
        "hour_of_day",
        "day_of_week",
        "triage_level",
        "patient_age",
        "patient_gender",
        "insurance_type",
        "admission_source",
        "staff_on_duty",
        "providers_on_duty",
        "wait_time_minutes",
        "provider_seen_at",
        "departed_at",
        "ed_los_minutes",
        "boarding_minutes",
        "disposition",
        "admission_id"
    ]
);
table!(
    ADMISSIONS,
    "admissions",
    false,
    [
        "admission_id",
        "patient_id",
        "doctor_id",
        "department_id",
        "hospital_id",
        "branch_name",
        "bed_id",
        "bed_type",
        "admission_type",
        "admission_date",
        "discharge_date",
        "er_visit_id",
        "insurance_type"
    ]
);
table!(
    PROCEDURES,
    "procedures",
    false,
    [
        "procedure_id",
        "admission_id",
        "procedure_name",
        "procedure_date",
        "is_surgical",
        "procedure_cost"
    ]
);
table!(
    BILLING,
    "billing",
    false,
    [
        "bill_id",
        "admission_id",
        "room_cost",
        "medicine_cost",
        "procedure_cost",
        "total_cost",
        "bill_status"
    ]
);
table!(
    OUTCOMES,
    "outcomes",
    false,
    [
        "outcome_id",
        "admission_id",
        "outcome_status",
        "discharge_destination",
        "readmitted_within_30_days",
        "readmission_id"
    ]
);

/// Every table, in load order (dimensions first; within a site, parents before children).
pub const ALL: &[&TableSpec] = &[
    &HOSPITALS,
    &DEPARTMENTS,
    &DIM_DATE,
    &GENERATION_RUNS,
    &BEDS,
    &DOCTORS,
    &PATIENTS,
    &ED_STAFFING,
    &ER_VISITS,
    &ADMISSIONS,
    &PROCEDURES,
    &BILLING,
    &OUTCOMES,
];

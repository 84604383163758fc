//! The KPI views of views.sql against the real server, checked figure by figure against an
//! independent computation in Rust from the CSVs of the same profile and seed.
//!
//! One database per test run: the first test that needs it runs the real binary
//! (`hospigen load --profile default --seed 42`) into `hg_views_<unix secs>_<pid>`, the same
//! data `default_dataset()` writes as CSV. The load holds `TestDb`'s lock (so it never overlaps
//! the loader test that turns `local_infile` off); the tests then only read, in parallel. The
//! last test of this module to finish drops the database. A run that executes only some of these
//! tests (a name filter) leaves it behind; the next run drops `hg_views_*` databases older than
//! an hour. Server: env `HOSPIGEN_TEST_MYSQL_URL`; unreachable means "SKIPPED" on stderr, or a
//! failure under `CI=true`, as in the loader tests.
//!
//! Comparisons: counts and money are exact; rounded averages and percentages within 0.01 of the
//! exact value (the view rounds to two decimals); medians and p90 exact.

mod er;
mod inpatient;
mod seeds;

use super::loader::support::{TestDb, admin_exec, admin_rows};
use super::util::{Table, default_dataset, read_table, run};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use mysql_async::prelude::Queryable;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

const PREFIX: &str = "hg_views_";
/// Databases of older runs are dropped once older than this (a run takes well under a minute).
const STALE_AFTER_SECS: u64 = 3600;

// -------------------------------------------------------------------------------------------
// The shared database
// -------------------------------------------------------------------------------------------

struct SharedDb {
    server: String,
    name: String,
    url: String,
}

/// `Ok(None)`: no server (skipped). `Err`: the load failed (every test reports it).
static DB: OnceLock<Result<Option<SharedDb>, String>> = OnceLock::new();
static FINISHED: AtomicUsize = AtomicUsize::new(0);

/// Number of tests in this module (each takes a `Ctx`): the last one to finish drops the database.
fn total_tests() -> usize {
    [
        include_str!("views.rs"),
        include_str!("views/er.rs"),
        include_str!("views/inpatient.rs"),
        include_str!("views/seeds.rs"),
    ]
    .iter()
    .map(|src| src.lines().filter(|l| l.trim() == "#[test]").count())
    .sum()
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Drops `hg_views_<secs>_<pid>` databases created more than an hour ago (left by filtered or
/// killed runs). Never touches a database a concurrent run may still be using.
fn drop_stale(server: &str) {
    for row in admin_rows(
        server,
        &format!("SHOW DATABASES LIKE '{}%'", PREFIX.replace('_', "\\_")),
    ) {
        let Some(name) = row[0].clone() else { continue };
        let created = name[PREFIX.len()..]
            .split('_')
            .next()
            .and_then(|s| s.parse::<u64>().ok());
        if created.is_some_and(|c| now_secs().saturating_sub(c) > STALE_AFTER_SECS) {
            admin_exec(server, &format!("DROP DATABASE IF EXISTS `{name}`"));
        }
    }
}

fn load_shared() -> Result<Option<SharedDb>, String> {
    // Holds the loader tests' lock during the load; panics under CI=true without a server.
    let Some(probe) = TestDb::new() else {
        return Ok(None);
    };
    drop_stale(&probe.server);
    let name = format!("{PREFIX}{}_{}", now_secs(), std::process::id());
    let db = SharedDb {
        url: format!("{}/{name}", probe.server),
        server: probe.server.clone(),
        name,
    };
    let out = run(&[
        "load",
        "--quiet",
        "--profile",
        "default",
        "--seed",
        "42",
        "--database-url",
        &db.url,
    ]);
    drop(probe);
    if out.status.success() {
        Ok(Some(db))
    } else {
        db.drop_database();
        Err(format!(
            "hospigen load failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

impl SharedDb {
    fn drop_database(&self) {
        let (server, sql) = (
            self.server.clone(),
            format!("DROP DATABASE IF EXISTS `{}`", self.name),
        );
        let _ = std::panic::catch_unwind(|| admin_exec(&server, &sql));
    }
}

/// What a test works with: the loaded database and the CSV data of the same seed.
pub struct Ctx {
    db: Finished,
    pub d: &'static Data,
}

/// Counts the test as finished when dropped (also when it panics); the last one drops the database.
struct Finished(&'static SharedDb);

impl Drop for Finished {
    fn drop(&mut self) {
        if FINISHED.fetch_add(1, Ordering::SeqCst) + 1 == total_tests() {
            self.0.drop_database();
        }
    }
}

/// The shared database and data, or `None` when no server is reachable (outside CI).
pub fn ctx(test: &str) -> Option<Ctx> {
    match DB.get_or_init(load_shared) {
        Err(e) => panic!("{e}"),
        Ok(None) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "SKIPPED: views::{test}: no MySQL server");
            None
        }
        Ok(Some(db)) => {
            let db = Finished(db);
            Some(Ctx { db, d: data() })
        }
    }
}

impl Ctx {
    /// Rows of `sql` as text, by column name.
    pub fn q(&self, sql: &str) -> Vec<VRow> {
        query(&self.db.0.url, sql)
    }

    /// The single row of `sql`.
    pub fn one(&self, sql: &str) -> VRow {
        let mut rows = self.q(sql);
        assert_eq!(rows.len(), 1, "{sql}: expected one row");
        rows.pop().unwrap()
    }
}

fn query(url: &str, sql: &str) -> Vec<VRow> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut c = mysql_async::Conn::new(mysql_async::Opts::from_url(url).unwrap())
            .await
            .unwrap();
        let rows: Vec<mysql_async::Row> = c.query(sql).await.unwrap_or_else(|e| panic!("{sql}\n=> {e}"));
        c.disconnect().await.ok();
        let Some(first) = rows.first() else {
            return Vec::new();
        };
        let cols: Arc<HashMap<String, usize>> = Arc::new(
            first
                .columns_ref()
                .iter()
                .enumerate()
                .map(|(i, c)| (c.name_str().into_owned(), i))
                .collect(),
        );
        rows.into_iter()
            .map(|r| VRow {
                cols: cols.clone(),
                vals: r
                    .unwrap()
                    .into_iter()
                    .map(|v| match v {
                        mysql_async::Value::NULL => None,
                        mysql_async::Value::Bytes(b) => Some(String::from_utf8(b).unwrap()),
                        other => Some(format!("{other:?}")),
                    })
                    .collect(),
            })
            .collect()
    })
}

/// One result row, values as the text protocol returns them.
#[derive(Clone)]
pub struct VRow {
    cols: Arc<HashMap<String, usize>>,
    vals: Vec<Option<String>>,
}

impl std::fmt::Debug for VRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<(&String, &usize)> = self.cols.iter().collect();
        names.sort_by_key(|(_, i)| **i);
        f.debug_map()
            .entries(names.iter().map(|(n, i)| (n, &self.vals[**i])))
            .finish()
    }
}

impl VRow {
    #[track_caller]
    pub fn s(&self, col: &str) -> Option<&str> {
        let i = *self
            .cols
            .get(col)
            .unwrap_or_else(|| panic!("no column {col} in {self:?}"));
        self.vals[i].as_deref()
    }
    #[track_caller]
    pub fn str(&self, col: &str) -> &str {
        self.s(col).unwrap_or_else(|| panic!("{col} is NULL in {self:?}"))
    }
    #[track_caller]
    pub fn oi(&self, col: &str) -> Option<i64> {
        self.s(col).map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{col}={v} is not an integer"))
        })
    }
    #[track_caller]
    pub fn i(&self, col: &str) -> i64 {
        self.oi(col)
            .unwrap_or_else(|| panic!("{col} is NULL in {self:?}"))
    }
    #[track_caller]
    pub fn of(&self, col: &str) -> Option<f64> {
        self.s(col)
            .map(|v| v.parse().unwrap_or_else(|_| panic!("{col}={v} is not a number")))
    }
    #[track_caller]
    pub fn f(&self, col: &str) -> f64 {
        self.of(col)
            .unwrap_or_else(|| panic!("{col} is NULL in {self:?}"))
    }
    /// A DECIMAL(.., 2) money value in cents.
    #[track_caller]
    pub fn cents(&self, col: &str) -> i64 {
        cents(self.str(col))
    }
}

// -------------------------------------------------------------------------------------------
// Comparisons
// -------------------------------------------------------------------------------------------

/// Rounded (two decimals) view value against the exact value: within 0.01, NULL = None.
#[track_caller]
pub fn approx(got: Option<f64>, want: Option<f64>, what: impl std::fmt::Display) {
    match (got, want) {
        (None, None) => {}
        (Some(g), Some(w)) => assert!((g - w).abs() <= 0.01 + 1e-9, "{what}: view {g}, expected {w}"),
        _ => panic!("{what}: view {got:?}, expected {want:?}"),
    }
}

/// `approx` for a non-NULL value.
#[track_caller]
pub fn near(got: f64, want: f64, what: impl std::fmt::Display) {
    approx(Some(got), Some(want), what)
}

/// "123.45" (or "-0.5") in cents.
pub fn cents(v: &str) -> i64 {
    let (neg, v) = v.strip_prefix('-').map_or((false, v), |r| (true, r));
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let frac = format!("{frac:0<2}");
    assert!(frac.len() == 2, "not a 2-decimal amount: {v}");
    let c = int.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap();
    if neg { -c } else { c }
}

/// Mean, `None` when empty.
pub fn avg(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (mut n, mut sum) = (0usize, 0.0);
    for v in values {
        n += 1;
        sum += v;
    }
    (n > 0).then(|| sum / n as f64)
}

/// 100 x num / den, `None` when den is 0.
pub fn pct(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| 100.0 * num as f64 / den as f64)
}

/// Median as views.sql defines it: mean of the values at ranks floor((n+1)/2) and ceil((n+1)/2).
pub fn median(mut v: Vec<i64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    // floor((n+1)/2) and ceil((n+1)/2)
    let (lo, hi) = (n.div_ceil(2), (n + 2) / 2);
    Some((v[lo - 1] + v[hi - 1]) as f64 / 2.0)
}

/// Nearest-rank p90: the value at rank ceil(0.9 n).
pub fn p90(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let k = (9 * v.len()).div_ceil(10);
    Some(v[k - 1])
}

/// Whole minutes from `a` to `b` (TIMESTAMPDIFF(MINUTE, a, b)).
pub fn minutes(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (b - a).num_minutes()
}

// -------------------------------------------------------------------------------------------
// The CSV data
// -------------------------------------------------------------------------------------------

pub struct Hospital {
    pub id: i64,
    pub name: String,
}

pub struct Department {
    pub name: String,
    pub service_line: String,
}

pub struct Bed {
    pub id: i64,
    pub hospital: i64,
    pub department: i64,
    pub bed_type: String,
    pub label: String,
}

pub struct Doctor {
    pub id: i64,
    pub name: String,
    pub department: i64,
    pub hospital: i64,
    pub role: String,
    pub available_hours: i64,
}

pub struct Patient {
    pub name: String,
    pub age: i64,
    pub gender: String,
    pub insurance: String,
}

pub struct Visit {
    pub id: i64,
    pub hospital: i64,
    pub at: NaiveDateTime,
    pub hour: i64,
    pub weekday: String,
    pub triage: i64,
    pub age: i64,
    pub gender: String,
    pub insurance: String,
    pub source: String,
    pub staff: i64,
    pub providers: i64,
    pub wait: i64,
    pub seen: bool,
    pub ed_los: i64,
    pub boarding: Option<i64>,
    pub disposition: String,
}

impl Visit {
    pub fn lwbs(&self) -> bool {
        self.disposition == "Left Without Being Seen"
    }
    pub fn admitted(&self) -> bool {
        self.disposition == "Admitted"
    }
    /// Seen by a provider within the triage target (level 1..5: 0, 10, 30, 60, 120 minutes).
    pub fn within_target(&self) -> bool {
        self.seen && self.wait <= TRIAGE_TARGET[(self.triage - 1) as usize]
    }
}

pub const TRIAGE_TARGET: [i64; 5] = [0, 10, 30, 60, 120];
pub const TRIAGE_LABEL: [&str; 5] = ["Critical", "Emergent", "Urgent", "Less Urgent", "Non-Urgent"];
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub struct Admission {
    pub id: i64,
    pub patient: i64,
    pub doctor: i64,
    pub department: i64,
    pub hospital: i64,
    pub branch: String,
    pub bed: i64,
    pub bed_type: String,
    pub admission_type: String,
    pub admitted: NaiveDateTime,
    pub discharged: Option<NaiveDateTime>,
    pub insurance: String,
}

impl Admission {
    /// Length of stay in minutes, `None` while still admitted.
    pub fn los_minutes(&self) -> Option<i64> {
        self.discharged.map(|d| minutes(self.admitted, d))
    }
    pub fn los_days(&self) -> Option<f64> {
        self.los_minutes().map(|m| m as f64 / 1440.0)
    }
    /// Minutes of the stay inside [from, to) (an open stay runs to `to`).
    pub fn minutes_within(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        let end = self.discharged.unwrap_or(to).min(to);
        minutes(self.admitted.max(from), end).max(0)
    }
    /// In the midnight census of `date`: admitted before, and not discharged before, the next 00:00.
    pub fn in_census(&self, date: NaiveDate) -> bool {
        let midnight = midnight(date.succ_opt().unwrap());
        self.admitted < midnight && self.discharged.is_none_or(|d| midnight <= d)
    }
}

pub struct Bill {
    pub admission: i64,
    pub room: i64,
    pub medicine: i64,
    pub procedure: i64,
    pub total: i64,
    pub status: String,
}

pub struct Outcome {
    pub admission: i64,
    pub status: String,
    pub destination: String,
    pub readmitted: bool,
    pub readmission: Option<i64>,
}

pub struct Data {
    /// Horizon [start, start + days).
    pub start: NaiveDate,
    pub days: i64,
    pub hospitals: Vec<Hospital>,
    pub departments: HashMap<i64, Department>,
    pub beds: Vec<Bed>,
    pub doctors: Vec<Doctor>,
    pub patients: HashMap<i64, Patient>,
    pub visits: Vec<Visit>,
    pub admissions: Vec<Admission>,
    pub bills: HashMap<i64, Bill>,
    pub outcomes: HashMap<i64, Outcome>,
}

pub fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap()
}

fn datetime(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap_or_else(|_| panic!("bad timestamp {s}"))
}

impl Data {
    pub fn end(&self) -> NaiveDate {
        self.start + chrono::Days::new(self.days as u64)
    }
    pub fn start_at(&self) -> NaiveDateTime {
        midnight(self.start)
    }
    pub fn end_at(&self) -> NaiveDateTime {
        midnight(self.end())
    }
    /// Every date of the horizon.
    pub fn dates(&self) -> Vec<NaiveDate> {
        self.start.iter_days().take(self.days as usize).collect()
    }
    /// The hospital ids, ascending.
    pub fn hospital_ids(&self) -> Vec<i64> {
        self.hospitals.iter().map(|h| h.id).collect()
    }
    /// Calendar months overlapping the horizon: (year, month, days of it inside the horizon).
    pub fn months(&self) -> Vec<(i32, u32, i64)> {
        let mut out: Vec<(i32, u32, i64)> = Vec::new();
        for d in self.dates() {
            match out.last_mut() {
                Some(m) if (m.0, m.1) == (d.year(), d.month()) => m.2 += 1,
                _ => out.push((d.year(), d.month(), 1)),
            }
        }
        out
    }
    /// Horizon dates per weekday name.
    pub fn weekday_counts(&self) -> HashMap<String, i64> {
        let mut out = HashMap::new();
        for d in self.dates() {
            *out.entry(d.format("%A").to_string()).or_insert(0) += 1;
        }
        out
    }
    pub fn visits_of(&self, hospital: i64) -> impl Iterator<Item = &Visit> {
        self.visits.iter().filter(move |v| v.hospital == hospital)
    }
}

fn parse_data(dir: &std::path::Path) -> Data {
    let t = |name| read_table(dir, name);
    let s = |t: &Table, r: &[Option<String>], c: &str| {
        t.get(r, c).unwrap_or_else(|| panic!("{c} NULL")).to_string()
    };

    let runs = t("generation_runs");
    assert_eq!(runs.rows.len(), 1, "one generation run");
    let start = NaiveDate::parse_from_str(&s(&runs, &runs.rows[0], "start_date"), "%Y-%m-%d").unwrap();
    let days = runs.int(&runs.rows[0], "days");

    let ht = t("hospitals");
    let mut hospitals: Vec<Hospital> = ht
        .rows
        .iter()
        .map(|r| Hospital {
            id: ht.int(r, "hospital_id"),
            name: s(&ht, r, "hospital_name"),
        })
        .collect();
    hospitals.sort_by_key(|h| h.id);

    let dt = t("departments");
    let departments = dt
        .rows
        .iter()
        .map(|r| {
            (
                dt.int(r, "department_id"),
                Department {
                    name: s(&dt, r, "department_name"),
                    service_line: s(&dt, r, "service_line"),
                },
            )
        })
        .collect();

    let bt = t("beds");
    let beds = bt
        .rows
        .iter()
        .map(|r| Bed {
            id: bt.int(r, "bed_id"),
            hospital: bt.int(r, "hospital_id"),
            department: bt.int(r, "department_id"),
            bed_type: s(&bt, r, "bed_type"),
            label: s(&bt, r, "bed_label"),
        })
        .collect();

    let dr = t("doctors");
    let doctors = dr
        .rows
        .iter()
        .map(|r| Doctor {
            id: dr.int(r, "doctor_id"),
            name: s(&dr, r, "doctor_name"),
            department: dr.int(r, "department_id"),
            hospital: dr.int(r, "hospital_id"),
            role: s(&dr, r, "role"),
            available_hours: dr.int(r, "available_hours"),
        })
        .collect();

    let pt = t("patients");
    let patients = pt
        .rows
        .iter()
        .map(|r| {
            (
                pt.int(r, "patient_id"),
                Patient {
                    name: s(&pt, r, "patient_name"),
                    age: pt.int(r, "age"),
                    gender: s(&pt, r, "gender"),
                    insurance: s(&pt, r, "insurance_type"),
                },
            )
        })
        .collect();

    let vt = t("er_visits");
    let visits = vt
        .rows
        .iter()
        .map(|r| Visit {
            id: vt.int(r, "visit_id"),
            hospital: vt.int(r, "hospital_id"),
            at: datetime(&s(&vt, r, "visit_timestamp")),
            hour: vt.int(r, "hour_of_day"),
            weekday: s(&vt, r, "day_of_week"),
            triage: vt.int(r, "triage_level"),
            age: vt.int(r, "patient_age"),
            gender: s(&vt, r, "patient_gender"),
            insurance: s(&vt, r, "insurance_type"),
            source: s(&vt, r, "admission_source"),
            staff: vt.int(r, "staff_on_duty"),
            providers: vt.int(r, "providers_on_duty"),
            wait: vt.int(r, "wait_time_minutes"),
            seen: vt.get(r, "provider_seen_at").is_some(),
            ed_los: vt.int(r, "ed_los_minutes"),
            boarding: vt.opt_int(r, "boarding_minutes"),
            disposition: s(&vt, r, "disposition"),
        })
        .collect();

    let at = t("admissions");
    let admissions = at
        .rows
        .iter()
        .map(|r| Admission {
            id: at.int(r, "admission_id"),
            patient: at.int(r, "patient_id"),
            doctor: at.int(r, "doctor_id"),
            department: at.int(r, "department_id"),
            hospital: at.int(r, "hospital_id"),
            branch: s(&at, r, "branch_name"),
            bed: at.int(r, "bed_id"),
            bed_type: s(&at, r, "bed_type"),
            admission_type: s(&at, r, "admission_type"),
            admitted: datetime(&s(&at, r, "admission_date")),
            discharged: at.get(r, "discharge_date").map(datetime),
            insurance: s(&at, r, "insurance_type"),
        })
        .collect();

    let bl = t("billing");
    let bills = bl
        .rows
        .iter()
        .map(|r| {
            let b = Bill {
                admission: bl.int(r, "admission_id"),
                room: cents(&s(&bl, r, "room_cost")),
                medicine: cents(&s(&bl, r, "medicine_cost")),
                procedure: cents(&s(&bl, r, "procedure_cost")),
                total: cents(&s(&bl, r, "total_cost")),
                status: s(&bl, r, "bill_status"),
            };
            (b.admission, b)
        })
        .collect::<HashMap<_, _>>();
    assert_eq!(bills.len(), bl.rows.len(), "one bill per admission");

    let ot = t("outcomes");
    let outcomes = ot
        .rows
        .iter()
        .map(|r| {
            let o = Outcome {
                admission: ot.int(r, "admission_id"),
                status: s(&ot, r, "outcome_status"),
                destination: s(&ot, r, "discharge_destination"),
                readmitted: ot.int(r, "readmitted_within_30_days") == 1,
                readmission: ot.opt_int(r, "readmission_id"),
            };
            (o.admission, o)
        })
        .collect::<HashMap<_, _>>();
    assert_eq!(outcomes.len(), ot.rows.len(), "one outcome per admission");

    Data {
        start,
        days,
        hospitals,
        departments,
        beds,
        doctors,
        patients,
        visits,
        admissions,
        bills,
        outcomes,
    }
}

/// The default dataset (seed 42), parsed once.
pub fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| parse_data(default_dataset()))
}

// -------------------------------------------------------------------------------------------
// Every view
// -------------------------------------------------------------------------------------------

const VIEWS_SQL: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/views.sql"));

/// View names in the order views.sql creates them.
fn views_in_file() -> Vec<String> {
    VIEWS_SQL
        .split("CREATE OR REPLACE VIEW `")
        .skip(1)
        .map(|rest| rest.split('`').next().unwrap().to_string())
        .collect()
}

#[test]
fn every_view_of_views_sql_exists_and_returns_rows() {
    let Some(c) = ctx("every_view") else { return };
    let in_file = views_in_file();
    assert!(in_file.len() >= 25, "{in_file:?}");
    let in_db: BTreeSet<String> = c
        .q("SELECT table_name AS n FROM information_schema.views WHERE table_schema = DATABASE()")
        .iter()
        .map(|r| r.str("n").to_string())
        .collect();
    assert_eq!(in_db, in_file.iter().cloned().collect::<BTreeSet<_>>());
    let h = c.d.hospitals.len() as i64;
    let expected_rows: HashMap<&str, i64> = HashMap::from([
        ("vw_horizon", 1),
        ("vw_horizon_dates", c.d.days),
        ("vw_hours_of_day", 24),
        ("vw_hospital_dashboard_master", c.d.admissions.len() as i64),
        ("vw_length_of_stay", c.d.admissions.len() as i64),
        ("vw_er_visit_detail", c.d.visits.len() as i64),
        ("vw_er_hourly", 24 * h),
        ("vw_er_heatmap", 7 * 24 * h),
        ("vw_er_monthly_trend", c.d.months().len() as i64 * h),
        ("vw_er_pulse", h + 1),
        ("vw_kpi_summary", h + 1),
        ("vw_admissions_vs_discharges_daily", c.d.days * h),
        ("vw_doctor_utilization", c.d.doctors.len() as i64),
    ]);
    for v in &in_file {
        let n = c.one(&format!("SELECT COUNT(*) AS n FROM `{v}`")).i("n");
        assert!(n > 0, "{v} returns no rows");
        if let Some(want) = expected_rows.get(v.as_str()) {
            assert_eq!(n, *want, "{v}: row count");
        }
    }
}

#[test]
fn helper_views_give_the_horizon() {
    let Some(c) = ctx("helper_views") else { return };
    let d = c.d;
    let h = c.one("SELECT * FROM vw_horizon");
    assert_eq!(h.str("horizon_start"), d.start.to_string());
    assert_eq!(h.str("horizon_end"), d.end().to_string());
    assert_eq!(h.i("horizon_days"), d.days);
    assert_eq!(h.str("horizon_start_at"), d.start_at().to_string());
    assert_eq!(h.str("horizon_end_at"), d.end_at().to_string());

    let dates: Vec<String> = c
        .q("SELECT calendar_date, day_name FROM vw_horizon_dates ORDER BY calendar_date")
        .iter()
        .map(|r| format!("{} {}", r.str("calendar_date"), r.str("day_name")))
        .collect();
    let want: Vec<String> = d
        .dates()
        .iter()
        .map(|x| x.format("%Y-%m-%d %A").to_string())
        .collect();
    assert_eq!(dates, want);

    let hours: Vec<i64> = c
        .q("SELECT hour_of_day FROM vw_hours_of_day ORDER BY hour_of_day")
        .iter()
        .map(|r| r.i("hour_of_day"))
        .collect();
    assert_eq!(hours, (0..24).collect::<Vec<_>>());
}

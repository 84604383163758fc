//! `hospigen load` as a user runs it, against the real server: the database holds exactly
//! the rows `generate` writes for the same seed, survives kill -9, never prints a password.

use super::loader::support::{LocalInfileOff, TestDb, admin_rows, with_password};
use super::util::*;
use std::process::Command;

fn load(url: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["load", "--database-url", url];
    all.extend_from_slice(args);
    run(&all)
}

/// Every table read back equals the CSV of the same profile and seed, value for value.
fn assert_same_as_csv(db: &TestDb, dir: &std::path::Path) {
    for spec in hospigen::tables::ALL {
        let csv = read_table(dir, spec.name);
        let rows = db.table(spec.name);
        assert_eq!(rows.len(), csv.rows.len(), "{}: row count", spec.name);
        for (got, want) in rows.iter().zip(&csv.rows) {
            assert_eq!(got, want, "{}: row differs", spec.name);
        }
    }
}

#[test]
fn load_holds_exactly_what_generate_writes() {
    let Some(db) = TestDb::new() else { return };
    let out = load(&db.url, &["--profile", "default"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("total") && err.contains("rows/s"),
        "no summary:\n{err}"
    );
    assert_same_as_csv(&db, default_dataset());

    // Keys: every foreign key of the schema is declared, and holds (checked by the server
    // on a re-validation pass), and the dashboard filter indexes exist.
    assert!(db.foreign_keys().len() >= 15, "{:?}", db.foreign_keys());
    for (fk_table, col, parent, pcol) in [
        ("admissions", "patient_id", "patients", "patient_id"),
        ("admissions", "bed_id", "beds", "bed_id"),
        ("er_visits", "admission_id", "admissions", "admission_id"),
        ("outcomes", "readmission_id", "admissions", "admission_id"),
    ] {
        let orphans = admin_rows(
            &db.url,
            &format!(
                "SELECT COUNT(*) FROM {fk_table} c LEFT JOIN {parent} p ON c.{col} = p.{pcol} \
                 WHERE c.{col} IS NOT NULL AND p.{pcol} IS NULL"
            ),
        );
        assert_eq!(orphans[0][0].as_deref(), Some("0"), "{fk_table}.{col}");
    }
    let indexed: Vec<String> = admin_rows(
        &db.url,
        "SELECT DISTINCT CONCAT(table_name, '.', column_name) FROM information_schema.statistics \
         WHERE table_schema = DATABASE() AND index_name <> 'PRIMARY'",
    )
    .into_iter()
    .map(|r| r[0].clone().unwrap())
    .collect();
    for col in [
        "admissions.admission_date",
        "er_visits.visit_timestamp",
        "er_visits.triage_level",
        "beds.bed_type",
    ] {
        assert!(indexed.iter().any(|c| c == col), "no index on {col}: {indexed:?}");
    }
    let runs = admin_rows(
        &db.url,
        "SELECT seed, profile_name, started_at IS NOT NULL FROM generation_runs",
    );
    assert_eq!(
        runs,
        vec![vec![Some("42".into()), Some("default".into()), Some("1".into())]]
    );

    // check reads the database exactly as it reads the CSVs.
    let from_db = run(&["check", "--profile", "default", "--database-url", &db.url]);
    let from_dir = run(&[
        "check",
        "--profile",
        "default",
        "--dir",
        default_dataset().to_str().unwrap(),
    ]);
    let body = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        from_db.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&from_db.stdout)
    );
    assert_eq!(body(&from_db), body(&from_dir));
}

#[test]
fn kill_minus_9_mid_load_leaves_the_previous_dataset() {
    let Some(db) = TestDb::new() else { return };
    let before = generate(
        "kill9-before",
        &["--profile", "small", "--days", "30", "--seed", "5"],
    );
    let out = load(
        &db.url,
        &["-q", "--profile", "small", "--days", "30", "--seed", "5"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut child = Command::new(bin())
        .args([
            "load",
            "-q",
            "--replace",
            "--profile",
            "large",
            "--days",
            "120",
            "--database-url",
            &db.url,
        ])
        .spawn()
        .unwrap();
    // Kill as soon as rows are streaming into the staging tables.
    let started = std::time::Instant::now();
    let database = db.url.rsplit('/').next().unwrap().to_string();
    loop {
        let loading = admin_rows(
            &db.server,
            &format!(
                "SELECT COUNT(*) FROM information_schema.processlist \
                 WHERE db = '{database}' AND info LIKE 'LOAD DATA%'"
            ),
        );
        if loading[0][0].as_deref() != Some("0") || started.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!db.staging_tables().is_empty(), "no staging tables while loading");
    assert!(
        child.try_wait().unwrap().is_none(),
        "load finished before it could be killed"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_same_as_csv(&db, before.path());

    // The next run clears the leftovers and replaces the data.
    let out = load(
        &db.url,
        &[
            "-q",
            "--replace",
            "--profile",
            "small",
            "--days",
            "30",
            "--seed",
            "6",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(db.staging_tables().is_empty(), "{:?}", db.staging_tables());
    let after = generate(
        "kill9-after",
        &["--profile", "small", "--days", "30", "--seed", "6"],
    );
    assert_same_as_csv(&db, after.path());
}

#[test]
fn refused_local_infile_falls_back_to_insert_with_the_same_rows() {
    let Some(db) = TestDb::new() else { return };
    let _off = LocalInfileOff::new(&db.server);
    let out = load(&db.url, &["--profile", "small", "--days", "20"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("falling back to multi-row INSERT").count(),
        1,
        "{err}"
    );
    let csv = generate("fallback", &["--profile", "small", "--days", "20"]);
    assert_same_as_csv(&db, csv.path());
}

#[test]
fn no_output_ever_shows_the_password() {
    let Some(db) = TestDb::new() else { return };
    let secret = "S3cr3t-pw-hospigen";
    let wrong = with_password(&db.url, secret);
    for args in [
        vec![
            "load",
            "--profile",
            "small",
            "--days",
            "2",
            "--database-url",
            &wrong,
        ],
        vec!["check", "--database-url", &wrong],
    ] {
        let out = run(&args);
        assert_ne!(out.status.code(), Some(0));
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.contains(secret), "password printed by {args:?}:\n{text}");
        }
        assert!(String::from_utf8_lossy(&out.stderr).contains("***") || !out.stderr.is_empty());
    }
    // A malformed URL is bad input (exit 2), and still not echoed with its password.
    let bad = format!("mysql://root:{secret}@127.0.0.1:notaport/x");
    let out = run(&[
        "load",
        "--profile",
        "small",
        "--days",
        "2",
        "--database-url",
        &bad,
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains(secret));
    // The URL from the environment works the same way and is not echoed either.
    let out = Command::new(bin())
        .args(["load", "--profile", "small", "--days", "2"])
        .env("DATABASE_URL", &wrong)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(secret));
}

/// TLS settings in the URL reach the driver: asking a server without TLS for it fails
/// clearly instead of silently connecting in the clear.
#[test]
fn tls_request_is_passed_to_the_driver() {
    let Some(db) = TestDb::new() else { return };
    let have_ssl = admin_rows(&db.server, "SELECT @@have_ssl");
    if have_ssl[0][0].as_deref() == Some("YES") {
        let out = load(
            &format!("{}?require_ssl=true&verify_ca=false", db.url),
            &["-q", "--profile", "small", "--days", "2"],
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        return;
    }
    let out = load(
        &format!("{}?require_ssl=true", db.url),
        &["-q", "--profile", "small", "--days", "2"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("SSL"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

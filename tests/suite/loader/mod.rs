//! MySQL/MariaDB loader tests against a real server (no mocks).
//!
//! Server: env `HOSPIGEN_TEST_MYSQL_URL` (default `mysql://root@127.0.0.1:3306`). If it is
//! unreachable the tests print "SKIPPED: no MySQL server" and pass, except under `CI=true`
//! where they fail. Each test loads into its own database `hg_test_<pid>_<nanos>` and drops it.
//! The tests run one at a time (one of them flips the server-wide `local_infile`).

pub mod support;

use hospigen::sink::mysql::{LoadError, LoadOptions, load, redact_url};
use support::{Dataset, TestDb, admin_exec, admin_rows, failing_after, pushing};

const SCHEMA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.sql"));
const VIEWS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/loader_views.sql"
));

fn opts(db: &TestDb, replace: bool) -> LoadOptions {
    LoadOptions {
        replace,
        quiet: true,
        ..LoadOptions::new(db.url.clone())
    }
}

#[test]
fn load_round_trips_every_table_with_keys_and_views() {
    let Some(db) = TestDb::new() else { return };
    let data = Dataset::new(1, 400);
    let before = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
    let summary = load(&opts(&db, false), SCHEMA, VIEWS, pushing(data.chunks(60))).unwrap();
    let after = chrono::Utc::now().naive_utc() + chrono::Duration::seconds(1);

    assert!(!summary.used_fallback);
    data.assert_loaded(&db);
    for t in &summary.tables {
        assert_eq!(t.rows, data.rows(t.table).len() as u64, "{}", t.table);
    }
    // Load times are stamped in UTC.
    let times = admin_rows(&db.url, "SELECT started_at, finished_at FROM generation_runs");
    let parse = |v: &Option<String>| {
        chrono::NaiveDateTime::parse_from_str(v.as_deref().unwrap(), "%Y-%m-%d %H:%M:%S").unwrap()
    };
    let (start, finish) = (parse(&times[0][0]), parse(&times[0][1]));
    assert!(
        before <= start && start <= finish && finish <= after,
        "{start} {finish}"
    );
    assert_eq!(db.staging_tables(), Vec::<String>::new());
    // Indexes and foreign keys are on the live tables and point at live tables.
    let fks = db.foreign_keys();
    assert_eq!(fks.len(), SCHEMA.matches("FOREIGN KEY").count(), "{fks:?}");
    assert!(
        fks.iter().all(|(_, t, r)| !t.contains("__") && !r.contains("__")),
        "{fks:?}"
    );
    let idx = admin_rows(
        &db.url,
        "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() \
         AND index_name = 'idx_er_visits_patient' AND table_name = 'er_visits'",
    );
    assert_eq!(idx[0][0].as_deref(), Some("1"));
    // Views were installed after the swap and read the new tables.
    let open = admin_rows(&db.url, "SELECT COUNT(*) FROM v_admissions_open");
    assert_eq!(open[0][0], Some(data.open_admissions().to_string()));
}

#[test]
fn one_connection_gives_the_same_data() {
    let Some(db) = TestDb::new() else { return };
    let data = Dataset::new(2, 150);
    let o = LoadOptions {
        connections: 1,
        ..opts(&db, false)
    };
    load(&o, SCHEMA, VIEWS, pushing(data.chunks(7))).unwrap();
    data.assert_loaded(&db);
}

#[test]
fn second_load_without_replace_is_refused_and_data_kept() {
    let Some(db) = TestDb::new() else { return };
    let first = Dataset::new(1, 120);
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(first.chunks(50))).unwrap();
    let err = load(
        &opts(&db, false),
        SCHEMA,
        VIEWS,
        pushing(Dataset::new(2, 90).chunks(50)),
    )
    .unwrap_err();
    assert!(matches!(err, LoadError::ExistingDataset { .. }), "{err:?}");
    assert!(err.to_string().contains("--replace"), "{err}");
    first.assert_loaded(&db);
}

#[test]
fn replace_swaps_in_new_data_again_and_again() {
    let Some(db) = TestDb::new() else { return };
    load(
        &opts(&db, false),
        SCHEMA,
        VIEWS,
        pushing(Dataset::new(1, 120).chunks(50)),
    )
    .unwrap();
    let first_fks = db.foreign_keys();
    for variant in [2, 3] {
        let data = Dataset::new(variant, 90 + variant as usize);
        load(&opts(&db, true), SCHEMA, VIEWS, pushing(data.chunks(40))).unwrap();
        data.assert_loaded(&db);
        assert_eq!(db.staging_tables(), Vec::<String>::new());
        let fks = db.foreign_keys();
        assert_eq!(
            fks.len(),
            first_fks.len(),
            "constraints must not pile up: {fks:?}"
        );
        assert!(
            fks.iter().all(|f| !first_fks.contains(f)),
            "names are per load: {fks:?}"
        );
    }
}

#[test]
fn failing_producer_keeps_old_data_and_next_run_clears_staging() {
    let Some(db) = TestDb::new() else { return };
    let first = Dataset::new(1, 120);
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(first.chunks(50))).unwrap();
    let chunks = Dataset::new(2, 200).chunks(20);
    let err = load(&opts(&db, true), SCHEMA, VIEWS, failing_after(chunks, 10)).unwrap_err();
    assert!(matches!(err, LoadError::Producer(_)), "{err:?}");
    assert!(format!("{:#}", anyhow::Error::from(err)).contains("simulated producer failure"));
    first.assert_loaded(&db);
    // Leftovers of a run that could not clean up (e.g. killed): the next run removes them.
    admin_exec(&db.url, "CREATE TABLE `hospitals__new` (x INT)");
    admin_exec(&db.url, "CREATE TABLE `beds__old` (x INT)");
    let third = Dataset::new(3, 80);
    load(&opts(&db, true), SCHEMA, VIEWS, pushing(third.chunks(30))).unwrap();
    third.assert_loaded(&db);
    assert_eq!(db.staging_tables(), Vec::<String>::new());
}

#[test]
fn killed_connections_fail_the_load_and_keep_old_data() {
    let Some(db) = TestDb::new() else { return };
    let first = Dataset::new(1, 120);
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(first.chunks(50))).unwrap();
    let chunks = Dataset::new(2, 300).chunks(10);
    let url = db.url.clone();
    let produce: support::Producer = Box::new(move |push| {
        for (i, c) in chunks.into_iter().enumerate() {
            if i == 8 {
                // From another connection, kill every connection of the load.
                let url = url.clone();
                let killed = std::thread::spawn(move || support::kill_others(&url))
                    .join()
                    .unwrap();
                assert!(killed >= 2, "killed {killed}");
            }
            push(c)?;
        }
        Ok(())
    });
    let err = load(&opts(&db, true), SCHEMA, VIEWS, produce).unwrap_err();
    assert!(matches!(err, LoadError::Sql { .. }), "{err:?}");
    first.assert_loaded(&db);
    let again = Dataset::new(4, 60);
    load(&opts(&db, true), SCHEMA, VIEWS, pushing(again.chunks(25))).unwrap();
    again.assert_loaded(&db);
    assert_eq!(db.staging_tables(), Vec::<String>::new());
}

#[test]
fn refused_local_infile_falls_back_to_insert_with_identical_data() {
    let Some(db) = TestDb::new() else { return };
    let data = Dataset::new(5, 250);
    let summary = {
        let _guard = support::LocalInfileOff::new(&db.server);
        load(&opts(&db, false), SCHEMA, VIEWS, pushing(data.chunks(45))).unwrap()
    };
    assert!(summary.used_fallback);
    data.assert_loaded(&db);
    // The same chunks through LOAD DATA give the very same rows.
    let other = db.sibling();
    let s2 = load(&opts(&other, false), SCHEMA, VIEWS, pushing(data.chunks(45))).unwrap();
    assert!(!s2.used_fallback);
    for t in hospigen::tables::ALL {
        assert_eq!(db.table(t.name), other.table(t.name), "{}", t.name);
    }
}

#[test]
fn rows_the_server_would_change_fail_the_load() {
    let Some(db) = TestDb::new() else { return };
    let first = Dataset::new(1, 60);
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(first.chunks(50))).unwrap();
    let mut chunks = Dataset::new(2, 60).chunks(50);
    // A gender longer than VARCHAR(8): silently truncated unless warnings are checked.
    let bad = chunks.iter_mut().find(|c| c.table.name == "patients").unwrap();
    let text = String::from_utf8(bad.bytes.clone()).unwrap();
    bad.bytes = text.replacen("Female", "Femaleeeeeeeeeeee", 1).into_bytes();
    let err = load(&opts(&db, true), SCHEMA, VIEWS, pushing(chunks)).unwrap_err();
    assert!(
        matches!(
            &err,
            LoadError::Rejected {
                table: "patients",
                ..
            }
        ),
        "{err:?}"
    );
    first.assert_loaded(&db);
}

#[test]
fn passwords_never_show() {
    assert_eq!(
        redact_url("mysql://root:s3cr3t-pw@db:3306/h"),
        "mysql://root:***@db:3306/h"
    );
    let o = LoadOptions::new("mysql://root:s3cr3t-pw@127.0.0.1:1/h");
    assert!(!format!("{o:?}").contains("s3cr3t"), "{o:?}");
    let err = load(
        &LoadOptions::new("mysql://root:s3cr3t-pw@127.0.0.1:3306"),
        SCHEMA,
        VIEWS,
        pushing(vec![]),
    )
    .unwrap_err();
    assert!(matches!(err, LoadError::BadUrl { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("s3cr3t"));

    let Some(db) = TestDb::new() else { return };
    let wrong = support::with_password(&db.url, "Wr0ng-Pa55word");
    let err = load(
        &LoadOptions {
            quiet: true,
            ..LoadOptions::new(wrong)
        },
        SCHEMA,
        VIEWS,
        pushing(vec![]),
    )
    .unwrap_err();
    let plain = format!("{err} | {err:?}");
    let shown = format!("{plain} | {:#}", anyhow::Error::from(err));
    assert!(shown.contains("1045") || shown.contains("denied"), "{shown}");
    assert!(!shown.contains("Wr0ng-Pa55word"), "{shown}");
    assert!(shown.contains("***"), "{shown}");
}

#[test]
fn a_second_concurrent_load_is_refused() {
    let Some(db) = TestDb::new() else { return };
    let name = format!("hospigen_load.{}", db.url.rsplit('/').next().unwrap());
    // Hold the load lock from another session, as a running load would.
    let holder = support::hold_lock(&db.server, &name);
    let err = load(
        &opts(&db, true),
        SCHEMA,
        VIEWS,
        pushing(Dataset::new(1, 30).chunks(10)),
    )
    .unwrap_err();
    drop(holder);
    assert!(matches!(err, LoadError::Busy { .. }), "{err:?}");
    let data = Dataset::new(1, 30);
    load(&opts(&db, true), SCHEMA, VIEWS, pushing(data.chunks(10))).unwrap();
    data.assert_loaded(&db);
}

#[test]
fn killing_a_running_load_statement_keeps_old_data() {
    let Some(db) = TestDb::new() else { return };
    let first = Dataset::new(1, 100);
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(first.chunks(50))).unwrap();
    let url = db.url.clone();
    // Kill the first connection seen inside a LOAD DATA statement.
    let killer = std::thread::spawn(move || support::kill_first_running(&url, "LOAD DATA"));
    let err = load(
        &opts(&db, true),
        SCHEMA,
        VIEWS,
        pushing(Dataset::new(2, 80_000).chunks(4000)),
    )
    .unwrap_err();
    assert!(
        killer.join().unwrap(),
        "no LOAD DATA statement was caught running"
    );
    assert!(matches!(err, LoadError::Sql { .. }), "{err:?}");
    first.assert_loaded(&db);
}

#[test]
fn the_real_views_install_and_answer() {
    let Some(db) = TestDb::new() else { return };
    let views = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/views.sql"));
    let data = Dataset::new(1, 200);
    load(&opts(&db, false), SCHEMA, views, pushing(data.chunks(64))).unwrap();
    let names: Vec<&str> = views
        .split("CREATE OR REPLACE VIEW `")
        .skip(1)
        .map(|s| s.split('`').next().unwrap())
        .collect();
    assert!(names.len() >= 5, "{names:?}");
    for name in names {
        admin_rows(&db.url, &format!("SELECT COUNT(*) FROM `{name}`"));
    }
}

#[test]
fn duplicate_keys_fail_the_load_instead_of_being_skipped() {
    let Some(db) = TestDb::new() else { return };
    let first = Dataset::new(1, 60);
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(first.chunks(50))).unwrap();
    // LOAD DATA LOCAL skips duplicate keys with a warning: that must not pass silently.
    let mut chunks = Dataset::new(2, 60).chunks(50);
    let i = chunks.iter().position(|c| c.table.name == "beds").unwrap();
    let again = hospigen::sink::Chunk {
        bytes: chunks[i].bytes.clone(),
        ..chunks[i]
    };
    chunks.insert(i + 1, again);
    let err = load(&opts(&db, true), SCHEMA, VIEWS, pushing(chunks)).unwrap_err();
    assert!(
        matches!(&err, LoadError::Rejected { table: "beds", .. }),
        "{err:?}"
    );
    first.assert_loaded(&db);
}

#[test]
fn a_failing_index_phase_keeps_old_data() {
    let Some(db) = TestDb::new() else { return };
    let first = Dataset::new(1, 60);
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(first.chunks(50))).unwrap();
    // Two bills for one admission break the unique key added after the data.
    let mut chunks = Dataset::new(2, 60).chunks(50);
    let bills = chunks.iter_mut().find(|c| c.table.name == "billing").unwrap();
    let text = String::from_utf8(bills.bytes.clone()).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let (id, rest) = lines[1].split_once(',').unwrap();
    let (_, rest) = rest.split_once(',').unwrap();
    lines[1] = format!("{id},1,{rest}");
    bills.bytes = (lines.join("\n") + "\n").into_bytes();
    let err = load(&opts(&db, true), SCHEMA, VIEWS, pushing(chunks)).unwrap_err();
    assert!(
        matches!(&err, LoadError::Sql { context, .. } if context.contains("indexes of `billing__new`")),
        "{err:?}"
    );
    first.assert_loaded(&db);
    assert_eq!(db.staging_tables(), Vec::<String>::new());
}

#[test]
fn readers_see_the_old_dataset_or_the_new_never_a_mix() {
    let Some(db) = TestDb::new() else { return };
    let (old, new) = (Dataset::new(1, 300), Dataset::new(2, 900));
    load(&opts(&db, false), SCHEMA, VIEWS, pushing(old.chunks(50))).unwrap();
    let expect = |d: &Dataset, run: u32| {
        vec![
            Some(d.rows("er_visits").len().to_string()),
            Some(d.rows("admissions").len().to_string()),
            Some(run.to_string()),
        ]
    };
    let allowed = [expect(&old, 1), expect(&new, 2)];
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (url, stop) = (db.url.clone(), done.clone());
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            let row = admin_rows(
                &url,
                "SELECT (SELECT COUNT(*) FROM er_visits), (SELECT COUNT(*) FROM admissions), \
                 (SELECT run_id FROM generation_runs)",
            );
            seen.push(row.into_iter().next().unwrap());
        }
        seen
    });
    load(&opts(&db, true), SCHEMA, VIEWS, pushing(new.chunks(20))).unwrap();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = reader.join().unwrap();
    assert!(seen.len() > 3, "the reader barely ran");
    assert!(seen.iter().all(|r| allowed.contains(r)), "{seen:?}");
    assert!(seen.contains(&allowed[0]));
}

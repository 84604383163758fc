//! Helpers of the MySQL tests: a throw-away database per test, admin queries, a small
//! consistent synthetic dataset for every table, and producers built from it.

mod dataset;

pub use dataset::Dataset;

use std::sync::{Mutex, MutexGuard};

use hospigen::sink::Chunk;
use mysql_async::prelude::Queryable;
use mysql_async::{Conn, Opts, Value};

/// One row as the text protocol returns it: `None` is NULL.
pub type Row = Vec<Option<String>>;
pub use hospigen::sink::mysql::Producer;

/// The tests share one server and one of them flips a global setting: one test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn block<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

async fn connect(url: &str) -> mysql_async::Result<Conn> {
    Conn::new(Opts::from_url(url).expect("test URL")).await
}

/// Runs a statement.
pub fn admin_exec(url: &str, sql: &str) {
    block(async {
        let mut c = connect(url).await.unwrap();
        c.query_drop(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
        c.disconnect().await.ok();
    })
}

/// Runs a query and returns its rows as text.
pub fn admin_rows(url: &str, sql: &str) -> Vec<Row> {
    block(async {
        let mut c = connect(url).await.unwrap();
        let rows: Vec<mysql_async::Row> = c.query(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
        c.disconnect().await.ok();
        rows.into_iter()
            .map(|r| {
                r.unwrap()
                    .into_iter()
                    .map(|v| match v {
                        Value::NULL => None,
                        Value::Bytes(b) => Some(String::from_utf8(b).unwrap()),
                        other => Some(format!("{other:?}")),
                    })
                    .collect()
            })
            .collect()
    })
}

/// A database of its own, dropped at the end of the test.
pub struct TestDb {
    /// Server URL without a database.
    pub server: String,
    /// URL of this test's database (which does not exist until the loader creates it).
    pub url: String,
    name: String,
    _serial: Option<MutexGuard<'static, ()>>,
}

impl TestDb {
    /// `None` (after a loud line on stderr) when no server is reachable, unless `CI=true`.
    pub fn new() -> Option<TestDb> {
        let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let server = std::env::var("HOSPIGEN_TEST_MYSQL_URL")
            .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
            .trim_end_matches('/')
            .to_string();
        if let Err(e) = block(connect(&server)) {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "no MySQL server at {}: {e}",
                    hospigen::sink::mysql::redact_url(&server)
                );
            }
            // Straight to the stderr handle: libtest captures eprintln! of passing tests.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: no MySQL server at {} ({e})",
                hospigen::sink::mysql::redact_url(&server)
            );
            return None;
        }
        Some(Self::named(server, Some(serial)))
    }

    /// A second database in the same test.
    pub fn sibling(&self) -> TestDb {
        Self::named(self.server.clone(), None)
    }

    fn named(server: String, serial: Option<MutexGuard<'static, ()>>) -> TestDb {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let name = format!("hg_test_{}_{nanos}", std::process::id());
        TestDb {
            url: format!("{server}/{name}"),
            server,
            name,
            _serial: serial,
        }
    }

    /// All rows of a table in primary-key order (load times of `generation_runs` blanked).
    pub fn table(&self, table: &str) -> Vec<Row> {
        let mut rows = admin_rows(&self.url, &format!("SELECT * FROM `{table}` ORDER BY 1"));
        if table == "generation_runs" {
            for r in &mut rows {
                let n = r.len();
                r[n - 2] = None;
                r[n - 1] = None;
            }
        }
        rows
    }

    /// Tables named `*__new` or `*__old`.
    pub fn staging_tables(&self) -> Vec<String> {
        admin_rows(
            &self.url,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
        )
        .into_iter()
        .filter_map(|r| r[0].clone())
        .filter(|n| n.ends_with("__new") || n.ends_with("__old"))
        .collect()
    }

    /// (constraint, table, referenced table) of every foreign key.
    pub fn foreign_keys(&self) -> Vec<(String, String, String)> {
        admin_rows(
            &self.url,
            "SELECT constraint_name, table_name, referenced_table_name \
             FROM information_schema.referential_constraints \
             WHERE constraint_schema = DATABASE() ORDER BY 1",
        )
        .into_iter()
        .map(|r| {
            (
                r[0].clone().unwrap(),
                r[1].clone().unwrap(),
                r[2].clone().unwrap(),
            )
        })
        .collect()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let server = self.server.clone();
        let sql = format!("DROP DATABASE IF EXISTS `{}`", self.name);
        // Never panic in drop (a failing test is unwinding through here).
        let _ = std::panic::catch_unwind(|| admin_exec(&server, &sql));
    }
}

/// `SET GLOBAL local_infile = 0` until dropped; restored to ON however the test ends.
pub struct LocalInfileOff {
    server: String,
}

impl LocalInfileOff {
    /// Turns LOCAL INFILE off server-wide.
    pub fn new(server: &str) -> Self {
        let guard = LocalInfileOff {
            server: server.to_string(),
        };
        admin_exec(server, "SET GLOBAL local_infile = 0");
        guard
    }
}

impl Drop for LocalInfileOff {
    fn drop(&mut self) {
        let server = self.server.clone();
        if std::panic::catch_unwind(|| admin_exec(&server, "SET GLOBAL local_infile = 1")).is_err() {
            eprintln!("!!! could not restore local_infile=1: run SET GLOBAL local_infile = 1 !!!");
        }
    }
}

/// Kills every connection to the URL's database except its own; returns how many.
pub fn kill_others(url: &str) -> usize {
    let ids = admin_rows(
        url,
        "SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()",
    );
    for id in &ids {
        let id = id[0].as_deref().unwrap();
        let _ = std::panic::catch_unwind(|| admin_exec(url, &format!("KILL {id}")));
    }
    ids.len()
}

/// The URL with `password` put in.
pub fn with_password(url: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (user, host) = rest.split_once('@').unwrap();
    let user = user.split(':').next().unwrap();
    format!("{scheme}://{user}:{password}@{host}")
}

/// A producer that pushes `chunks`.
pub fn pushing(chunks: Vec<Chunk>) -> Producer {
    Box::new(move |push| chunks.into_iter().try_for_each(push))
}

/// A producer that pushes `n` chunks, then fails.
pub fn failing_after(chunks: Vec<Chunk>, n: usize) -> Producer {
    Box::new(move |push| {
        chunks.into_iter().take(n).try_for_each(&mut *push)?;
        anyhow::bail!("simulated producer failure")
    })
}

/// Holds the named lock `name` on its own session until dropped.
pub struct LockHolder {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Takes `GET_LOCK(name)` on a session of its own (a thread with its own runtime).
pub fn hold_lock(server: &str, name: &str) -> LockHolder {
    let (server, name) = (server.to_string(), name.to_string());
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let (ready, is_ready) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        block(async {
            let mut c = connect(&server).await.unwrap();
            let got: Option<i64> = c.exec_first("SELECT GET_LOCK(?, 5)", (name,)).await.unwrap();
            assert_eq!(got, Some(1));
            ready.send(()).unwrap();
            // Blocking here is fine: this runtime has nothing else to do.
            stopped.recv().ok();
            c.disconnect().await.ok();
        })
    });
    is_ready.recv().unwrap();
    LockHolder {
        stop: Some(stop),
        thread: Some(thread),
    }
}

impl Drop for LockHolder {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            t.join().ok();
        }
    }
}

/// Polls (for up to 20 s) for a connection to the URL's database running a statement that
/// starts with `prefix`, kills it, and says whether it found one.
pub fn kill_first_running(url: &str, prefix: &str) -> bool {
    let sql = format!(
        "SELECT id FROM information_schema.processlist WHERE db = DATABASE() \
         AND id <> CONNECTION_ID() AND info LIKE '{prefix}%' LIMIT 1"
    );
    block(async {
        let mut c = connect(url).await.unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            let id: Option<u64> = c.query_first(sql.as_str()).await.unwrap();
            if let Some(id) = id {
                c.query_drop(format!("KILL {id}")).await.unwrap();
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        false
    })
}

//! Helpers: run the binary, temporary directories, read CSVs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Path of the binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_hospigen")
}

/// Run hospigen with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().expect("run hospigen")
}

/// Run and require success.
pub fn run_ok(args: &[&str]) -> Output {
    let out = run(args);
    assert!(
        out.status.success(),
        "hospigen {args:?} failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A fresh, uniquely named temporary directory (removed on drop).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("hospigen-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn str(&self) -> &str {
        self.0.to_str().expect("utf-8 path")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Generate `profile` with extra args into a fresh directory.
pub fn generate(tag: &str, args: &[&str]) -> TempDir {
    let dir = TempDir::new(tag);
    let mut all = vec!["generate", "--quiet", "--out", dir.str()];
    all.extend_from_slice(args);
    run_ok(&all);
    dir
}

/// The default profile generated once per test run (seed 42), shared by read-only tests.
pub fn default_dataset() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| generate("default", &["--profile", "default"]))
        .path()
}

/// The er_rush_hour profile generated once per test run.
pub fn rush_dataset() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| generate("rush", &["--profile", "er_rush_hour"]))
        .path()
}

/// A CSV table: header index and rows of fields (None = NULL).
pub struct Table {
    pub columns: HashMap<String, usize>,
    pub rows: Vec<Vec<Option<String>>>,
}

impl Table {
    pub fn col(&self, name: &str) -> usize {
        *self
            .columns
            .get(name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// Values of a column.
    pub fn get<'a>(&'a self, row: &'a [Option<String>], name: &str) -> Option<&'a str> {
        row[self.col(name)].as_deref()
    }

    pub fn int(&self, row: &[Option<String>], name: &str) -> i64 {
        self.get(row, name)
            .unwrap_or_else(|| panic!("{name} is NULL"))
            .parse()
            .expect("integer")
    }

    pub fn opt_int(&self, row: &[Option<String>], name: &str) -> Option<i64> {
        self.get(row, name).map(|v| v.parse().expect("integer"))
    }
}

/// Split one CSV line (RFC 4180 quoting, no embedded newlines in our data).
pub fn split_csv(line: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') => {
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => {
                out.push(if field.is_empty() && !was_quoted {
                    None
                } else {
                    Some(std::mem::take(&mut field))
                });
                was_quoted = false;
            }
            _ => field.push(c),
        }
    }
    out.push(if field.is_empty() && !was_quoted {
        None
    } else {
        Some(field)
    });
    out
}

/// Read `<dir>/<table>.csv`.
pub fn read_table(dir: &Path, table: &str) -> Table {
    let text = std::fs::read_to_string(dir.join(format!("{table}.csv"))).expect("read csv");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let columns = header
        .split(',')
        .enumerate()
        .map(|(i, c)| (c.to_string(), i))
        .collect::<HashMap<_, _>>();
    let rows = lines
        .map(|l| {
            let r = split_csv(l);
            assert_eq!(r.len(), columns.len(), "{table}: bad field count in {l}");
            r
        })
        .collect();
    Table { columns, rows }
}

/// Parse `YYYY-MM-DD HH:MM:SS` to seconds since 1970.
pub fn ts(s: &str) -> i64 {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .unwrap_or_else(|_| panic!("bad timestamp {s}"))
        .and_utc()
        .timestamp()
}

/// Median of a sorted-able list.
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Mean.
pub fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// SHA-256 of every file in a manifest.
pub fn manifest_hashes(dir: &Path) -> Vec<(String, String)> {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let mut out: Vec<(String, String)> = m["tables"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["sha256"].as_str().unwrap().to_string()))
        .collect();
    out.sort();
    out
}

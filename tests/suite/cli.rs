//! The command line as a user meets it.

use super::util::*;

#[test]
fn profiles_lists_builtins() {
    let out = run_ok(&["profiles"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["default", "small", "er_rush_hour", "large"] {
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "{name} missing:\n{text}"
        );
    }
    let large = text.lines().find(|l| l.starts_with("large")).unwrap();
    let visits: f64 = large.split_whitespace().nth(2).unwrap().parse().unwrap();
    assert!(visits >= 1_000_000.0, "large has {visits} ED visits/yr");
}

#[test]
fn generate_writes_every_table_and_manifest() {
    let dir = generate("all-tables", &["--profile", "small", "--days", "30"]);
    for spec in hospigen::tables::ALL {
        let t = read_table(dir.path(), spec.name);
        assert_eq!(t.columns.len(), spec.columns.len());
        assert!(!t.rows.is_empty(), "{} is empty", spec.name);
    }
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["profile"], "small");
    assert_eq!(m["seed"], 42);
    assert_eq!(m["part"], "1/1");
    assert_eq!(
        m["tables"].as_object().unwrap().len(),
        hospigen::tables::ALL.len()
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".inprogress"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn refuses_non_empty_out_without_force() {
    let dir = TempDir::new("no-overwrite");
    std::fs::create_dir_all(dir.path()).unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let out = run(&[
        "generate",
        "--profile",
        "small",
        "--days",
        "3",
        "--out",
        dir.str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not empty") && err.contains("--force"), "{err}");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("keep.txt")]);
    run_ok(&[
        "generate",
        "-q",
        "--profile",
        "small",
        "--days",
        "3",
        "--out",
        dir.str(),
        "--force",
    ]);
    assert!(dir.path().join("er_visits.csv").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn bad_flags_exit_2() {
    for args in [
        vec!["generate", "--part", "3/2"],
        vec!["generate", "--part", "x"],
        vec!["generate", "--profile", "no_such_profile"],
        vec!["generate", "--days", "0"],
        vec!["generate", "--scale", "-1"],
        vec!["generate", "--start", "2025-02-30"],
    ] {
        let dir = TempDir::new("badflag");
        let mut all = args.clone();
        all.extend(["--out", dir.str()]);
        let out = run(&all);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!dir.path().exists(), "{args:?} wrote output");
    }
}

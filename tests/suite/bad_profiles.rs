//! Bad profiles: each gets exit code 2, a message naming the file and the key, and no output.
//! Cases live in tests/fixtures/bad_profiles.toml as edits of profiles/default.toml.

use super::util::*;

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    replace: String,
    with: String,
    expect: String,
}

#[test]
fn every_bad_profile_fixture_is_rejected_with_its_message() {
    let root = env!("CARGO_MANIFEST_DIR");
    let base = std::fs::read_to_string(format!("{root}/profiles/default.toml")).unwrap();
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(format!("{root}/tests/fixtures/bad_profiles.toml")).unwrap())
            .unwrap();
    assert!(cases.case.len() >= 15, "only {} fixtures", cases.case.len());
    let work = TempDir::new("bad-profiles");
    std::fs::create_dir_all(work.path()).unwrap();
    for case in &cases.case {
        assert!(
            base.contains(&case.replace),
            "{}: '{}' not in default.toml",
            case.name,
            case.replace
        );
        let file = work.path().join(format!("{}.toml", case.name));
        std::fs::write(&file, base.replacen(&case.replace, &case.with, 1)).unwrap();
        let out_dir = work.path().join(format!("{}-out", case.name));
        let out = run(&[
            "generate",
            "--profile",
            file.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: exit {:?}\n{err}",
            case.name,
            out.status.code()
        );
        assert!(
            err.contains(file.to_str().unwrap()),
            "{}: message does not name the file:\n{err}",
            case.name
        );
        assert!(
            err.contains(&case.expect),
            "{}: expected '{}' in:\n{err}",
            case.name,
            case.expect
        );
        assert!(!out_dir.exists(), "{}: output was written", case.name);
    }
}

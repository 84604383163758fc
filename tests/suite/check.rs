//! `hospigen check` on every built-in profile and four seeds, and its failure modes.

use super::util::*;

#[test]
fn every_builtin_passes_its_targets_on_four_seeds() {
    for profile in ["default", "small", "er_rush_hour", "large"] {
        for seed in ["42", "1", "2", "3"] {
            // The network is big; a quarter of its hospitals keeps the suite quick.
            let extra: &[&str] = if profile == "large" {
                &["--scale", "0.25"]
            } else {
                &[]
            };
            let dir = generate(
                "check",
                &[&["--profile", profile, "--seed", seed][..], extra].concat(),
            );
            let out = run(&["check", "--profile", profile, "--dir", dir.str()]);
            let text = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{profile} seed {seed}:\n{text}");
            assert!(text.contains("targets met") && !text.contains("MISSED"), "{text}");
        }
    }
}

#[test]
fn wrong_targets_fail_with_exit_1_and_say_which() {
    let root = env!("CARGO_MANIFEST_DIR");
    let base = std::fs::read_to_string(format!("{root}/profiles/default.toml")).unwrap();
    let work = TempDir::new("check-wrong");
    std::fs::create_dir_all(work.path()).unwrap();
    let wrong = work.path().join("wrong.toml");
    std::fs::write(
        &wrong,
        base.replace("lwbs_rate = [0.01, 0.03]", "lwbs_rate = [0.5, 0.6]"),
    )
    .unwrap();
    let out = run(&[
        "check",
        "--profile",
        wrong.to_str().unwrap(),
        "--dir",
        default_dataset().to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let line = text
        .lines()
        .find(|l| l.starts_with("lwbs_rate"))
        .expect("lwbs_rate row");
    assert!(line.contains("MISSED"), "{line}");
    assert!(text.contains("18 of 19 targets met"), "{text}");
}

#[test]
fn check_on_missing_directory_is_bad_input() {
    let out = run(&["check", "--dir", "/nonexistent/hospigen"]);
    assert_eq!(out.status.code(), Some(2));
}

//! Built-in profiles, compiled into the binary so they work from any directory.

/// (name, TOML text) of every built-in profile.
pub const BUILTINS: &[(&str, &str)] = &[
    ("default", include_str!("../../profiles/default.toml")),
    ("small", include_str!("../../profiles/small.toml")),
    ("er_rush_hour", include_str!("../../profiles/er_rush_hour.toml")),
    ("large", include_str!("../../profiles/large.toml")),
];

/// The text of built-in profile `name`.
pub fn find(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Built-in names, comma-separated.
pub fn names() -> String {
    BUILTINS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

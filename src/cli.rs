//! Command-line surface (architecture.md §2).

use crate::plan::Part;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Simulate a year of hospital and emergency-department activity and write it as CSV or
/// load it into MySQL/MariaDB with dashboard-ready KPI views.
#[derive(Debug, Parser)]
#[command(name = "hospigen", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate and write one CSV per table plus manifest.json.
    Generate(GenerateArgs),
    /// Simulate and stream straight into MySQL/MariaDB, then install the views.
    Load(LoadArgs),
    /// Measure a generated dataset against the profile's targets.
    Check(CheckArgs),
    /// List the built-in profiles.
    Profiles,
}

/// Options every simulating command shares.
#[derive(Debug, Args, Clone)]
pub struct Common {
    /// Built-in profile name or path to a TOML profile.
    #[arg(long, default_value = "default")]
    pub profile: String,
    /// Master seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// First simulated day (YYYY-MM-DD); overrides the profile.
    #[arg(long, value_parser = parse_date)]
    pub start: Option<chrono::NaiveDate>,
    /// Number of days; overrides the profile.
    #[arg(long)]
    pub days: Option<i64>,
    /// Multiplies volumes and capacities.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Worker threads (default: the number of cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Only the sites of part K of N, e.g. 2/4.
    #[arg(long, default_value = "1/1")]
    pub part: Part,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `hospigen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: Common,
    /// Output directory.
    #[arg(long, default_value = "hospigen-out")]
    pub out: PathBuf,
    /// Overwrite the hospigen files of a non-empty output directory.
    #[arg(long)]
    pub force: bool,
}

/// Database connection options.
#[derive(Clone, Args)]
pub struct DatabaseArgs {
    /// mysql://user:password@host:port/database (falls back to env DATABASE_URL). TLS:
    /// append ?require_ssl=true (and verify_ca / verify_identity = true|false).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: String,
    /// PEM or DER CA certificate to trust for TLS (turns TLS on).
    #[arg(long, value_name = "PATH")]
    pub ssl_ca: Option<PathBuf>,
}

impl std::fmt::Debug for DatabaseArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseArgs")
            .field("database_url", &"<redacted>")
            .finish()
    }
}

/// `hospigen load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: Common,
    /// Where to load.
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Replace an existing dataset (atomically).
    #[arg(long)]
    pub replace: bool,
    /// Parallel connections for the bulk load.
    #[arg(long, default_value_t = 2)]
    pub connections: usize,
}

/// `hospigen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Built-in profile name or path to a TOML profile (its [targets] are checked).
    #[arg(long, default_value = "default")]
    pub profile: String,
    /// A directory written by `hospigen generate`.
    #[arg(
        long,
        conflicts_with = "database_url",
        required_unless_present = "database_url"
    )]
    pub dir: Option<PathBuf>,
    /// A database written by `hospigen load`.
    #[arg(long, hide_env_values = true)]
    pub database_url: Option<String>,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is not a date (YYYY-MM-DD)"))
}

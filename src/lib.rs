//! hospigen: simulate a year of hospital and emergency-department activity from a TOML
//! profile and write it as CSV or load it into MySQL/MariaDB.
//!
//! ```text
//! profiles/*.toml ─serde─▶ profile::Profile ─validate─▶ model::Model (immutable, shared)
//!     ─▶ simulation::simulate_site (one discrete-event run per site, own RNG streams)
//!     ─▶ rows::* (typed facts → CSV bytes in size-capped chunks)
//!     ─▶ runner::produce (parallel sites, strictly ordered hand-over)
//!     ─▶ sink::csv_dir | sink::mysql
//! ```
#![deny(missing_docs)]

pub mod check;
pub mod cli;
pub mod error;
pub mod manifest;
pub mod model;
pub mod plan;
pub mod profile;
pub mod progress;
pub mod rng;
pub mod rows;
pub mod runner;
pub mod simulation;
pub mod sink;
pub mod tables;

use anyhow::Context;
use cli::{Cli, Command, Common, GenerateArgs};
use error::ProfileError;
use model::{Model, Overrides};
use profile::Profile;
use std::io::Write;

/// A profile's text and where it came from.
pub struct ProfileSource {
    /// `builtin:<name>` or the file path.
    pub label: String,
    /// The TOML text.
    pub text: String,
}

/// Find a profile by built-in name or path.
pub fn read_profile(name_or_path: &str) -> Result<ProfileSource, ProfileError> {
    let path = std::path::Path::new(name_or_path);
    let looks_like_path = name_or_path.contains('/') || name_or_path.ends_with(".toml");
    if !looks_like_path && let Some(text) = profile::builtin::find(name_or_path) {
        return Ok(ProfileSource {
            label: format!("builtin:{name_or_path}"),
            text: text.to_string(),
        });
    }
    if path.exists() {
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Read {
            file: path.into(),
            source,
        })?;
        return Ok(ProfileSource {
            label: path.display().to_string(),
            text,
        });
    }
    Err(ProfileError::Unknown {
        name: name_or_path.to_string(),
        builtins: profile::builtin::names(),
    })
}

/// Parse and validate a profile.
pub fn build_model(source: &ProfileSource, overrides: &Overrides) -> Result<Model, ProfileError> {
    let parse_error = |message: String| ProfileError::Parse {
        file: source.label.clone(),
        message: message.trim_end().replace('\n', "\n  "),
    };
    let de = toml::Deserializer::parse(&source.text).map_err(|e| parse_error(e.to_string()))?;
    // serde_path_to_error names the key (e.g. `ed.arrivals.hourly_weights[3]`) of a type error.
    let raw: Profile = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if path.is_empty() || path == "." {
            parse_error(inner)
        } else {
            parse_error(format!("{path}: {inner}"))
        }
    })?;
    Model::from_profile(&raw, &source.label, &source.text, overrides)
}

fn model_for(common: &Common) -> anyhow::Result<Model> {
    let source = read_profile(&common.profile)?;
    let overrides = Overrides {
        seed: common.seed,
        start: common.start,
        days: common.days,
        scale: common.scale,
    };
    Ok(build_model(&source, &overrides)?)
}

fn jobs(common: &Common) -> usize {
    common
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Run a parsed command line; returns the exit code for non-error outcomes.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Generate(args) => generate(&args).map(|_| 0),
        Command::Load(args) => load(&args).map(|_| 0),
        Command::Check(args) => check(&args),
        Command::Profiles => profiles().map(|_| 0),
    }
}

fn generate(args: &GenerateArgs) -> anyhow::Result<()> {
    let model = model_for(&args.common)?;
    let part = args.common.part;
    sink::csv_dir::prepare(&args.out, args.force)?;
    let started = std::time::Instant::now();
    let sites = part.sites(model.sites.len());
    let progress = progress::SiteProgress::new(sites.len(), args.common.quiet);
    let mut dir = sink::csv_dir::CsvDir::create(&args.out)?;
    runner::produce(
        &model,
        sites.clone(),
        jobs(&args.common),
        sink::NullStyle::Empty,
        &progress,
        &mut |c| dir.write(c),
    )?;
    let tables = dir.finish()?;
    progress.finish();
    let manifest = manifest::Manifest {
        tool: "hospigen",
        version: env!("CARGO_PKG_VERSION"),
        profile: model.profile_name.clone(),
        profile_sha256: model.profile_sha256.clone(),
        seed: model.seed,
        scale: model.scale,
        start: model.calendar.start.to_string(),
        days: model.calendar.days,
        part: part.to_string(),
        hospital_ids: sites.map(|s| s as u64 + 1).collect(),
        tables,
    };
    sink::csv_dir::write_manifest(&args.out, &manifest)?;
    if !args.common.quiet {
        let rows: u64 = manifest.tables.values().map(|t| t.rows).sum();
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "wrote {} tables, {rows} rows to {} in {secs:.1} s ({:.0} rows/s)",
            manifest.tables.len(),
            args.out.display(),
            rows as f64 / secs.max(1e-9)
        );
    }
    Ok(())
}

/// The schema every load creates (compiled in, so `load` works from any directory).
pub const SCHEMA_SQL: &str = include_str!("../schema.sql");
/// The KPI views installed after every load.
pub const VIEWS_SQL: &str = include_str!("../views.sql");

fn load(args: &cli::LoadArgs) -> anyhow::Result<()> {
    let model = std::sync::Arc::new(model_for(&args.common)?);
    if args.connections == 0 || args.connections > 64 {
        return Err(error::UsageError("--connections must be between 1 and 64".into()).into());
    }
    let opts = sink::mysql::LoadOptions {
        url: args.db.database_url.clone(),
        connections: args.connections,
        replace: args.replace,
        quiet: args.common.quiet,
        ssl_ca: args.db.ssl_ca.clone(),
    };
    let sites = args.common.part.sites(model.sites.len());
    let jobs = jobs(&args.common);
    let producer_model = model.clone();
    let produce: sink::mysql::Producer = Box::new(move |push| {
        runner::produce(
            &producer_model,
            sites,
            jobs,
            sink::NullStyle::Backslash,
            &runner::Silent,
            push,
        )
    });
    let summary = sink::mysql::load(&opts, SCHEMA_SQL, VIEWS_SQL, produce)?;
    if !args.common.quiet {
        let rows: u64 = summary.tables.iter().map(|t| t.rows).sum();
        eprintln!(
            "loaded {} rows of profile {} (seed {}) into {} in {:.1} s ({:.0} rows/s){}",
            rows,
            model.profile_name,
            model.seed,
            sink::mysql::redact_url(&opts.url),
            summary.seconds,
            rows as f64 / summary.seconds.max(1e-9),
            if summary.used_fallback {
                ", using multi-row INSERT"
            } else {
                ""
            }
        );
    }
    Ok(())
}

fn check(args: &cli::CheckArgs) -> anyhow::Result<i32> {
    check::run(args)
}

fn profiles() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<14} {:>5} {:>14} {:>6}  description",
        "name", "sites", "ED visits/yr", "beds"
    )?;
    for (name, _) in profile::builtin::BUILTINS {
        let source = read_profile(name)?;
        let overrides = Overrides {
            seed: 42,
            start: None,
            days: None,
            scale: 1.0,
        };
        let model = build_model(&source, &overrides).with_context(|| format!("built-in profile {name}"))?;
        let visits: f64 = model
            .sites
            .iter()
            .map(|s| model.ed.annual_visits * s.volume)
            .sum();
        let beds: u32 = model
            .sites
            .iter()
            .map(|s| s.beds(&model.departments).iter().sum::<u32>())
            .sum();
        writeln!(
            out,
            "{:<14} {:>5} {:>14.0} {:>6}  {}",
            name,
            model.sites.len(),
            visits,
            beds,
            model.description
        )?;
    }
    Ok(())
}

//! Streams the generated rows into MySQL/MariaDB (architecture.md §7, mysql-loading.md).
//!
//! ```text
//! connect (create the database if missing) ─ lock ─ drop leftover t__new / t__old
//!   ─ refuse if a dataset is live and --replace was not given
//!   ─ CREATE t__new (PK only, from schema.sql)
//!   ─ data: producer thread ─▶ bounded queue ─▶ N workers, one LOAD DATA LOCAL per chunk
//!           (multi-row INSERT if the server refuses LOCAL INFILE)
//!   ─ indexes (N connections in parallel) ─ foreign keys (foreign_key_checks=0)
//!   ─ generation_runs times ─ ONE RENAME TABLE swaps every table ─ drop t__old ─ views.sql
//! ```
//! Anything that fails before the RENAME leaves the live tables as they were.

mod conn;
mod insert;
mod progress;
mod publish;
mod sql;
mod stream;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use mysql_async::Conn;
use mysql_async::prelude::Queryable;
use tokio::sync::{Mutex, mpsc};

pub use conn::{DbError, redact_url};

use crate::sink::Chunk;
use crate::tables;

/// How to load: where, how many connections, and whether a live dataset may be replaced.
#[derive(Clone)]
pub struct LoadOptions {
    /// `mysql://user:pass@host:port/db?…`; the database is created if missing.
    pub url: String,
    /// Parallel loading connections; the server's core count is the sweet spot (default 2).
    pub connections: usize,
    /// Replace a dataset that is already loaded (`--replace`).
    pub replace: bool,
    /// No progress bars, no summary, no fallback notice.
    pub quiet: bool,
    /// CA certificate to trust for TLS (`--ssl-ca`); TLS itself is set in the URL
    /// (`?require_ssl=true&verify_identity=true`).
    pub ssl_ca: Option<std::path::PathBuf>,
}

impl LoadOptions {
    /// Options for `url` with the defaults: 2 connections, no replace, not quiet.
    pub fn new(url: impl Into<String>) -> Self {
        LoadOptions {
            url: url.into(),
            connections: 2,
            replace: false,
            quiet: false,
            ssl_ca: None,
        }
    }
}

// By hand so the password never reaches a log line.
impl fmt::Debug for LoadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoadOptions")
            .field("url", &redact_url(&self.url))
            .field("connections", &self.connections)
            .field("replace", &self.replace)
            .field("quiet", &self.quiet)
            .field("ssl_ca", &self.ssl_ca)
            .finish()
    }
}

/// What was loaded into one table.
#[derive(Debug, Clone)]
pub struct TableLoad {
    /// Table name.
    pub table: &'static str,
    /// Rows loaded.
    pub rows: u64,
    /// Encoded bytes sent.
    pub bytes: u64,
    /// Wall time from the table's first chunk starting to its last one finishing.
    pub seconds: f64,
}

/// The outcome of a successful load.
#[derive(Debug, Clone)]
pub struct LoadSummary {
    /// Per table, in load order.
    pub tables: Vec<TableLoad>,
    /// Wall time of the whole load (connect to views).
    pub seconds: f64,
    /// True if the server refused LOCAL INFILE and rows went in by INSERT.
    pub used_fallback: bool,
}

/// Why a load failed. No variant ever holds the password.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The URL does not parse or names no database (the CLI exits with 2).
    #[error("invalid database URL {url}: {reason}")]
    BadUrl {
        /// The URL, password redacted.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server could not be reached or refused the login.
    #[error("cannot connect to {target}")]
    Connect {
        /// The URL, password redacted.
        target: String,
        /// The driver's or server's error.
        #[source]
        source: DbError,
    },
    /// A dataset is already live and `--replace` was not given.
    #[error(
        "database `{database}` already holds a hospigen dataset (`{table}` has rows); \
         pass --replace to replace it"
    )]
    ExistingDataset {
        /// The database named in the URL.
        database: String,
        /// The table found non-empty.
        table: &'static str,
    },
    /// Another hospigen load into the same database holds the load lock.
    #[error("another hospigen load into database `{database}` is running")]
    Busy {
        /// The database named in the URL.
        database: String,
    },
    /// A statement failed; `context` says what it was doing and on which table.
    #[error("{context}")]
    Sql {
        /// What the statement was for, e.g. "loading `er_visits` (LOAD DATA LOCAL INFILE)".
        context: String,
        /// The server's error.
        #[source]
        source: DbError,
    },
    /// The server did not store rows exactly as sent (warnings, skipped or malformed rows).
    #[error("rows of `{table}` were not stored as sent: {detail}")]
    Rejected {
        /// The table.
        table: &'static str,
        /// The row counts and the server's first warnings.
        detail: String,
    },
    /// schema.sql or views.sql does not follow its layout contract.
    #[error("{0}")]
    Schema(String),
    /// The row producer failed (or panicked); nothing was published.
    #[error("generating the rows failed")]
    Producer(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
    /// A loader task panicked (a bug).
    #[error("internal error in the loader: {0}")]
    Internal(String),
    /// The async runtime could not start.
    #[error("cannot start the async runtime")]
    Runtime(#[source] std::io::Error),
}

/// The row producer: runs on its own OS thread and gets a `push` that hands one chunk to the
/// loader (blocking while the connections are behind, failing once the loader has stopped);
/// returns when every chunk is pushed.
pub type Producer = Box<dyn FnOnce(&mut dyn FnMut(Chunk) -> anyhow::Result<()>) -> anyhow::Result<()> + Send>;

/// The producer's push fails with this once the loader has stopped taking chunks.
const LOADER_STOPPED: &str = "the database loader stopped taking rows";

/// Loads everything `produce` pushes, then publishes it atomically (see the module docs).
///
/// `produce` runs on its own OS thread and pushes chunks (blocking when the loaders are
/// behind); it returns when all chunks are pushed.
pub fn load(
    opts: &LoadOptions,
    schema_sql: &str,
    views_sql: &str,
    produce: Producer,
) -> Result<LoadSummary, LoadError> {
    let target = conn::Target::parse_with_ca(&opts.url, opts.ssl_ca.as_deref())?;
    let schema = sql::parse_schema(schema_sql).map_err(|e| LoadError::Schema(format!("schema.sql: {e}")))?;
    if let Some(t) = tables::ALL.iter().find(|t| !schema.has_table(t.name)) {
        return Err(LoadError::Schema(format!(
            "schema.sql has no CREATE TABLE for `{}`",
            t.name
        )));
    }
    let views = sql::split_statements(views_sql)
        .into_iter()
        .map(String::from)
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(LoadError::Runtime)?;
    runtime.block_on(run(opts, target, schema, views, produce))
}

async fn run(
    opts: &LoadOptions,
    target: conn::Target,
    schema: sql::Schema,
    views: Vec<String>,
    produce: Producer,
) -> Result<LoadSummary, LoadError> {
    let clock = Instant::now();
    let started_at = chrono::Utc::now().naive_utc();
    let mut control = target.connect().await?;
    publish::session(&mut control, &target, true).await?;
    let lock = publish::lock(&mut control, &target).await?;
    let mut staging_touched = false;
    let result = async {
        let live = publish::prepare(&mut control, &target, &schema, opts.replace).await?;
        staging_touched = true;
        publish::create_staging(&mut control, &target, &schema, &live.fk_suffix).await?;
        let progress = progress::Progress::new(tables::ALL, opts.quiet);
        let shared = Arc::new(stream::Shared::new(
            target.clone(),
            progress,
            opts.quiet,
            tables::ALL,
        ));
        let (data_seconds, conns) = data_phase(opts, &target, &shared, produce).await?;
        let loads = shared.progress.finish();
        let mut conns = publish::add_keys(
            conns,
            &mut control,
            &target,
            &schema,
            &live.fk_suffix,
            &loads,
            &shared.progress,
        )
        .await?;
        publish::record_times(&mut control, &target, started_at).await?;
        publish::swap(&mut control, &target, &schema, opts.quiet).await?;
        publish::install_views(&mut control, &target, &views).await?;
        shared.progress.clear();
        for c in conns.drain(..) {
            c.disconnect().await.ok();
        }
        Ok::<_, LoadError>((loads, data_seconds, shared.fallback.load(Ordering::Relaxed)))
    }
    .await;
    if result.is_err() && staging_touched {
        // Best effort on a fresh connection (the failure may have been this one dying);
        // whatever is left is dropped at the start of the next run anyway.
        let cleanup = publish::drop_staging(&target, &schema);
        tokio::time::timeout(Duration::from_secs(15), cleanup).await.ok();
    }
    if let Some(name) = lock {
        control.exec_drop("SELECT RELEASE_LOCK(?)", (name,)).await.ok();
    }
    control.disconnect().await.ok();
    let (tables, data_seconds, used_fallback) = result?;
    let seconds = clock.elapsed().as_secs_f64();
    if !opts.quiet {
        eprint!("{}", progress::summary_text(&tables, data_seconds, seconds));
    }
    Ok(LoadSummary {
        tables,
        seconds,
        used_fallback,
    })
}

/// Runs the producer and the workers until every chunk is loaded; returns the data phase's
/// wall time and the worker connections (reused for the indexes).
async fn data_phase(
    opts: &LoadOptions,
    target: &conn::Target,
    shared: &Arc<stream::Shared>,
    produce: Producer,
) -> Result<(f64, Vec<Conn>), LoadError> {
    let clock = Instant::now();
    let n = opts.connections.max(1);
    let mut conns = Vec::with_capacity(n);
    for _ in 0..n {
        let mut c = target.connect().await?;
        publish::session(&mut c, target, false).await?;
        conns.push(c);
    }
    let (tx, rx) = mpsc::channel::<Chunk>(2 * n);
    let queue: stream::Queue = Arc::new(Mutex::new(rx));
    let workers: Vec<_> = conns
        .into_iter()
        .map(|c| tokio::spawn(stream::worker(c, queue.clone(), shared.clone())))
        .collect();
    drop(queue);
    let producer = tokio::task::spawn_blocking(move || {
        let mut push = |chunk: Chunk| {
            tx.blocking_send(chunk)
                .map_err(|_| anyhow::anyhow!(LOADER_STOPPED))
        };
        produce(&mut push)
    });
    let mut failure = None;
    let mut conns = Vec::with_capacity(n);
    for w in workers {
        match w.await {
            Ok(Ok(Some(c))) => conns.push(c),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => {
                failure.get_or_insert(e);
            }
            Err(join) => {
                failure.get_or_insert(LoadError::Internal(format!("loader task: {join}")));
            }
        }
    }
    // All workers are done, so the queue is gone: a producer still pushing gets an error now.
    let produced = producer.await;
    if let Some(e) = failure {
        return Err(e);
    }
    match produced {
        Ok(Ok(())) => Ok((clock.elapsed().as_secs_f64(), conns)),
        Ok(Err(e)) => Err(LoadError::Producer(e.into())),
        Err(join) => Err(LoadError::Producer(
            format!("the row producer panicked: {join}").into(),
        )),
    }
}

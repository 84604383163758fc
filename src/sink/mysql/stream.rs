//! The data phase: worker tasks, one connection each, take chunks from a bounded queue and
//! load each with one `LOAD DATA LOCAL INFILE` served from the chunk's own bytes, or with
//! multi-row `INSERT`s once the server has refused LOCAL INFILE.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use bytes::Bytes;
use futures_util::StreamExt;
use mysql_async::Conn;
use mysql_async::prelude::Queryable;
use tokio::sync::{Mutex, mpsc, watch};

use super::LoadError;
use super::conn::Target;
use super::insert::Inserts;
use super::progress::Progress;
use super::sql::{NEW, quote_ident};
use crate::sink::Chunk;
use crate::tables::TableSpec;

/// Server refusals of LOCAL INFILE: 1148 (older servers), 3948 (MySQL 8, `local_infile=OFF`),
/// 4166 (MariaDB ≥ 10.5).
const INFILE_REFUSED: [u16; 3] = [1148, 3948, 4166];
/// The infile data goes out in packets of this size, so a server with a small
/// `max_allowed_packet` still takes a 4 MiB chunk.
const INFILE_PIECE: usize = 128 << 10;
/// Fallback INSERTs stay under this even when `max_allowed_packet` is larger (bounded
/// transactions, see architecture.md §7).
const INSERT_CAP: usize = 4 << 20;

/// The two statements a table's chunks are loaded with.
struct TablePlan {
    load: String,
    insert_prefix: String,
    columns: usize,
}

/// What every worker shares.
pub(super) struct Shared {
    pub target: Target,
    pub progress: Progress,
    pub quiet: bool,
    /// Set once the server refused LOCAL INFILE; from then on every chunk goes by INSERT.
    pub fallback: AtomicBool,
    /// Set by the first worker that fails, so the others stop taking chunks.
    pub cancel: watch::Sender<bool>,
    plans: HashMap<&'static str, TablePlan>,
}

impl Shared {
    pub fn new(target: Target, progress: Progress, quiet: bool, tables: &[&'static TableSpec]) -> Self {
        let plans = tables.iter().map(|t| (t.name, plan(t))).collect();
        Shared {
            target,
            progress,
            quiet,
            fallback: AtomicBool::new(false),
            cancel: watch::channel(false).0,
            plans,
        }
    }
}

fn plan(t: &TableSpec) -> TablePlan {
    let staging = quote_ident(&format!("{}{NEW}", t.name));
    let cols = t
        .columns
        .iter()
        .map(|c| quote_ident(c))
        .collect::<Vec<_>>()
        .join(", ");
    TablePlan {
        // The file name is only a label: the connection's handler serves this chunk whatever
        // name the server asks for.
        load: format!(
            "LOAD DATA LOCAL INFILE 'hospigen/{}' INTO TABLE {staging} CHARACTER SET utf8mb4 \
             FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '\\\\' \
             LINES TERMINATED BY '\\n' ({cols})",
            t.name
        ),
        insert_prefix: format!("INSERT INTO {staging} ({cols}) VALUES "),
        columns: t.columns.len(),
    }
}

pub(super) type Queue = Arc<Mutex<mpsc::Receiver<Chunk>>>;

/// Loads chunks until the queue is closed and empty, and gives the connection back for the
/// index phase; `Ok(None)` when it stopped because another worker failed.
pub(super) async fn worker(
    mut conn: Conn,
    queue: Queue,
    shared: Arc<Shared>,
) -> Result<Option<Conn>, LoadError> {
    let run = async {
        let max_insert = max_insert_bytes(&mut conn, &shared.target).await?;
        let mut cancelled = shared.cancel.subscribe();
        loop {
            let next = tokio::select! {
                chunk = async { queue.lock().await.recv().await } => chunk,
                _ = cancelled.wait_for(|stop| *stop) => return Ok(false),
            };
            let Some(chunk) = next else { return Ok(true) };
            let started = Instant::now();
            let (table, rows, bytes) = (chunk.table.name, chunk.rows, chunk.bytes.len() as u64);
            load_chunk(&mut conn, chunk, &shared, max_insert).await?;
            shared.progress.chunk_done(table, rows, bytes, started);
        }
    };
    match run.await {
        Ok(true) => Ok(Some(conn)),
        Ok(false) => Ok(None),
        Err(e) => {
            // Stop the other workers; once all are gone the queue is dropped and the
            // producer's next push fails, so nothing keeps generating for a dead load.
            shared.cancel.send_replace(true);
            Err(e)
        }
    }
}

async fn load_chunk(
    conn: &mut Conn,
    chunk: Chunk,
    shared: &Shared,
    max_insert: usize,
) -> Result<(), LoadError> {
    let table = chunk.table.name;
    let plan = shared
        .plans
        .get(table)
        .ok_or_else(|| LoadError::Schema(format!("no plan for table `{table}`")))?;
    let data = Bytes::from(chunk.bytes);
    if !shared.fallback.load(Ordering::Relaxed) {
        let served = data.clone();
        // One-shot and per connection: set right before the statement it serves.
        conn.set_infile_handler(async move {
            let pieces = (0..served.len())
                .step_by(INFILE_PIECE)
                .map(move |at| Ok(served.slice(at..(at + INFILE_PIECE).min(served.len()))))
                .collect::<Vec<_>>();
            Ok(futures_util::stream::iter(pieces).boxed())
        });
        match conn.query_drop(&plan.load).await {
            Ok(()) => return check_result(conn, shared, table, chunk.rows, "LOAD DATA").await,
            Err(mysql_async::Error::Server(e)) if INFILE_REFUSED.contains(&e.code) => {
                if !shared.fallback.swap(true, Ordering::Relaxed) && !shared.quiet {
                    shared.progress.notice(
                        "LOCAL INFILE refused by the server; falling back to multi-row INSERT (slower)",
                    );
                }
            }
            Err(e) => {
                return Err(shared
                    .target
                    .sql_error(format!("loading `{table}` (LOAD DATA LOCAL INFILE)"), &e));
            }
        }
    }
    let mut inserts = Inserts::new(&plan.insert_prefix, plan.columns, &data, max_insert);
    while let Some(stmt) = inserts.next_statement() {
        let (sql, rows) = stmt.map_err(|detail| LoadError::Rejected { table, detail })?;
        conn.query_drop(sql).await.map_err(|e| {
            shared
                .target
                .sql_error(format!("loading `{table}` (INSERT fallback)"), &e)
        })?;
        check_result(conn, shared, table, rows, "INSERT").await?;
    }
    Ok(())
}

/// Silent truncation or skipped duplicates would be data loss: any warning, or a row count
/// that differs from what was sent, fails the load with the server's first warnings.
async fn check_result(
    conn: &mut Conn,
    shared: &Shared,
    table: &'static str,
    sent: u64,
    how: &str,
) -> Result<(), LoadError> {
    let (warnings, affected) = (conn.get_warnings(), conn.affected_rows());
    if warnings == 0 && affected == sent {
        return Ok(());
    }
    let shown: Vec<(String, u32, String)> = conn.query("SHOW WARNINGS LIMIT 5").await.map_err(|e| {
        shared
            .target
            .sql_error(format!("reading the warnings of `{table}`"), &e)
    })?;
    let first = shown
        .iter()
        .map(|(level, code, msg)| format!("{level} {code}: {msg}"))
        .collect::<Vec<_>>()
        .join("; ");
    Err(LoadError::Rejected {
        table,
        detail: shared.target.secrets.scrub(&format!(
            "{how} sent {sent} rows, the server stored {affected} with {warnings} warning(s): {first}"
        )),
    })
}

/// The byte budget of one fallback INSERT: the session's `max_allowed_packet` less headroom.
async fn max_insert_bytes(conn: &mut Conn, target: &Target) -> Result<usize, LoadError> {
    let packet: Option<u64> = conn
        .query_first("SELECT @@max_allowed_packet")
        .await
        .map_err(|e| target.sql_error("reading max_allowed_packet", &e))?;
    let packet = usize::try_from(packet.unwrap_or(1 << 20)).unwrap_or(usize::MAX);
    Ok(packet.saturating_sub(8 << 10).clamp(16 << 10, INSERT_CAP))
}

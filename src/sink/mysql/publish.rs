//! Everything around the data phase: session settings, the load lock, leftovers and the
//! existing-dataset check, staging tables, keys, the atomic swap and the views.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use mysql_async::Conn;
use mysql_async::prelude::Queryable;

use super::conn::Target;
use super::progress::Progress;
use super::sql::{self, NEW, OLD, Schema, quote_ident};
use super::{LoadError, TableLoad};

/// Either of these non-empty means a dataset is live.
const DATASET_TABLES: [&str; 2] = ["er_visits", "admissions"];

/// Per-session settings. Every session works in UTC and utf8mb4; the control session also
/// runs without foreign-key checks (dropping tables in any order, adding keys without
/// re-validating rows the generator already keeps consistent).
///
/// Loading sessions keep `unique_checks` / `foreign_key_checks` at their defaults. Measured
/// with examples/load_bench.rs (1M er_visits-shaped rows, 152 MB, 37 chunks, PK-only table,
/// MariaDB 10.11, 2 cores shared with other builds; two runs, median / best rows/s):
///   checks on,  1 connection: 136-144k / 161-167k   2 connections: 154-164k / 203-305k
///   checks off, 1 connection: 133-151k / 148-201k   2 connections: 145-150k / 162-287k
///   checks off, 1 connection, whole table in one transaction: 88-96k / 97-153k
/// Turning them off bought nothing reliable: MariaDB's bulk path only applies to a statement
/// into an *empty* table (the first chunk of each), and its table lock makes a concurrent
/// chunk of the same table wait. With PK-only staging tables the checks cost nothing else.
pub(super) async fn session(conn: &mut Conn, target: &Target, control: bool) -> Result<(), LoadError> {
    let set = if control {
        "SET NAMES utf8mb4, time_zone = '+00:00', foreign_key_checks = 0"
    } else {
        "SET NAMES utf8mb4, time_zone = '+00:00'"
    };
    conn.query_drop(set)
        .await
        .map_err(|e| target.sql_error("setting up the session", &e))
}

/// Takes a server-wide named lock for this database so two loads never interleave their
/// staging tables; `Ok(None)` if the server has no named locks (some clusters).
pub(super) async fn lock(conn: &mut Conn, target: &Target) -> Result<Option<String>, LoadError> {
    // Lock names are limited to 64 characters.
    let name: String = format!("hospigen_load.{}", target.database)
        .chars()
        .take(64)
        .collect();
    match conn
        .exec_first::<Option<i64>, _, _>("SELECT GET_LOCK(?, 0)", (name.as_str(),))
        .await
    {
        Ok(Some(Some(1))) => Ok(Some(name)),
        Ok(_) => Err(LoadError::Busy {
            database: target.database.clone(),
        }),
        Err(mysql_async::Error::Server(_)) => Ok(None),
        Err(e) => Err(target.sql_error("taking the load lock", &e)),
    }
}

/// What `prepare` found.
pub(super) struct Live {
    /// Appended to this load's constraint names (unique per load, see `to_staging`).
    pub fk_suffix: String,
}

/// Drops staging leftovers of an earlier failed run, then refuses to go on if a dataset is
/// live and `replace` is off.
pub(super) async fn prepare(
    conn: &mut Conn,
    target: &Target,
    schema: &Schema,
    replace: bool,
) -> Result<Live, LoadError> {
    let existing = list_tables(conn, target).await?;
    let leftovers: Vec<&String> = existing
        .iter()
        .filter(|n| {
            schema
                .tables()
                .any(|t| **n == format!("{t}{NEW}") || **n == format!("{t}{OLD}"))
        })
        .collect();
    if !leftovers.is_empty() {
        let names = leftovers
            .iter()
            .map(|n| quote_ident(n))
            .collect::<Vec<_>>()
            .join(", ");
        conn.query_drop(format!("DROP TABLE IF EXISTS {names}"))
            .await
            .map_err(|e| target.sql_error("dropping staging tables left by an earlier load", &e))?;
    }
    for table in DATASET_TABLES {
        if !existing.iter().any(|n| n == table) {
            continue;
        }
        let has_rows: Option<i64> = conn
            .query_first(format!("SELECT 1 FROM {} LIMIT 1", quote_ident(table)))
            .await
            .map_err(|e| target.sql_error(format!("checking `{table}` for a live dataset"), &e))?;
        if has_rows.is_some() && !replace {
            return Err(LoadError::ExistingDataset {
                database: target.database.clone(),
                table,
            });
        }
    }
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    Ok(Live {
        fk_suffix: format!("__{}", base36(millis)),
    })
}

/// `CREATE TABLE t__new` for every table of schema.sql (columns and primary key only).
pub(super) async fn create_staging(
    conn: &mut Conn,
    target: &Target,
    schema: &Schema,
    fk_suffix: &str,
) -> Result<(), LoadError> {
    for stmt in &schema.creates {
        conn.query_drop(sql::to_staging(&stmt.sql, schema.tables(), fk_suffix))
            .await
            .map_err(|e| target.sql_error(format!("creating staging table `{}{NEW}`", stmt.table), &e))?;
    }
    Ok(())
}

/// Secondary indexes on `conns` in parallel (biggest tables first, one ALTER per table), then
/// the foreign keys on the control connection.
pub(super) async fn add_keys(
    conns: Vec<Conn>,
    control: &mut Conn,
    target: &Target,
    schema: &Schema,
    fk_suffix: &str,
    loads: &[TableLoad],
    progress: &Progress,
) -> Result<Vec<Conn>, LoadError> {
    let rows = |t: &str| loads.iter().find(|l| l.table == t).map_or(0, |l| l.rows);
    let mut jobs: Vec<(String, String)> = schema
        .indexes
        .iter()
        .map(|s| {
            (
                s.table.clone(),
                sql::to_staging(&s.sql, schema.tables(), fk_suffix),
            )
        })
        .collect();
    jobs.sort_by_key(|(t, _)| std::cmp::Reverse(rows(t)));
    let queue = Arc::new(Mutex::new(VecDeque::from(jobs)));
    let bar = progress.phase("adding indexes");
    let tasks: Vec<_> = conns
        .into_iter()
        .map(|mut conn| {
            let (queue, target) = (queue.clone(), target.clone());
            tokio::spawn(async move {
                loop {
                    let job = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                    let Some((table, stmt)) = job else {
                        return Ok(conn);
                    };
                    conn.query_drop(stmt)
                        .await
                        .map_err(|e| target.sql_error(format!("adding the indexes of `{table}{NEW}`"), &e))?;
                }
            })
        })
        .collect();
    let mut conns = Vec::new();
    let mut failure = None;
    for t in tasks {
        match t.await {
            Ok(Ok(c)) => conns.push(c),
            Ok(Err(e)) => {
                failure.get_or_insert(e);
            }
            Err(join) => {
                failure.get_or_insert(LoadError::Internal(format!("index task: {join}")));
            }
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if let Some(b) = bar {
        b.finish_with_message("indexes added");
    }
    let bar = progress.phase("adding foreign keys");
    for stmt in &schema.foreign_keys {
        control
            .query_drop(sql::to_staging(&stmt.sql, schema.tables(), fk_suffix))
            .await
            .map_err(|e| target.sql_error(format!("adding the foreign keys of `{}{NEW}`", stmt.table), &e))?;
    }
    if let Some(b) = bar {
        b.finish_with_message("foreign keys added");
    }
    Ok(conns)
}

/// Stamps the run's wall-clock times (UTC) into the staging `generation_runs`, so the times
/// go live in the same swap as the data they describe.
pub(super) async fn record_times(
    conn: &mut Conn,
    target: &Target,
    started_at: chrono::NaiveDateTime,
) -> Result<(), LoadError> {
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
    let finished_at = chrono::Utc::now().naive_utc();
    conn.exec_drop(
        format!(
            "UPDATE {} SET started_at = ?, finished_at = ?",
            quote_ident(&format!("generation_runs{NEW}"))
        ),
        (fmt(started_at), fmt(finished_at)),
    )
    .await
    .map_err(|e| target.sql_error("recording the load times in `generation_runs`", &e))
}

/// One `RENAME TABLE` moves every live table aside and every staging table in, so readers see
/// the old dataset or the new one, never a mix; then the old tables are dropped.
pub(super) async fn swap(
    conn: &mut Conn,
    target: &Target,
    schema: &Schema,
    quiet: bool,
) -> Result<(), LoadError> {
    let existing = list_tables(conn, target).await?;
    let mut pairs = Vec::new();
    let mut old = Vec::new();
    for t in schema.tables() {
        if existing.iter().any(|n| n == t) {
            pairs.push(format!(
                "{} TO {}",
                quote_ident(t),
                quote_ident(&format!("{t}{OLD}"))
            ));
            old.push(quote_ident(&format!("{t}{OLD}")));
        }
        pairs.push(format!(
            "{} TO {}",
            quote_ident(&format!("{t}{NEW}")),
            quote_ident(t)
        ));
    }
    conn.query_drop(format!("RENAME TABLE {}", pairs.join(", ")))
        .await
        .map_err(|e| target.sql_error("swapping the new tables in (RENAME TABLE)", &e))?;
    if !old.is_empty()
        && let Err(e) = conn
            .query_drop(format!("DROP TABLE IF EXISTS {}", old.join(", ")))
            .await
    {
        // The new data is live; the next load drops what is left.
        if !quiet {
            eprintln!(
                "warning: could not drop the replaced tables: {}",
                target.db_error(&e)
            );
        }
    }
    Ok(())
}

/// Runs views.sql, statement by statement.
pub(super) async fn install_views(
    conn: &mut Conn,
    target: &Target,
    views: &[String],
) -> Result<(), LoadError> {
    for (i, stmt) in views.iter().enumerate() {
        conn.query_drop(stmt.as_str())
            .await
            .map_err(|e| target.sql_error(format!("installing views (views.sql statement {})", i + 1), &e))?;
    }
    Ok(())
}

/// Drops every staging table (best effort after a failure).
pub(super) async fn drop_staging(target: &Target, schema: &Schema) -> Result<(), LoadError> {
    let mut conn = target.connect().await?;
    session(&mut conn, target, true).await?;
    let names = schema
        .tables()
        .map(|t| quote_ident(&format!("{t}{NEW}")))
        .collect::<Vec<_>>()
        .join(", ");
    let result = conn.query_drop(format!("DROP TABLE IF EXISTS {names}")).await;
    conn.disconnect().await.ok();
    result.map_err(|e| target.sql_error("dropping staging tables", &e))
}

/// Base tables of the current database.
async fn list_tables(conn: &mut Conn, target: &Target) -> Result<Vec<String>, LoadError> {
    conn.query(
        "SELECT table_name FROM information_schema.tables \
         WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
    )
    .await
    .map_err(|e| target.sql_error("listing the tables of the database", &e))
}

fn base36(mut n: u128) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

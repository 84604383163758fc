//! Load progress: per-table counters (always kept, they make the summary) and, on a terminal,
//! one spinner per table. An observer only: workers report after each chunk.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::TableLoad;
use crate::tables::TableSpec;

/// Counters of one table.
struct TableStats {
    table: &'static str,
    rows: u64,
    bytes: u64,
    first_start: Option<Instant>,
    last_end: Option<Instant>,
    bar: Option<ProgressBar>,
}

/// Shared by the workers; one lock per finished chunk is negligible next to a LOAD statement.
pub(super) struct Progress {
    bars: Option<MultiProgress>,
    tables: Mutex<Vec<TableStats>>,
}

impl Progress {
    /// Bars only when asked for and stderr is a terminal.
    pub fn new(tables: &[&'static TableSpec], quiet: bool) -> Self {
        let bars = (!quiet && std::io::stderr().is_terminal())
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        let tables = tables
            .iter()
            .map(|t| TableStats {
                table: t.name,
                rows: 0,
                bytes: 0,
                first_start: None,
                last_end: None,
                bar: None,
            })
            .collect();
        Progress {
            bars,
            tables: Mutex::new(tables),
        }
    }

    /// Records one loaded chunk.
    pub fn chunk_done(&self, table: &'static str, rows: u64, bytes: u64, started: Instant) {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        let idx = match tables.iter().position(|t| t.table == table) {
            Some(i) => i,
            None => {
                tables.push(TableStats {
                    table,
                    rows: 0,
                    bytes: 0,
                    first_start: None,
                    last_end: None,
                    bar: None,
                });
                tables.len() - 1
            }
        };
        let t = &mut tables[idx];
        t.rows += rows;
        t.bytes += bytes;
        t.first_start = Some(t.first_start.map_or(started, |s| s.min(started)));
        t.last_end = Some(Instant::now());
        if let Some(bars) = &self.bars {
            let bar = t.bar.get_or_insert_with(|| {
                let bar = bars.add(ProgressBar::new_spinner());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {prefix:<16} {human_pos:>12} rows  {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.set_prefix(table);
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            });
            bar.inc(rows);
            // indicatif's own per_sec prints all the float digits; a whole number reads better.
            let secs = t
                .last_end
                .zip(t.first_start)
                .map_or(0.0, |(e, s)| e.duration_since(s).as_secs_f64());
            if secs > 0.0 {
                bar.set_message(format!("{:>9.0} rows/s", t.rows as f64 / secs));
            }
        }
    }

    /// A spinner for a phase after the data (indexes, keys, swap); `None` when bars are off.
    pub fn phase(&self, what: &str) -> Option<ProgressBar> {
        let bars = self.bars.as_ref()?;
        let bar = bars.add(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(what.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Some(bar)
    }

    /// Stops the spinners and returns the per-table figures.
    pub fn finish(&self) -> Vec<TableLoad> {
        let tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables
            .iter()
            .map(|t| {
                if let Some(bar) = &t.bar {
                    bar.finish();
                }
                let seconds = match (t.first_start, t.last_end) {
                    (Some(s), Some(e)) => e.duration_since(s).as_secs_f64(),
                    _ => 0.0,
                };
                TableLoad {
                    table: t.table,
                    rows: t.rows,
                    bytes: t.bytes,
                    seconds,
                }
            })
            .collect()
    }

    /// Prints a line on stderr above the bars (plainly when there are none).
    pub fn notice(&self, line: &str) {
        match &self.bars {
            Some(bars) => {
                bars.println(line).ok();
            }
            None => eprintln!("{line}"),
        }
    }

    /// Clears the bars so the summary prints below a clean screen.
    pub fn clear(&self) {
        if let Some(bars) = &self.bars {
            bars.clear().ok();
        }
    }
}

/// The summary table printed at the end of a load.
pub(super) fn summary_text(tables: &[TableLoad], data_seconds: f64, total_seconds: f64) -> String {
    let rate = |rows: u64, s: f64| {
        if s > 0.0 {
            format!("{:.0}", rows as f64 / s)
        } else {
            "-".into()
        }
    };
    let mut out = format!(
        "{:<18} {:>12} {:>9} {:>12}\n",
        "table", "rows", "seconds", "rows/s"
    );
    for t in tables {
        out += &format!(
            "{:<18} {:>12} {:>9.2} {:>12}\n",
            t.table,
            t.rows,
            t.seconds,
            rate(t.rows, t.seconds)
        );
    }
    let rows: u64 = tables.iter().map(|t| t.rows).sum();
    out += &format!(
        "{:<18} {:>12} {:>9.2} {:>12}   (data {:.2} s, rows/s over the data phase)\n",
        "total",
        rows,
        total_seconds,
        rate(rows, data_seconds),
        data_seconds
    );
    out
}

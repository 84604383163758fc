//! Parallel producers, one ordered consumer: sites are simulated and encoded on `jobs`
//! threads and handed to the sink strictly in site order, so bytes never depend on the
//! thread count. At most `jobs + 1` sites are in memory at once.

use crate::model::Model;
use crate::rows::{self, encode::Encoder};
use crate::simulation;
use crate::sink::{Chunk, NullStyle};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

/// What the consumer is told besides the chunks.
pub trait Observer {
    /// A site finished (simulated, encoded and handed over).
    fn site_done(&self, _site: usize, _rows: u64) {}
}

/// No progress reporting.
pub struct Silent;
impl Observer for Silent {}

/// A deterministic run id from what defines the dataset (not from the clock).
pub fn run_id(model: &Model) -> u64 {
    let text = format!(
        "{}|{}|{}|{}|{}",
        model.profile_sha256, model.seed, model.scale, model.calendar.start, model.calendar.days
    );
    let digest = crate::manifest::sha256_hex(text.as_bytes());
    u64::from_str_radix(&digest[..12], 16).expect("hex")
}

/// The encoder covering every timestamp a run can write.
pub fn encoder(model: &Model, null: NullStyle) -> Encoder {
    let cal = &model.calendar;
    Encoder::new(cal, -cal.warmup_days - 1, cal.days + 400, null)
}

/// Produce the shared dimensions and then every site in `sites`, in order, into `consume`.
/// Stops early (and returns its error) as soon as `consume` fails.
pub fn produce(
    model: &Model,
    sites: Range<usize>,
    jobs: usize,
    null: NullStyle,
    observer: &dyn Observer,
    consume: &mut dyn FnMut(Chunk) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let enc = encoder(model, null);
    let mut shared = Vec::new();
    rows::shared_tables(model, &enc, run_id(model), &mut |c| shared.push(c));
    for c in shared {
        consume(c)?;
    }

    let jobs = jobs.max(1);
    let next = AtomicUsize::new(sites.start);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<(Vec<Chunk>, u64), String>)>();
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(jobs + 1);
    for _ in 0..=jobs {
        token_tx.send(()).expect("fresh channel");
    }
    let token_rx = Mutex::new(token_rx);
    let workers = jobs.min(sites.len()).max(1);
    // A lone site may use the spare threads to encode its tables side by side.
    let inner = if sites.len() == 1 { jobs } else { 1 };
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (next, stop, token_rx, enc, sites) = (&next, &stop, &token_rx, &enc, sites.clone());
            scope.spawn(move || {
                loop {
                    if token_rx.lock().expect("token lock").recv().is_err() || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let site = next.fetch_add(1, Ordering::SeqCst);
                    if site >= sites.end {
                        return;
                    }
                    // A panic becomes an error for the consumer, which would otherwise wait
                    // for this site forever while the other workers hold the channel open.
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        site_chunks(model, site, enc, inner)
                    }))
                    .map_err(|p| {
                        p.downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| p.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".into())
                    });
                    if done_tx.send((site, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut want = sites.start;
        let result = (|| {
            for (site, result) in done_rx.iter() {
                let (chunks, rows) =
                    result.map_err(|msg| anyhow::anyhow!("simulating site {} failed: {msg}", site + 1))?;
                pending.insert(site, (chunks, rows));
                while let Some((chunks, rows)) = pending.remove(&want) {
                    for c in chunks {
                        consume(c)?;
                    }
                    observer.site_done(want, rows);
                    want += 1;
                    let _ = token_tx.send(());
                }
                if want >= sites.end {
                    break;
                }
            }
            Ok(())
        })();
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        // Unblock workers waiting for a token.
        for _ in 0..workers {
            let _ = token_tx.try_send(());
        }
        result
    })
}

/// Simulate one site and encode all its tables.
fn site_chunks(model: &Model, site: usize, enc: &Encoder, threads: usize) -> (Vec<Chunk>, u64) {
    let facts = simulation::simulate_site(model, site);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    if threads > 1 {
        std::thread::scope(|s| {
            s.spawn(|| rows::site_dimension_tables(model, &facts, enc, &mut |c| a.push(c)));
            rows::site_encounter_tables(model, &facts, enc, &mut |c| b.push(c));
        });
    } else {
        rows::site_dimension_tables(model, &facts, enc, &mut |c| a.push(c));
        rows::site_encounter_tables(model, &facts, enc, &mut |c| b.push(c));
    }
    a.append(&mut b);
    let rows = a.iter().map(|c| c.rows).sum();
    (a, rows)
}

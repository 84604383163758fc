//! Progress on stderr (indicatif), an observer that never sits on the data path.

use crate::runner::Observer;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over the sites of a run; hidden with `--quiet` or when stderr is not a terminal.
pub struct SiteProgress {
    bar: ProgressBar,
    rows: std::sync::atomic::AtomicU64,
}

impl SiteProgress {
    /// A bar for `sites` sites.
    pub fn new(sites: usize, quiet: bool) -> Self {
        let bar = ProgressBar::new(sites as u64);
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        } else {
            bar.set_style(
                ProgressStyle::with_template("{spinner} sites {pos}/{len} [{bar:30}] {msg} {elapsed}")
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        SiteProgress {
            bar,
            rows: Default::default(),
        }
    }

    /// Remove the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Observer for SiteProgress {
    fn site_done(&self, _site: usize, rows: u64) {
        self.bar.inc(1);
        let total = self.rows.fetch_add(rows, std::sync::atomic::Ordering::Relaxed) + rows;
        self.bar.set_message(format!("{total} rows"));
    }
}

//! One discrete-event run per site: ED arrivals, triage, the queue for spaces, nurses and
//! providers, boarding until a ward bed frees, inpatient stays and discharges.
//!
//! Waits, ED length of stay, LWBS, boarding and occupancy are never drawn: they are what the
//! queue does with the arrivals, the roster and the capacities.

pub mod facts;
mod output;
mod people;
mod schedule;
mod state;

use crate::model::Model;
pub use facts::SiteFacts;

/// Simulate site `site_index` of `model` and return its output facts.
pub fn simulate_site(model: &Model, site_index: usize) -> SiteFacts {
    let mut sim = state::Sim::new(model, site_index);
    sim.run();
    output::select(sim)
}

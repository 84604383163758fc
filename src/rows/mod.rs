//! Output rows: one function per table turning typed facts into encoded rows.
//!
//! Identifiers are site-blocked ([`id`]): a site's rows never collide with another site's,
//! whichever `--part` produced them.

mod dimensions;
pub mod encode;
mod encounters;

pub use dimensions::{shared_tables, site_dimension_tables};
pub use encounters::site_encounter_tables;

/// Ids reserved per site and table.
pub const SITE_BLOCK: u64 = 1_000_000_000;

/// The global id of site-local item `local` (0-based) of site `site`.
#[inline]
pub fn id(site: usize, local: u32) -> u64 {
    site as u64 * SITE_BLOCK + local as u64 + 1
}

/// Department id of inpatient department `d` (the ED is department 1).
#[inline]
pub fn department_id(d: u8) -> u64 {
    d as u64 + 2
}

/// The ED's department id.
pub const ED_DEPARTMENT_ID: u64 = 1;

//! Where rows go: a CSV directory or a MySQL/MariaDB database.
//!
//! The generator hands every sink the same thing: a stream of [`Chunk`]s, each a run of
//! already-encoded rows of one table, in primary-key order per table.

pub mod csv_dir;
pub mod mysql;

use crate::tables::TableSpec;

/// How a NULL is spelled in encoded rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NullStyle {
    /// Empty field (the CSV contract).
    Empty,
    /// `\N`, which `LOAD DATA` reads as NULL (an empty field would become 0 or '').
    Backslash,
}

/// A run of complete rows of one table, encoded as CSV lines (no header), each ending in `\n`.
/// Chunks are capped in size (see [`CHUNK_TARGET_BYTES`]) so one `LOAD DATA` stays bounded.
#[derive(Debug)]
pub struct Chunk {
    /// The table these rows belong to.
    pub table: &'static TableSpec,
    /// Number of rows in `bytes`.
    pub rows: u64,
    /// The encoded rows.
    pub bytes: Vec<u8>,
}

/// A chunk is cut at the first row boundary past this size.
pub const CHUNK_TARGET_BYTES: usize = 4 << 20;

//! `manifest.json`: what was generated, from what, with a checksum per file.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The manifest written next to the CSVs.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// Always "hospigen".
    pub tool: &'static str,
    /// Tool version.
    pub version: &'static str,
    /// Profile name.
    pub profile: String,
    /// Profile SHA-256.
    pub profile_sha256: String,
    /// Seed.
    pub seed: u64,
    /// Scale.
    pub scale: f64,
    /// First day.
    pub start: String,
    /// Days.
    pub days: i64,
    /// `K/N`.
    pub part: String,
    /// Hospital ids in this part.
    pub hospital_ids: Vec<u64>,
    /// Per table: rows, bytes and SHA-256 of the file.
    pub tables: BTreeMap<String, TableEntry>,
}

/// One file of the manifest.
#[derive(Debug, Serialize, serde::Deserialize, Clone)]
pub struct TableEntry {
    /// File name.
    pub file: String,
    /// Data rows (header excluded).
    pub rows: u64,
    /// File size.
    pub bytes: u64,
    /// SHA-256 of the file.
    pub sha256: String,
}

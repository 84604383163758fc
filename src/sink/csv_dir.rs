//! CSV directory sink: `<table>.csv.inprogress` files, renamed into place only when every
//! table is complete, then `manifest.json`. An interrupted run leaves no plausible `.csv`.

use super::Chunk;
use crate::error::UsageError;
use crate::manifest::{TableEntry, hex};
use crate::tables::{self, TableSpec};
use anyhow::Context;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

struct OpenTable {
    spec: &'static TableSpec,
    file: BufWriter<File>,
    temp: PathBuf,
    hash: Sha256,
    rows: u64,
    bytes: u64,
}

/// Writes one CSV per table into a directory.
pub struct CsvDir {
    dir: PathBuf,
    open: Vec<OpenTable>,
}

/// Refuse a non-empty directory unless `force`; create it if missing.
pub fn prepare(dir: &Path, force: bool) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(UsageError(format!("--out {}: exists and is not a directory", dir.display())).into());
        }
        let non_empty = fs::read_dir(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .next()
            .is_some();
        if non_empty && !force {
            return Err(UsageError(format!(
                "--out {}: directory is not empty; pass --force to overwrite its hospigen files",
                dir.display()
            ))
            .into());
        }
        // A stale manifest must never describe the files this run writes.
        let manifest = dir.join("manifest.json");
        if force && manifest.exists() {
            fs::remove_file(&manifest).with_context(|| format!("removing {}", manifest.display()))?;
        }
    } else {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    Ok(())
}

impl CsvDir {
    /// Open `.inprogress` files with headers for every table.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        let mut open = Vec::new();
        for spec in tables::ALL {
            let temp = dir.join(format!("{}.csv.inprogress", spec.name));
            let file = File::create(&temp).with_context(|| format!("creating {}", temp.display()))?;
            let mut t = OpenTable {
                spec,
                file: BufWriter::with_capacity(1 << 20, file),
                temp,
                hash: Sha256::new(),
                rows: 0,
                bytes: 0,
            };
            let header = format!("{}\n", spec.columns.join(","));
            t.write(header.as_bytes())?;
            open.push(t);
        }
        Ok(CsvDir {
            dir: dir.to_path_buf(),
            open,
        })
    }

    /// Append a chunk to its table's file.
    pub fn write(&mut self, chunk: Chunk) -> anyhow::Result<()> {
        let t = self
            .open
            .iter_mut()
            .find(|t| std::ptr::eq(t.spec, chunk.table) || t.spec.name == chunk.table.name)
            .expect("every table is open");
        t.rows += chunk.rows;
        t.write(&chunk.bytes)
    }

    /// Flush, rename every file into place and return the manifest entries.
    pub fn finish(mut self) -> anyhow::Result<BTreeMap<String, TableEntry>> {
        let mut entries = BTreeMap::new();
        for t in &mut self.open {
            t.file
                .flush()
                .with_context(|| format!("writing {}", t.temp.display()))?;
            t.file.get_ref().sync_all().ok();
        }
        for t in std::mem::take(&mut self.open) {
            let name = format!("{}.csv", t.spec.name);
            let target = self.dir.join(&name);
            fs::rename(&t.temp, &target).with_context(|| format!("renaming {}", t.temp.display()))?;
            entries.insert(
                t.spec.name.to_string(),
                TableEntry {
                    file: name,
                    rows: t.rows,
                    bytes: t.bytes,
                    sha256: hex(&t.hash.finalize()),
                },
            );
        }
        Ok(entries)
    }
}

impl OpenTable {
    fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.hash.update(bytes);
        self.bytes += bytes.len() as u64;
        self.file
            .write_all(bytes)
            .with_context(|| format!("writing {}", self.temp.display()))
    }
}

impl Drop for CsvDir {
    /// A run that did not finish removes its partial files.
    fn drop(&mut self) {
        for t in &self.open {
            let _ = fs::remove_file(&t.temp);
        }
    }
}

/// Write `manifest.json` atomically.
pub fn write_manifest(dir: &Path, manifest: &crate::manifest::Manifest) -> anyhow::Result<()> {
    let temp = dir.join("manifest.json.inprogress");
    let mut text = serde_json::to_string_pretty(manifest).context("encoding manifest.json")?;
    text.push('\n');
    fs::write(&temp, text).with_context(|| format!("writing {}", temp.display()))?;
    fs::rename(&temp, dir.join("manifest.json")).context("renaming manifest.json")
}

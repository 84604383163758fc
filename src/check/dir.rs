//! Measuring a directory written by `hospigen generate`: one streaming pass per CSV file.

use super::Measurements;
use super::csv::{Reader, Record, locate};
use super::measure::{Accumulator, MAX_COLUMNS, Table};
use crate::error::UsageError;
use anyhow::Context;
use std::path::Path;

/// Measure the CSV files in `dir` (`er_visits`, `admissions`, `outcomes`, `beds`, `dim_date`).
///
/// A missing directory, file or column is a [`UsageError`] (exit 2); a malformed value is an
/// ordinary error naming the file, line and column.
pub fn measure_dir(dir: &Path) -> anyhow::Result<Measurements> {
    if !dir.is_dir() {
        return Err(UsageError(format!("{}: no such directory", dir.display())).into());
    }
    for table in Table::ALL {
        let path = dir.join(format!("{}.csv", table.name()));
        if !path.is_file() {
            return Err(UsageError(format!(
                "{}: no {}.csv here; expected a directory written by `hospigen generate`",
                dir.display(),
                table.name()
            ))
            .into());
        }
    }
    let mut acc = Accumulator::default();
    for table in Table::ALL {
        read_table(&dir.join(format!("{}.csv", table.name())), table, &mut acc)?;
    }
    Ok(acc.finish())
}

fn read_table(path: &Path, table: Table, acc: &mut Accumulator) -> anyhow::Result<()> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = Reader::new(std::io::BufReader::with_capacity(1 << 16, file));
    let mut rec = Record::default();
    let at = |e: String| anyhow::anyhow!("{}: {e}", path.display());
    if !reader.next_record(&mut rec).map_err(at)? {
        return Err(UsageError(format!("{}: empty file (no header row)", path.display())).into());
    }
    let index = locate(&rec, table.columns()).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    while reader.next_record(&mut rec).map_err(at)? {
        let mut values = [None; MAX_COLUMNS];
        for (v, &i) in values.iter_mut().zip(&index) {
            *v = rec.get(i);
        }
        acc.feed(table, &values[..index.len()])
            .map_err(|e| anyhow::anyhow!("{} line {}: {e}", path.display(), reader.record_line()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::is_input_error;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("hospigen-check-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write_tiny(dir: &Path) {
        let files = [
            (
                "er_visits",
                "visit_id,hour_of_day,triage_level,admission_source,staff_on_duty,wait_time_minutes,\
                 provider_seen_at,ed_los_minutes,disposition\n\
                 1,19,3,Walk-In,4,30,2025-01-01 19:30:00,120,Discharged\n\
                 2,3,2,Ambulance,6,,,45,Left Without Being Seen\n",
            ),
            (
                "admissions",
                "admission_date,discharge_date\n2025-01-01 12:00:00,2025-01-02 12:00:00\n",
            ),
            (
                "outcomes",
                "outcome_status,readmitted_within_30_days\n\"Recovered\",0\n",
            ),
            ("beds", "bed_id,bed_type\n1,General\n"),
            ("dim_date", "calendar_date\n2025-01-02\n"),
        ];
        for (name, text) in files {
            std::fs::write(dir.join(format!("{name}.csv")), text).unwrap();
        }
    }

    #[test]
    fn reads_columns_by_name() {
        let dir = scratch("ok");
        write_tiny(&dir);
        let m = measure_dir(&dir).unwrap();
        assert_eq!((m.er_visits, m.seen_visits), (2, 1));
        assert_eq!(m.get("wait_median_minutes"), Some(30.0));
        assert_eq!(m.get("lwbs_rate"), Some(0.5));
        assert_eq!(m.get("alos_days"), Some(1.0));
        assert_eq!(m.get("occupancy_mean"), Some(1.0));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_things_are_input_errors() {
        let dir = scratch("bad");
        let err = measure_dir(&dir.join("nope")).unwrap_err();
        assert!(is_input_error(&err));
        write_tiny(&dir);
        std::fs::remove_file(dir.join("beds.csv")).unwrap();
        let err = measure_dir(&dir).unwrap_err();
        assert!(
            is_input_error(&err) && err.to_string().contains("beds.csv"),
            "{err:#}"
        );
        write_tiny(&dir);
        std::fs::write(dir.join("dim_date.csv"), "day\n2025-01-01\n").unwrap();
        let err = measure_dir(&dir).unwrap_err();
        assert!(
            is_input_error(&err) && err.to_string().contains("calendar_date"),
            "{err:#}"
        );
        write_tiny(&dir);
        std::fs::write(dir.join("dim_date.csv"), "calendar_date\nsoon\n").unwrap();
        let err = measure_dir(&dir).unwrap_err();
        assert!(
            !is_input_error(&err) && err.to_string().contains("line 2"),
            "{err:#}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! A small synthetic dataset for every table, with consistent keys and awkward values.

use std::collections::BTreeMap;

use hospigen::sink::Chunk;
use hospigen::tables::{self, TableSpec};

use super::{Row, TestDb};

/// Rows for every table, consistent keys, with the awkward values: quotes, commas, a
/// backslash, 4-byte UTF-8, NULLs, the string "NULL", '', negative and huge numbers.
pub struct Dataset {
    rows: BTreeMap<&'static str, Vec<Row>>,
}

fn s(v: impl ToString) -> Option<String> {
    Some(v.to_string())
}

impl Dataset {
    /// `variant` changes the values, `n` is the number of ED visits.
    pub fn new(variant: u32, n: usize) -> Dataset {
        let v = variant as i64;
        let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let ts = |min: i64| s((base + chrono::Duration::minutes(min)).format("%Y-%m-%d %H:%M:%S"));
        let money = |cents: i64| {
            s(format!(
                "{}{}.{:02}",
                if cents < 0 { "-" } else { "" },
                cents.abs() / 100,
                cents.abs() % 100
            ))
        };
        let days = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let mut rows: BTreeMap<&'static str, Vec<Row>> = BTreeMap::new();
        rows.insert(
            "hospitals",
            vec![
                vec![
                    s(1),
                    s(format!("St. Mary's \"North\", Campus v{v}")),
                    s("Hôpital Saint-Éloi 🏥"),
                    s(30),
                    s(200),
                ],
                vec![
                    s(2),
                    s(format!("Back\\slash General {v}")),
                    s("East"),
                    s(20 + v),
                    s(150),
                ],
            ],
        );
        rows.insert(
            "departments",
            vec![
                vec![s(1), s("Emergency"), s("Emergency"), None],
                vec![s(2), s("Medicine"), s("Medicine"), s("General")],
                vec![s(3), s("Intensive Care"), s("Critical Care"), s("ICU")],
            ],
        );
        rows.insert(
            "dim_date",
            (0..7i64)
                .map(|d| {
                    let date = (base + chrono::Duration::days(d)).format("%Y-%m-%d").to_string();
                    vec![
                        s(date),
                        s(2024),
                        s(1),
                        s(1),
                        s("January"),
                        s(d + 1),
                        s(days[d as usize]),
                        s(i64::from(d >= 5)),
                        s(i64::from(d == 0)),
                        (d == 0).then(|| "New Year's Day".to_string()),
                    ]
                })
                .collect(),
        );
        rows.insert(
            "generation_runs",
            vec![vec![
                s(v),
                s("18446744073709551615"),
                s("default"),
                s("ab".repeat(32)),
                s("0.1.0"),
                s("1.5"),
                s("2024-01-01"),
                s(365),
                None,
                None,
            ]],
        );
        rows.insert(
            "beds",
            (1..=10i64)
                .map(|i| {
                    vec![
                        s(i),
                        s(1 + i % 2),
                        s(2 + i % 2),
                        s(if i % 2 == 0 { "General" } else { "ICU" }),
                        s(format!("B-{i:03}")),
                    ]
                })
                .collect(),
        );
        rows.insert(
            "doctors",
            (1..=5i64)
                .map(|i| {
                    vec![
                        s(i),
                        s(format!("Dr. Name {i} v{v}")),
                        s(2 + i % 2),
                        s(1 + i % 2),
                        s("Attending"),
                        s(1800 + i),
                    ]
                })
                .collect(),
        );
        let np = (n / 2 + 1) as i64;
        rows.insert(
            "patients",
            (1..=np)
                .map(|i| {
                    let name = match i {
                        1 => "O'Brien, \"Jr\"".to_string(),
                        2 => "NULL".into(),
                        3 => String::new(),
                        _ => format!("Patient {i} v{v}"),
                    };
                    vec![
                        s(i),
                        s(name),
                        s(format!("19{:02}-0{}-1{}", 30 + i % 60, 1 + i % 9, i % 10)),
                        s(20 + i % 70),
                        s(if i % 2 == 0 { "Female" } else { "Male" }),
                        s(["Medicare", "Medicaid", "Private"][(i % 3) as usize]),
                        s(1 + i % 2),
                    ]
                })
                .collect(),
        );
        rows.insert(
            "ed_staffing",
            (0..42i64)
                .map(|i| {
                    let start = (i / 2) * 480;
                    vec![
                        s(i + 1),
                        s(1 + i % 2),
                        s(["Day", "Evening", "Night"][(i / 2 % 3) as usize]),
                        ts(start),
                        ts(start + 480),
                        s(8),
                        s(7 + (i + v) % 2),
                        s(3),
                        s(3 - i % 2),
                    ]
                })
                .collect(),
        );
        let (mut visits, mut adms, mut procs, mut bills, mut outs) = (vec![], vec![], vec![], vec![], vec![]);
        for i in 1..=n as i64 {
            let arrive = i * 17 + v;
            let wait = (i * 7 + v) % 120;
            let admitted = i % 3 == 0;
            let adm_id = admitted.then(|| adms.len() as i64 + 1);
            visits.push(vec![
                s(i),
                s(1 + i % 2),
                s(1 + i % np),
                ts(arrive),
                s(arrive / 60 % 24),
                s(days[(arrive / 1440 % 7) as usize]),
                s(1 + i % 5),
                s(i % 90),
                s(if i % 2 == 0 { "Female" } else { "Male" }),
                s("Private"),
                s(["Ambulance", "Walk-In", "Referral"][(i % 3) as usize]),
                s(7),
                s(3),
                s(wait),
                if i % 10 == 0 { None } else { ts(arrive + wait) },
                ts(arrive + wait + 90),
                s(wait + 90),
                admitted.then(|| "45".to_string()),
                s(if admitted { "Admitted" } else { "Discharged" }),
                adm_id.map(|a| a.to_string()),
            ]);
            if let Some(a) = adm_id {
                let open = a % 4 == 0;
                adms.push(vec![
                    s(a),
                    s(1 + i % np),
                    s(1 + a % 5),
                    s(2 + a % 2),
                    s(1 + i % 2),
                    s("North"),
                    s(1 + a % 10),
                    s("General"),
                    s("Emergency"),
                    ts(arrive + 200),
                    if open { None } else { ts(arrive + 5000) },
                    s(i),
                    s("Private"),
                ]);
                procs.push(vec![
                    s(a),
                    s(a),
                    s("CT Head"),
                    ts(arrive + 300),
                    s(a % 2),
                    money(12345 + a * 7 + v),
                ]);
                let med = if a == 2 { -1234 } else { 5000 + a };
                bills.push(vec![
                    s(a),
                    s(a),
                    money(100_000),
                    money(med),
                    money(12345 + a * 7 + v),
                    money(100_000 + med + 12345 + a * 7 + v),
                    s(if open { "Interim" } else { "Final" }),
                ]);
                if !open {
                    outs.push(vec![
                        s(outs.len() + 1),
                        s(a),
                        s("Recovered"),
                        s("Home"),
                        s(0),
                        None,
                    ]);
                }
            }
        }
        rows.insert("er_visits", visits);
        rows.insert("admissions", adms);
        rows.insert("procedures", procs);
        rows.insert("billing", bills);
        rows.insert("outcomes", outs);
        for t in tables::ALL {
            assert!(
                rows[t.name].iter().all(|r| r.len() == t.columns.len()),
                "{}",
                t.name
            );
        }
        Dataset { rows }
    }

    /// The rows of one table.
    pub fn rows(&self, table: &str) -> &[Row] {
        &self.rows[table]
    }

    /// Admissions without a discharge.
    pub fn open_admissions(&self) -> usize {
        self.rows["admissions"].iter().filter(|r| r[10].is_none()).count()
    }

    /// Every table encoded as the generator does, `per_chunk` rows a chunk, tables in load order.
    pub fn chunks(&self, per_chunk: usize) -> Vec<Chunk> {
        let mut out = Vec::new();
        for &t in tables::ALL {
            for rows in self.rows[t.name].chunks(per_chunk) {
                out.push(encode(t, rows));
            }
        }
        out
    }

    /// Asserts the database holds exactly this dataset.
    pub fn assert_loaded(&self, db: &TestDb) {
        for t in tables::ALL {
            assert_eq!(db.table(t.name), self.rows[t.name], "table {}", t.name);
        }
    }
}

/// CSV as the loader expects it: `\N` for NULL, quotes when needed, backslash escaped.
fn encode(table: &'static TableSpec, rows: &[Row]) -> Chunk {
    let mut text = String::new();
    for row in rows {
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            match v {
                None => text.push_str("\\N"),
                Some(v) => {
                    let esc = v.replace('\\', "\\\\");
                    if v.is_empty() || v == "NULL" || v.contains([',', '"', '\n']) {
                        text.push('"');
                        text.push_str(&esc.replace('"', "\"\""));
                        text.push('"');
                    } else {
                        text.push_str(&esc);
                    }
                }
            }
        }
        text.push('\n');
    }
    Chunk {
        table,
        rows: rows.len() as u64,
        bytes: text.into_bytes(),
    }
}

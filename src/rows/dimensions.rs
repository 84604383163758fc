//! Shared dimensions (hospitals, departments, dim_date, generation_runs), identical in
//! every part, and per-site dimensions (beds, doctors, patients, ED roster).

use super::encode::{Encoder, TableWriter};
use super::{ED_DEPARTMENT_ID, department_id, id};
use crate::model::Model;
use crate::rng::{self, Purpose, unit};
use crate::simulation::SiteFacts;
use crate::sink::Chunk;
use crate::tables;
use chrono::Datelike;
use fake::Fake;
use fake::faker::name::en::{FirstName, LastName};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Day name of weekday index (Monday = 0).
pub fn weekday_name(i: usize) -> &'static str {
    WEEKDAYS[i]
}

/// Capacities a site has after scaling: (ED spaces, staffed beds).
fn site_capacity(model: &Model, site: usize) -> (u32, u32) {
    let s = &model.sites[site];
    (
        s.scaled(model.ed.treatment_spaces),
        s.beds(&model.departments).iter().sum(),
    )
}

/// Write the dimensions every part shares.
pub fn shared_tables(model: &Model, enc: &Encoder, run_id: u64, emit: &mut dyn FnMut(Chunk)) {
    {
        let mut w = TableWriter::new(&tables::HOSPITALS, enc, emit);
        for (i, s) in model.sites.iter().enumerate() {
            let (spaces, beds) = site_capacity(model, i);
            w.row(|r| {
                r.int(i as u64 + 1)
                    .text(&s.hospital_name)
                    .text(&s.branch_name)
                    .int(spaces)
                    .int(beds);
            });
        }
    }
    {
        let mut w = TableWriter::new(&tables::DEPARTMENTS, enc, emit);
        w.row(|r| {
            r.int(ED_DEPARTMENT_ID)
                .label("Emergency")
                .label("Emergency")
                .null();
        });
        for (d, dept) in model.departments.iter().enumerate() {
            w.row(|r| {
                r.int(department_id(d as u8))
                    .text(&dept.name)
                    .text(&dept.service_line)
                    .label(dept.bed_type);
            });
        }
    }
    {
        let cal = &model.calendar;
        let mut w = TableWriter::new(&tables::DIM_DATE, enc, emit);
        for day in 0..cal.days {
            let date = cal.date(day);
            let wd = cal.weekday(day);
            let holiday = cal.holidays.get(&date);
            w.row(|r| {
                r.day(day)
                    .int(date.year())
                    .int(date.month0() / 3 + 1)
                    .int(date.month())
                    .label(MONTHS[date.month0() as usize])
                    .int(wd + 1)
                    .label(WEEKDAYS[wd])
                    .int((wd >= 5) as u8)
                    .int(holiday.is_some() as u8);
                match holiday {
                    Some(name) => r.text(name),
                    None => r.null(),
                };
            });
        }
    }
    {
        let mut w = TableWriter::new(&tables::GENERATION_RUNS, enc, emit);
        w.row(|r| {
            r.int(run_id)
                .int(model.seed)
                .text(&model.profile_name)
                .label(&model.profile_sha256)
                .label(env!("CARGO_PKG_VERSION"))
                .label(&format!("{}", model.scale))
                .day(0)
                .int(model.calendar.days)
                .null()
                .null();
        });
    }
}

/// Write beds, doctors, patients and the worked ED roster of one site.
pub fn site_dimension_tables(model: &Model, facts: &SiteFacts, enc: &Encoder, emit: &mut dyn FnMut(Chunk)) {
    let s = facts.site;
    let hospital = s as u64 + 1;
    {
        let mut w = TableWriter::new(&tables::BEDS, enc, emit);
        let mut local = 0;
        for (d, &n) in facts.beds_per_department.iter().enumerate() {
            let dept = &model.departments[d];
            let prefix: String = dept
                .name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .collect();
            for k in 0..n {
                w.row(|r| {
                    r.int(id(s, local))
                        .int(hospital)
                        .int(department_id(d as u8))
                        .label(dept.bed_type)
                        .text(&format!("{}-{:03}", prefix.to_uppercase(), k + 1));
                });
                local += 1;
            }
        }
    }
    {
        let mut rng = rng::stream(model.seed, s, Purpose::Doctors);
        let mut w = TableWriter::new(&tables::DOCTORS, enc, emit);
        for (i, d) in facts.doctors.iter().enumerate() {
            let first: String = FirstName().fake_with_rng(&mut rng);
            let last: String = LastName().fake_with_rng(&mut rng);
            // Part-time and extra shifts: ±10 % around the role's hours.
            let hours = (d.available_hours as f64 * (0.9 + 0.2 * unit(&mut rng))).round() as u32;
            let (dept, role) = match d.department {
                Some(k) => (
                    department_id(k),
                    model.departments[k as usize].doctor_role.as_str(),
                ),
                None => (ED_DEPARTMENT_ID, "Emergency Physician"),
            };
            w.row(|r| {
                r.int(id(s, i as u32))
                    .text(&format!("Dr. {first} {last}"))
                    .int(dept)
                    .int(hospital)
                    .text(role)
                    .int(hours);
            });
        }
    }
    {
        let mut rng = rng::stream(model.seed, s, Purpose::PatientNames);
        let mut w = TableWriter::new(&tables::PATIENTS, enc, emit);
        let mut name = String::new();
        for (i, p) in facts.patients.iter().enumerate() {
            let first: String = FirstName().fake_with_rng(&mut rng);
            let last: String = LastName().fake_with_rng(&mut rng);
            name.clear();
            name.push_str(&first);
            name.push(' ');
            name.push_str(&last);
            w.row(|r| {
                r.int(id(s, i as u32))
                    .text(&name)
                    .packed_date(p.dob)
                    .int(p.age)
                    .label(if p.female { "Female" } else { "Male" })
                    .text(&model.patients.payers[p.payer as usize])
                    .int(hospital);
            });
        }
    }
    {
        let mut w = TableWriter::new(&tables::ED_STAFFING, enc, emit);
        for (i, sh) in facts.shifts.iter().enumerate() {
            w.row(|r| {
                r.int(id(s, i as u32))
                    .int(hospital)
                    .text(&model.ed.shifts[sh.shift as usize].name)
                    .timestamp(sh.start)
                    .timestamp(sh.end)
                    .int(sh.nurses_scheduled)
                    .int(sh.nurses_on)
                    .int(sh.providers_scheduled)
                    .int(sh.providers_on);
            });
        }
    }
}

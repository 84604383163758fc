//! Encounter tables of one site: ED visits, admissions, procedures, bills and outcomes.

use super::dimensions::weekday_name;
use super::encode::{Encoder, TableWriter};
use super::{department_id, id};
use crate::model::{DAY, Model};
use crate::simulation::SiteFacts;
use crate::simulation::facts::{ADMISSION_TYPES, ARRIVAL_MODES, DISPOSITIONS, OUTCOMES};
use crate::sink::Chunk;
use crate::tables;

/// Write er_visits, admissions, procedures, billing and outcomes of one site.
pub fn site_encounter_tables(model: &Model, facts: &SiteFacts, enc: &Encoder, emit: &mut dyn FnMut(Chunk)) {
    let s = facts.site;
    let hospital = s as u64 + 1;
    let site = &model.sites[s];
    let first_day = -model.calendar.warmup_days;
    // Weekday of day index d, without chrono per row.
    let weekday_of = |t: i64| {
        (model.calendar.weekday(first_day) as i64 + t.div_euclid(DAY) - first_day).rem_euclid(7) as usize
    };
    {
        let mut w = TableWriter::new(&tables::ER_VISITS, enc, emit);
        for (i, v) in facts.visits.iter().enumerate() {
            let wait_end = v.seen.unwrap_or(v.departed);
            w.row(|r| {
                r.int(id(s, i as u32))
                    .int(hospital)
                    .int(id(s, v.patient))
                    .timestamp(v.arrival)
                    .int(v.arrival.rem_euclid(DAY) / 3600)
                    .label(weekday_name(weekday_of(v.arrival)))
                    .int(v.triage)
                    .int(v.age)
                    .label(if v.female { "Female" } else { "Male" })
                    .text(&model.patients.payers[v.payer as usize])
                    .label(ARRIVAL_MODES[v.mode as usize])
                    .int(v.nurses)
                    .int(v.providers)
                    .int((wait_end - v.arrival) / 60)
                    .opt_timestamp(v.seen)
                    .timestamp(v.departed)
                    .int((v.departed - v.arrival) / 60)
                    .opt_int(v.boarding.map(|b| b / 60))
                    .label(DISPOSITIONS[v.disposition as usize])
                    .opt_int(v.stay.map(|k| id(s, k)));
            });
        }
    }
    // Doctors are numbered department by department.
    let mut doctor_base = vec![0u32; model.departments.len()];
    let mut acc = 0;
    for (d, base) in doctor_base.iter_mut().enumerate() {
        *base = acc;
        acc += facts
            .doctors
            .iter()
            .filter(|doc| doc.department == Some(d as u8))
            .count() as u32;
    }
    {
        let mut w = TableWriter::new(&tables::ADMISSIONS, enc, emit);
        for (i, st) in facts.stays.iter().enumerate() {
            let dept = &model.departments[st.department as usize];
            w.row(|r| {
                r.int(id(s, i as u32))
                    .int(id(s, st.patient))
                    .int(id(s, doctor_base[st.department as usize] + st.doctor))
                    .int(department_id(st.department))
                    .int(hospital)
                    .text(&site.branch_name)
                    .int(id(s, st.bed))
                    .label(dept.bed_type)
                    .label(ADMISSION_TYPES[st.kind as usize])
                    .timestamp(st.admit)
                    .opt_timestamp(st.discharge)
                    .opt_int(st.visit.map(|v| id(s, v)))
                    .text(&model.patients.payers[st.payer as usize]);
            });
        }
    }
    {
        let mut w = TableWriter::new(&tables::PROCEDURES, enc, emit);
        for (i, p) in facts.procedures.iter().enumerate() {
            let proc_model = &model.departments[p.department as usize].procedures[p.procedure as usize];
            w.row(|r| {
                r.int(id(s, i as u32))
                    .int(id(s, p.stay))
                    .text(&proc_model.name)
                    .timestamp(p.time)
                    .int(proc_model.surgical as u8)
                    .money(p.cost_cents);
            });
        }
    }
    {
        let mut w = TableWriter::new(&tables::BILLING, enc, emit);
        for (i, st) in facts.stays.iter().enumerate() {
            w.row(|r| {
                r.int(id(s, i as u32))
                    .int(id(s, i as u32))
                    .money(st.room_cents)
                    .money(st.medicine_cents)
                    .money(st.procedure_cents)
                    .money(st.room_cents + st.medicine_cents + st.procedure_cents)
                    .label(if st.discharge.is_some() {
                        "Final"
                    } else {
                        "Interim"
                    });
            });
        }
    }
    {
        let mut w = TableWriter::new(&tables::OUTCOMES, enc, emit);
        for (i, st) in facts.stays.iter().enumerate() {
            let Some(outcome) = st.outcome else { continue };
            let (status, destination) = OUTCOMES[outcome as usize];
            w.row(|r| {
                r.int(id(s, i as u32))
                    .int(id(s, i as u32))
                    .label(status)
                    .label(destination)
                    .int(st.readmission.is_some() as u8)
                    .opt_int(st.readmission.map(|k| id(s, k)));
            });
        }
    }
}

//! From a finished run to output facts: which visits and stays fall in the horizon, their
//! site-local output order, and what follows from them (procedures, bills, outcomes,
//! readmission flags computed from the stays themselves).

use super::facts::*;
use super::state::{Sim, Stay};
use crate::model::DAY;
use crate::rng::{self, Purpose, chance, lognormal_median, unit};

/// Keep what the horizon shows and number it.
pub(super) fn select(sim: Sim) -> SiteFacts {
    let model = sim.model;
    let horizon = model.calendar.horizon_end();

    // Visits: arrivals inside the horizon, already in arrival order.
    let mut visit_out = vec![NONE; sim.visits.len()];
    let mut n = 0u32;
    for (i, v) in sim.visits.iter().enumerate() {
        if v.arrival >= 0 {
            visit_out[i] = n;
            n += 1;
        }
    }
    // Stays that overlap the horizon, in admission order (as created). A boarder admitted
    // after the horizon end has no stay in the data: its visit keeps admission_id NULL.
    let mut stay_out = vec![NONE; sim.stays.len()];
    let mut m = 0u32;
    for (i, s) in sim.stays.iter().enumerate() {
        if s.admit < horizon && s.discharge >= 0 {
            stay_out[i] = m;
            m += 1;
        }
    }
    // Patients: everyone an output row names, in creation order.
    let mut referenced = vec![false; sim.registry.people.len()];
    for (i, v) in sim.visits.iter().enumerate() {
        if visit_out[i] != NONE {
            referenced[v.person as usize] = true;
        }
    }
    for (i, s) in sim.stays.iter().enumerate() {
        if stay_out[i] != NONE {
            referenced[s.person as usize] = true;
        }
    }
    let mut person_out = vec![NONE; referenced.len()];
    let mut patients = Vec::new();
    for (i, r) in referenced.iter().enumerate() {
        if *r {
            person_out[i] = patients.len() as u32;
            let p = &sim.registry.people[i];
            patients.push(PatientFact {
                dob: p.dob,
                age: p.first_age,
                female: p.female,
                payer: p.payer,
            });
        }
    }

    let visits: Vec<VisitFact> = sim
        .visits
        .iter()
        .enumerate()
        .filter(|(i, _)| visit_out[*i] != NONE)
        .map(|(_, v)| {
            let p = &sim.registry.people[v.person as usize];
            VisitFact {
                arrival: v.arrival,
                patient: person_out[v.person as usize],
                triage: v.level,
                age: v.age,
                female: p.female,
                payer: p.payer,
                mode: v.mode,
                nurses: v.nurses,
                providers: v.providers,
                seen: (v.seen >= 0).then_some(v.seen),
                departed: v.departed,
                boarding: (v.disposition == ADMITTED).then(|| v.departed - v.board_start),
                disposition: v.disposition,
                stay: (v.stay != NONE && stay_out[v.stay as usize] != NONE)
                    .then(|| stay_out[v.stay as usize]),
            }
        })
        .collect();

    let kept: Vec<&Stay> = sim
        .stays
        .iter()
        .enumerate()
        .filter(|(i, _)| stay_out[*i] != NONE)
        .map(|(_, s)| s)
        .collect();
    let mut stays: Vec<StayFact> = kept
        .iter()
        .map(|s| {
            let discharged = s.discharge <= horizon;
            StayFact {
                patient: person_out[s.person as usize],
                department: s.department,
                doctor: s.doctor,
                bed: s.bed,
                kind: s.kind,
                admit: s.admit,
                discharge: discharged.then_some(s.discharge),
                visit: (s.visit != NONE && visit_out[s.visit as usize] != NONE)
                    .then(|| visit_out[s.visit as usize]),
                payer: sim.registry.people[s.person as usize].payer,
                outcome: discharged.then_some(s.outcome),
                readmission: None,
                room_cents: 0,
                medicine_cents: 0,
                procedure_cents: 0,
            }
        })
        .collect();
    flag_readmissions(&mut stays);
    let procedures = procedures_and_bills(&sim, &mut stays, horizon);

    let mut doctors = Vec::new();
    for (d, &count) in sim.doctors_per_department.iter().enumerate() {
        for _ in 0..count {
            doctors.push(DoctorFact {
                department: Some(d as u8),
                available_hours: model.departments[d].available_hours,
            });
        }
    }
    for _ in 0..sim.ed_doctors {
        doctors.push(DoctorFact {
            department: None,
            available_hours: 2016,
        });
    }
    let shifts = sim
        .shifts
        .iter()
        .filter(|s| s.start >= 0 && s.start < horizon)
        .map(|s| ShiftFact {
            shift: s.shift,
            start: s.start,
            end: s.end,
            nurses_scheduled: s.nurses_scheduled as u16,
            nurses_on: s.nurses_on as u16,
            providers_scheduled: s.providers_scheduled as u16,
            providers_on: s.providers_on as u16,
        })
        .collect();

    SiteFacts {
        site: sim.site_index,
        beds_per_department: sim.beds_per_department.clone(),
        treatment_spaces: sim.spaces,
        doctors,
        patients,
        shifts,
        visits,
        stays,
        procedures,
    }
}

/// `readmission` = the patient's next admission when it starts within 30 days of this
/// discharge: the flag is true exactly when such an admission is in the data.
fn flag_readmissions(stays: &mut [StayFact]) {
    let mut next_of_patient: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    for i in (0..stays.len()).rev() {
        let patient = stays[i].patient;
        if let (Some(discharge), Some(&next)) = (stays[i].discharge, next_of_patient.get(&patient)) {
            let admit = stays[next as usize].admit;
            if admit >= discharge && admit - discharge <= 30 * DAY {
                stays[i].readmission = Some(next);
            }
        }
        next_of_patient.insert(patient, i as u32);
    }
}

/// Procedures during each stay (until discharge or the horizon end), then the bill.
fn procedures_and_bills(sim: &Sim, stays: &mut [StayFact], horizon: i64) -> Vec<ProcedureFact> {
    let model = sim.model;
    let mut rng = rng::stream(model.seed, sim.site_index, Purpose::Procedures);
    let mut out = Vec::new();
    for (i, s) in stays.iter_mut().enumerate() {
        let dept = &model.departments[s.department as usize];
        let end = s.discharge.unwrap_or(horizon).min(horizon);
        let length = (end - s.admit).max(3600);
        let mut procedure_cents = 0;
        for (j, p) in dept.procedures.iter().enumerate() {
            if !chance(&mut rng, p.probability) {
                continue;
            }
            let offset = if p.surgical {
                2 * 3600 + (unit(&mut rng) * 28.0 * 3600.0) as i64
            } else {
                (unit(&mut rng) * length as f64) as i64
            };
            let cost = (p.cost_cents as f64 * lognormal_median(&mut rng, 1.0, 0.25)).round() as i64;
            let time = s.admit + offset.min(length - 60).max(0);
            if time < end {
                procedure_cents += cost;
                out.push(ProcedureFact {
                    stay: i as u32,
                    department: s.department,
                    procedure: j as u16,
                    time,
                    cost_cents: cost,
                });
            }
        }
        // Billed per started day; medicines vary around the ward's daily rate.
        let days = ((end - s.admit) as f64 / DAY as f64).ceil().max(1.0) as i64;
        s.room_cents = days * dept.room_cents_per_day;
        s.medicine_cents = (days as f64
            * dept.medicine_cents_per_day as f64
            * lognormal_median(&mut rng, 1.0, 0.35))
        .round() as i64;
        s.procedure_cents = procedure_cents;
    }
    out
}

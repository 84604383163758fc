//! The event loop and the state it drives.

use super::facts::*;
use super::people::Registry;
use super::schedule::{self, DirectAdmission, WorkedShift};
use crate::model::{DAY, Model, age_group};
use crate::rng::{self, Purpose, Stream, chance, lognormal_median, normal, unit};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// Where a visit is in the ED.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Triage,
    Waiting,
    InSpace,
    Boarding,
    Gone,
}

/// An ED visit in progress (all times in seconds).
#[derive(Debug, Clone)]
pub(super) struct Visit {
    pub arrival: i64,
    pub person: u32,
    pub level: u8,
    pub age: u8,
    pub mode: u8,
    pub nurses: u16,
    pub providers: u16,
    /// Intended disposition (clinical); LWBS overrides it.
    pub intent: u8,
    pub department: u8,
    pub phase: Phase,
    pub seen: i64,
    pub departed: i64,
    pub board_start: i64,
    pub disposition: u8,
    pub stay: u32,
}

/// An inpatient stay in progress.
#[derive(Debug, Clone)]
pub(super) struct Stay {
    pub person: u32,
    pub department: u8,
    pub doctor: u32,
    pub bed: u32,
    pub kind: u8,
    pub admit: i64,
    pub discharge: i64,
    pub visit: u32,
    pub outcome: u8,
}

/// Event kinds, processed in (time, sequence) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    ShiftStart(u32),
    ShiftEnd(u32),
    Ready(u32),
    Patience(u32),
    ProviderFree,
    WorkupDone(u32),
    EdDepart(u32),
    Handoff(u32),
    Discharge(u32),
    BedReady(u32, u8),
    Direct(u32),
}

/// A ward's beds and the patients waiting for one.
struct Ward {
    free: Vec<u32>,
    waiting: VecDeque<Waiter>,
}

#[derive(Debug, Clone, Copy)]
enum Waiter {
    Boarder(u32),
    Direct { kind: u8, person: u32 },
}

/// The whole state of one site's run.
pub(super) struct Sim<'m> {
    pub model: &'m Model,
    pub site_index: usize,

    pub registry: Registry,
    pub visits: Vec<Visit>,
    pub stays: Vec<Stay>,
    pub shifts: Vec<WorkedShift>,
    pub beds_per_department: Vec<u32>,
    pub doctors_per_department: Vec<u32>,
    pub ed_doctors: u32,
    pub spaces: u32,
    arrivals: Vec<i64>,
    directs: Vec<DirectAdmission>,
    events: BinaryHeap<Reverse<(i64, u64, Event)>>,
    timeline: Vec<(i64, Event)>,
    seq: u64,
    waiting: BinaryHeap<Reverse<(i64, u32)>>,
    in_space: u32,
    in_ed: u32,
    nurses_on: u32,
    providers_on: u32,
    providers_busy: u32,
    wards: Vec<Ward>,
    returns: BinaryHeap<Reverse<(i64, u32)>>,
    who: Stream,
    service: Stream,
    inpatient: Stream,
    direct_rng: Stream,
}

impl<'m> Sim<'m> {
    pub fn new(model: &'m Model, site_index: usize) -> Self {
        let site = &model.sites[site_index];
        let first_day = -model.calendar.warmup_days;
        let arrivals = schedule::arrivals(model, site, site_index, first_day);
        // The day before the warm-up too, so the night shift covers its first hours.
        let shifts = schedule::roster(model, site, site_index, first_day - 1);
        let directs = schedule::direct_admissions(model, site, site_index, first_day);
        let beds_per_department = site.beds(&model.departments);
        let doctors_per_department = model.departments.iter().map(|d| site.scaled(d.doctors)).collect();
        // ED physicians: enough for the provider-shifts of a week at about four 12-hour shifts each.
        let provider_hours: u32 = model
            .ed
            .shifts
            .iter()
            .map(|s| site.scaled_or_zero(s.providers) * s.hours * 7)
            .sum();
        let ed_doctors = provider_hours.div_ceil(48).max(1);
        let mut bed = 0;
        let wards = beds_per_department
            .iter()
            .map(|&n| {
                let first = bed;
                bed += n;
                // Highest index on top of the stack: the first bed used is the ward's first.
                Ward {
                    free: (first..first + n).rev().collect(),
                    waiting: VecDeque::new(),
                }
            })
            .collect();
        let mut sim = Sim {
            model,
            site_index,

            registry: Registry::new(model, first_day - 1, model.calendar.days + 400),
            visits: Vec::with_capacity(arrivals.len()),
            stays: Vec::new(),
            spaces: site.scaled(model.ed.treatment_spaces),
            shifts,
            beds_per_department,
            doctors_per_department,
            ed_doctors,
            arrivals,
            directs,
            events: BinaryHeap::new(),
            timeline: Vec::new(),
            seq: 0,
            waiting: BinaryHeap::new(),
            in_space: 0,
            in_ed: 0,
            nurses_on: 0,
            providers_on: 0,
            providers_busy: 0,
            wards,
            returns: BinaryHeap::new(),
            who: rng::stream(model.seed, site_index, Purpose::Patients),
            service: rng::stream(model.seed, site_index, Purpose::Service),
            inpatient: rng::stream(model.seed, site_index, Purpose::Inpatient),
            direct_rng: rng::stream(model.seed, site_index, Purpose::DirectAdmissions),
        };
        // Events known in advance stay out of the heap (it holds only what is in flight)
        // and are merged by time; at equal times they come before simulated events.
        for (i, s) in sim.shifts.iter().enumerate() {
            sim.timeline.push((s.start, Event::ShiftStart(i as u32)));
            sim.timeline.push((s.end, Event::ShiftEnd(i as u32)));
        }
        for (i, d) in sim.directs.iter().enumerate() {
            sim.timeline.push((d.time, Event::Direct(i as u32)));
        }
        sim.timeline.sort_by_key(|&(t, _)| t);
        sim
    }

    fn push(&mut self, t: i64, e: Event) {
        self.seq += 1;
        self.events.push(Reverse((t, self.seq, e)));
    }

    /// Run until every arrival is handled and the ED is empty after the horizon.
    pub fn run(&mut self) {
        let horizon = self.model.calendar.horizon_end();
        let mut next_arrival = 0;
        let mut next_planned = 0;
        loop {
            let arrival_t = self.arrivals.get(next_arrival).copied().unwrap_or(i64::MAX);
            let planned_t = self.timeline.get(next_planned).map_or(i64::MAX, |&(t, _)| t);
            let event_t = self.events.peek().map_or(i64::MAX, |Reverse((t, _, _))| *t);
            if arrival_t == i64::MAX && event_t == i64::MAX && planned_t == i64::MAX {
                break;
            }
            if planned_t <= event_t && planned_t <= arrival_t {
                let (t, e) = self.timeline[next_planned];
                next_planned += 1;
                self.handle(t, e);
                continue;
            }
            if arrival_t < event_t {
                next_arrival += 1;
                self.arrive(arrival_t);
                continue;
            }
            let Reverse((t, _, e)) = self.events.pop().expect("peeked");
            if t > horizon && next_arrival == self.arrivals.len() && self.ed_is_empty() {
                break;
            }
            self.handle(t, e);
        }
    }

    fn ed_is_empty(&self) -> bool {
        self.in_ed == 0
    }

    fn handle(&mut self, t: i64, e: Event) {
        match e {
            Event::ShiftStart(i) => {
                let s = &self.shifts[i as usize];
                self.nurses_on += s.nurses_on;
                self.providers_on += s.providers_on;
                self.try_room(t);
            }
            Event::ShiftEnd(i) => {
                let s = &self.shifts[i as usize];
                self.nurses_on -= s.nurses_on;
                self.providers_on -= s.providers_on;
            }
            Event::Ready(v) => {
                let visit = &mut self.visits[v as usize];
                if visit.phase == Phase::Triage {
                    visit.phase = Phase::Waiting;
                    let level = visit.level as usize - 1;
                    // Level 1 sorts before everyone (resuscitation goes straight in).
                    let key = if level == 0 {
                        t - (1 << 40)
                    } else {
                        t + self.model.ed.priority_offset[level]
                    };
                    self.waiting.push(Reverse((key, v)));
                    self.try_room(t);
                }
            }
            Event::Patience(v) => {
                let visit = &mut self.visits[v as usize];
                if matches!(visit.phase, Phase::Triage | Phase::Waiting) {
                    visit.phase = Phase::Gone;
                    visit.disposition = LWBS;
                    visit.departed = t;
                    self.registry.people[visit.person as usize].busy = false;
                    self.in_ed -= 1;
                    // Its queue entry is skipped lazily by try_room.
                }
            }
            Event::ProviderFree => {
                self.providers_busy -= 1;
                self.try_room(t);
            }
            Event::WorkupDone(v) => self.workup_done(t, v),
            Event::EdDepart(v) => self.leave_ed(t, v),
            Event::Handoff(v) => self.request_bed(t, v),
            Event::Discharge(s) => self.discharge(t, s),
            Event::BedReady(bed, d) => self.bed_ready(t, bed, d),
            Event::Direct(i) => self.direct_arrival(t, i),
        }
    }

    /// A new ED arrival: who, how sick, how they came, what they will likely need.
    fn arrive(&mut self, t: i64) {
        let model = self.model;
        let ed = &model.ed;
        let mut returning = false;
        let mut person = None;
        if let Some(&Reverse((due, p))) = self.returns.peek()
            && due <= t
        {
            self.returns.pop();
            let pp = &self.registry.people[p as usize];
            if !pp.busy && !pp.dead {
                person = Some(p);
                returning = true;
            }
        }
        if person.is_none() && chance(&mut self.who, model.patients.repeat_visit_probability) {
            person = self.registry.pick_returning(&mut self.who, t, None);
        }
        let person = match person {
            Some(p) => p,
            None => self.registry.create(model, &mut self.who, t, None, None),
        };
        self.registry.people[person as usize].busy = true;
        self.in_ed += 1;
        let age = self.registry.age(person, t);
        let group = age_group(age);
        let level = ed.triage[group].sample(&mut self.who) as u8;
        let l = level as usize;
        let mode = if chance(&mut self.who, ed.ambulance[group][l]) {
            AMBULANCE
        } else if chance(&mut self.who, ed.referral_share) {
            REFERRAL
        } else {
            WALK_IN
        };
        let admit_p = if returning {
            ed.return_admit_probability
        } else {
            ed.admit[group][l]
        };
        let u = unit(&mut self.who);
        let intent = if u < ed.died[l] {
            DIED
        } else if u < ed.died[l] + ed.transfer[l] {
            TRANSFERRED
        } else if u < ed.died[l] + ed.transfer[l] + admit_p {
            ADMITTED
        } else {
            DISCHARGED
        };
        let department = if intent == ADMITTED {
            self.pick_department(age)
        } else {
            0
        };
        let (median, sigma) = if mode == AMBULANCE {
            (2.0, 0.5)
        } else {
            ed.triage_minutes
        };
        let ready = t + minutes(lognormal_median(&mut self.service, median, sigma));
        let patience = ed.patience_median[l];
        let v = self.visits.len() as u32;
        self.visits.push(Visit {
            arrival: t,
            person,
            level: level + 1,
            age: age.min(255) as u8,
            mode,
            nurses: self.nurses_on as u16,
            providers: self.providers_on as u16,
            intent,
            department,
            phase: Phase::Triage,
            seen: -1,
            departed: -1,
            board_start: -1,
            disposition: intent,
            stay: NONE,
        });
        if patience > 0.0 {
            let leave = t + minutes(lognormal_median(&mut self.service, patience, ed.patience_sigma));
            self.push(leave, Event::Patience(v));
        }
        self.push(ready, Event::Ready(v));
    }

    fn pick_department(&mut self, age: u32) -> u8 {
        let depts = &self.model.departments;
        let total: f64 = depts
            .iter()
            .filter(|d| d.accepts(age))
            .map(|d| d.ed_admit_weight)
            .sum();
        let mut u = unit(&mut self.who) * total;
        let mut last = 0;
        for (i, d) in depts.iter().enumerate() {
            if d.accepts(age) && d.ed_admit_weight > 0.0 {
                last = i;
                if u < d.ed_admit_weight {
                    return i as u8;
                }
                u -= d.ed_admit_weight;
            }
        }
        last as u8
    }

    /// Room waiting patients while a space, nursing capacity and a provider are free.
    /// Level 1 goes straight in (resuscitation: a provider drops everything).
    fn try_room(&mut self, t: i64) {
        let ed = &self.model.ed;
        let nurse_cap = (self.nurses_on as f64 * ed.patients_per_nurse).floor() as u32;
        let cap = self.spaces.min(nurse_cap);
        while let Some(&Reverse((_, v))) = self.waiting.peek() {
            let visit = &self.visits[v as usize];
            if visit.phase != Phase::Waiting {
                self.waiting.pop();
                continue;
            }
            if visit.level != 1 && (self.in_space >= cap || self.providers_busy >= self.providers_on) {
                break;
            }
            self.waiting.pop();
            self.room(t, v);
        }
    }

    fn room(&mut self, t: i64, v: u32) {
        let ed = &self.model.ed;
        let visit = &mut self.visits[v as usize];
        let l = visit.level as usize - 1;
        visit.phase = Phase::InSpace;
        visit.seen = t;
        self.in_space += 1;
        self.providers_busy += 1;
        let assess = minutes(lognormal_median(
            &mut self.service,
            ed.provider_median[l],
            ed.provider_sigma,
        ));
        let mut workup = lognormal_median(&mut self.service, ed.workup_median[l], ed.workup_sigma);
        if visit.intent == ADMITTED {
            workup *= ed.admitted_workup_factor;
        }
        if matches!(visit.intent, DISCHARGED | ADMITTED) && chance(&mut self.service, ed.ama) {
            visit.intent = AMA;
            visit.disposition = AMA;
            workup *= 0.2 + 0.6 * unit(&mut self.service);
        }
        self.push(t + assess, Event::ProviderFree);
        self.push(t + assess + minutes(workup), Event::WorkupDone(v));
    }

    fn workup_done(&mut self, t: i64, v: u32) {
        let visit = &self.visits[v as usize];
        match visit.intent {
            TRANSFERRED => {
                let (m, s) = self.model.ed.transfer_delay;
                let delay = minutes(lognormal_median(&mut self.service, m, s));
                self.push(t + delay, Event::EdDepart(v));
            }
            ADMITTED => {
                let (m, s) = self.model.ed.admit_handoff;
                let handoff = minutes(lognormal_median(&mut self.service, m, s));
                let visit = &mut self.visits[v as usize];
                visit.phase = Phase::Boarding;
                visit.board_start = t;
                self.push(t + handoff, Event::Handoff(v));
            }
            _ => self.leave_ed(t, v),
        }
    }

    /// The admitted patient is ready to go up: take a bed or wait for one (boarding).
    fn request_bed(&mut self, t: i64, v: u32) {
        let d = self.visits[v as usize].department as usize;
        if let Some(bed) = self.wards[d].free.pop() {
            self.admit_boarder(t, v, bed);
        } else {
            self.wards[d].waiting.push_back(Waiter::Boarder(v));
        }
    }

    fn leave_ed(&mut self, t: i64, v: u32) {
        let visit = &mut self.visits[v as usize];
        visit.phase = Phase::Gone;
        visit.departed = t;
        let person = &mut self.registry.people[visit.person as usize];
        match visit.disposition {
            DIED => person.dead = true,
            ADMITTED => {}
            _ => person.busy = false,
        }
        self.in_space -= 1;
        self.in_ed -= 1;
        self.try_room(t);
    }

    fn admit_boarder(&mut self, t: i64, v: u32, bed: u32) {
        let (person, department) = {
            let visit = &mut self.visits[v as usize];
            if visit.board_start < 0 {
                visit.board_start = t;
            }
            (visit.person, visit.department)
        };
        let stay = self.admit(t, person, department, bed, EMERGENCY, v);
        self.visits[v as usize].stay = stay;
        self.leave_ed(t, v);
    }

    /// An elective, maternity or transfer patient arrives for a bed.
    fn direct_arrival(&mut self, t: i64, i: u32) {
        let model = self.model;
        let a = &self.directs[i as usize];
        let dept = &model.departments[a.department as usize];
        let female = (a.kind == MATERNITY).then_some(true);
        let mut person = None;
        if a.kind != MATERNITY && chance(&mut self.direct_rng, model.patients.repeat_visit_probability) {
            person = self
                .registry
                .pick_returning(&mut self.direct_rng, t, Some(dept.ages));
        }
        let person = match person {
            Some(p) => p,
            None => self
                .registry
                .create(model, &mut self.direct_rng, t, Some(dept.ages), female),
        };
        self.registry.people[person as usize].busy = true;
        let d = a.department as usize;
        if let Some(bed) = self.wards[d].free.pop() {
            self.admit(t, person, a.department, bed, a.kind, NONE);
        } else {
            let kind = a.kind;
            self.wards[d].waiting.push_back(Waiter::Direct { kind, person });
        }
    }

    /// Put a patient in a bed: doctor, LOS, outcome and discharge time.
    fn admit(&mut self, t: i64, person: u32, department: u8, bed: u32, kind: u8, visit: u32) -> u32 {
        let model = self.model;
        let dept = &model.departments[department as usize];
        let rng = &mut self.inpatient;
        let doctor = (unit(rng) * self.doctors_per_department[department as usize] as f64) as u32;
        // Capped at a year: a valid but extreme σ must not push dates past the calendar.
        let los_days = (dept.los_mu + dept.los_sigma * normal(rng)).exp().min(365.0);
        let u = unit(rng);
        let outcome = if u < dept.mortality {
            OUTCOME_DECEASED
        } else if u < dept.mortality + dept.transfer_out {
            OUTCOME_TRANSFERRED
        } else if u < dept.mortality + dept.transfer_out + dept.ama {
            5
        } else if u < dept.mortality + dept.transfer_out + dept.ama + dept.post_acute {
            if chance(rng, 0.5) { 1 } else { 2 }
        } else {
            0
        };
        let planned = t + (los_days * DAY as f64) as i64;
        let discharge = if outcome == OUTCOME_DECEASED {
            planned.max(t + 3600)
        } else {
            // Discharges happen on the discharge-hour curve, and slip past quiet weekdays.
            let mut day = planned.div_euclid(DAY);
            for _ in 0..3 {
                let wd = model.calendar.weekday(day);
                if chance(rng, model.discharge_keep[wd]) {
                    break;
                }
                day += 1;
            }
            let hour = model.discharge_hour.sample(rng) as i64;
            let mut at = day * DAY + hour * 3600 + (unit(rng) * 3600.0) as i64;
            while at < t + 4 * 3600 {
                at += DAY;
            }
            at
        };
        let s = self.stays.len() as u32;
        self.stays.push(Stay {
            person,
            department,
            doctor,
            bed,
            kind,
            admit: t,
            discharge,
            visit,
            outcome,
        });
        self.push(discharge, Event::Discharge(s));
        s
    }

    fn discharge(&mut self, t: i64, s: u32) {
        let stay = &self.stays[s as usize];
        let (person, department, bed, outcome) = (stay.person, stay.department, stay.bed, stay.outcome);
        let dept = &self.model.departments[department as usize];
        let p = &mut self.registry.people[person as usize];
        p.busy = false;
        if outcome == OUTCOME_DECEASED {
            p.dead = true;
        } else if outcome != OUTCOME_TRANSFERRED && chance(&mut self.inpatient, dept.return_probability) {
            // Comes back to the ED within 30 days, early returns more likely.
            let days = 1.0 + 29.0 * unit(&mut self.inpatient).powf(1.5);
            self.returns
                .push(Reverse((t + (days * DAY as f64) as i64, person)));
        }
        let (m, sg) = self.model.bed_turnaround;
        let ready = t + minutes(lognormal_median(&mut self.inpatient, m, sg));
        self.push(ready, Event::BedReady(bed, department));
    }

    /// A cleaned bed goes to the first patient waiting for the ward, else back to the pool.
    fn bed_ready(&mut self, t: i64, bed: u32, department: u8) {
        let d = department as usize;
        match self.wards[d].waiting.pop_front() {
            Some(Waiter::Boarder(v)) => self.admit_boarder(t, v, bed),
            Some(Waiter::Direct { kind, person }) => {
                self.admit(t, person, department, bed, kind, NONE);
            }
            None => self.wards[d].free.push(bed),
        }
    }
}

/// Minutes (fractional) to whole seconds, at least one.
fn minutes(m: f64) -> i64 {
    ((m * 60.0).round() as i64).max(1)
}

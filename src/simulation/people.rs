//! The site's patient registry: new patients, repeat visitors, ages from dates of birth.

use crate::model::{DAY, Model};
use crate::rng::{Stream, chance, unit};
use chrono::Datelike;

/// A patient as the simulation tracks them.
#[derive(Debug, Clone)]
pub struct Person {
    /// Date of birth packed as `yyyymmdd` (so age = (today − dob) / 10000).
    pub dob: u32,
    /// Age when first seen.
    pub first_age: u8,
    /// Female.
    pub female: bool,
    /// Payer index.
    pub payer: u8,
    /// In the ED or on a ward now.
    pub busy: bool,
    /// Died in hospital.
    pub dead: bool,
}

/// Packed dates per simulated day, so ages are a subtraction.
pub struct Registry {
    /// Everyone created so far, in creation order.
    pub people: Vec<Person>,
    first_day: i64,
    packed_days: Vec<u32>,
}

fn pack(d: chrono::NaiveDate) -> u32 {
    d.year() as u32 * 10_000 + d.month() * 100 + d.day()
}

impl Registry {
    /// A registry covering days `first_day..last_day`.
    pub fn new(model: &Model, first_day: i64, last_day: i64) -> Self {
        let packed_days = (first_day..=last_day)
            .map(|d| pack(model.calendar.date(d)))
            .collect();
        Registry {
            people: Vec::new(),
            first_day,
            packed_days,
        }
    }

    fn today(&self, t: i64) -> u32 {
        let i = (t.div_euclid(DAY) - self.first_day).clamp(0, self.packed_days.len() as i64 - 1);
        self.packed_days[i as usize]
    }

    /// Age in whole years at time `t`.
    pub fn age(&self, person: u32, t: i64) -> u32 {
        (self.today(t) - self.people[person as usize].dob) / 10_000
    }

    /// Create a patient of a random age band (restricted to `ages` when given) at time `t`.
    pub fn create(
        &mut self,
        model: &Model,
        rng: &mut Stream,
        t: i64,
        ages: Option<(u32, u32)>,
        female: Option<bool>,
    ) -> u32 {
        let pm = &model.patients;
        let mut band = pm.band.sample(rng);
        let mut age = draw_age(pm.bands[band], rng);
        if let Some((lo, hi)) = ages {
            let mut tries = 0;
            while !(lo..=hi).contains(&age) && tries < 40 {
                band = pm.band.sample(rng);
                age = draw_age(pm.bands[band], rng);
                tries += 1;
            }
            if !(lo..=hi).contains(&age) {
                age = lo + (unit(rng) * (hi - lo + 1) as f64) as u32;
                band = pm
                    .bands
                    .iter()
                    .position(|&(a, b)| (a..=b).contains(&age))
                    .unwrap_or(band);
            }
        }
        let female = female.unwrap_or_else(|| chance(rng, pm.female_share));
        let payer = pm.payer_by_band[band].sample(rng) as u8;
        // Birthday: `age` years before today, minus a random part of a year.
        let today = model.calendar.date(t.div_euclid(DAY));
        let back = chrono::Duration::days((unit(rng) * 365.0) as i64);
        let birth_year_date = today
            .with_year(today.year() - age as i32)
            .unwrap_or_else(|| today - chrono::Duration::days(365 * age as i64));
        let dob = pack(birth_year_date - back);
        self.people.push(Person {
            dob,
            first_age: 0,
            female,
            payer,
            busy: false,
            dead: false,
        });
        let id = self.people.len() as u32 - 1;
        self.people[id as usize].first_age = self.age(id, t).min(255) as u8;
        id
    }

    /// Someone already seen who is free now and fits `ages`, or None.
    pub fn pick_returning(&self, rng: &mut Stream, t: i64, ages: Option<(u32, u32)>) -> Option<u32> {
        if self.people.is_empty() {
            return None;
        }
        let id = (unit(rng) * self.people.len() as f64) as u32;
        let p = &self.people[id as usize];
        if p.busy || p.dead {
            return None;
        }
        if let Some((lo, hi)) = ages
            && !(lo..=hi).contains(&self.age(id, t))
        {
            return None;
        }
        Some(id)
    }
}

fn draw_age((lo, hi): (u32, u32), rng: &mut Stream) -> u32 {
    lo + ((unit(rng) * (hi - lo + 1) as f64) as u32).min(hi - lo)
}

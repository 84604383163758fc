//! Exogenous event streams: ED arrivals (non-homogeneous Poisson), the worked roster, and
//! elective, maternity and transfer admissions.

use crate::model::{DAY, Model, SiteModel};
use crate::rng::{self, Purpose, Stream, chance, poisson, unit};
use chrono::Datelike;

/// ED arrival times for days `first_day..days`, sorted, at one-second resolution.
///
/// The rate is piecewise constant per clock hour (annual volume × hour share × weekday ×
/// month × holiday factor), so a Poisson count per hour with uniform times is exact.
pub fn arrivals(model: &Model, site: &SiteModel, site_index: usize, first_day: i64) -> Vec<i64> {
    let ed = &model.ed;
    let cal = &model.calendar;
    let mut rng = rng::stream(model.seed, site_index, Purpose::Arrivals);
    let per_day = ed.annual_visits * site.volume / 365.0;
    let mut out = Vec::with_capacity((per_day * (cal.days - first_day) as f64 * 1.05) as usize);
    let mut hour_times = Vec::new();
    for day in first_day..cal.days {
        let date = cal.date(day);
        let mut factor = ed.weekday_factor[cal.weekday(day)] * ed.monthly_factor[date.month0() as usize];
        if cal.is_holiday(day) {
            factor *= cal.holiday_arrival_factor;
        }
        for h in 0..24 {
            let n = poisson(&mut rng, per_day * factor * ed.hourly_share[h]);
            let base = day * DAY + h as i64 * 3600;
            hour_times.clear();
            hour_times.extend((0..n).map(|_| base + (unit(&mut rng) * 3600.0) as i64));
            hour_times.sort_unstable();
            out.extend_from_slice(&hour_times);
        }
    }
    out
}

/// A shift instance as rostered and worked.
#[derive(Debug, Clone)]
pub struct WorkedShift {
    /// Index into the model's shifts.
    pub shift: u8,
    /// Start, seconds.
    pub start: i64,
    /// End, seconds.
    pub end: i64,
    /// Nurses scheduled.
    pub nurses_scheduled: u32,
    /// Nurses after call-outs.
    pub nurses_on: u32,
    /// Providers scheduled.
    pub providers_scheduled: u32,
    /// Providers after call-outs.
    pub providers_on: u32,
}

/// The roster for days `first_day..days`, with call-outs drawn per person and shift.
pub fn roster(model: &Model, site: &SiteModel, site_index: usize, first_day: i64) -> Vec<WorkedShift> {
    let ed = &model.ed;
    let cal = &model.calendar;
    let mut rng = rng::stream(model.seed, site_index, Purpose::Roster);
    let mut out = Vec::new();
    // A month past the horizon: patients still in the ED at its end are seen by real staff.
    for day in first_day..cal.days + 30 {
        let weekend = cal.weekday(day) >= 5;
        for (i, s) in ed.shifts.iter().enumerate() {
            let nurses = site.scaled_or_zero(if weekend { s.weekend_nurses } else { s.nurses });
            let providers = site.scaled_or_zero(s.providers);
            let start = day * DAY + s.start_hour as i64 * 3600;
            out.push(WorkedShift {
                shift: i as u8,
                start,
                end: start + s.hours as i64 * 3600,
                nurses_scheduled: nurses,
                // A float nurse covers when everyone on a shift calls out.
                nurses_on: worked(&mut rng, nurses, ed.call_out_probability).max(nurses.min(1)),
                providers_scheduled: providers,
                providers_on: worked(&mut rng, providers, ed.call_out_probability).max(providers.min(1)),
            });
        }
    }
    out
}

fn worked(rng: &mut Stream, scheduled: u32, call_out: f64) -> u32 {
    (0..scheduled).filter(|_| !chance(rng, call_out)).count() as u32
}

/// An admission that does not come through the ED.
#[derive(Debug, Clone)]
pub struct DirectAdmission {
    /// When the patient arrives for the bed.
    pub time: i64,
    /// Department index.
    pub department: u8,
    /// Admission type (Scheduled, Transfer, Maternity).
    pub kind: u8,
}

/// Relative elective volume Monday..Friday: front-loaded, none at weekends.
const ELECTIVE_WEEKDAY: [f64; 7] = [1.3, 1.2, 1.0, 0.9, 0.6, 0.0, 0.0];

/// Elective (weekday mornings, not holidays), maternity and transfer admissions, sorted by time.
pub fn direct_admissions(
    model: &Model,
    site: &SiteModel,
    site_index: usize,
    first_day: i64,
) -> Vec<DirectAdmission> {
    use super::facts::{MATERNITY, SCHEDULED, TRANSFER_IN};
    let cal = &model.calendar;
    let mut rng = rng::stream(model.seed, site_index, Purpose::DirectAdmissions);
    let elective_norm = ELECTIVE_WEEKDAY.iter().sum::<f64>();
    let mut out = Vec::new();
    for day in first_day..cal.days {
        let wd = cal.weekday(day);
        let holiday = cal.is_holiday(day);
        for (d, dept) in model.departments.iter().enumerate() {
            let mut emit = |rng: &mut Stream, per_day: f64, kind: u8, from_h: u32, to_h: u32| {
                for _ in 0..poisson(rng, per_day * site.volume) {
                    let span = (to_h - from_h) as f64 * 3600.0;
                    let time = day * DAY + from_h as i64 * 3600 + (unit(rng) * span) as i64;
                    out.push(DirectAdmission {
                        time,
                        department: d as u8,
                        kind,
                    });
                }
            };
            if !holiday && dept.scheduled_per_week > 0.0 {
                let per_day = dept.scheduled_per_week * ELECTIVE_WEEKDAY[wd] / elective_norm;
                emit(
                    &mut rng,
                    per_day,
                    SCHEDULED,
                    dept.scheduled_hours.0,
                    dept.scheduled_hours.1,
                );
            }
            emit(&mut rng, dept.maternity_per_week / 7.0, MATERNITY, 0, 24);
            emit(&mut rng, dept.transfers_per_week / 7.0, TRANSFER_IN, 0, 24);
        }
    }
    out.sort_by_key(|a| a.time);
    out
}

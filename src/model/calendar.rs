//! The simulated calendar: day indexes relative to `start`, weekdays, months and holidays.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// The horizon and its holidays.
#[derive(Debug, Clone)]
pub struct CalendarModel {
    /// First output day.
    pub start: NaiveDate,
    /// Output days.
    pub days: i64,
    /// Days simulated before `start` and not written out.
    pub warmup_days: i64,
    /// Holidays by date.
    pub holidays: BTreeMap<NaiveDate, String>,
    /// Multiplier on ED arrivals on a holiday.
    pub holiday_arrival_factor: f64,
}

impl CalendarModel {
    /// The date of day index `day` (0 = start; negative in the warm-up).
    pub fn date(&self, day: i64) -> NaiveDate {
        self.start + Duration::days(day)
    }

    /// Weekday index of day `day`, Monday = 0.
    pub fn weekday(&self, day: i64) -> usize {
        self.date(day).weekday().num_days_from_monday() as usize
    }

    /// True when day `day` is a holiday.
    pub fn is_holiday(&self, day: i64) -> bool {
        self.holidays.contains_key(&self.date(day))
    }

    /// End of the horizon in seconds from `start`.
    pub fn horizon_end(&self) -> i64 {
        self.days * DAY
    }
}

/// US federal holidays of `year` (fixed dates are not shifted to an observed weekday).
pub fn us_federal_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let nth = |month: u32, weekday: Weekday, n: u8| {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).expect("valid nth weekday")
    };
    let last_monday_may = {
        let mut d = NaiveDate::from_ymd_opt(year, 5, 31).expect("May 31");
        while d.weekday() != Weekday::Mon {
            d = d.pred_opt().expect("date");
        }
        d
    };
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holiday");
    vec![
        (ymd(1, 1), "New Year's Day"),
        (nth(1, Weekday::Mon, 3), "Martin Luther King Jr. Day"),
        (nth(2, Weekday::Mon, 3), "Washington's Birthday"),
        (last_monday_may, "Memorial Day"),
        (ymd(6, 19), "Juneteenth"),
        (ymd(7, 4), "Independence Day"),
        (nth(9, Weekday::Mon, 1), "Labor Day"),
        (nth(10, Weekday::Mon, 2), "Columbus Day"),
        (ymd(11, 11), "Veterans Day"),
        (nth(11, Weekday::Thu, 4), "Thanksgiving Day"),
        (ymd(12, 25), "Christmas Day"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_holidays_2025() {
        let h = us_federal_holidays(2025);
        assert!(h.contains(&(NaiveDate::from_ymd_opt(2025, 11, 27).unwrap(), "Thanksgiving Day")));
        assert!(h.contains(&(NaiveDate::from_ymd_opt(2025, 5, 26).unwrap(), "Memorial Day")));
        assert!(h.contains(&(
            NaiveDate::from_ymd_opt(2025, 1, 20).unwrap(),
            "Martin Luther King Jr. Day"
        )));
    }
}

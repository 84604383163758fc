//! Small exact statistics for `check`: median and percentile, an integer OLS fit, the midnight
//! census sweep, and timestamp parsing.

/// Integer sums for an ordinary least-squares fit of y on x (exact, order-independent).
#[derive(Debug, Default, Clone)]
pub(crate) struct Ols {
    n: i128,
    sx: i128,
    sy: i128,
    sxx: i128,
    sxy: i128,
}

impl Ols {
    /// Add one point.
    pub(crate) fn add(&mut self, x: u32, y: u32) {
        let (x, y) = (i128::from(x), i128::from(y));
        self.n += 1;
        self.sx += x;
        self.sy += y;
        self.sxx += x * x;
        self.sxy += x * y;
    }

    /// Slope of the fitted line; `None` with fewer than two distinct x.
    pub(crate) fn slope(&self) -> Option<f64> {
        let sxx = self.n * self.sxx - self.sx * self.sx;
        let sxy = self.n * self.sxy - self.sx * self.sy;
        (sxx > 0).then(|| sxy as f64 / sxx as f64)
    }
}

/// Median (mean of the two middle values when the count is even); sorts `v`.
pub(crate) fn median(v: &mut [u32]) -> Option<f64> {
    v.sort_unstable();
    quantile_sorted(v, 0.5)
}

/// Quantile `q` of sorted values, interpolating linearly between ranks (rank = q·(n−1)).
pub(crate) fn quantile_sorted(v: &[u32], q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let rank = q * (v.len() - 1) as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    let frac = rank - lo as f64;
    Some(f64::from(v[lo]) + (f64::from(v[hi]) - f64::from(v[lo])) * frac)
}

/// Mean midnight census ÷ beds over `days` (seconds at 00:00:00). A stay counts at midnight `t`
/// when `admit < t` and it is not yet discharged (`discharge > t`). Sweeps sorted events: no
/// days × stays loop. `discharges` holds only stays that have a discharge after their admission.
pub(crate) fn occupancy(
    admits: &mut [i64],
    discharges: &mut [i64],
    days: &mut [i64],
    beds: u64,
) -> Option<f64> {
    if days.is_empty() || beds == 0 {
        return None;
    }
    admits.sort_unstable();
    discharges.sort_unstable();
    days.sort_unstable();
    let (mut a, mut d) = (0usize, 0usize);
    let mut census_total: u64 = 0;
    for &t in days.iter() {
        while a < admits.len() && admits[a] < t {
            a += 1;
        }
        while d < discharges.len() && discharges[d] <= t {
            d += 1;
        }
        // Every discharge ≤ t belongs to a stay admitted before it, hence before t: a ≥ d.
        census_total += (a - d) as u64;
    }
    Some(census_total as f64 / (days.len() as u64 * beds) as f64)
}

/// Seconds since 1970-01-01 00:00:00 of `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (a fractional
/// part of the seconds is ignored).
pub(crate) fn parse_timestamp(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0i64, |acc, &c| acc * 10 + i64::from(c - b'0')))
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let secs = if b.len() == 10 {
        0
    } else {
        if b.len() < 19 || !matches!(b[10], b' ' | b'T') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        if b.len() > 19 && (b[19] != b'.' || !b[20..].iter().all(u8::is_ascii_digit)) {
            return None;
        }
        let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if hh > 23 || mm > 59 || ss > 60 {
            return None;
        }
        hh * 3600 + mm * 60 + ss
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400 + secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_p90() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7.0));
        assert_eq!(median(&mut [9, 1, 5]), Some(5.0));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
        let v: Vec<u32> = (0..=10).map(|x| x * 10).collect(); // 0, 10, …, 100
        assert_eq!(quantile_sorted(&v, 0.9), Some(90.0));
        // 1..=10: rank 0.9·9 = 8.1 → 9 + 0.1·(10 − 9)
        let v: Vec<u32> = (1..=10).collect();
        assert!((quantile_sorted(&v, 0.9).unwrap() - 9.1).abs() < 1e-12);
    }

    #[test]
    fn ols_slope() {
        let mut ols = Ols::default();
        assert_eq!(ols.slope(), None);
        // y = 100 − 8x exactly.
        for x in 4..=10u32 {
            ols.add(x, 100 - 8 * x);
        }
        assert_eq!(ols.slope(), Some(-8.0));
        // Points (1,1), (2,3), (3,2): slope 0.5.
        let mut ols = Ols::default();
        for (x, y) in [(1, 1), (2, 3), (3, 2)] {
            ols.add(x, y);
        }
        assert_eq!(ols.slope(), Some(0.5));
        let mut flat = Ols::default();
        flat.add(5, 1);
        flat.add(5, 9);
        assert_eq!(flat.slope(), None);
    }

    #[test]
    fn occupancy_sweep() {
        let day = 86_400;
        // 2 beds, days 1..=3 (midnights at 1d, 2d, 3d).
        // Stay A: 0.5d → 2.5d (in at midnights 1, 2). Stay B: 1d exactly → open (not at 1; at 2, 3).
        // Stay C: 2.5d → 3d exactly (not at 3: discharged at midnight).
        let mut admits = vec![day / 2, day, 2 * day + day / 2];
        let mut discharges = vec![2 * day + day / 2, 3 * day];
        let mut days = vec![3 * day, day, 2 * day];
        // Census: day1 = 1 (A), day2 = 2 (A, B), day3 = 1 (B). Mean 4/3 over 2 beds.
        let occ = occupancy(&mut admits, &mut discharges, &mut days, 2).unwrap();
        assert!((occ - 4.0 / 6.0).abs() < 1e-12);
        assert_eq!(occupancy(&mut [], &mut [], &mut [], 2), None);
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp("1970-01-01"), Some(0));
        assert_eq!(parse_timestamp("1970-01-02 00:00:01"), Some(86_401));
        assert_eq!(parse_timestamp("2025-01-01 00:01:19"), Some(1_735_689_679));
        assert_eq!(parse_timestamp("2024-03-01"), Some(1_709_251_200));
        assert_eq!(parse_timestamp("2025-01-01 00:01:19.000000"), Some(1_735_689_679));
        for bad in [
            "",
            "2025-13-01",
            "2025-01-01 25:00:00",
            "2025/01/01",
            "2025-01-01 1:2:3",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }
}

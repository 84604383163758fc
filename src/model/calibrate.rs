//! Calibration: tilt a distribution by age group while keeping the profile's marginal.

use super::AGE_GROUPS;

/// Per-group level distributions p_g(l) ∝ base(l)·tilt_g(l), with base fitted so that
/// Σ_g share_g·p_g(l) equals `mix` (iterative proportional fitting).
pub(super) fn tilted_mix(
    mix: &[f64],
    share: &[f64; AGE_GROUPS],
    tilt: &[[f64; 5]; AGE_GROUPS],
) -> [[f64; 5]; AGE_GROUPS] {
    let total: f64 = mix.iter().sum();
    let target: Vec<f64> = mix.iter().map(|m| m / total).collect();
    let mut base = target.clone();
    let mut p = [[0.0; 5]; AGE_GROUPS];
    for _ in 0..500 {
        for g in 0..AGE_GROUPS {
            let z: f64 = (0..5).map(|l| base[l] * tilt[g][l]).sum();
            for l in 0..5 {
                p[g][l] = if z > 0.0 { base[l] * tilt[g][l] / z } else { 0.0 };
            }
        }
        for l in 0..5 {
            let m: f64 = (0..AGE_GROUPS).map(|g| share[g] * p[g][l]).sum();
            if m > 0.0 {
                base[l] *= target[l] / m;
            }
        }
    }
    p
}

/// Per group and level probabilities q_{g,l} = logistic(logit(b_l) + ln f_g), with b_l
/// chosen (bisection) so the mean over who has level l equals `marginal[l]`.
pub(super) fn odds_by_group(
    marginal: &[f64],
    share: &[f64; AGE_GROUPS],
    level_given_group: &dyn Fn(usize, usize) -> f64,
    factor: &[f64; AGE_GROUPS],
) -> [[f64; 5]; AGE_GROUPS] {
    let q = |b: f64, f: f64| {
        if b <= 0.0 {
            0.0
        } else if b >= 1.0 {
            1.0
        } else {
            let odds = b / (1.0 - b) * f;
            odds / (1.0 + odds)
        }
    };
    let mut out = [[0.0; 5]; AGE_GROUPS];
    for l in 0..5 {
        let weight: Vec<f64> = (0..AGE_GROUPS)
            .map(|g| share[g] * level_given_group(g, l))
            .collect();
        let wsum: f64 = weight.iter().sum();
        let target = marginal[l];
        let mean = |b: f64| {
            if wsum <= 0.0 {
                return b;
            }
            (0..AGE_GROUPS).map(|g| weight[g] * q(b, factor[g])).sum::<f64>() / wsum
        };
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..80 {
            let mid = 0.5 * (lo + hi);
            if mean(mid) < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let b = 0.5 * (lo + hi);
        for g in 0..AGE_GROUPS {
            out[g][l] = q(b, factor[g]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilt_keeps_marginal() {
        let share = [0.2, 0.6, 0.2];
        let tilt = [[0.5, 0.5, 1.0, 1.0, 1.0], [1.0; 5], [2.0, 2.0, 1.0, 1.0, 1.0]];
        let mix = [0.01, 0.15, 0.55, 0.26, 0.03];
        let p = tilted_mix(&mix, &share, &tilt);
        for l in 0..5 {
            let m: f64 = (0..3).map(|g| share[g] * p[g][l]).sum();
            assert!((m - mix[l]).abs() < 1e-6, "level {l}: {m}");
        }
        assert!(p[2][1] > p[1][1] && p[1][1] > p[0][1]);
    }

    #[test]
    fn odds_keep_marginal() {
        let share = [0.2, 0.6, 0.2];
        let out = odds_by_group(&[0.3, 0.1, 0.0, 1.0, 0.5], &share, &|_, _| 1.0, &[0.5, 1.0, 3.0]);
        for l in 0..5 {
            let m: f64 = (0..3).map(|g| share[g] * out[g][l]).sum();
            assert!((m - [0.3, 0.1, 0.0, 1.0, 0.5][l]).abs() < 1e-6);
        }
    }
}

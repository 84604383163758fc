//! Random streams: one portable ChaCha8 stream per (site, purpose), all derived here.
//!
//! A stream depends only on the master seed, the site index and the purpose, so adding a
//! draw for one purpose never reshuffles another, and a site's rows do not depend on which
//! other sites (or which `--part`) are generated.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};

/// The generator every simulation draw comes from.
pub type Stream = ChaCha8Rng;

/// What a stream is used for; the discriminant selects the ChaCha stream.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub enum Purpose {
    /// ED arrival times.
    Arrivals = 1,
    /// Who arrives: demographics, triage, arrival mode, latent disposition.
    Patients = 2,
    /// Service times and patience.
    Service = 3,
    /// Call-outs.
    Roster = 4,
    /// Inpatient stays: LOS, discharge timing, outcomes, doctors.
    Inpatient = 5,
    /// Elective, maternity and transfer admissions.
    DirectAdmissions = 6,
    /// Procedures and costs.
    Procedures = 7,
    /// Patient names (drawn at encode time in patient-id order).
    PatientNames = 8,
    /// Doctor names and hours.
    Doctors = 9,
}

/// SplitMix64 finaliser: spreads nearby inputs over the whole 64-bit space.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream for `purpose` at `site` under `seed`.
pub fn stream(seed: u64, site: usize, purpose: Purpose) -> Stream {
    let mut rng = ChaCha8Rng::seed_from_u64(mix(mix(seed) ^ (site as u64).wrapping_add(1)));
    rng.set_stream(purpose as u64);
    rng
}

/// A uniform draw in [0, 1).
#[inline]
pub fn unit(rng: &mut Stream) -> f64 {
    rng.random::<f64>()
}

/// True with probability `p`.
#[inline]
pub fn chance(rng: &mut Stream, p: f64) -> bool {
    p > 0.0 && rng.random::<f64>() < p
}

/// A Poisson count with mean `lambda` (0 when `lambda` is not positive).
pub fn poisson(rng: &mut Stream, lambda: f64) -> u32 {
    if lambda <= 0.0 {
        return 0;
    }
    Poisson::new(lambda).map_or(0, |d| d.sample(rng) as u32)
}

/// A standard normal draw.
#[inline]
pub fn normal(rng: &mut Stream) -> f64 {
    rand_distr::StandardNormal.sample(rng)
}

/// Lognormal with the given median and σ of the log.
#[inline]
pub fn lognormal_median(rng: &mut Stream, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

/// A discrete distribution over indexes, as a cumulative table.
#[derive(Debug, Clone)]
pub struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    /// From non-negative weights with a positive sum (checked by the model beforehand).
    pub fn new(weights: &[f64]) -> Self {
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let cumulative = weights
            .iter()
            .map(|w| {
                acc += w / total;
                acc
            })
            .collect();
        Weighted { cumulative }
    }

    /// Draw an index.
    #[inline]
    pub fn sample(&self, rng: &mut Stream) -> usize {
        let u = unit(rng);
        let i = self.cumulative.partition_point(|&c| c <= u);
        i.min(self.cumulative.len() - 1)
    }

    /// Probability of index `i`.
    pub fn probability(&self, i: usize) -> f64 {
        let prev = if i == 0 { 0.0 } else { self.cumulative[i - 1] };
        self.cumulative[i] - prev
    }

    /// Number of outcomes.
    pub fn len(&self) -> usize {
        self.cumulative.len()
    }

    /// True when there are no outcomes.
    pub fn is_empty(&self) -> bool {
        self.cumulative.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_site_and_purpose_and_repeat_by_seed() {
        let a: u64 = stream(42, 0, Purpose::Arrivals).random();
        let b: u64 = stream(42, 1, Purpose::Arrivals).random();
        let c: u64 = stream(42, 0, Purpose::Patients).random();
        let d: u64 = stream(42, 0, Purpose::Arrivals).random();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, d);
    }

    #[test]
    fn weighted_follows_weights() {
        let w = Weighted::new(&[1.0, 0.0, 3.0]);
        let mut rng = stream(1, 0, Purpose::Patients);
        let mut counts = [0u32; 3];
        for _ in 0..40_000 {
            counts[w.sample(&mut rng)] += 1;
        }
        assert_eq!(counts[1], 0);
        let share = counts[2] as f64 / 40_000.0;
        assert!((share - 0.75).abs() < 0.01, "{share}");
    }
}

//! Which sites a run covers: all partition arithmetic lives here.

use crate::error::UsageError;
use std::ops::Range;
use std::str::FromStr;

/// `--part K/N`: the K-th of N parts (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// This part, 1..=count.
    pub index: usize,
    /// Number of parts.
    pub count: usize,
}

impl Part {
    /// The whole dataset.
    pub const WHOLE: Part = Part { index: 1, count: 1 };

    /// Sites of this part: contiguous, as even as possible, all parts together cover all.
    pub fn sites(&self, site_count: usize) -> Range<usize> {
        (self.index - 1) * site_count / self.count..self.index * site_count / self.count
    }
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Part {
    type Err = UsageError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || UsageError(format!("--part '{s}': expected K/N with 1 <= K <= N, e.g. 2/4"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Part { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_every_site_once() {
        for sites in 0..13 {
            for count in 1..7 {
                let mut covered = Vec::new();
                for index in 1..=count {
                    covered.extend(Part { index, count }.sites(sites));
                }
                assert_eq!(
                    covered,
                    (0..sites).collect::<Vec<_>>(),
                    "{sites} sites, {count} parts"
                );
            }
        }
    }

    #[test]
    fn parse() {
        assert_eq!("2/3".parse::<Part>().unwrap(), Part { index: 2, count: 3 });
        for bad in ["0/2", "3/2", "2", "a/b", "1/0"] {
            assert!(bad.parse::<Part>().is_err(), "{bad}");
        }
    }
}

//! Small checks that turn a bad value into a [`ProfileError`] naming file and key.

use crate::error::ProfileError;
use crate::profile::LogNormalMinutes;

/// Checks values of one profile file.
pub(super) struct Check<'a> {
    file: &'a str,
}

impl<'a> Check<'a> {
    pub(super) fn new(file: &'a str) -> Self {
        Check { file }
    }

    pub(super) fn err(&self, key: &str, message: &str) -> ProfileError {
        ProfileError::Invalid {
            file: self.file.to_string(),
            key: key.to_string(),
            message: message.to_string(),
        }
    }

    pub(super) fn non_empty(&self, key: &str, s: &str) -> Result<(), ProfileError> {
        if s.trim().is_empty() {
            return Err(self.err(key, "must not be empty"));
        }
        Ok(())
    }

    /// Labels end up in CSV and SQL: no control characters or backslashes.
    pub(super) fn text(&self, key: &str, s: &str) -> Result<(), ProfileError> {
        if s.chars().any(|ch| ch.is_control() || ch == '\\') || s.len() > 100 {
            return Err(self.err(
                key,
                "must be at most 100 characters, without control characters or backslashes",
            ));
        }
        Ok(())
    }

    pub(super) fn positive(&self, key: &str, v: f64) -> Result<(), ProfileError> {
        if !(v.is_finite() && v > 0.0) {
            return Err(self.err(key, &format!("must be a positive number (got {v})")));
        }
        Ok(())
    }

    pub(super) fn non_negative(&self, key: &str, v: f64) -> Result<(), ProfileError> {
        if !(v.is_finite() && v >= 0.0) {
            return Err(self.err(key, &format!("must be zero or more (got {v})")));
        }
        Ok(())
    }

    pub(super) fn probability(&self, key: &str, v: f64) -> Result<(), ProfileError> {
        if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
            return Err(self.err(key, &format!("must be a probability in [0, 1] (got {v})")));
        }
        Ok(())
    }

    pub(super) fn sigma(&self, key: &str, v: f64) -> Result<(), ProfileError> {
        if !(v.is_finite() && (0.0..=3.0).contains(&v)) {
            return Err(self.err(key, &format!("must be a σ of ln in [0, 3] (got {v})")));
        }
        Ok(())
    }

    pub(super) fn lognormal(&self, key: &str, v: &LogNormalMinutes) -> Result<(), ProfileError> {
        self.positive(&format!("{key}.median"), v.median)?;
        self.sigma(&format!("{key}.sigma"), v.sigma)
    }

    pub(super) fn array<'v>(&self, key: &str, v: &'v [f64], len: usize) -> Result<&'v [f64], ProfileError> {
        if v.len() != len {
            return Err(self.err(key, &format!("needs exactly {len} values (got {})", v.len())));
        }
        Ok(v)
    }

    pub(super) fn probabilities<'v>(
        &self,
        key: &str,
        v: &'v [f64],
        len: usize,
    ) -> Result<&'v [f64], ProfileError> {
        self.array(key, v, len)?;
        for (i, x) in v.iter().enumerate() {
            self.probability(&format!("{key}[{i}]"), *x)?;
        }
        Ok(v)
    }

    pub(super) fn positives<'v>(
        &self,
        key: &str,
        v: &'v [f64],
        len: usize,
    ) -> Result<&'v [f64], ProfileError> {
        self.array(key, v, len)?;
        for (i, x) in v.iter().enumerate() {
            self.positive(&format!("{key}[{i}]"), *x)?;
        }
        Ok(v)
    }

    /// Relative weights: the right count, none negative, a positive sum.
    pub(super) fn weights<'v>(&self, key: &str, v: &'v [f64], len: usize) -> Result<&'v [f64], ProfileError> {
        self.array(key, v, len)?;
        for (i, x) in v.iter().enumerate() {
            self.non_negative(&format!("{key}[{i}]"), *x)?;
        }
        if v.iter().sum::<f64>() <= 0.0 {
            return Err(self.err(key, "weights add up to zero"));
        }
        Ok(v)
    }
}

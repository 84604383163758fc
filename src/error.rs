//! Typed errors. Input errors (usage, profile, URL) exit 2; everything else exits 1.

use std::path::PathBuf;

/// A problem with a profile: where it is (file and key path) and what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file could not be read.
    #[error("{file}: cannot read the profile: {source}")]
    Read {
        /// The profile file.
        file: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// TOML syntax, unknown key or wrong type (the message carries the key and line).
    #[error("{file}: {message}")]
    Parse {
        /// The profile file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// A value that parses but makes no sense.
    #[error("{file}: {key}: {message}")]
    Invalid {
        /// The profile file.
        file: String,
        /// Key path, e.g. `ed.arrivals.hourly_weights[3]`.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// Neither a built-in name nor an existing file.
    #[error("unknown profile '{name}': not a built-in ({builtins}) and no such file")]
    Unknown {
        /// What the user asked for.
        name: String,
        /// The built-in names.
        builtins: String,
    },
}

/// Invalid command-line input that clap cannot catch (e.g. `--part 3/2`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// True when `err` (anywhere in its chain) is bad input, which exits 2.
pub fn is_input_error(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.is::<ProfileError>()
            || e.is::<UsageError>()
            || matches!(
                e.downcast_ref::<crate::sink::mysql::LoadError>(),
                Some(crate::sink::mysql::LoadError::BadUrl { .. })
            )
    })
}

/// True when output went to a closed pipe (`hospigen profiles | head`): not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

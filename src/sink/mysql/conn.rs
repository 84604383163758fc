//! The database edge: URL parsing and redaction, connecting (with the database created on
//! first use and transient refusals retried), and driver errors made safe to print.

use std::fmt;
use std::time::Duration;

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, Opts, OptsBuilder};

use super::LoadError;

/// Replaces the password of a `scheme://user:password@host/…` URL with `***`.
///
/// Works on malformed URLs too (it never needs to parse them): everything between the first
/// `:` after `user` and the last `@` is hidden, so a password holding `@`, `/` or `?` is
/// hidden as a whole.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|p| p + 3) else {
        // Not URL-shaped: any `user:pass@` in there is still hidden.
        return match url.rfind('@') {
            Some(at) if url[..at].contains(':') => format!("***{}", &url[at..]),
            _ => url.to_string(),
        };
    };
    let rest = &url[scheme_end..];
    match rest.rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!("{}{}:***{}", &url[..scheme_end], &rest[..colon], &rest[at..]),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Strings that must never reach output: the password as written in the URL and as decoded.
#[derive(Clone, Default)]
pub(super) struct Secrets(Vec<String>);

impl Secrets {
    fn new(url: &str, opts: Option<&Opts>) -> Self {
        let mut s = Vec::new();
        if let Some(rest) = url.find("://").map(|p| &url[p + 3..])
            && let Some(at) = rest.rfind('@')
            && let Some(colon) = rest[..at].find(':')
        {
            s.push(rest[colon + 1..at].to_string());
        }
        if let Some(p) = opts.and_then(Opts::pass) {
            s.push(p.to_string());
        }
        // Very short passwords would turn every message to stars; the driver never echoes a
        // password anyway, this is a second line of defence.
        s.retain(|p| p.chars().count() >= 4);
        Secrets(s)
    }

    /// `text` with every secret replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        self.0
            .iter()
            .fold(text.to_string(), |t, s| t.replace(s.as_str(), "***"))
    }
}

/// A driver or server error, reduced to its code and a scrubbed message.
#[derive(Debug, Clone)]
pub struct DbError {
    /// The server's error number (1045 access denied, 4166 local infile refused …), if the
    /// server sent one.
    pub code: Option<u16>,
    /// The message, with the password removed.
    pub message: String,
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "server error {code}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for DbError {}

impl DbError {
    pub(super) fn new(err: &mysql_async::Error, secrets: &Secrets) -> Self {
        match err {
            mysql_async::Error::Server(e) => DbError {
                code: Some(e.code),
                message: secrets.scrub(&e.message),
            },
            other => DbError {
                code: None,
                message: secrets.scrub(&other.to_string()),
            },
        }
    }
}

/// Where to connect, parsed once from the URL.
#[derive(Clone)]
pub(super) struct Target {
    pub opts: Opts,
    pub database: String,
    pub redacted: String,
    pub secrets: Secrets,
}

impl Target {
    #[cfg(test)]
    pub fn parse(url: &str) -> Result<Self, LoadError> {
        Self::parse_with_ca(url, None)
    }

    /// Like [`Target::parse`], trusting the PEM/DER certificate(s) at `ssl_ca` (which also
    /// turns TLS on, with the URL's `verify_identity` setting).
    pub fn parse_with_ca(url: &str, ssl_ca: Option<&std::path::Path>) -> Result<Self, LoadError> {
        let redacted = redact_url(url);
        let bad = |reason: String| LoadError::BadUrl {
            url: redacted.clone(),
            reason: Secrets::new(url, None).scrub(&reason),
        };
        let mut opts = Opts::from_url(url).map_err(|e| bad(e.to_string()))?;
        if let Some(ca) = ssl_ca {
            let ssl = opts
                .ssl_opts()
                .cloned()
                .unwrap_or_default()
                .with_root_certs(vec![ca.to_path_buf().into()]);
            opts = OptsBuilder::from_opts(opts).ssl_opts(Some(ssl)).into();
        }
        let database = match opts.db_name() {
            Some(db) if !db.is_empty() => db.to_string(),
            _ => {
                return Err(bad("no database name (add /DATABASE after host:port)".into()));
            }
        };
        let secrets = Secrets::new(url, Some(&opts));
        Ok(Target {
            opts,
            database,
            redacted,
            secrets,
        })
    }

    pub fn db_error(&self, err: &mysql_async::Error) -> DbError {
        DbError::new(err, &self.secrets)
    }

    pub fn sql_error(&self, context: impl Into<String>, err: &mysql_async::Error) -> LoadError {
        LoadError::Sql {
            context: context.into(),
            source: self.db_error(err),
        }
    }

    /// Connects to the database, creating it first if the server says it does not exist.
    pub async fn connect(&self) -> Result<Conn, LoadError> {
        match connect_retrying(self.opts.clone()).await {
            Err(mysql_async::Error::Server(e)) if e.code == 1049 => {
                let bare = OptsBuilder::from_opts(self.opts.clone()).db_name(None::<String>);
                let mut conn = connect_retrying(bare.into())
                    .await
                    .map_err(|e| self.connect_error(&e))?;
                let create = format!(
                    "CREATE DATABASE IF NOT EXISTS {} CHARACTER SET utf8mb4",
                    super::sql::quote_ident(&self.database)
                );
                conn.query_drop(create)
                    .await
                    .map_err(|e| self.sql_error(format!("creating database `{}`", self.database), &e))?;
                conn.disconnect().await.ok();
                connect_retrying(self.opts.clone())
                    .await
                    .map_err(|e| self.connect_error(&e))
            }
            other => other.map_err(|e| self.connect_error(&e)),
        }
    }

    fn connect_error(&self, err: &mysql_async::Error) -> LoadError {
        LoadError::Connect {
            target: self.redacted.clone(),
            source: self.db_error(err),
        }
    }
}

/// `Conn::new`, retried with backoff while the server refuses connections (it may still be
/// starting); every other error is final at once.
async fn connect_retrying(opts: Opts) -> mysql_async::Result<Conn> {
    let mut delay = Duration::from_millis(250);
    for _ in 0..4 {
        match Conn::new(opts.clone()).await {
            Err(e) if is_refused(&e) => {
                tokio::time::sleep(delay).await;
                delay *= 2;
            }
            other => return other,
        }
    }
    Conn::new(opts).await
}

fn is_refused(err: &mysql_async::Error) -> bool {
    matches!(err, mysql_async::Error::Io(mysql_async::IoError::Io(e))
        if e.kind() == std::io::ErrorKind::ConnectionRefused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_every_password_shape() {
        assert_eq!(
            redact_url("mysql://u:secret@h:3306/db"),
            "mysql://u:***@h:3306/db"
        );
        assert_eq!(redact_url("mysql://u:p@ss/w?rd@h/db"), "mysql://u:***@h/db");
        assert_eq!(redact_url("mysql://root@h/db"), "mysql://root@h/db");
        assert_eq!(redact_url("mysql://h/db"), "mysql://h/db");
        assert_eq!(redact_url("u:secret@h"), "***@h");
        assert!(!redact_url("mysql://u:sec%40ret@h/db?x=1").contains("sec"));
    }

    #[test]
    fn bad_urls_are_reported_without_the_password() {
        for url in [
            "postgres://u:hunter22@h/db",
            "mysql://u:hunter22@h:99999/db",
            "mysql://u:hunter22@h",
        ] {
            let err = Target::parse(url).err().expect(url);
            let text = format!("{err} {err:?}");
            assert!(matches!(err, LoadError::BadUrl { .. }), "{text}");
            assert!(!text.contains("hunter22"), "{text}");
        }
    }

    #[test]
    fn scrub_catches_encoded_and_decoded_forms() {
        let url = "mysql://u:p%40ssword@h/db";
        let t = Target::parse(url).unwrap();
        assert_eq!(t.secrets.scrub("x p@ssword y p%40ssword"), "x *** y ***");
    }
}

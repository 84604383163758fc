//! Measuring a database written by `hospigen load`: the same raw columns as the CSV path,
//! streamed row by row over the text protocol into the same [`Accumulator`].

use super::Measurements;
use super::measure::{Accumulator, MAX_COLUMNS, Table};
use crate::error::UsageError;
use mysql_async::prelude::Queryable;
use mysql_async::{Opts, Value};
use std::borrow::Cow;

/// Server errors that mean the URL points at the wrong place (bad credentials, unknown database,
/// not a hospigen database): input errors, exit 2.
const INPUT_ERROR_CODES: &[u16] = &[
    1044, // access denied to database
    1045, // access denied for user
    1049, // unknown database
    1054, // unknown column
    1146, // table doesn't exist
];

/// `url` with its password replaced by `***` and any query string dropped, fit to print.
pub fn redact_url(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let Some(scheme_end) = url.find("://") else {
        return "<database url>".to_string();
    };
    let rest_start = scheme_end + 3;
    let authority_end = url[rest_start..].find('/').map_or(url.len(), |i| rest_start + i);
    let authority = &url[rest_start..authority_end];
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            let masked = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_string()
            };
            format!(
                "{}{masked}{}{}",
                &url[..rest_start],
                &authority[at..],
                &url[authority_end..]
            )
        }
        None => url.to_string(),
    }
}

/// Removes every non-empty secret from a message.
struct Scrubber(Vec<String>);

impl Scrubber {
    fn new(url: &str, opts: Option<&Opts>) -> Self {
        let mut secrets = Vec::new();
        if let Some(scheme_end) = url.find("://") {
            let rest = &url[scheme_end + 3..];
            let authority = rest.split('/').next().unwrap_or_default();
            if let Some(at) = authority.rfind('@')
                && let Some((_, pass)) = authority[..at].split_once(':')
            {
                secrets.push(pass.to_string());
            }
        }
        if let Some(pass) = opts.and_then(|o| o.pass()) {
            secrets.push(pass.to_string());
        }
        secrets.retain(|s| !s.is_empty());
        Scrubber(secrets)
    }

    fn clean(&self, message: impl std::fmt::Display) -> String {
        let mut text = message.to_string();
        for secret in &self.0 {
            text = text.replace(secret.as_str(), "***");
        }
        text
    }
}

/// Measure the tables of the database at `url` (`mysql://user:password@host:port/database`).
///
/// A malformed URL, refused credentials, an unknown database or missing tables are
/// [`UsageError`]s (exit 2); other failures are ordinary errors. No message carries the password.
pub fn measure_database(url: &str) -> anyhow::Result<Measurements> {
    let shown = redact_url(url);
    let opts = match Opts::from_url(url) {
        Ok(opts) => opts,
        Err(e) => {
            let clean = Scrubber::new(url, None).clean(e);
            return Err(UsageError(format!("--database-url {shown}: {clean}")).into());
        }
    };
    let scrub = Scrubber::new(url, Some(&opts));
    if opts.db_name().is_none_or(str::is_empty) {
        return Err(UsageError(format!(
            "--database-url {shown}: no database name (mysql://user:password@host:port/DATABASE)"
        ))
        .into());
    }
    let fail = |what: &str, e: mysql_async::Error| -> anyhow::Error {
        let message = format!("{shown}: {what}: {}", scrub.clean(&e));
        match &e {
            mysql_async::Error::Server(se) if INPUT_ERROR_CODES.contains(&se.code) => {
                UsageError(message).into()
            }
            _ => anyhow::anyhow!(message),
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async {
        let mut conn = mysql_async::Conn::new(opts.clone())
            .await
            .map_err(|e| fail("cannot connect", e))?;
        let mut acc = Accumulator::default();
        for table in Table::ALL {
            let columns: Vec<String> = table.columns().iter().map(|c| format!("`{c}`")).collect();
            let sql = format!("SELECT {} FROM `{}`", columns.join(", "), table.name());
            let mut failure: Option<String> = None;
            let mut row_number = 0u64;
            let mut result = conn
                .query_iter(sql)
                .await
                .map_err(|e| fail(&format!("reading {}", table.name()), e))?;
            result
                .for_each(|row| {
                    if failure.is_some() {
                        return;
                    }
                    row_number += 1;
                    let mut owned: [Option<Cow<'_, str>>; MAX_COLUMNS] = Default::default();
                    for (i, slot) in owned.iter_mut().enumerate().take(columns.len()) {
                        match row.as_ref(i).map(as_text) {
                            Some(Ok(v)) => *slot = v,
                            Some(Err(e)) => {
                                failure = Some(format!("{}: {e}", table.columns()[i]));
                                return;
                            }
                            None => *slot = None,
                        }
                    }
                    let mut values = [None; MAX_COLUMNS];
                    for (v, o) in values.iter_mut().zip(&owned) {
                        *v = o.as_deref();
                    }
                    if let Err(e) = acc.feed(table, &values[..columns.len()]) {
                        failure = Some(e);
                    }
                })
                .await
                .map_err(|e| fail(&format!("reading {}", table.name()), e))?;
            drop(result);
            if let Some(e) = failure {
                anyhow::bail!("{shown}: {} row {row_number}: {e}", table.name());
            }
        }
        let _ = conn.disconnect().await;
        Ok(acc.finish())
    })
}

/// A column value as the text the CSV would hold; `None` for NULL or empty.
fn as_text(v: &Value) -> Result<Option<Cow<'_, str>>, String> {
    Ok(match v {
        Value::NULL => None,
        Value::Bytes(b) if b.is_empty() => None,
        Value::Bytes(b) => Some(Cow::Borrowed(
            std::str::from_utf8(b).map_err(|_| "not valid UTF-8".to_string())?,
        )),
        Value::Int(i) => Some(Cow::Owned(i.to_string())),
        Value::UInt(u) => Some(Cow::Owned(u.to_string())),
        Value::Float(f) => Some(Cow::Owned(f.to_string())),
        Value::Double(f) => Some(Cow::Owned(f.to_string())),
        Value::Date(y, mo, d, h, mi, s, _) => {
            Some(Cow::Owned(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")))
        }
        Value::Time(..) => return Err("unexpected TIME value".to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::is_input_error;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("mysql://root:s3cret@db:3306/hospital"),
            "mysql://root:***@db:3306/hospital"
        );
        assert_eq!(
            redact_url("mysql://root@127.0.0.1:3306/hospital?x=1"),
            "mysql://root@127.0.0.1:3306/hospital"
        );
        assert_eq!(
            redact_url("mysql://u:p@ss@h/db"),
            "mysql://u:***@h/db",
            "the last @ ends the user info"
        );
        assert_eq!(redact_url("not a url s3cret"), "<database url>");
    }

    #[test]
    fn bad_urls_are_input_errors_without_the_password() {
        for url in [
            "mysql://root:s3cret@[bad/hospital",
            "mysql://root:s3cret@127.0.0.1:3306/",
        ] {
            let err = measure_database(url).unwrap_err();
            let text = format!("{err:#}");
            assert!(is_input_error(&err), "{text}");
            assert!(!text.contains("s3cret"), "{text}");
        }
    }

    #[test]
    fn scrubber_removes_secrets() {
        let s = Scrubber::new("mysql://root:hunter22@h/db", None);
        assert_eq!(s.clean("login hunter22 failed"), "login *** failed");
    }
}

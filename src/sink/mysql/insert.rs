//! The fallback when the server refuses `LOAD DATA LOCAL`: the same chunk bytes, read the way
//! `LOAD DATA … FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\'` reads them,
//! turned into multi-row `INSERT` statements capped in bytes.
//!
//! Every value goes over as a string literal unless it is a number whose text survives the
//! server's number-to-string conversion unchanged (`007`, `-0`, `1e3` do not), so a VARCHAR
//! column gets exactly the text `LOAD DATA` would have stored and numeric/date columns convert
//! exactly as they would from the file.

/// Splits one chunk into `INSERT` statements, each at most `max_bytes` long.
pub(super) struct Inserts<'a> {
    prefix: &'a str,
    columns: usize,
    data: &'a [u8],
    pos: usize,
    row_no: u64,
    max_bytes: usize,
    /// A row already rendered that did not fit in the previous statement.
    carry: Option<Vec<u8>>,
}

impl<'a> Inserts<'a> {
    /// `prefix` is `INSERT INTO … (cols) VALUES ` and `columns` its column count.
    pub fn new(prefix: &'a str, columns: usize, data: &'a [u8], max_bytes: usize) -> Self {
        Inserts {
            prefix,
            columns,
            data,
            pos: 0,
            row_no: 0,
            max_bytes,
            carry: None,
        }
    }

    /// The next statement and the number of rows in it.
    pub fn next_statement(&mut self) -> Option<Result<(Vec<u8>, u64), String>> {
        let mut sql = Vec::with_capacity(self.max_bytes.min(1 << 20));
        sql.extend_from_slice(self.prefix.as_bytes());
        let mut rows = 0u64;
        loop {
            let tuple = match self.carry.take() {
                Some(t) => t,
                None if self.pos >= self.data.len() => break,
                None => match self.next_tuple() {
                    Ok(t) => t,
                    Err(e) => return Some(Err(e)),
                },
            };
            let extra = tuple.len() + usize::from(rows > 0);
            if rows > 0 && sql.len() + extra > self.max_bytes {
                self.carry = Some(tuple);
                break;
            }
            if rows == 0 && sql.len() + extra > self.max_bytes {
                return Some(Err(format!(
                    "row {} alone is {} bytes as an INSERT, over the server's limit of {} \
                     (max_allowed_packet)",
                    self.row_no,
                    tuple.len(),
                    self.max_bytes
                )));
            }
            if rows > 0 {
                sql.push(b',');
            }
            sql.extend_from_slice(&tuple);
            rows += 1;
        }
        (rows > 0).then_some(Ok((sql, rows)))
    }

    /// Reads one CSV line and renders it as `(v, v, …)`.
    fn next_tuple(&mut self) -> Result<Vec<u8>, String> {
        self.row_no += 1;
        let mut out = Vec::with_capacity(256);
        out.push(b'(');
        let mut fields = 0;
        loop {
            let (field, end) = read_field(self.data, self.pos)
                .map_err(|e| format!("row {} field {}: {e}", self.row_no, fields + 1))?;
            if fields > 0 {
                out.push(b',');
            }
            render(&field, &mut out);
            fields += 1;
            self.pos = end + 1;
            if end >= self.data.len() || self.data[end] == b'\n' {
                break;
            }
        }
        if fields != self.columns {
            return Err(format!(
                "row {} has {fields} fields, the table takes {}",
                self.row_no, self.columns
            ));
        }
        out.push(b')');
        Ok(out)
    }
}

/// One decoded field.
#[derive(Debug, PartialEq)]
enum Field {
    Null,
    /// Unquoted text, after escapes (may be a number).
    Bare(Vec<u8>),
    /// Text that was in double quotes.
    Quoted(Vec<u8>),
}

/// Reads the field starting at `pos`; returns it and the offset of the `,`/`\n` (or end) after.
fn read_field(data: &[u8], mut pos: usize) -> Result<(Field, usize), String> {
    let raw_start = pos;
    let quoted = data.get(pos) == Some(&b'"');
    if quoted {
        pos += 1;
    }
    let mut text = Vec::new();
    loop {
        let Some(&c) = data.get(pos) else {
            if quoted {
                return Err("unterminated quoted field".into());
            }
            break;
        };
        match c {
            b'\\' => {
                let Some(&e) = data.get(pos + 1) else {
                    return Err("backslash at the end of the data".into());
                };
                text.push(unescape(e));
                pos += 2;
            }
            b'"' if quoted => {
                if data.get(pos + 1) == Some(&b'"') {
                    text.push(b'"');
                    pos += 2;
                } else {
                    pos += 1;
                    if !matches!(data.get(pos), None | Some(b',') | Some(b'\n')) {
                        return Err("text after a closing quote".into());
                    }
                    break;
                }
            }
            b',' | b'\n' if !quoted => break,
            _ => {
                text.push(c);
                pos += 1;
            }
        }
    }
    let raw = &data[raw_start..pos];
    // LOAD DATA reads `\N` (quoted or not) and a bare `NULL` as NULL.
    let field = if raw == b"\\N" || raw == b"\"\\N\"" || raw == b"NULL" {
        Field::Null
    } else if quoted {
        Field::Quoted(text)
    } else {
        Field::Bare(text)
    };
    Ok((field, pos))
}

/// MySQL's escape sequences (`\N` alone is NULL, handled by the caller).
fn unescape(c: u8) -> u8 {
    match c {
        b'0' => 0,
        b'b' => 8,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'Z' => 0x1a,
        other => other,
    }
}

/// Appends `v` as an SQL value.
fn render(v: &Field, out: &mut Vec<u8>) {
    match v {
        Field::Null => out.extend_from_slice(b"NULL"),
        Field::Bare(t) if is_plain_number(t) => out.extend_from_slice(t),
        Field::Bare(t) | Field::Quoted(t) => string_literal(t, out),
    }
}

/// A number the server turns back into the same text: no leading zeros, no `-0`, no exponent,
/// at most 18 integer digits (so it stays an exact integer/decimal literal).
fn is_plain_number(t: &[u8]) -> bool {
    let digits = t.strip_prefix(b"-").unwrap_or(t);
    let (int, frac) = match digits.iter().position(|&c| c == b'.') {
        Some(p) => (&digits[..p], Some(&digits[p + 1..])),
        None => (digits, None),
    };
    let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let nonzero = digits.iter().any(|&c| (b'1'..=b'9').contains(&c));
    all_digits(int)
        && int.len() <= 18
        && (int == b"0" || int[0] != b'0')
        && frac.is_none_or(all_digits)
        && (nonzero || t[0] != b'-')
}

/// `'text'` with quotes doubled (valid whatever `NO_BACKSLASH_ESCAPES` says); text holding a
/// backslash or NUL goes as a hex literal instead, which no sql_mode reinterprets.
fn string_literal(t: &[u8], out: &mut Vec<u8>) {
    if t.iter().any(|&c| c == b'\\' || c == 0) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.extend_from_slice(b"_utf8mb4 X'");
        for &c in t {
            out.push(HEX[usize::from(c >> 4)]);
            out.push(HEX[usize::from(c & 15)]);
        }
        out.push(b'\'');
        return;
    }
    out.push(b'\'');
    for &c in t {
        if c == b'\'' {
            out.push(b'\'');
        }
        out.push(c);
    }
    out.push(b'\'');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8], cols: usize, max: usize) -> Result<Vec<(String, u64)>, String> {
        let mut it = Inserts::new("INSERT INTO t VALUES ", cols, data, max);
        let mut v = Vec::new();
        while let Some(s) = it.next_statement() {
            let (sql, n) = s?;
            v.push((String::from_utf8(sql).unwrap(), n));
        }
        Ok(v)
    }

    #[test]
    fn values_render_like_load_data_reads_them() {
        let data = b"1,NULL,\"NULL\",\\N,\"\\N\",\"a\\\\b\",\"x\"\"y\",\n\
                     2,\"a,b\",c\\,d,007,\"\",1.50,-0,it's\n";
        let v = all(data, 8, 1 << 20).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0].0,
            "INSERT INTO t VALUES (1,NULL,'NULL',NULL,NULL,_utf8mb4 X'615C62','x\"y',''),\
             (2,'a,b','c,d','007','',1.50,'-0','it''s')"
        );
        assert_eq!(v[0].1, 2);
    }

    #[test]
    fn statements_are_capped_in_bytes() {
        let data = b"1,aaaa\n2,bbbb\n3,cccc\n";
        let v = all(data, 2, 42).unwrap();
        assert_eq!(v.iter().map(|s| s.1).collect::<Vec<_>>(), [2, 1]);
        assert!(v.iter().all(|s| s.0.len() <= 42));
        assert!(all(data, 2, 25).unwrap_err().contains("over the server's limit"));
    }

    #[test]
    fn malformed_rows_are_errors() {
        assert!(all(b"1,2\n", 3, 1000).unwrap_err().contains("2 fields"));
        assert!(all(b"1,\"ab\n", 2, 1000).unwrap_err().contains("unterminated"));
        assert!(
            all(b"1,\"ab\"c\n", 2, 1000)
                .unwrap_err()
                .contains("closing quote")
        );
    }

    #[test]
    fn plain_numbers() {
        for ok in ["0", "12", "-3", "1.50", "0.05", "-0.5", "123456789012345678"] {
            assert!(is_plain_number(ok.as_bytes()), "{ok}");
        }
        for no in [
            "",
            "-",
            "007",
            "-0",
            "-0.00",
            "1e3",
            "1.",
            ".5",
            "1234567890123456789",
            "+1",
        ] {
            assert!(!is_plain_number(no.as_bytes()), "{no}");
        }
    }
}

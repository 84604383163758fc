//! A small streaming CSV reader for the files `hospigen generate` writes: comma separated,
//! RFC 4180 quoting (quoted commas, doubled quotes, line breaks inside quotes), header row,
//! empty field = NULL. Columns are located by header name, never by position.

use std::io::BufRead;

/// One record split into fields; the buffers are reused from record to record.
#[derive(Debug, Default)]
pub(crate) struct Record {
    /// Unescaped field contents, concatenated.
    text: String,
    /// End offset in `text` of each field.
    ends: Vec<usize>,
}

impl Record {
    /// Number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`: `None` when it is empty (NULL) or absent.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        (end > start).then(|| &self.text[start..end])
    }
}

/// Split one logical CSV line (without its line break) into `rec`.
///
/// Quoted fields may hold commas, line breaks and doubled quotes (`""` → `"`). A quote inside an
/// unquoted field is taken literally. An empty field, quoted or not, reads as NULL.
pub(crate) fn split_into(line: &str, rec: &mut Record) -> Result<(), String> {
    rec.text.clear();
    rec.ends.clear();
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            // Quoted field: copy runs between quotes, `""` is one quote.
            i += 1;
            loop {
                let Some(off) = line[i..].find('"') else {
                    return Err(format!("field {} has an unterminated quote", rec.ends.len() + 1));
                };
                rec.text.push_str(&line[i..i + off]);
                i += off + 1;
                if bytes.get(i) == Some(&b'"') {
                    rec.text.push('"');
                    i += 1;
                } else {
                    break;
                }
            }
            rec.ends.push(rec.text.len());
            match bytes.get(i) {
                None => return Ok(()),
                Some(b',') => i += 1,
                Some(_) => {
                    return Err(format!(
                        "field {} has text after its closing quote",
                        rec.ends.len()
                    ));
                }
            }
        } else {
            let end = line[i..].find(',').map_or(line.len(), |off| i + off);
            rec.text.push_str(&line[i..end]);
            rec.ends.push(rec.text.len());
            if end == line.len() {
                return Ok(());
            }
            i = end + 1;
        }
    }
}

/// Reads logical records (a quoted field may span physical lines) from a buffered source.
pub(crate) struct Reader<R> {
    input: R,
    raw: Vec<u8>,
    /// Physical line number of the last line read (1-based).
    line: u64,
    /// Physical line number where the current record starts.
    record_line: u64,
}

impl<R: BufRead> Reader<R> {
    /// A reader over `input`.
    pub(crate) fn new(input: R) -> Self {
        Reader {
            input,
            raw: Vec::with_capacity(512),
            line: 0,
            record_line: 0,
        }
    }

    /// Line number where the record last returned by [`Reader::next_record`] starts.
    pub(crate) fn record_line(&self) -> u64 {
        self.record_line
    }

    /// Read the next record into `rec`; `Ok(false)` at end of input. Blank lines are skipped.
    pub(crate) fn next_record(&mut self, rec: &mut Record) -> Result<bool, String> {
        loop {
            self.raw.clear();
            let mut quotes = 0usize;
            self.record_line = self.line + 1;
            loop {
                let start = self.raw.len();
                let n = self
                    .input
                    .read_until(b'\n', &mut self.raw)
                    .map_err(|e| format!("line {}: {e}", self.line + 1))?;
                if n == 0 {
                    break;
                }
                self.line += 1;
                quotes += self.raw[start..].iter().filter(|&&b| b == b'"').count();
                if quotes.is_multiple_of(2) {
                    break;
                }
            }
            if self.raw.is_empty() {
                return Ok(false);
            }
            if !quotes.is_multiple_of(2) {
                return Err(format!("line {}: unterminated quoted field", self.record_line));
            }
            while matches!(self.raw.last(), Some(b'\n' | b'\r')) {
                self.raw.pop();
            }
            if self.raw.is_empty() {
                continue;
            }
            let text = std::str::from_utf8(&self.raw)
                .map_err(|_| format!("line {}: not valid UTF-8", self.record_line))?;
            split_into(text, rec).map_err(|e| format!("line {}: {e}", self.record_line))?;
            return Ok(true);
        }
    }
}

/// Positions of `wanted` columns in a header record; the error names the first one missing.
pub(crate) fn locate(header: &Record, wanted: &[&str]) -> Result<Vec<usize>, String> {
    wanted
        .iter()
        .map(|name| {
            (0..header.len())
                .find(|&i| header.get(i) == Some(name))
                .ok_or_else(|| format!("no column '{name}' in the header"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<Option<String>> {
        let mut rec = Record::default();
        split_into(line, &mut rec).unwrap();
        (0..rec.len()).map(|i| rec.get(i).map(str::to_string)).collect()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn plain_fields_and_nulls() {
        assert_eq!(split("1,abc,,x"), vec![s("1"), s("abc"), None, s("x")]);
        assert_eq!(split(",,"), vec![None, None, None]);
        assert_eq!(split("a,"), vec![s("a"), None]);
        assert_eq!(split(""), vec![None]);
    }

    #[test]
    fn quoted_commas_and_doubled_quotes() {
        assert_eq!(
            split(r#"1,"Smith, John","say ""hi""",2"#),
            vec![s("1"), s("Smith, John"), s(r#"say "hi""#), s("2")]
        );
        assert_eq!(split(r#""""""#), vec![s("\"")]);
        assert_eq!(split("\"\"\"\"\"\""), vec![s("\"\"")]);
        assert_eq!(split(r#""",x"#), vec![None, s("x")]);
        assert_eq!(split(r#"a,"b""#), vec![s("a"), s("b")]);
        assert_eq!(split("O\"Brien,1"), vec![s("O\"Brien"), s("1")]);
    }

    #[test]
    fn malformed_quotes_are_errors() {
        let mut rec = Record::default();
        assert!(split_into(r#""abc"#, &mut rec).is_err());
        assert!(split_into(r#""abc"x,1"#, &mut rec).is_err());
    }

    #[test]
    fn reader_joins_quoted_line_breaks_and_strips_crlf() {
        let data = "a,b\r\n1,\"two\nlines\"\r\n\n3,\"x,\"\"y\"\"\"\n";
        let mut r = Reader::new(data.as_bytes());
        let mut rec = Record::default();
        assert!(r.next_record(&mut rec).unwrap());
        assert_eq!((rec.get(0), rec.get(1)), (Some("a"), Some("b")));
        assert!(r.next_record(&mut rec).unwrap());
        assert_eq!(rec.get(1), Some("two\nlines"));
        assert_eq!(r.record_line(), 2);
        assert!(r.next_record(&mut rec).unwrap());
        assert_eq!(rec.get(1), Some("x,\"y\""));
        assert_eq!(r.record_line(), 5);
        assert!(!r.next_record(&mut rec).unwrap());
    }

    #[test]
    fn locate_by_header_name() {
        let mut h = Record::default();
        split_into("b,a,c", &mut h).unwrap();
        assert_eq!(locate(&h, &["c", "a"]).unwrap(), vec![2, 1]);
        assert!(locate(&h, &["z"]).unwrap_err().contains("'z'"));
    }
}

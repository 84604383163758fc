//! Row encoding into reused byte buffers: itoa for integers, fixed-point money,
//! precomputed date prefixes, no `fmt` on the hot path.

use crate::model::{CalendarModel, DAY};
use crate::sink::{CHUNK_TARGET_BYTES, Chunk, NullStyle};
use crate::tables::TableSpec;
use chrono::Datelike;

/// Turns typed values into CSV fields.
pub struct Encoder {
    null: &'static [u8],
    first_day: i64,
    dates: Vec<[u8; 10]>,
}

impl Encoder {
    /// An encoder for timestamps from `first_day` to `last_day` (day indexes from the start).
    pub fn new(calendar: &CalendarModel, first_day: i64, last_day: i64, null: NullStyle) -> Self {
        let dates = (first_day..=last_day)
            .map(|d| {
                let date = calendar.date(d);
                let mut b = [0u8; 10];
                write_date(&mut b, date.year() as u32, date.month(), date.day());
                b
            })
            .collect();
        Encoder {
            null: match null {
                NullStyle::Empty => b"",
                NullStyle::Backslash => b"\\N",
            },
            first_day,
            dates,
        }
    }

    /// `YYYY-MM-DD` of day index `day`.
    pub fn date_of_day(&self, day: i64) -> &[u8; 10] {
        let i = (day - self.first_day).clamp(0, self.dates.len() as i64 - 1);
        &self.dates[i as usize]
    }

    /// The NULL spelling.
    pub fn null(&self) -> &'static [u8] {
        self.null
    }
}

fn write_date(b: &mut [u8; 10], y: u32, m: u32, d: u32) {
    let digits = |b: &mut [u8], mut v: u32| {
        for slot in b.iter_mut().rev() {
            *slot = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    digits(&mut b[0..4], y);
    b[4] = b'-';
    digits(&mut b[5..7], m);
    b[7] = b'-';
    digits(&mut b[8..10], d);
}

/// One row being written: fields separated by commas.
pub struct Row<'a> {
    buf: &'a mut Vec<u8>,
    enc: &'a Encoder,
    first: bool,
}

impl<'a> Row<'a> {
    fn sep(&mut self) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
    }

    /// An integer.
    pub fn int(&mut self, v: impl itoa::Integer) -> &mut Self {
        self.sep();
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        self
    }

    /// An integer or NULL.
    pub fn opt_int(&mut self, v: Option<impl itoa::Integer>) -> &mut Self {
        match v {
            Some(v) => self.int(v),
            None => self.null(),
        }
    }

    /// NULL.
    pub fn null(&mut self) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(self.enc.null);
        self
    }

    /// A text value known to need no quoting (vocabulary labels).
    pub fn label(&mut self, s: &str) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(s.as_bytes());
        self
    }

    /// Any text, quoted per RFC 4180 when it holds a comma, quote or line break. For
    /// `LOAD DATA` (`\N` NULLs) a backslash is doubled and a literal `NULL` is quoted, so
    /// the server reads back exactly the string.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.sep();
        let for_load = self.enc.null == b"\\N";
        let quote = s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) || (for_load && s == "NULL");
        if quote || (for_load && s.contains('\\')) {
            if quote {
                self.buf.push(b'"');
            }
            for b in s.bytes() {
                if b == b'"' || (for_load && b == b'\\') {
                    self.buf.push(b);
                }
                self.buf.push(b);
            }
            if quote {
                self.buf.push(b'"');
            }
        } else {
            self.buf.extend_from_slice(s.as_bytes());
        }
        self
    }

    /// Money in cents as `d.dd`.
    pub fn money(&mut self, cents: i64) -> &mut Self {
        self.sep();
        if cents < 0 {
            self.buf.push(b'-');
        }
        let c = cents.unsigned_abs();
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(c / 100).as_bytes());
        let r = (c % 100) as u8;
        self.buf.extend_from_slice(&[b'.', b'0' + r / 10, b'0' + r % 10]);
        self
    }

    /// A timestamp given in seconds from the horizon start.
    pub fn timestamp(&mut self, t: i64) -> &mut Self {
        self.sep();
        let day = t.div_euclid(DAY);
        let s = t.rem_euclid(DAY) as u32;
        self.buf.extend_from_slice(self.enc.date_of_day(day));
        let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
        self.buf.extend_from_slice(&[
            b' ',
            b'0' + (h / 10) as u8,
            b'0' + (h % 10) as u8,
            b':',
            b'0' + (m / 10) as u8,
            b'0' + (m % 10) as u8,
            b':',
            b'0' + (sec / 10) as u8,
            b'0' + (sec % 10) as u8,
        ]);
        self
    }

    /// A timestamp or NULL.
    pub fn opt_timestamp(&mut self, t: Option<i64>) -> &mut Self {
        match t {
            Some(t) => self.timestamp(t),
            None => self.null(),
        }
    }

    /// A date packed as `yyyymmdd`.
    pub fn packed_date(&mut self, v: u32) -> &mut Self {
        self.sep();
        let mut b = [0u8; 10];
        write_date(&mut b, v / 10_000, v / 100 % 100, v % 100);
        self.buf.extend_from_slice(&b);
        self
    }

    /// A date given as a day index.
    pub fn day(&mut self, day: i64) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(self.enc.date_of_day(day));
        self
    }
}

/// Collects rows of one table and hands them out in size-capped chunks.
pub struct TableWriter<'a> {
    table: &'static TableSpec,
    enc: &'a Encoder,
    buf: Vec<u8>,
    rows: u64,
    emit: &'a mut dyn FnMut(Chunk),
}

impl<'a> TableWriter<'a> {
    /// A writer for `table` that passes full chunks to `emit`.
    pub fn new(table: &'static TableSpec, enc: &'a Encoder, emit: &'a mut dyn FnMut(Chunk)) -> Self {
        TableWriter {
            table,
            enc,
            buf: Vec::with_capacity(CHUNK_TARGET_BYTES + 4096),
            rows: 0,
            emit,
        }
    }

    /// Write one row with `f`.
    #[inline]
    pub fn row(&mut self, f: impl FnOnce(&mut Row)) {
        let mut row = Row {
            buf: &mut self.buf,
            enc: self.enc,
            first: true,
        };
        f(&mut row);
        self.buf.push(b'\n');
        self.rows += 1;
        if self.buf.len() >= CHUNK_TARGET_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.rows > 0 {
            let bytes = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK_TARGET_BYTES + 4096));
            (self.emit)(Chunk {
                table: self.table,
                rows: self.rows,
                bytes,
            });
            self.rows = 0;
        }
    }
}

impl Drop for TableWriter<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc() -> Encoder {
        let cal = CalendarModel {
            start: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            days: 10,
            warmup_days: 2,
            holidays: Default::default(),
            holiday_arrival_factor: 1.0,
        };
        Encoder::new(&cal, -2, 12, NullStyle::Empty)
    }

    #[test]
    fn fields() {
        let e = enc();
        let mut buf = Vec::new();
        let mut r = Row {
            buf: &mut buf,
            enc: &e,
            first: true,
        };
        r.int(42)
            .money(123456)
            .money(5)
            .timestamp(-1)
            .text("a,\"b\"")
            .null()
            .packed_date(19800229);
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "42,1234.56,0.05,2024-12-31 23:59:59,\"a,\"\"b\"\"\",,1980-02-29"
        );
    }
}

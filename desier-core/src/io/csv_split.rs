//! A small CSV splitter with exact line numbers. (The `csv` crate skips blank lines when
//! it counts lines, and miscounts CRLF files, so its positions cannot be shown to a clerk.)
//!
//! RFC 4180 quoting (`"a;b"`, `""` for a quote, line breaks inside quotes); `\n`, `\r\n`
//! and a lone `\r` all end a line. A quote that is never closed does not swallow the rest
//! of the file: the row is reported as malformed and reading resumes on the next line. The
//! same holds for a stray quote that pairs with one on a later line: a quoted cell that
//! spans lines and holds a separator would hide whole rows in one cell, so it is taken for
//! a stray quote too (the tables of the method have no multi-line cells with separators).

/// One record: its fields as text, and the line it starts on.
#[derive(Debug, Default)]
pub(crate) struct Record {
    text: String,
    ends: Vec<usize>,
    /// Bytes between one field and the next in `text`: 0, or 1 when `text` is the line
    /// as written, separators included (the fast path).
    gap: usize,
    /// 1-based line where the record starts.
    pub line: u64,
    /// The record was not UTF-8 and was read as Windows-1252 (Latin-1).
    pub recoded: bool,
    /// An opening quote was never closed: the record holds the raw line.
    pub unbalanced: bool,
    /// The record ended with a line break (`false` only for a last line without one).
    pub terminated: bool,
}

impl Record {
    /// Field `i`, if the record has it.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        self.text.get(start..end)
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The fields.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// Splits CSV bytes into records.
pub(crate) struct Splitter<'a> {
    data: &'a [u8],
    pos: usize,
    line: u64,
    sep: u8,
    raw: Vec<u8>,
}

impl<'a> Splitter<'a> {
    /// A splitter over `data` with separator `sep`.
    pub fn new(data: &'a [u8], sep: u8) -> Self {
        Self {
            data,
            pos: 0,
            line: 1,
            sep,
            raw: Vec::new(),
        }
    }

    /// The 1-based line the next record starts on (once the data is read: one more than
    /// the line breaks in it).
    pub fn next_line(&self) -> u64 {
        self.line
    }

    /// Reads the next record into `rec`; `false` at the end of the data.
    pub fn next_record(&mut self, rec: &mut Record) -> bool {
        if self.pos >= self.data.len() {
            return false;
        }
        let start = self.pos;
        let start_line = self.line;
        rec.line = start_line;
        rec.unbalanced = false;
        if self.split_plain_line(rec) {
            return true;
        }
        rec.gap = 0;
        if !self.split(rec) {
            // Unbalanced quote: take the physical line as it is, quotes included.
            self.pos = start;
            self.line = start_line;
            rec.unbalanced = true;
            self.split_raw_line(rec);
        }
        self.finish(rec);
        true
    }

    /// The fast path for the usual line: UTF-8 text without quotes or carriage returns,
    /// ending with `\n` or the data. Splits it straight into `rec` and returns `true`;
    /// returns `false`, having changed nothing, for any other line.
    fn split_plain_line(&mut self, rec: &mut Record) -> bool {
        let rest = &self.data[self.pos..];
        rec.ends.clear();
        let mut len = rest.len();
        // One pass over the bytes: lines are short, so a plain loop beats searching.
        for (i, &b) in rest.iter().enumerate() {
            // Most bytes are letters and digits: one test lets them through.
            if b > b'"' && b != self.sep {
                continue;
            }
            if b == self.sep {
                rec.ends.push(i);
            } else if b == b'\n' {
                len = i;
                break;
            } else if b == b'"' || b == b'\r' {
                return false;
            }
        }
        let Ok(text) = std::str::from_utf8(&rest[..len]) else {
            return false;
        };
        rec.ends.push(len);
        rec.gap = 1;
        rec.text.clear();
        rec.text.push_str(text);
        rec.recoded = false;
        self.pos += len;
        rec.terminated = self.end_line();
        true
    }

    /// Splits one record; `false` if a quote is still open at the end of the data.
    fn split(&mut self, rec: &mut Record) -> bool {
        let data = self.data;
        self.raw.clear();
        rec.ends.clear();
        loop {
            // One field.
            if self.pos < data.len() && data[self.pos] == b'"' {
                self.pos += 1;
                let first_line = self.line;
                let mut holds_separator = false;
                loop {
                    let Some(off) = data[self.pos..].iter().position(|&b| b == b'"') else {
                        return false;
                    };
                    let chunk = &data[self.pos..self.pos + off];
                    self.line += count_breaks(chunk);
                    holds_separator |= chunk.contains(&self.sep);
                    self.raw.extend_from_slice(chunk);
                    self.pos += off + 1;
                    if data.get(self.pos) == Some(&b'"') {
                        self.raw.push(b'"');
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                // A quoted cell spanning lines and followed by text is a stray quote that
                // paired with a later one: not a cell, but lines run together.
                let next = data.get(self.pos).copied();
                if self.line != first_line
                    && (holds_separator
                        || !matches!(next, None | Some(b'\n') | Some(b'\r'))
                            && next != Some(self.sep))
                {
                    return false;
                }
            }
            // Unquoted text (or what follows a closing quote) up to a separator or line end.
            let rest = &data[self.pos..];
            let off = rest
                .iter()
                .position(|&b| b == self.sep || b == b'\n' || b == b'\r')
                .unwrap_or(rest.len());
            self.raw.extend_from_slice(&rest[..off]);
            self.pos += off;
            rec.ends.push(self.raw.len());
            match data.get(self.pos) {
                Some(&b) if b == self.sep => self.pos += 1,
                _ => {
                    rec.terminated = self.end_line();
                    return true;
                }
            }
        }
    }

    /// Takes the rest of the physical line, split on the separator, quotes kept.
    fn split_raw_line(&mut self, rec: &mut Record) {
        self.raw.clear();
        rec.ends.clear();
        let rest = &self.data[self.pos..];
        let off = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        for part in rest[..off].split(|&b| b == self.sep) {
            self.raw.extend_from_slice(part);
            rec.ends.push(self.raw.len());
        }
        self.pos += off;
        rec.terminated = self.end_line();
    }

    /// Consumes a line ending (`\n`, `\r\n` or `\r`) at the current position; `false` at
    /// the end of the data.
    fn end_line(&mut self) -> bool {
        match self.data.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if self.data.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
                true
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    /// Turns the raw bytes into the record's text (Latin-1 when not UTF-8).
    fn finish(&mut self, rec: &mut Record) {
        let raw = std::mem::take(&mut self.raw);
        match String::from_utf8(raw) {
            Ok(s) => {
                rec.recoded = false;
                self.raw = std::mem::replace(&mut rec.text, s).into_bytes();
            }
            Err(e) => {
                let raw = e.into_bytes();
                let mut text = String::with_capacity(raw.len() + 16);
                let mut ends = Vec::with_capacity(rec.ends.len());
                let mut start = 0;
                for &end in &rec.ends {
                    text.extend(raw[start..end].iter().map(|&b| b as char));
                    ends.push(text.len());
                    start = end;
                }
                rec.ends = ends;
                rec.text = text;
                rec.recoded = true;
                self.raw = raw;
            }
        }
    }
}

fn count_breaks(chunk: &[u8]) -> u64 {
    let mut n = 0;
    let mut prev = 0u8;
    for &b in chunk {
        if b == b'\n' && prev != b'\r' || b == b'\r' {
            n += 1;
        }
        prev = b;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(data: &str, sep: u8) -> Vec<(u64, Vec<String>, bool)> {
        let mut s = Splitter::new(data.as_bytes(), sep);
        let mut rec = Record::default();
        let mut out = Vec::new();
        while s.next_record(&mut rec) {
            out.push((
                rec.line,
                rec.iter().map(String::from).collect(),
                rec.unbalanced,
            ));
        }
        out
    }

    fn lines(data: &str) -> Vec<(u64, String)> {
        split(data, b',')
            .into_iter()
            .map(|(l, f, _)| (l, f.join("|")))
            .collect()
    }

    #[test]
    fn line_numbers_count_blank_lines_and_every_line_ending() {
        let want = vec![
            (1, "h".to_string()),
            (2, "a".into()),
            (3, "".into()),
            (4, "b".into()),
        ];
        assert_eq!(lines("h\na\n\nb\n"), want);
        assert_eq!(lines("h\r\na\r\n\r\nb\r\n"), want);
        assert_eq!(lines("h\ra\r\rb"), want);
        assert_eq!(lines("h\r\na\n\rb"), want);
    }

    #[test]
    fn quotes() {
        assert_eq!(
            split("\"a;b\";\"say \"\"hi\"\"\";c\n", b';'),
            vec![(
                1,
                vec!["a;b".into(), "say \"hi\"".into(), "c".into()],
                false
            )]
        );
        // A line break inside quotes: the next record starts two lines later.
        assert_eq!(
            lines("h\n\"a\nx\"\nb\n"),
            vec![(1, "h".into()), (2, "a\nx".into()), (4, "b".into())]
        );
    }

    #[test]
    fn an_unclosed_quote_does_not_swallow_the_file() {
        let out = split("h,k\n\"a,1\nb,2\nc,3\n", b',');
        assert_eq!(out[1], (2, vec!["\"a".into(), "1".into()], true));
        assert_eq!(out[2], (3, vec!["b".into(), "2".into()], false));
        assert_eq!(out[3], (4, vec!["c".into(), "3".into()], false));
    }

    #[test]
    fn a_stray_quote_pairing_with_a_later_one_is_caught() {
        let out = split("h,k\n\"a,1\nb,2\n\"c\",3\n", b',');
        assert_eq!(out[1], (2, vec!["\"a".into(), "1".into()], true));
        assert_eq!(out[2], (3, vec!["b".into(), "2".into()], false));
        assert_eq!(out[3], (4, vec!["c".into(), "3".into()], false));
    }

    #[test]
    fn the_fast_path_splits_as_the_general_one() {
        let data = "a,b,c\n,,\n\nx\n2019,037006,cert,request|payment,\nà,è ,\tz\nlast,line";
        let (mut fast, mut general) = (
            Splitter::new(data.as_bytes(), b','),
            Splitter::new(data.as_bytes(), b','),
        );
        let (mut a, mut b) = (Record::default(), Record::default());
        loop {
            let line = fast.line;
            assert!(
                fast.pos >= data.len() || fast.split_plain_line(&mut a),
                "line {line}"
            );
            b.gap = 0;
            b.line = general.line;
            let more = general.pos < data.len() && general.split(&mut b);
            if !more {
                break;
            }
            general.finish(&mut b);
            assert_eq!(
                a.iter().collect::<Vec<_>>(),
                b.iter().collect::<Vec<_>>(),
                "line {line}"
            );
            assert_eq!((fast.pos, fast.line), (general.pos, general.line));
        }
        assert_eq!(fast.pos, data.len());
    }

    #[test]
    fn a_quoted_cell_hiding_rows_is_a_stray_quote() {
        // Line 2 opens a quote that line 3 closes: the cell would hold a whole row.
        let out = split("h,k\n\"a,1\nb,2\",3\nc,4\n", b',');
        assert_eq!(out[1], (2, vec!["\"a".into(), "1".into()], true));
        assert_eq!(out[2].0, 3);
        assert_eq!(out[3], (4, vec!["c".into(), "4".into()], false));
        // A line break inside quotes without a separator is a multi-line cell.
        assert_eq!(
            lines("h\n\"a\nb\"\n"),
            vec![(1, "h".into()), (2, "a\nb".into())]
        );
    }

    #[test]
    fn the_last_line_without_a_line_break_is_not_terminated() {
        let mut s = Splitter::new(b"a,b\nc", b',');
        let mut rec = Record::default();
        assert!(s.next_record(&mut rec) && rec.terminated);
        assert!(s.next_record(&mut rec) && !rec.terminated);
    }

    #[test]
    fn latin1_fallback() {
        let mut s = Splitter::new(b"caf\xe8,x\n", b',');
        let mut rec = Record::default();
        assert!(s.next_record(&mut rec));
        assert!(rec.recoded);
        assert_eq!(rec.get(0), Some("cafè"));
        assert_eq!(rec.get(1), Some("x"));
    }
}

//! The canonical payments table as CSV, streamed: a bounded block of lines at a time
//! (one record, or the lines of a quoted cell that spans lines), split with the crate's
//! CSV splitter, so exact line numbers, either separator, a BOM, CRLF and Latin-1 rows
//! behave as in every other table.

use crate::diagnostics::{Code, Diagnostics};
use crate::error::{Error, Result};
use crate::io::csv_split::{Record, Splitter};
use crate::io::csv_table::detect_separator;
use crate::io::header::find_header;
use crate::io::table::{read_rows, Input, TableKind, TableRead};
use crate::payments::record::{col, RawPayment, Sink, Verdict, FIELDS};
use crate::schema::PAYMENTS;
use std::io::BufRead;

/// At most this many lines make one block (a quote left open longer is a stray quote).
const BLOCK_LINES: usize = 64;
/// At most this many bytes make one block.
const BLOCK_BYTES: usize = 1 << 20;

/// Lines read in blocks whose quotes are balanced.
struct Blocks<R> {
    src: R,
    file: String,
    /// The current block.
    buf: Vec<u8>,
    /// The line the current block starts on.
    base: u64,
    /// The line the next block starts on.
    next: u64,
    first: bool,
}

impl<R: BufRead> Blocks<R> {
    /// Reads the next block; `false` at the end of the file.
    fn next_block(&mut self) -> Result<bool> {
        self.buf.clear();
        self.base = self.next;
        let mut quotes = 0usize;
        for _ in 0..BLOCK_LINES {
            let start = self.buf.len();
            let n = self
                .src
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| Error::Unreadable {
                    file: self.file.clone(),
                    reason: e.to_string(),
                })?;
            if n == 0 {
                break;
            }
            if self.first {
                self.first = false;
                if self.buf.starts_with(b"\xEF\xBB\xBF") {
                    self.buf.drain(..3);
                }
            }
            quotes += self.buf[start..].iter().filter(|&&b| b == b'"').count();
            if quotes % 2 == 0 || self.buf.len() > BLOCK_BYTES {
                break;
            }
        }
        Ok(!self.buf.is_empty())
    }

    /// Splits the current block, calling `each` with every record and its line.
    fn split(&mut self, sep: u8, rec: &mut Record, mut each: impl FnMut(&Record, u64)) {
        let mut splitter = Splitter::new(&self.buf, sep);
        while splitter.next_record(rec) {
            each(rec, self.base + rec.line - 1);
        }
        self.next = self.base + splitter.next_line() - 1;
    }
}

/// The cells of the first record of `buf` that is not blank, split with `sep`.
fn first_record(buf: &[u8], sep: u8) -> Option<Vec<String>> {
    let mut splitter = Splitter::new(buf, sep);
    let mut rec = Record::default();
    while splitter.next_record(&mut rec) {
        if !blank(&rec) {
            return Some(rec.iter().map(str::to_owned).collect());
        }
    }
    None
}

fn blank(rec: &Record) -> bool {
    rec.iter().all(|c| c.trim().is_empty())
}

/// Reads the canonical payments CSV from `src`, handing each record to `sink`.
pub fn read_csv(
    file: &str,
    src: impl BufRead,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> Result<()> {
    let mut blocks = Blocks {
        src,
        file: file.to_owned(),
        buf: Vec::new(),
        base: 1,
        next: 1,
        first: true,
    };
    let mut rec = Record::default();
    // The header: the first of the first lines that is a payments header with one of the
    // separators (the detected one first), so that a title line without separators, or
    // with other ones, does not decide the separator. Lines above it are titles.
    let mut candidates: Vec<(u64, Vec<String>, bool)> = Vec::new();
    let mut sep = None;
    while candidates.len() <= 6 && blocks.next_block()? {
        let guess = detect_separator(&blocks.buf);
        let found = [guess, b',', b';', b'\t'].into_iter().find(|&s| {
            first_record(&blocks.buf, s).is_some_and(|cells| {
                crate::io::header::resolve_columns(
                    file,
                    TableKind::Payments,
                    cells,
                    1,
                    PAYMENTS,
                    &mut Diagnostics::new(),
                )
                .is_ok()
            })
        });
        blocks.split(found.unwrap_or(guess), &mut rec, |r, line| {
            if !blank(r) {
                candidates.push((line, r.iter().map(str::to_owned).collect(), r.recoded));
            }
        });
        if found.is_some() {
            sep = found;
            break;
        }
    }
    let sep = sep.unwrap_or(b',');
    let mut pending = candidates.into_iter().peekable();
    let header = find_header(file, TableKind::Payments, PAYMENTS, diags, pending.by_ref())?;
    let mut raw = RawPayment::default();
    let mut visit = |fields: &[&str], line: u64, verdict: Verdict, diags: &mut Diagnostics| {
        raw.clear();
        raw.line = line;
        for k in 0..FIELDS {
            if let Some(Some(i)) = header.map.get(k) {
                if let Some(v) = fields.get(*i) {
                    raw.set(k, v);
                }
            }
        }
        sink(&raw, verdict, diags);
    };
    // Lines read while looking for the header, below it: rows.
    for (line, cells, recoded) in pending {
        let fields: Vec<&str> = cells.iter().map(String::as_str).collect();
        let verdict = if recoded {
            diags.warning(file, line, Code::InvalidEncoding, LATIN1);
            Verdict::Flagged
        } else {
            Verdict::Read
        };
        visit(&fields, line, verdict, diags);
    }
    let width = header.cells.len();
    let mut fields: Vec<String> = Vec::new();
    while blocks.next_block()? {
        let mut rows: Vec<(u64, Shape, usize)> = Vec::new();
        fields.clear();
        blocks.split(sep, &mut rec, |r, line| {
            if blank(r) {
                return;
            }
            let shape = if r.unbalanced {
                Shape::Unbalanced
            } else if !r.terminated && r.len() < width {
                Shape::Truncated
            } else if r.recoded {
                Shape::Latin1
            } else {
                Shape::Plain
            };
            fields.extend(r.iter().map(str::to_owned));
            rows.push((line, shape, fields.len()));
        });
        let mut start = 0;
        for (line, shape, end) in rows {
            let cells: Vec<&str> = fields[start..end].iter().map(String::as_str).collect();
            start = end;
            let verdict = match shape {
                Shape::Truncated => {
                    diags.error(file, line, Code::TruncatedRow, format!("il file finisce a metà di questa riga: ha {} celle invece di {}; il file è stato probabilmente troncato durante la copia o l'invio: la riga è scartata; inviare il file completo", cells.len(), width));
                    Verdict::Rejected
                }
                Shape::Unbalanced => {
                    diags.error(file, line, Code::MalformedRow, "questa riga ha una virgoletta (\") non chiusa sulla stessa riga, quindi le sue celle non si possono separare: togliere la virgoletta o chiuderla; la riga è scartata");
                    Verdict::Rejected
                }
                Shape::Latin1 => {
                    diags.warning(file, line, Code::InvalidEncoding, LATIN1);
                    Verdict::Flagged
                }
                Shape::Plain => Verdict::Read,
            };
            let stray = cells
                .iter()
                .enumerate()
                .filter(|(i, c)| {
                    !c.trim().is_empty() && header.cells.get(*i).is_none_or(|h| h.trim().is_empty())
                })
                .count();
            let verdict = if stray > 0 && verdict != Verdict::Rejected {
                diags.warning(file, line, Code::FieldCount, format!("questa riga ha {stray} valori in celle senza nome di colonna nell'intestazione: sono ignorati; controllare che un valore non contenga il separatore o non sia nella colonna sbagliata"));
                Verdict::Flagged
            } else {
                verdict
            };
            visit(&cells, line, verdict, diags);
        }
    }
    Ok(())
}

/// The warning of a row read as Latin-1.
const LATIN1: &str = "questa riga non è testo UTF-8: è stata letta come Windows-1252 (Latin-1); controllare le lettere accentate e salvare il file come CSV UTF-8";

/// What the splitter made of a row.
#[derive(Clone, Copy)]
enum Shape {
    Plain,
    Latin1,
    Unbalanced,
    Truncated,
}

/// Reads a payments workbook, or text in a form that must be read whole (UTF-16), as the
/// other tables are read; returns its accounting.
pub(crate) fn read_table(
    file: &str,
    bytes: Vec<u8>,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> Result<TableRead> {
    read_input(&Input::from_bytes(file, bytes), diags, sink)
}

/// A workbook's number cell holding cents with a binary rounding residue reads as
/// `12,300000000000001`: with ten or more decimals within a millionth of a cent of a
/// whole number of cents, it is those cents (`12,30`); any other text is left as it is
/// (and an amount of three or more real decimals stays refused).
fn float_cents(text: &str) -> String {
    let Some((int, frac)) = text.split_once(',') else {
        return text.to_owned();
    };
    if frac.len() < 10
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || !int.bytes().all(|b| b.is_ascii_digit())
    {
        return text.to_owned();
    }
    let Ok(v) = format!("{int}.{frac}").parse::<f64>() else {
        return text.to_owned();
    };
    let cents = (v * 100.0).round();
    if (v * 100.0 - cents).abs() < 1e-6 && cents < 1e15 {
        let cents = cents as u64;
        format!("{},{:02}", cents / 100, cents % 100)
    } else {
        text.to_owned()
    }
}

/// Reads any [`Input`] as the canonical payments table, as the other tables are read.
pub(crate) fn read_input(
    input: &Input,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> Result<TableRead> {
    let mut raw = RawPayment::default();
    read_rows(input, TableKind::Payments, PAYMENTS, diags, |row, diags| {
        raw.clear();
        raw.line = row.line;
        for k in 0..FIELDS {
            raw.set(k, row.get(k));
        }
        raw.set(col::AMOUNT, &float_cents(row.get(col::AMOUNT)));
        // A date cell of a workbook reads as `2020-01-15 10:00 (a date)`.
        let paid = row.get(col::PAID_AT);
        raw.set(col::PAID_AT, paid.strip_suffix(" (a date)").unwrap_or(paid));
        sink(&raw, Verdict::Read, diags);
    })
}

#[cfg(test)]
mod tests {
    use super::float_cents;

    #[test]
    fn binary_residues_of_workbook_numbers() {
        assert_eq!(float_cents("12,300000000000001"), "12,30");
        assert_eq!(float_cents("0,10000000000000001"), "0,10");
        assert_eq!(float_cents("12,345"), "12,345");
        assert_eq!(float_cents("1,0000001"), "1,0000001");
        assert_eq!(float_cents("1,23456789012"), "1,23456789012");
        assert_eq!(float_cents("12,5"), "12,5");
    }
}

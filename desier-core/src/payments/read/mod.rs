//! The readers of payment records (lettori dei pagamenti): the canonical payments table
//! (CSV or XLSX), pagoPA receipts (XML) and pagoPA business events (JSON). Each reads
//! from a [`BufRead`] in a bounded buffer (a workbook excepted: XLSX is a zip, read
//! whole) and hands every record to a [`Sink`], so that memory does not grow with the
//! number of records.

mod csv;
mod json;
mod xml;

use super::record::Sink;
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::io::table::TableRead;
use std::io::{BufRead, Read};

pub use self::csv::read_csv;
pub use self::json::read_json;
pub use self::xml::read_xml;

/// The form of a payments file, told from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// CSV text (UTF-8, with or without BOM, or Latin-1).
    Csv,
    /// An XLSX workbook, or text that is not UTF-8 nor Latin-1 (UTF-16): read whole.
    Whole,
    /// pagoPA receipts (XML).
    Xml,
    /// pagoPA business events (JSON).
    Json,
}

/// Tells the form from the first bytes: a zip is a workbook, a UTF-16 mark is read whole,
/// `<` (after a BOM and blanks) is XML, `{` or `[` JSON, anything else CSV.
pub fn form_of(head: &[u8]) -> Form {
    if head.starts_with(b"PK\x03\x04")
        || head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
    {
        return Form::Whole;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Form::Xml,
        Some(b'{' | b'[') => Form::Json,
        _ => Form::Csv,
    }
}

/// Reads one payments file of any form, handing each record to `sink`. Returns the
/// accounting when the reader made it itself (a workbook, read as the other tables are);
/// otherwise the caller counts the records it was handed.
pub fn read_any(
    file: &str,
    mut src: impl BufRead,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> Result<Option<TableRead>> {
    let head = src.fill_buf().map_err(|e| unreadable(file, &e))?.to_vec();
    match form_of(&head) {
        Form::Csv => read_csv(file, src, diags, sink).map(|()| None),
        Form::Xml => read_xml(file, src, diags, sink).map(|()| None),
        Form::Json => read_json(file, src, diags, sink).map(|()| None),
        Form::Whole => {
            let mut bytes = Vec::new();
            src.read_to_end(&mut bytes)
                .map_err(|e| unreadable(file, &e))?;
            self::csv::read_table(file, bytes, diags, sink).map(Some)
        }
    }
}

/// Reads payment records from an [`Input`] (bytes, a file, or rows in memory as the
/// bindings pass DataFrames) as the canonical payments table, whole; returns its
/// accounting.
pub fn read_input(
    input: &crate::io::table::Input,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> Result<TableRead> {
    self::csv::read_input(input, diags, sink)
}

fn unreadable(file: &str, e: &std::io::Error) -> crate::Error {
    crate::Error::Unreadable {
        file: file.to_owned(),
        reason: e.to_string(),
    }
}

/// A reader that counts the line breaks of what was consumed, so that the XML and JSON
/// readers can tell a record's line.
pub(crate) struct Lines<R> {
    inner: R,
    /// Line breaks consumed so far.
    pub breaks: u64,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self { inner, breaks: 0 }
    }

    /// The 1-based line of the next byte to read.
    pub(crate) fn line(&self) -> u64 {
        self.breaks + 1
    }
}

impl<R: BufRead> Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.breaks += out[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amt.min(buf.len());
            self.breaks += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        }
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(form_of(b"\xEF\xBB\xBF \n<?xml"), Form::Xml);
        assert_eq!(form_of(b"  [{"), Form::Json);
        assert_eq!(form_of(b"{\"a\":1}"), Form::Json);
        assert_eq!(form_of(b"iuv;creditor"), Form::Csv);
        assert_eq!(form_of(b"PK\x03\x04"), Form::Whole);
        assert_eq!(form_of(b""), Form::Csv);
    }
}

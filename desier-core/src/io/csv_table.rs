//! Reading a table from CSV text: the separator, the header, and every record checked for
//! its shape (stray quotes, cut-off rows, missing cells, non-UTF-8 text).

use super::csv_split::{Record, Splitter};
use super::header::{find_header, warn_missing_cells};
use super::row::{Cells, Row};
use crate::diagnostics::{Code, Diagnostics};
use crate::error::Result;
use crate::schema::{ColumnSpec, TableKind};

/// Picks `,`, `;` or tab from the first line that is not blank, counting outside quotes.
pub(crate) fn detect_separator(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    for &b in bytes[start..].iter().take_while(|&&b| b != b'\n') {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    seps[best]
}

/// Reads CSV text; returns the header line and the number of rows.
pub(super) fn read_csv(
    file: &str,
    table: TableKind,
    bytes: &[u8],
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
    visit: &mut impl FnMut(&Row<'_>, &mut Diagnostics),
) -> Result<(u64, u64)> {
    let mut splitter = Splitter::new(bytes, detect_separator(bytes));
    let mut record = Record::default();
    let lines = std::iter::from_fn(|| {
        while splitter.next_record(&mut record) {
            if record.iter().any(|c| !c.trim().is_empty()) {
                let cells = record.iter().map(str::to_owned).collect();
                return Some((record.line, cells, record.recoded));
            }
        }
        None
    });
    let header = find_header(file, table, spec, diags, lines)?;
    let mut rows = 0u64;
    while splitter.next_record(&mut record) {
        let line = record.line;
        let row = Row {
            line,
            cells: Cells::Csv(&record),
            map: &header.map,
        };
        if row.all_empty() {
            continue;
        }
        rows += 1;
        if record.unbalanced {
            diags.error(file, line, Code::MalformedRow, "this row has a quote (\") that is not closed on the same line, so its cells cannot be told apart: remove the stray quote or close it; the row is left out");
            continue;
        }
        if record.recoded {
            diags.warning(file, line, Code::InvalidEncoding, "this row is not UTF-8 text: it was read as Windows-1252 (Latin-1); check its accented letters and save the file as CSV UTF-8");
        }
        let missing = header.check_shape(file, &row, spec, true, diags);
        if !missing.is_empty() && !record.terminated {
            diags.error(file, line, Code::TruncatedRow, format!("the file ends in the middle of this row: it has {} cells and no cell for {}; the file was probably cut off while being copied or sent: the row is left out; send the complete file", record.len(), missing.join(", ")));
            continue;
        }
        warn_missing_cells(file, &row, &missing, diags);
        visit(&row, diags);
    }
    Ok((header.line, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_detection() {
        assert_eq!(detect_separator(b"a;b;c\n1,2;3;4"), b';');
        assert_eq!(detect_separator(b"a,b,c\n"), b',');
        assert_eq!(detect_separator(b"\"a;b\",c\n"), b',');
        assert_eq!(detect_separator(b"a\tb\n"), b'\t');
        assert_eq!(detect_separator(b""), b',');
        assert_eq!(detect_separator(b"\r\n \na;b\n"), b';');
    }
}

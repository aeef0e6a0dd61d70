//! Reading any table of the method from CSV or XLSX bytes (or from rows already in memory,
//! as the Python and JavaScript bindings pass DataFrames) into rows whose cells are
//! addressed by canonical column.

use super::cell::trim;
use super::csv_split::{Record, Splitter};
use super::header::{find_header, warn_missing_cells};
use super::{sniff, xlsx};
use crate::diagnostics::{Code, Diagnostics, Severity};
use crate::error::{Error, Result};
pub(crate) use crate::schema::normalise_header;
pub use crate::schema::{ColumnSpec, TableKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The tables a file holds, from its name and content: for an Excel workbook, every table
/// that has a sheet named for it (canonical or Italian name); otherwise, or when no sheet
/// is named for a table, the table its file name stands for
/// ([`TableKind::from_file_name`]). Empty when neither tells; an unreadable workbook is
/// left to the reader to report.
pub fn detect_tables(name: &str, bytes: &[u8]) -> Vec<TableKind> {
    if bytes.starts_with(b"PK\x03\x04") {
        use calamine::Reader;
        // A workbook that cannot be opened names no table (reading it will say why).
        let sheets = super::xlsx::guard(name, || {
            let Ok(wb) = calamine::Xlsx::new(std::io::Cursor::new(bytes)) else {
                return Ok(Vec::new());
            };
            Ok(TableKind::ALL
                .into_iter()
                .filter(|t| wb.sheet_names().iter().any(|s| t.is_sheet_name(s)))
                .collect::<Vec<_>>())
        });
        if let Ok(sheets) = sheets {
            if !sheets.is_empty() {
                return sheets;
            }
        }
    }
    TableKind::from_file_name(name).into_iter().collect()
}

#[derive(Clone, Debug)]
enum Data {
    Bytes(Cow<'static, [u8]>),
    Rows {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A file read only when a computation reads the table.
    File(std::path::PathBuf),
}

/// One input table: CSV or XLSX bytes, or rows already in memory, with the name that
/// diagnostics give as `file`.
#[derive(Clone, Debug)]
pub struct Input {
    name: String,
    data: Data,
}

impl Input {
    /// Reads a file from disk (CSV or XLSX, detected from its content).
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Input> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
            file: name.clone(),
            reason: match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "there is no such file: check its name and folder".to_owned()
                }
                std::io::ErrorKind::PermissionDenied => {
                    "permission denied: check that the file is not open elsewhere and that you may read it".to_owned()
                }
                std::io::ErrorKind::IsADirectory => "this is a folder, not a file".to_owned(),
                _ => e.to_string(),
            },
        })?;
        Ok(Input {
            name,
            data: Data::Bytes(Cow::Owned(bytes)),
        })
    }

    /// A file on disk (CSV or XLSX), read only when a computation reads the table: a
    /// folder's tables cost nothing until used (the usage index never reads the offer).
    /// A file that cannot be read is reported then.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Input {
        let path = path.as_ref();
        Input {
            name: path.display().to_string(),
            data: Data::File(path.to_owned()),
        }
    }

    /// CSV or XLSX bytes (detected from the content), named `name` in diagnostics.
    pub fn from_bytes(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Input {
        Input {
            name: name.into(),
            data: Data::Bytes(Cow::Owned(bytes.into())),
        }
    }

    /// CSV text, named `name` in diagnostics.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input::from_bytes(name, text.into().into_bytes())
    }

    /// Static CSV text (the embedded sample), without copying.
    pub fn from_static(name: impl Into<String>, text: &'static str) -> Input {
        Input {
            name: name.into(),
            data: Data::Bytes(Cow::Borrowed(text.as_bytes())),
        }
    }

    /// Rows already in memory (a DataFrame): `headers` and one vector of cells per row.
    /// Row `i` (0-based) is reported as line `i + 2`, as if the header were line 1.
    pub fn from_rows(
        name: impl Into<String>,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    ) -> Input {
        Input {
            name: name.into(),
            data: Data::Rows { headers, rows },
        }
    }

    /// The name diagnostics give as `file`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The size of the input in bytes (in-memory rows: the total length of their cells).
    pub fn len(&self) -> usize {
        match &self.data {
            Data::Bytes(b) => b.len(),
            Data::Rows { rows, .. } => rows.iter().flatten().map(String::len).sum(),
            Data::File(path) => std::fs::metadata(path).map_or(0, |m| m.len() as usize),
        }
    }

    /// Whether the input has no content at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One data row, its cells addressed by the position of the column in the table's spec.
pub(crate) struct Row<'a> {
    /// 1-based line (header = 1; in a workbook, the spreadsheet row number).
    pub line: u64,
    cells: Cells<'a>,
    map: &'a [Option<usize>],
}

enum Cells<'a> {
    Csv(&'a Record),
    Owned(&'a [String]),
    /// A spreadsheet row: `(column, text)` sorted by column.
    Sparse(&'a [(u32, String)]),
}

impl Row<'_> {
    /// The trimmed cell of spec column `col` ("" when the column or cell is absent).
    pub fn get(&self, col: usize) -> &str {
        let Some(Some(i)) = self.map.get(col) else {
            return "";
        };
        trim(self.cell(*i).unwrap_or(""))
    }

    /// The cell at position `i` of the header.
    pub(crate) fn cell(&self, i: usize) -> Option<&str> {
        match &self.cells {
            Cells::Csv(r) => r.get(i),
            Cells::Owned(v) => v.get(i).map(String::as_str),
            Cells::Sparse(v) => {
                let k = v.binary_search_by_key(&i, |(c, _)| *c as usize).ok()?;
                Some(v[k].1.as_str())
            }
        }
    }

    /// Whether spec column `col` is present in the header.
    pub fn has(&self, col: usize) -> bool {
        matches!(self.map.get(col), Some(Some(_)))
    }

    /// The non-empty cells with their position.
    pub(crate) fn filled(&self) -> Box<dyn Iterator<Item = (usize, &str)> + '_> {
        fn keep((i, c): (usize, &str)) -> Option<(usize, &str)> {
            (!c.trim().is_empty()).then_some((i, c))
        }
        match &self.cells {
            Cells::Csv(r) => Box::new(r.iter().enumerate().filter_map(keep)),
            Cells::Owned(v) => Box::new(v.iter().map(String::as_str).enumerate().filter_map(keep)),
            Cells::Sparse(v) => Box::new(
                v.iter()
                    .map(|(c, t)| (*c as usize, t.as_str()))
                    .filter_map(keep),
            ),
        }
    }

    fn all_empty(&self) -> bool {
        self.filled().next().is_none()
    }

    /// How many cells the row has (a spreadsheet row: up to its last cell).
    pub(crate) fn width(&self) -> usize {
        match &self.cells {
            Cells::Csv(r) => r.len(),
            Cells::Owned(v) => v.len(),
            Cells::Sparse(v) => v.last().map_or(0, |(c, _)| *c as usize + 1),
        }
    }
}

/// The accounting of one table (il conto delle righe): how many data rows were read and
/// what became of each. Every result carries one per table read, in reading order, as its
/// `tables` list, and `rows == accepted + accepted_with_warnings + rejected` always holds.
///
/// A row is `rejected` when it has at least one diagnostic of severity `error` (it is left
/// out of the computation), `accepted_with_warnings` when it has only warnings, `accepted`
/// otherwise. Blank rows are not rows; diagnostics about the header line are not about a
/// row.
///
/// ```
/// use desier_core::{validate, Input, Tables};
/// let tables = Tables {
///     entities: Some(Input::from_text("entities.csv", "entity_id,kind\n037006,municipality\n037006,municipality\n,comune\n")),
///     ..Tables::default()
/// };
/// let read = &validate(&tables).unwrap().tables[0];
/// assert_eq!((read.rows, read.accepted, read.rejected), (3, 1, 2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRead {
    /// The table.
    pub table: TableKind,
    /// The file name used in diagnostics.
    pub file: String,
    /// Data rows read (blank rows not counted).
    pub rows: u64,
    /// Rows used as they are, without any diagnostic.
    pub accepted: u64,
    /// Rows used, with at least one warning.
    pub accepted_with_warnings: u64,
    /// Rows left out of the computation: at least one error.
    pub rejected: u64,
    /// The line of the header (diagnostics at or above it are not about a row).
    #[serde(skip)]
    header_line: u64,
    /// Where this table's diagnostics start in the list.
    #[serde(skip)]
    first_diagnostic: usize,
}

impl TableRead {
    /// The accounting of a table whose reader counted its rows itself (the streaming
    /// readers of the payment records, whose records are not one per line).
    pub(crate) fn counted(
        table: TableKind,
        file: &str,
        accepted: u64,
        accepted_with_warnings: u64,
        rejected: u64,
    ) -> TableRead {
        TableRead {
            table,
            file: file.to_owned(),
            rows: accepted + accepted_with_warnings + rejected,
            accepted,
            accepted_with_warnings,
            rejected,
            header_line: 0,
            first_diagnostic: 0,
        }
    }

    /// Counts the accepted, flagged and rejected rows from the diagnostics emitted since the
    /// table started to be read. Called once the rows are read, and again by the readers
    /// that check rows in a second pass (idempotent).
    pub(crate) fn settle(&mut self, diags: &Diagnostics) {
        let mut lines: Vec<(u64, bool)> = diags.as_slice()
            [self.first_diagnostic.min(diags.len())..]
            .iter()
            .filter(|d| d.line > self.header_line)
            .map(|d| (d.line, d.severity == Severity::Error))
            .collect();
        lines.sort_unstable();
        let (mut rejected, mut flagged) = (0u64, 0u64);
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].0;
            let mut error = false;
            while i < lines.len() && lines[i].0 == line {
                error |= lines[i].1;
                i += 1;
            }
            if error {
                rejected += 1;
            } else {
                flagged += 1;
            }
        }
        self.rejected = rejected;
        self.accepted_with_warnings = flagged;
        // A diagnostic on a line that is not a row would make this negative: the property
        // tests and the fuzzers check that the three counts always add up to `rows`.
        self.accepted = self.rows.saturating_sub(rejected + flagged);
    }
}

/// Reads `input` as `table`, calling `visit` for every non-blank data row, after the
/// checks of its shape (cells without a column, missing cells, merged cells, formulas
/// without a value), and accounts for every row.
pub(crate) fn read_rows(
    input: &Input,
    table: TableKind,
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
    mut visit: impl FnMut(&Row<'_>, &mut Diagnostics),
) -> Result<TableRead> {
    let file = input.name.as_str();
    let first_diagnostic = diags.len();
    let (header_line, rows) = match &input.data {
        Data::File(path) => {
            // A file named but not yet read (Input::from_file): read it now, as bytes.
            let loaded = Input::from_path(path)?;
            return read_rows(&loaded, table, spec, diags, visit);
        }
        Data::Rows { headers, rows } => {
            let header =
                super::header::resolve_columns(file, table, headers.clone(), 1, spec, diags)?;
            let mut count = 0;
            for (i, cells) in rows.iter().enumerate() {
                let row = Row {
                    line: i as u64 + 2,
                    cells: Cells::Owned(cells),
                    map: &header.map,
                };
                if !row.all_empty() {
                    count += 1;
                    let missing = header.check_shape(file, &row, spec, true, diags);
                    warn_missing_cells(file, &row, &missing, diags);
                    visit(&row, diags);
                }
            }
            (1, count)
        }
        Data::Bytes(bytes) => match sniff::sniff(file, bytes)? {
            sniff::Content::Workbook => read_workbook(file, table, bytes, spec, diags, &mut visit)?,
            sniff::Content::Text { bytes, lossy } => {
                if lossy {
                    diags.warning(file, 1, Code::InvalidEncoding, "this UTF-16 (\"Unicode text\") file has characters that cannot be decoded: they are shown as \u{fffd}; save the file as CSV UTF-8");
                }
                read_csv(file, table, &bytes, spec, diags, &mut visit)?
            }
        },
    };
    let mut read = TableRead {
        table,
        file: file.to_owned(),
        rows,
        accepted: 0,
        accepted_with_warnings: 0,
        rejected: 0,
        header_line,
        first_diagnostic,
    };
    read.settle(diags);
    Ok(read)
}

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
fn read_csv(
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

/// Reads the table's sheet of a workbook; returns the header line and the number of rows.
fn read_workbook(
    file: &str,
    table: TableKind,
    bytes: &[u8],
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
    visit: &mut impl FnMut(&Row<'_>, &mut Diagnostics),
) -> Result<(u64, u64)> {
    let sheet = xlsx::read_sheet(file, table, bytes)?;
    let mut candidates = sheet.rows.iter();
    let lines = std::iter::from_fn(|| {
        let r = candidates.find(|r| r.cells.iter().any(|(_, c)| !c.trim().is_empty()))?;
        let width = r.cells.last().map_or(0, |(c, _)| *c as usize + 1);
        let mut cells = vec![String::new(); width];
        for (c, text) in &r.cells {
            cells[*c as usize] = text.clone();
        }
        Some((r.line, cells, false))
    });
    let header = find_header(file, table, spec, diags, lines)?;
    let sheet_rows = sheet.rows.iter().filter(|r| r.line > header.line);
    let columns: Vec<u32> = header.map.iter().flatten().map(|&i| i as u32).collect();
    let merged = xlsx::MergedCells::new(sheet.merged, &columns);
    let name_of = |i: usize| {
        header
            .map
            .iter()
            .position(|m| *m == Some(i))
            .map_or("", |k| spec[k].name)
    };
    let mut rows = 0;
    for r in sheet_rows {
        let row = Row {
            line: r.line,
            cells: Cells::Sparse(&r.cells),
            map: &header.map,
        };
        let uncomputed: Vec<u32> = r
            .uncomputed
            .iter()
            .copied()
            .filter(|c| columns.contains(c))
            .collect();
        if row.all_empty() && uncomputed.is_empty() {
            continue;
        }
        rows += 1;
        header.check_shape(file, &row, spec, false, diags);
        let at = (r.line - 1) as u32;
        for &c in &columns {
            if row.cell(c as usize).is_none() {
                if let Some(range) = merged.hiding(at, c) {
                    diags.warning(file, r.line, Code::MergedCells, format!("the cell {} ({}) is part of the merged cells {range}, whose value only the first cell holds, so it is read as empty; unmerge the cells and fill in every row", xlsx::cell_name(at, c), name_of(c as usize)));
                }
            }
        }
        if !uncomputed.is_empty() {
            let names: Vec<String> = uncomputed
                .iter()
                .map(|&c| format!("{} ({})", xlsx::cell_name(at, c), name_of(c as usize)))
                .collect();
            diags.error(file, r.line, Code::FormulaWithoutValue, format!("the cell(s) {} hold a formula but the file holds no computed value for it (the program that wrote the file did not compute it), so the number cannot be read: open the workbook in Excel or LibreOffice and save it again; the row is left out", names.join(", ")));
            continue;
        }
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

    #[test]
    fn tables_are_detected_from_sheets_then_file_names() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/small.xlsx");
        let workbook = std::fs::read(path).unwrap();
        let found = detect_tables("whatever.xlsx", &workbook);
        assert_eq!(
            found,
            [
                TableKind::Entities,
                TableKind::Facilities,
                TableKind::Procedures,
                TableKind::Offer,
                TableKind::Returns
            ]
        );
        assert_eq!(
            detect_tables("utilizzo.csv", b"a,b\n"),
            [TableKind::Returns]
        );
        assert_eq!(
            detect_tables("enti.xlsx", b"PK\x03\x04broken"),
            [TableKind::Entities]
        );
        assert!(detect_tables("dati.csv", b"").is_empty());
        assert_eq!(
            TableKind::from_file_name("Anagrafica-Comuni.CSV"),
            Some(TableKind::Entities)
        );
        assert_eq!(
            TableKind::from_file_name("servizi.csv"),
            Some(TableKind::Services)
        );
    }

    #[test]
    fn headers_are_normalised() {
        assert_eq!(normalise_header("\u{feff} Codice ISTAT "), "codice_istat");
        assert_eq!(normalise_header("Attività"), "attivita");
    }
}

//! Reading one sheet of an XLSX workbook (the sheet named after the table, or its Italian
//! name, else the first sheet) cell by cell. Cells are kept sparse, so a stray value far
//! away (`XFD1048576`) costs one cell, not a grid of seventeen billion; and what a
//! spreadsheet hides from a CSV export is kept for the diagnostics: merged cells, formulas
//! without a computed value, dates.

use super::table::TableKind;
use crate::error::{Error, Result};
use calamine::{DataRef, Reader};
use std::io::Cursor;

/// The rows and columns of an Excel sheet (`XFD1048576` is its last cell).
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;
/// The most cells read from a sheet (a million rows of the ten columns of the returns):
/// beyond it a workbook would take gigabytes of memory; such a table is sent as CSV.
const MAX_CELLS: u64 = 10_000_000;

/// One spreadsheet row: its cells as text, sorted by column, and the columns holding a
/// formula without a computed value.
#[derive(Debug, Default)]
pub(crate) struct SheetRow {
    /// The spreadsheet row number (1-based), used as the line of diagnostics.
    pub line: u64,
    /// `(column, text)`, 0-based columns, ascending.
    pub cells: Vec<(u32, String)>,
    /// 0-based columns whose cell is a formula the file holds no value for.
    pub uncomputed: Vec<u32>,
}

/// The rows of a sheet, and its merged ranges.
pub(crate) struct Sheet {
    /// Non-empty rows, ascending.
    pub rows: Vec<SheetRow>,
    /// Merged ranges: `((first row, first column), (last row, last column))`, 0-based.
    pub merged: Vec<((u32, u32), (u32, u32))>,
}

/// Runs `read` on a workbook, turning a panic of the spreadsheet library on a malformed
/// file (it has some, e.g. on a merged range written backwards, `B2:A1`) into a clear
/// error instead of a crash.
pub(crate) fn guard<T>(file: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Error::Unreadable {
            file: file.to_owned(),
            reason: "the workbook is damaged: its content does not follow the Excel format; \
                     open it in Excel or LibreOffice and save it again, or save it as CSV"
                .into(),
        })
    })
}

/// Reads the sheet of `table` from the workbook `bytes`.
pub(crate) fn read_sheet(file: &str, table: TableKind, bytes: &[u8]) -> Result<Sheet> {
    guard(file, || read_sheet_unguarded(file, table, bytes))
}

fn read_sheet_unguarded(file: &str, table: TableKind, bytes: &[u8]) -> Result<Sheet> {
    read_sheet_limited(file, table, bytes, MAX_CELLS)
}

fn read_sheet_limited(file: &str, table: TableKind, bytes: &[u8], max_cells: u64) -> Result<Sheet> {
    let unreadable = |reason: String| Error::Unreadable {
        file: file.to_owned(),
        reason,
    };
    super::zip_guard::check(file, bytes)?;
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(format!(
            "it starts like an Excel workbook (.xlsx) but cannot be opened as one ({e}); \
             the file may be damaged or cut off: save it again from Excel, or as CSV"
        ))
    })?;
    let names = wb.sheet_names();
    let sheet = names
        .iter()
        .find(|n| table.is_sheet_name(n))
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| unreadable("the workbook has no sheets".into()))?;
    let cannot = |e: calamine::XlsxError| {
        unreadable(format!(
            "the sheet `{sheet}` cannot be read ({e}); save the workbook again from Excel, or as CSV"
        ))
    };
    // Merged ranges are read first: the cell reader borrows the workbook.
    let merged = wb
        .merge_cells_by_sheet_name(&sheet)
        .unwrap_or_default()
        .into_iter()
        .map(|d| (d.start, d.end))
        .collect();
    let mut reader = wb.worksheet_cells_reader(&sheet).map_err(cannot)?;
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut sorted = true;
    let mut cells = 0u64;
    while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(&cannot)? {
        cells += 1;
        if cells > max_cells {
            return Err(unreadable(format!(
                "the sheet `{sheet}` has more than {max_cells} cells, more than a table of the \
                 method can need: the workbook is refused so as not to exhaust the memory; \
                 save the table as CSV"
            )));
        }
        let (r, c) = cell.pos;
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            // No spreadsheet program writes such a cell; taking it as a column would make
            // the header a row of billions of cells.
            return Err(unreadable(format!(
                "the workbook is damaged: the sheet `{sheet}` has a cell beyond the last row \
                 or column of Excel ({}); open it in Excel or LibreOffice and save it again, \
                 or save it as CSV",
                cell_name(r, c)
            )));
        }
        let text = cell_text(&cell.value);
        let uncomputed = cell.formula.is_some() && cell.value == DataRef::Empty;
        if text.is_empty() && !uncomputed {
            continue;
        }
        let line = u64::from(r) + 1;
        if rows.last().is_none_or(|last| last.line != line) {
            sorted &= rows.last().is_none_or(|last| last.line < line);
            rows.push(SheetRow {
                line,
                ..SheetRow::default()
            });
        }
        if let Some(row) = rows.last_mut() {
            if uncomputed {
                row.uncomputed.push(c);
            } else {
                row.cells.push((c, text));
            }
        }
    }
    if !sorted {
        // Rows out of order in the file (no spreadsheet program writes them so): put them
        // in order and join the parts of a row, so that each line is one row.
        rows.sort_by_key(|r| r.line);
        let mut joined: Vec<SheetRow> = Vec::with_capacity(rows.len());
        for row in rows {
            match joined.last_mut() {
                Some(last) if last.line == row.line => {
                    last.cells.extend(row.cells);
                    last.uncomputed.extend(row.uncomputed);
                }
                _ => joined.push(row),
            }
        }
        rows = joined;
    }
    for row in &mut rows {
        // A later cell at the same position replaces an earlier one, as in a spreadsheet.
        row.cells.reverse();
        row.cells.sort_by_key(|(c, _)| *c);
        row.cells.dedup_by_key(|(c, _)| *c);
    }
    Ok(Sheet { rows, merged })
}

/// A spreadsheet cell as the text a CSV export would hold, the Italian way for fractions
/// (`12,5`) so that the cell parsers read both alike; dates as `2019-01-01 (a date)`, so
/// that a date where a year or a count belongs is reported as such.
fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string().replace('.', ","),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => format!("{} (a date)", excel_date(d)),
        DataRef::DateTime(d) => format!("{} (a duration)", d.as_f64()),
        DataRef::DateTimeIso(s) => format!("{s} (a date)"),
        DataRef::DurationIso(s) => format!("{s} (a duration)"),
        DataRef::Error(e) => format!("{e} (an Excel error)"),
    }
}

/// An Excel date as `YYYY-MM-DD`, with the time when there is one.
fn excel_date(d: &calamine::ExcelDateTime) -> String {
    if !d.as_f64().is_finite() {
        return d.as_f64().to_string();
    }
    let (y, m, day, h, min, sec, _) = d.to_ymd_hms_milli();
    if (h, min, sec) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{day:02}")
    } else {
        format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}")
    }
}

/// `A`, ..., `Z`, `AA`, ...: the name of a 0-based column.
pub(crate) fn column_name(col: u32) -> String {
    let mut c = col;
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// `A1`-style name of a 0-based cell.
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// The merged ranges covering one column: `(first row, last row, range)` sorted by first
/// row.
type ColumnRanges = Vec<(u32, u32, usize)>;

/// The merged ranges that cover the columns of interest, for a quick question per cell:
/// is this cell inside a merged range without being its first cell (which alone holds the
/// value)?
pub(crate) struct MergedCells {
    /// Per column of interest: `(first row, last row, range)` sorted by first row.
    by_column: Vec<(u32, ColumnRanges)>,
    ranges: Vec<((u32, u32), (u32, u32))>,
}

impl MergedCells {
    /// Indexes `ranges` for the 0-based `columns`.
    pub fn new(ranges: Vec<((u32, u32), (u32, u32))>, columns: &[u32]) -> Self {
        let mut by_column: Vec<(u32, ColumnRanges)> =
            columns.iter().map(|&c| (c, Vec::new())).collect();
        for (k, &((r0, c0), (r1, c1))) in ranges.iter().enumerate() {
            for (c, list) in &mut by_column {
                if c0 <= *c && *c <= c1 {
                    list.push((r0, r1, k));
                }
            }
        }
        for (_, list) in &mut by_column {
            list.sort_unstable();
        }
        Self { by_column, ranges }
    }

    /// The merged range (as `A2:A5`) hiding the cell at 0-based (`row`, `col`), if any.
    pub fn hiding(&self, row: u32, col: u32) -> Option<String> {
        let (_, list) = self.by_column.iter().find(|(c, _)| *c == col)?;
        let i = list.partition_point(|&(r0, _, _)| r0 <= row);
        let &(r0, r1, k) = list.get(i.checked_sub(1)?)?;
        let ((_, c0), (_, c1)) = self.ranges[k];
        if row > r1 || (row == r0 && col == c0) {
            return None;
        }
        Some(format!(
            "{}:{}",
            cell_name(r0, c0),
            cell_name(r1, c1.max(c0))
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        let date = |v| excel_date(&ExcelDateTime::new(v, DateTime, false));
        assert_eq!(date(43466.0), "2019-01-01");
        assert_eq!(date(45.0), "1900-02-14");
        assert_eq!(date(43466.5), "2019-01-01 12:00");
        assert_eq!(date(f64::NAN), "NaN");
        assert_eq!(
            excel_date(&ExcelDateTime::new(0.0, DateTime, true)),
            "1904-01-01"
        );
    }

    #[test]
    fn a_panic_of_the_spreadsheet_library_is_an_error() {
        let e = guard::<()>("f.xlsx", || panic!("a malformed workbook")).unwrap_err();
        assert_eq!(e.code(), "unreadable_file");
        assert!(e.to_string().contains("damaged"), "{e}");
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(4, 27), "AB5");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        // 26 + 26^2 + ... + 26^6 columns up to ZZZZZZ.
        assert_eq!(cell_name(14, 321_272_405), "ZZZZZZ15");
        // The last row of u32 does not overflow.
        assert!(cell_name(u32::MAX, 0).ends_with("A4294967296"));
    }

    #[test]
    fn a_cell_beyond_excel_is_named_where_it_is() {
        let bytes = include_bytes!("../../../fixtures/hostile/returns_beyond_excel.xlsx");
        let Err(e) = read_sheet_unguarded("r.xlsx", TableKind::Returns, bytes) else {
            panic!("a cell beyond Excel was read");
        };
        assert_eq!(e.code(), "unreadable_file");
        assert!(e.to_string().contains("(ZZZZZZ15)"), "{e}");
    }

    #[test]
    fn a_sheet_with_too_many_cells_is_refused() {
        let bytes = include_bytes!("../../../fixtures/small.xlsx");
        assert!(read_sheet_limited("s.xlsx", TableKind::Returns, bytes, 1_000).is_ok());
        let Err(e) = read_sheet_limited("s.xlsx", TableKind::Returns, bytes, 20) else {
            panic!("a sheet of more cells than the limit was read");
        };
        assert_eq!(e.code(), "unreadable_file");
        assert!(e.to_string().contains("more than 20 cells"), "{e}");
    }

    #[test]
    fn merged_ranges_hide_all_but_their_first_cell() {
        let m = MergedCells::new(vec![((1, 0), (4, 0)), ((2, 2), (2, 3))], &[0, 3]);
        assert_eq!(m.hiding(1, 0), None);
        assert_eq!(m.hiding(3, 0).as_deref(), Some("A2:A5"));
        assert_eq!(m.hiding(5, 0), None);
        assert_eq!(m.hiding(2, 3).as_deref(), Some("C3:D3"));
        assert_eq!(m.hiding(2, 1), None);
    }
}

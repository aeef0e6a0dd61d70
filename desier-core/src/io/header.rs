//! The header line of a table: finding it (below title lines), mapping its cells to the
//! columns of the table, recognising the header of another table, and checking the shape
//! of each row against it.

use super::row::Row;
use super::sniff;
use super::table::{normalise_header, ColumnSpec, TableKind};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::{Error, Result};

/// The header line: its cells, the spec column each maps to, and its line.
pub(crate) struct Header {
    pub cells: Vec<String>,
    pub map: Vec<Option<usize>>,
    pub line: u64,
}

impl Header {
    /// Warns about the cells of `row` that the header gives no column to (beyond its last
    /// column, or under an empty header cell), and, when `short_is_missing`, about the
    /// required columns the row has no cell for (a CSV line with too few separators;
    /// `short_is_missing` is false for a spreadsheet row, whose cells are named by column
    /// letter). Returns the names of those missing columns.
    pub fn check_shape(
        &self,
        file: &str,
        row: &Row<'_>,
        spec: &[ColumnSpec],
        short_is_missing: bool,
        diags: &mut Diagnostics,
    ) -> Vec<&'static str> {
        let named = |i: usize| self.cells.get(i).is_some_and(|h| !h.trim().is_empty());
        let stray: Vec<usize> = row
            .filled()
            .map(|(i, _)| i)
            .filter(|&i| !named(i))
            .collect();
        if let Some(&first) = stray.first() {
            let values: Vec<String> = stray
                .iter()
                .take(3)
                .filter_map(|&i| row.cell(i))
                .map(show)
                .collect();
            diags.warning(
                file,
                row.line,
                Code::FieldCount,
                format!(
                    "this row has {} value(s) in cells without a column name in the header ({}{}, from {}): they are ignored; check for a separator inside a value, or a value typed in the wrong column",
                    stray.len(),
                    values.join(", "),
                    if stray.len() > 3 { ", ..." } else { "" },
                    if short_is_missing {
                        format!("cell {}", first + 1)
                    } else {
                        format!("column {}", super::xlsx::column_name(first as u32))
                    }
                ),
            );
        }
        if !short_is_missing {
            return Vec::new();
        }
        // Only required columns: a missing cell of an optional one is not provided, as an
        // empty one would be.
        let width = row.width();
        spec.iter()
            .zip(&self.map)
            .filter(|(c, i)| c.required && i.is_some_and(|i| i >= width))
            .map(|(c, _)| c.name)
            .collect()
    }
}

/// Maps header cells to spec columns; unknown columns become warnings. A header without
/// a required column is an error, which says so when the header is that of another table
/// (an offer file given as the returns); so is the header of another table given as a
/// table whose columns it happens to have.
pub(crate) fn resolve_columns(
    file: &str,
    table: TableKind,
    headers: Vec<String>,
    line: u64,
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
) -> Result<Header> {
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::Unreadable {
            file: file.to_owned(),
            reason: format!(
                "the file is empty: the {} table needs a header line with the columns {}",
                table.name(),
                spec.iter()
                    .filter(|c| c.required)
                    .map(|c| c.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let wrong_table = |found: TableKind, missing: Option<&str>| Error::WrongTable {
        file: file.to_owned(),
        table,
        looks_like: found,
        missing: missing.map(str::to_owned),
    };
    let mut map: Vec<Option<usize>> = vec![None; spec.len()];
    let mut unknown = Vec::new();
    for (i, raw) in headers.iter().enumerate() {
        let h = normalise_header(raw);
        if h.is_empty() {
            continue;
        }
        match spec.iter().position(|c| sniff::names(c, &h)) {
            Some(k) => {
                if let Some(prev) = map[k] {
                    return Err(Error::DuplicateColumn {
                        file: file.to_owned(),
                        column: spec[k].name.to_owned(),
                        first: show(headers[prev].trim()),
                        second: show(raw.trim()),
                    });
                }
                map[k] = Some(i);
            }
            // The survey workbook's own columns (names, share, checks, last year's).
            None if table
                .companion_columns()
                .iter()
                .any(|c| sniff::names(c, &h)) => {}
            None => unknown.push(i),
        }
    }
    for (k, col) in spec.iter().enumerate() {
        if col.required && map[k].is_none() {
            if let Some(found) = sniff::looks_like(&headers, table, 1) {
                return Err(wrong_table(found, Some(col.name)));
            }
            let found: Vec<String> = headers
                .iter()
                .filter(|h| !h.trim().is_empty())
                .take(12)
                .map(|h| show(h.trim()))
                .collect();
            return Err(Error::MissingColumn {
                file: file.to_owned(),
                table,
                column: col.name.to_owned(),
                header: format!("line {line}: {}", found.join(", ")),
            });
        }
    }
    if let Some(found) = sniff::looks_like(&headers, table, 2) {
        return Err(wrong_table(found, None));
    }
    for i in unknown {
        diags.warning(
            file,
            line,
            Code::UnknownColumn,
            format!(
                "the column `{}` is not a column of the {} table and is ignored (the known columns are {})",
                show(headers[i].trim()),
                table.name(),
                spec.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    Ok(Header {
        cells: headers,
        map,
        line,
    })
}

/// How many lines above the header (a title, a note) are looked through for it.
const TITLE_LINES: usize = 5;

/// The header among the first non-blank `lines` (line, cells, read as Latin-1): the
/// first line, or, when it lacks a required column, the first of the next few lines that
/// has them all; the lines above it are titles, each reported (`title_line`). Without
/// such a line, the first line's error.
pub(crate) fn find_header(
    file: &str,
    table: TableKind,
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
    mut lines: impl Iterator<Item = (u64, Vec<String>, bool)>,
) -> Result<Header> {
    let Some(mut candidate) = lines.next() else {
        return resolve_columns(file, table, Vec::new(), 1, spec, diags);
    };
    let mut titles: Vec<(u64, Vec<String>)> = Vec::new();
    loop {
        let (line, cells, recoded) = candidate;
        let mut scratch = Diagnostics::new();
        match resolve_columns(file, table, cells.clone(), line, spec, &mut scratch) {
            Ok(header) => {
                for (title, cells) in &titles {
                    let text: Vec<String> = cells
                        .iter()
                        .filter(|c| !c.trim().is_empty())
                        .take(3)
                        .map(|c| show(c.trim()))
                        .collect();
                    diags.warning(file, *title, Code::TitleLine, format!("this line above the header (line {line}) is not a row of the table and is ignored: `{}`", text.join(" ")));
                }
                if recoded {
                    diags.warning(file, line, Code::InvalidEncoding, "the header line is not UTF-8 text: it was read as Windows-1252 (Latin-1); save the file as CSV UTF-8");
                }
                diags.extend(scratch);
                return Ok(header);
            }
            Err(e @ Error::MissingColumn { .. }) => {
                titles.push((line, cells));
                match lines.next() {
                    Some(next) if titles.len() <= TITLE_LINES => candidate = next,
                    // No header below: the first line was meant as the header.
                    _ if titles.len() == 1 => return Err(e),
                    _ => {
                        let (first, cells) = titles.swap_remove(0);
                        return resolve_columns(file, table, cells, first, spec, diags).and(Err(e));
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// Warns about a row without cells for some columns of the table (read as empty).
pub(crate) fn warn_missing_cells(
    file: &str,
    row: &Row<'_>,
    missing: &[&str],
    diags: &mut Diagnostics,
) {
    if !missing.is_empty() {
        diags.warning(file, row.line, Code::FieldCount, format!("this row has {} cells and no cell for the column(s) {}, which are read as empty (not provided); check that no cell or separator was lost", row.width(), missing.join(", ")));
    }
}

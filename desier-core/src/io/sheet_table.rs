//! Reading a table from the sheet of an Excel workbook: the header, and every row checked
//! for its shape (merged cells, formulas without a computed value).

use super::header::find_header;
use super::row::{Cells, Row};
use super::xlsx;
use crate::diagnostics::{Code, Diagnostics};
use crate::error::Result;
use crate::schema::{ColumnSpec, TableKind};

/// Reads the table's sheet of a workbook; returns the header line and the number of rows.
pub(super) fn read_workbook(
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

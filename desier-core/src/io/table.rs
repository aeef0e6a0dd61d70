//! Reading any table of the method from CSV or XLSX bytes (or from rows already in memory,
//! as the Python and JavaScript bindings pass DataFrames) into rows whose cells are
//! addressed by canonical column: the dispatch to the CSV and workbook readers, with the
//! accounting of every row.

use super::header::warn_missing_cells;
use super::input::Data;
use super::row::{Cells, Row};
use super::{csv_table, sheet_table, sniff};
use crate::diagnostics::{Code, Diagnostics};
use crate::error::Result;
pub(crate) use crate::schema::normalise_header;
pub use crate::schema::{ColumnSpec, TableKind};

pub use super::accounting::TableRead;
pub use super::input::{detect_tables, Input};

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
    let file = input.name();
    let first_diagnostic = diags.len();
    let (header_line, rows) = match input.data() {
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
            sniff::Content::Workbook => {
                sheet_table::read_workbook(file, table, bytes, spec, diags, &mut visit)?
            }
            sniff::Content::Text { bytes, lossy } => {
                if lossy {
                    diags.warning(file, 1, Code::InvalidEncoding, "this UTF-16 (\"Unicode text\") file has characters that cannot be decoded: they are shown as \u{fffd}; save the file as CSV UTF-8");
                }
                csv_table::read_csv(file, table, &bytes, spec, diags, &mut visit)?
            }
        },
    };
    let mut read = TableRead::new(table, file, rows, header_line, first_diagnostic);
    read.settle(diags);
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_normalised() {
        assert_eq!(normalise_header("\u{feff} Codice ISTAT "), "codice_istat");
        assert_eq!(normalise_header("Attività"), "attivita");
    }
}

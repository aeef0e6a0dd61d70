//! One data row of a table, whatever it was read from, its cells addressed by the position
//! of the column in the table's spec.

use super::cell::trim;
use super::csv_split::Record;

/// One data row, its cells addressed by the position of the column in the table's spec.
pub(crate) struct Row<'a> {
    /// 1-based line (header = 1; in a workbook, the spreadsheet row number).
    pub line: u64,
    pub(super) cells: Cells<'a>,
    pub(super) map: &'a [Option<usize>],
}

pub(super) enum Cells<'a> {
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

    pub(super) fn all_empty(&self) -> bool {
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

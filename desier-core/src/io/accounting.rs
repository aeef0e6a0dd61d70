//! The accounting of the rows of each table read (il conto delle righe).

use crate::diagnostics::{Diagnostics, Severity};
use crate::schema::TableKind;
use serde::{Deserialize, Serialize};

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

    /// The accounting of a table of `rows` data rows whose header is on `header_line` and
    /// whose diagnostics start at `first_diagnostic`; settled by [`TableRead::settle`].
    pub(crate) fn new(
        table: TableKind,
        file: &str,
        rows: u64,
        header_line: u64,
        first_diagnostic: usize,
    ) -> Self {
        TableRead {
            table,
            file: file.to_owned(),
            rows,
            accepted: 0,
            accepted_with_warnings: 0,
            rejected: 0,
            header_line,
            first_diagnostic,
        }
    }

    /// The same accounting, its diagnostics starting at `first_diagnostic` of another list
    /// (a computation's, made of the diagnostics of the tables it uses).
    pub(crate) fn rebased(&self, first_diagnostic: usize) -> Self {
        TableRead {
            first_diagnostic,
            ..self.clone()
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

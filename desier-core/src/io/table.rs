//! Reading any table of the method from CSV or XLSX bytes (or from rows already in memory,
//! as the Python and JavaScript bindings pass DataFrames) into rows whose cells are
//! addressed by canonical column.

use super::csv_split::{Record, Splitter};
use crate::diagnostics::{Code, Diagnostics, Severity};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::Cursor;

/// The tables of the method, as named in FORMATS.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// `entities`: the registry of bodies (anagrafica degli enti).
    Entities,
    /// `facilities`: physical facilities per year (servizi fisici, e.g. the nursery).
    Facilities,
    /// `procedures`: the interactivity catalog (catalogo dei procedimenti).
    Procedures,
    /// `offer`: the surveyed online offer (rilevazione dell'offerta).
    Offer,
    /// `services`: the usage-service catalog (catalogo dei servizi).
    Services,
    /// `returns`: the usage returns (rilevazione dell'utilizzo).
    Returns,
}

impl TableKind {
    /// Every table, in reading order.
    pub const ALL: [TableKind; 6] = [
        TableKind::Entities,
        TableKind::Facilities,
        TableKind::Procedures,
        TableKind::Offer,
        TableKind::Services,
        TableKind::Returns,
    ];

    /// The canonical table name (also the canonical file stem and sheet name).
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Entities => "entities",
            TableKind::Facilities => "facilities",
            TableKind::Procedures => "procedures",
            TableKind::Offer => "offer",
            TableKind::Services => "services",
            TableKind::Returns => "returns",
        }
    }

    /// Italian sheet names accepted for the table in a workbook.
    fn sheet_aliases(self) -> &'static [&'static str] {
        match self {
            TableKind::Entities => &["enti", "anagrafica", "comuni"],
            TableKind::Facilities => &["strutture", "servizi_fisici"],
            TableKind::Procedures => &["procedimenti", "catalogo"],
            TableKind::Offer => &["offerta"],
            TableKind::Services => &["servizi"],
            TableKind::Returns => &["utilizzo", "rilevazione", "ritorni"],
        }
    }

    /// Parses a canonical table name.
    pub fn from_name(name: &str) -> Option<TableKind> {
        TableKind::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// A column of a table: its canonical name, accepted aliases and whether it is required.
#[derive(Clone, Copy, Debug)]
pub struct ColumnSpec {
    /// Canonical (English) name.
    pub name: &'static str,
    /// Accepted aliases (Italian names), matched case-insensitively.
    pub aliases: &'static [&'static str],
    /// Whether the table cannot be read without it.
    pub required: bool,
}

impl ColumnSpec {
    /// A required column.
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Self {
        Self {
            name,
            aliases,
            required: true,
        }
    }
    /// An optional column.
    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Self {
        Self {
            name,
            aliases,
            required: false,
        }
    }
}

#[derive(Clone, Debug)]
enum Data {
    Bytes(Cow<'static, [u8]>),
    Rows {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
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
            reason: e.to_string(),
        })?;
        Ok(Input {
            name,
            data: Data::Bytes(Cow::Owned(bytes)),
        })
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
}

impl Row<'_> {
    /// The trimmed cell of spec column `col` ("" when the column or cell is absent).
    pub fn get(&self, col: usize) -> &str {
        let Some(Some(i)) = self.map.get(col) else {
            return "";
        };
        let cell = match &self.cells {
            Cells::Csv(r) => r.get(*i),
            Cells::Owned(v) => v.get(*i).map(String::as_str),
        };
        cell.unwrap_or("").trim()
    }

    /// Whether spec column `col` is present in the header.
    pub fn has(&self, col: usize) -> bool {
        matches!(self.map.get(col), Some(Some(_)))
    }

    fn all_empty(&self) -> bool {
        match &self.cells {
            Cells::Csv(r) => r.iter().all(|c| c.trim().is_empty()),
            Cells::Owned(v) => v.iter().all(|c| c.trim().is_empty()),
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

/// Normalises a header cell: trimmed, lower case, accents folded, spaces and dashes as `_`.
pub(crate) fn normalise_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .trim()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'À' | 'Á' => 'a',
            'è' | 'é' | 'È' | 'É' => 'e',
            'ì' | 'í' | 'Ì' | 'Í' => 'i',
            'ò' | 'ó' | 'Ò' | 'Ó' => 'o',
            'ù' | 'ú' | 'Ù' | 'Ú' => 'u',
            ' ' | '-' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Maps header cells to spec columns; unknown columns become warnings.
fn resolve_columns(
    file: &str,
    table: TableKind,
    headers: &[String],
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
) -> Result<Vec<Option<usize>>> {
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
    let mut map: Vec<Option<usize>> = vec![None; spec.len()];
    for (i, raw) in headers.iter().enumerate() {
        let h = normalise_header(raw);
        if h.is_empty() {
            continue;
        }
        let found = spec
            .iter()
            .position(|c| c.name == h || c.aliases.iter().any(|a| normalise_header(a) == h));
        match found {
            Some(k) => {
                if let Some(prev) = map[k] {
                    return Err(Error::DuplicateColumn {
                        file: file.to_owned(),
                        column: spec[k].name.to_owned(),
                        first: headers[prev].trim().to_owned(),
                        second: raw.trim().to_owned(),
                    });
                }
                map[k] = Some(i);
            }
            None => diags.warning(
                file,
                1,
                Code::UnknownColumn,
                format!(
                    "the column `{}` is not a column of the {} table and is ignored (known columns: {})",
                    raw.trim(),
                    table.name(),
                    spec.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
                ),
            ),
        }
    }
    for (k, col) in spec.iter().enumerate() {
        if col.required && map[k].is_none() {
            let mut aliases = vec![col.name];
            aliases.extend(col.aliases);
            return Err(Error::MissingColumn {
                file: file.to_owned(),
                table: table.name().to_owned(),
                column: col.name.to_owned(),
                aliases: aliases.join(", "),
            });
        }
    }
    Ok(map)
}

/// Reads `input` as `table`, calling `visit` for every non-blank data row.
pub(crate) fn read_rows(
    input: &Input,
    table: TableKind,
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
    mut visit: impl FnMut(&Row<'_>, &mut Diagnostics),
) -> Result<TableRead> {
    let file = input.name.as_str();
    let first_diagnostic = diags.len();
    let mut rows = 0u64;
    let mut header_line = 1;
    match &input.data {
        Data::Rows {
            headers,
            rows: data,
        } => {
            let map = resolve_columns(file, table, headers, spec, diags)?;
            for (i, cells) in data.iter().enumerate() {
                let row = Row {
                    line: i as u64 + 2,
                    cells: Cells::Owned(cells),
                    map: &map,
                };
                if !row.all_empty() {
                    rows += 1;
                    visit(&row, diags);
                }
            }
        }
        Data::Bytes(bytes) if is_xlsx(bytes) => {
            let (header_row, headers, data) = read_xlsx(file, table, bytes)?;
            header_line = header_row;
            let map = resolve_columns(file, table, &headers, spec, diags)?;
            for (line, cells) in &data {
                let row = Row {
                    line: *line,
                    cells: Cells::Owned(cells),
                    map: &map,
                };
                if !row.all_empty() {
                    rows += 1;
                    visit(&row, diags);
                }
            }
        }
        Data::Bytes(bytes) => {
            if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
                return Err(Error::Unreadable {
                    file: file.to_owned(),
                    reason: "this is an old Excel .xls file: save it as .xlsx or as CSV".into(),
                });
            }
            (header_line, rows) = read_csv(file, table, bytes, spec, diags, &mut visit)?;
        }
    }
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

fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Picks `,`, `;` or tab from the first line, counting outside quotes.
fn detect_separator(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes.iter().take_while(|&&b| b != b'\n') {
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

fn read_csv(
    file: &str,
    table: TableKind,
    bytes: &[u8],
    spec: &[ColumnSpec],
    diags: &mut Diagnostics,
    visit: &mut impl FnMut(&Row<'_>, &mut Diagnostics),
) -> Result<(u64, u64)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut splitter = Splitter::new(bytes, detect_separator(bytes));
    let mut record = Record::default();
    let mut headers: Vec<String> = Vec::new();
    let mut map: Option<Vec<Option<usize>>> = None;
    let mut header_line = 1;
    let mut rows = 0u64;
    while splitter.next_record(&mut record) {
        let line = record.line;
        let Some(map) = map.as_ref() else {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue; // blank lines before the header
            }
            headers = record.iter().map(str::to_owned).collect();
            header_line = line;
            if record.recoded {
                diags.warning(file, line, Code::InvalidEncoding, "the header line is not UTF-8 text: it was read as Windows-1252 (Latin-1); save the file as CSV UTF-8");
            }
            map = Some(resolve_columns(file, table, &headers, spec, diags)?);
            continue;
        };
        let row = Row {
            line,
            cells: Cells::Csv(&record),
            map,
        };
        if row.all_empty() {
            continue;
        }
        rows += 1;
        if record.unbalanced {
            diags.error(file, line, Code::MalformedRow, "this row has a quote (\") that is never closed, so its cells cannot be told apart: remove the stray quote or close it");
            continue;
        }
        if record.recoded {
            diags.warning(file, line, Code::InvalidEncoding, "this row is not UTF-8 text: it was read as Windows-1252 (Latin-1); check its accented letters and save the file as CSV UTF-8");
        }
        if record.len() > headers.len()
            && record
                .iter()
                .skip(headers.len())
                .any(|c| !c.trim().is_empty())
        {
            diags.warning(
                file,
                line,
                Code::FieldCount,
                format!(
                    "this row has {} cells but the header has {} columns: the extra cells are ignored; check for a separator inside a value",
                    record.len(),
                    headers.len()
                ),
            );
        }
        visit(&row, diags);
    }
    if map.is_none() {
        resolve_columns(file, table, &[], spec, diags)?;
    }
    Ok((header_line, rows))
}

/// Converts a spreadsheet cell to the text a CSV export would hold, the Italian way for
/// fractions (`12,5`) so that the cell parsers read both alike.
fn xlsx_cell(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string().replace('.', ","),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => format!("{} (a date)", d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

type SheetRows = (u64, Vec<String>, Vec<(u64, Vec<String>)>);

fn read_xlsx(file: &str, table: TableKind, bytes: &[u8]) -> Result<SheetRows> {
    use calamine::Reader;
    let unreadable = |reason: String| Error::Unreadable {
        file: file.to_owned(),
        reason,
    };
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a readable Excel workbook ({e})")))?;
    let names = wb.sheet_names();
    let wanted = |n: &str| {
        let n = normalise_header(n);
        n == table.name() || table.sheet_aliases().contains(&n.as_str())
    };
    let sheet = names
        .iter()
        .find(|n| wanted(n))
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| unreadable("the workbook has no sheets".into()))?;
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| unreadable(format!("the sheet `{sheet}` cannot be read ({e})")))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows().enumerate().map(|(i, r)| {
        // Cells left of the used range are empty: pad so that columns line up.
        let mut cells = vec![String::new(); col0 as usize];
        cells.extend(r.iter().map(xlsx_cell));
        (u64::from(row0) + i as u64 + 1, cells)
    });
    let mut headers = Vec::new();
    let mut header_line = 1;
    for (line, cells) in rows.by_ref() {
        if cells.iter().any(|c| !c.trim().is_empty()) {
            headers = cells;
            header_line = line;
            break;
        }
    }
    Ok((header_line, headers, rows.collect()))
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
    }

    #[test]
    fn headers_are_normalised() {
        assert_eq!(normalise_header("\u{feff} Codice ISTAT "), "codice_istat");
        assert_eq!(normalise_header("Attività"), "attivita");
    }
}

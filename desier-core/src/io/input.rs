//! The input sources of a computation (le tabelle in ingresso): CSV or XLSX bytes, files
//! read when first used, or rows already in memory (the DataFrames of the Python binding,
//! the tables of the JavaScript one), and which tables a file holds.

use crate::error::{Error, Result};
use crate::schema::TableKind;
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
            // A workbook too large to open is named by its file name (reading it will say why).
            super::zip_guard::check(name, bytes)?;
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
pub(super) enum Data {
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

    /// What the input holds.
    pub(super) fn data(&self) -> &Data {
        &self.data
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

/// The input tables of a computation, each optional; a computation says which it needs.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// `entities`: the registry of bodies (required by every computation).
    pub entities: Option<Input>,
    /// `facilities`: physical facilities per year (optional: all present).
    pub facilities: Option<Input>,
    /// `procedures`: the interactivity catalog.
    pub procedures: Option<Input>,
    /// `offer`: the surveyed online offer.
    pub offer: Option<Input>,
    /// `services`: the usage-service catalog (optional: the built-in one).
    pub services: Option<Input>,
    /// `returns`: the usage returns.
    pub returns: Option<Input>,
    /// `payments`: pagoPA payment records (read by the payments computation).
    pub payments: Option<Input>,
    /// `service_map`: the service map of the payments (optional: the built-in one).
    pub service_map: Option<Input>,
    /// `channel_rules`: the channel rules of the payments (optional: the built-in ones).
    pub channel_rules: Option<Input>,
}

impl Tables {
    /// The input of a table, if given.
    pub fn get(&self, table: TableKind) -> Option<&Input> {
        self.slot_ref(table).as_ref()
    }

    /// Sets the input of a table.
    pub fn set(&mut self, table: TableKind, input: Input) {
        *self.slot(table) = Some(input);
    }

    /// Sets the input of a table, chainable.
    pub fn with(mut self, table: TableKind, input: Input) -> Self {
        self.set(table, input);
        self
    }

    fn slot(&mut self, table: TableKind) -> &mut Option<Input> {
        match table {
            TableKind::Entities => &mut self.entities,
            TableKind::Facilities => &mut self.facilities,
            TableKind::Procedures => &mut self.procedures,
            TableKind::Offer => &mut self.offer,
            TableKind::Services => &mut self.services,
            TableKind::Returns => &mut self.returns,
            TableKind::Payments => &mut self.payments,
            TableKind::ServiceMap => &mut self.service_map,
            TableKind::ChannelRules => &mut self.channel_rules,
        }
    }

    fn slot_ref(&self, table: TableKind) -> &Option<Input> {
        match table {
            TableKind::Entities => &self.entities,
            TableKind::Facilities => &self.facilities,
            TableKind::Procedures => &self.procedures,
            TableKind::Offer => &self.offer,
            TableKind::Services => &self.services,
            TableKind::Returns => &self.returns,
            TableKind::Payments => &self.payments,
            TableKind::ServiceMap => &self.service_map,
            TableKind::ChannelRules => &self.channel_rules,
        }
    }

    /// The input of a table the computation cannot do without.
    pub fn require(&self, table: TableKind) -> Result<&Input> {
        self.get(table).ok_or(Error::MissingTable { table })
    }

    /// The tables found in a folder under their canonical names (`entities.csv`,
    /// `procedures.csv`, `offer.csv`, `facilities.csv`, `services.csv`, `returns.csv`,
    /// or the same names with `.xlsx`); missing ones are left unset.
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> Result<Tables> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::Unreadable {
                file: dir.display().to_string(),
                reason: "not a folder".into(),
            });
        }
        let mut tables = Tables::default();
        for t in TableKind::ALL {
            for ext in ["csv", "xlsx"] {
                let path = dir.join(format!("{}.{ext}", t.name()));
                if path.is_file() {
                    tables.set(t, Input::from_file(&path));
                    break;
                }
            }
        }
        Ok(tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

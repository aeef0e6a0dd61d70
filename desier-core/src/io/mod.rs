//! Reading the input tables (CSV or XLSX) of FORMATS.md, with diagnostics for every
//! rejected or doubtful row.
//!
//! - [`input`]: the input sources ([`Input`]) and which tables a file holds; [`Tables`]
//!   (below): the tables of a computation;
//! - `table` (with `csv_table`, `sheet_table`, `row`, `header`, `sniff`, `xlsx`,
//!   `csv_split`, [`cell`]): any table's rows from CSV, a workbook or memory;
//! - [`accounting`]: what became of every row ([`TableRead`]);
//! - one reader per table ([`entities`], [`facilities`], [`procedures`], [`offer`],
//!   [`services`], [`returns`]), each checking its rows on their own.
//!
//! The tables are read together, once, by [`crate::Dataset`].

pub mod accounting;
pub mod cell;
mod csv_split;
mod csv_table;
pub mod entities;
pub mod facilities;
mod header;
pub mod input;
pub mod offer;
pub mod procedures;
pub mod returns;
mod row;
pub mod services;
mod sheet_table;
mod sniff;
pub mod table;
mod xlsx;
mod zip_guard;

pub use accounting::TableRead;
pub use input::{detect_tables, Input};
pub use table::TableKind;

use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::model::facilities::Facilities;
use crate::model::registry::Registry;
use std::path::Path;

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
        }
    }

    /// The input of a table the computation cannot do without.
    pub fn require(&self, table: TableKind) -> Result<&Input> {
        self.get(table).ok_or(Error::MissingTable { table })
    }

    /// The tables found in a folder under their canonical names (`entities.csv`,
    /// `procedures.csv`, `offer.csv`, `facilities.csv`, `services.csv`, `returns.csv`,
    /// or the same names with `.xlsx`); missing ones are left unset.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Tables> {
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

/// Reads the registry (required), appending its accounting to `accounts`.
pub(crate) fn load_registry(
    tables: &Tables,
    diags: &mut Diagnostics,
    accounts: &mut Vec<TableRead>,
) -> Result<Registry> {
    let (registry, read) = entities::read_entities(tables.require(TableKind::Entities)?, diags)?;
    accounts.push(read);
    Ok(registry)
}

/// Reads the facilities, when given, appending their accounting to `accounts`.
pub(crate) fn load_facilities(
    tables: &Tables,
    registry: &Registry,
    diags: &mut Diagnostics,
    accounts: &mut Vec<TableRead>,
) -> Result<Facilities> {
    match tables.get(TableKind::Facilities) {
        Some(input) => {
            let (f, read) = facilities::read_facilities(input, registry, diags)?;
            accounts.push(read);
            Ok(f)
        }
        None => Ok(Facilities::default()),
    }
}

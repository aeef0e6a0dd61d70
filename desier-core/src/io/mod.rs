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
pub(crate) mod csv_split;
pub(crate) mod csv_table;
pub mod entities;
pub mod facilities;
pub(crate) mod header;
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
pub use input::{detect_tables, Input, Tables};
pub use table::TableKind;

use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::model::facilities::Facilities;
use crate::model::registry::Registry;

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

//! Reader of `facilities.csv`: physical facilities per year.

use super::cell::{is_missing, parse_bool};
use super::entities::RowBodies;
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::ids::FacilityId;
use crate::model::facilities::Facilities;
use crate::model::registry::Registry;

const YEAR: usize = 0;
const ENTITY: usize = 1;
const FACILITY: usize = 2;
const PRESENT: usize = 3;

/// The columns of the facilities table ([`crate::schema::FACILITIES`]).
pub const COLUMNS: &[ColumnSpec] = crate::schema::FACILITIES;

/// Reads the facilities, checking bodies against the registry of each year.
pub fn read_facilities(
    input: &Input,
    registry: &Registry,
    diags: &mut Diagnostics,
) -> Result<(Facilities, TableRead)> {
    let file = input.name().to_owned();
    let mut facilities = Facilities::default();
    let mut bodies = RowBodies::default();
    let read = read_rows(
        input,
        TableKind::Facilities,
        COLUMNS,
        diags,
        |row, diags| {
            let line = row.line;
            let Some((year, reg, pos)) =
                bodies.resolve(registry, row.get(YEAR), row.get(ENTITY), &file, line, diags)
            else {
                return;
            };
            let facility = row.get(FACILITY);
            if is_missing(facility) {
                diags.error(
                    &file,
                    line,
                    Code::MissingValue,
                    "the facility is empty: name it (e.g. nursery); the row is left out",
                );
                return;
            }
            let present = match parse_bool(row.get(PRESENT)) {
                Ok(Some(p)) => p,
                Ok(None) | Err(_) => {
                    diags.error(
                        &file,
                        line,
                        Code::InvalidBoolean,
                        format!(
                            "`present` is `{}`: write yes or no (si/no, true/false, 1/0); the row is left out",
                            show(row.get(PRESENT))
                        ),
                    );
                    return;
                }
            };
            let id = reg.entities()[pos].id.clone();
            if !facilities.insert(
                year,
                id.clone(),
                FacilityId::new(facility.to_owned()),
                present,
            ) {
                diags.error(&file, line, Code::DuplicateRow, format!("the facility `{}` of `{}` in {year} is listed twice: the first row is used and this one is left out; delete or correct one of them", show(facility), show(id.as_str())));
            }
        },
    )?;
    Ok((facilities, read))
}

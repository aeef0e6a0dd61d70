//! Reader of `procedures.csv`: the interactivity catalog.

use super::cell::{is_missing, split_list};
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::ids::{AreaId, FacilityId, PhaseId, ProcedureId};
use crate::model::catalog::{Catalog, Procedure, MAX_PHASES};
use std::collections::HashMap;

const ID: usize = 0;
const NAME: usize = 1;
const AREA: usize = 2;
const AREA_NAME: usize = 3;
const PHASES: usize = 4;
const FACILITY: usize = 5;

/// The columns of the procedures table ([`crate::schema::PROCEDURES`]).
pub const COLUMNS: &[ColumnSpec] = crate::schema::PROCEDURES;

/// Reads the catalog of procedures.
pub fn read_procedures(input: &Input, diags: &mut Diagnostics) -> Result<(Catalog, TableRead)> {
    let file = input.name().to_owned();
    let mut procedures = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut area_names: HashMap<AreaId, String> = HashMap::new();
    let read = read_rows(
        input,
        TableKind::Procedures,
        COLUMNS,
        diags,
        |row, diags| {
            let line = row.line;
            let id = row.get(ID);
            if is_missing(id) {
                diags.error(
                    &file,
                    line,
                    Code::MissingValue,
                    "the procedure_id is empty: every procedure needs an identifier; the row is left out",
                );
                return;
            }
            let shown = show(id);
            let area = row.get(AREA);
            if is_missing(area) {
                diags.error(
                    &file,
                    line,
                    Code::MissingValue,
                    format!("the procedure `{shown}` has no area_id: give its thematic area; the row is left out"),
                );
                return;
            }
            let mut phases: Vec<PhaseId> = Vec::new();
            for p in split_list(row.get(PHASES)) {
                if !phases.iter().any(|q| q.as_str() == p) {
                    phases.push(PhaseId::new(p.to_owned()));
                }
            }
            if phases.is_empty() {
                diags.error(&file, line, Code::MissingValue, format!("the procedure `{shown}` lists no applicable online phase: give at least one (e.g. `request`; several separated by `|`); the row is left out"));
                return;
            }
            if phases.len() > MAX_PHASES {
                diags.error(
                    &file,
                    line,
                    Code::InvalidValue,
                    format!(
                        "the procedure `{shown}` lists {} phases but at most {MAX_PHASES} are supported: the row is left out; check the separator of the phases (`|`)",
                        phases.len()
                    ),
                );
                return;
            }
            if let Some(first) = seen.get(id) {
                diags.error(&file, line, Code::DuplicateRow, format!("the procedure `{shown}` is listed twice: the row on line {first} is used and this one is left out; delete or correct one of them"));
                return;
            }
            seen.insert(id.to_owned(), line);
            let area = AreaId::new(area.to_owned());
            let area_name = row.get(AREA_NAME);
            if !area_name.is_empty() {
                area_names
                    .entry(area.clone())
                    .or_insert_with(|| area_name.to_owned());
            }
            let facility = row.get(FACILITY);
            procedures.push(Procedure {
                id: ProcedureId::new(id.to_owned()),
                name: row.get(NAME).to_owned(),
                area,
                phases,
                requires_facility: (!is_missing(facility))
                    .then(|| FacilityId::new(facility.to_owned())),
            });
        },
    )?;
    Ok((Catalog::new(procedures, &area_names), read))
}

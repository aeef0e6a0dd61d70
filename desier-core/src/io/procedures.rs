//! Reader of `procedures.csv`: the interactivity catalog.

use super::cell::{is_missing, split_list};
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{Code, Diagnostics};
use crate::error::Result;
use crate::ids::{AreaId, FacilityId, PhaseId, ProcedureId};
use crate::model::catalog::{Catalog, Procedure, MAX_PHASES};
use std::collections::{HashMap, HashSet};

const ID: usize = 0;
const NAME: usize = 1;
const AREA: usize = 2;
const AREA_NAME: usize = 3;
const PHASES: usize = 4;
const FACILITY: usize = 5;

/// The columns of the procedures table.
pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required(
        "procedure_id",
        &["id_procedimento", "codice_procedimento", "procedimento_id"],
    ),
    ColumnSpec::optional(
        "procedure_name",
        &["procedimento", "nome_procedimento", "denominazione"],
    ),
    ColumnSpec::required("area_id", &["area", "id_area", "codice_area"]),
    ColumnSpec::optional("area_name", &["nome_area", "area_tematica"]),
    ColumnSpec::required("phases", &["fasi", "fasi_applicabili", "fasi_online"]),
    ColumnSpec::optional(
        "requires_facility",
        &["struttura", "servizio_fisico", "richiede_struttura"],
    ),
];

/// Reads the catalog of procedures.
pub fn read_procedures(input: &Input, diags: &mut Diagnostics) -> Result<(Catalog, TableRead)> {
    let file = input.name().to_owned();
    let mut procedures = Vec::new();
    let mut seen = HashSet::new();
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
                    "the procedure_id is empty: every procedure needs an identifier",
                );
                return;
            }
            let area = row.get(AREA);
            if is_missing(area) {
                diags.error(
                    &file,
                    line,
                    Code::MissingValue,
                    format!("the procedure `{id}` has no area_id: give its thematic area"),
                );
                return;
            }
            let mut phases: Vec<PhaseId> = Vec::new();
            for p in split_list(row.get(PHASES)) {
                if !phases.iter().any(|q| q.as_str() == p) {
                    phases.push(PhaseId(p.to_owned()));
                }
            }
            if phases.is_empty() {
                diags.error(&file, line, Code::MissingValue, format!("the procedure `{id}` lists no applicable online phase: give at least one (e.g. `request`), `|`-separated"));
                return;
            }
            if phases.len() > MAX_PHASES {
                diags.error(
                    &file,
                    line,
                    Code::InvalidValue,
                    format!(
                        "the procedure `{id}` lists {} phases: at most {MAX_PHASES} are supported",
                        phases.len()
                    ),
                );
                return;
            }
            if !seen.insert(id.to_owned()) {
                diags.error(
                    &file,
                    line,
                    Code::DuplicateRow,
                    format!("the procedure `{id}` is listed twice: only its first row is used"),
                );
                return;
            }
            let area = AreaId(area.to_owned());
            let area_name = row.get(AREA_NAME);
            if !area_name.is_empty() {
                area_names
                    .entry(area.clone())
                    .or_insert_with(|| area_name.to_owned());
            }
            let facility = row.get(FACILITY);
            procedures.push(Procedure {
                id: ProcedureId(id.to_owned()),
                name: row.get(NAME).to_owned(),
                area,
                phases,
                requires_facility: (!is_missing(facility)).then(|| FacilityId(facility.to_owned())),
            });
        },
    )?;
    Ok((Catalog::new(procedures, &area_names), read))
}

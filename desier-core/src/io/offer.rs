//! Reader of `offer.csv`: the surveyed online offer.

use super::cell::split_list;
use super::entities::RowBodies;
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::model::catalog::Catalog;
use crate::model::offer::{Offer, PhaseMask, YearOffer};
use crate::model::registry::{EntityKind, Registry};

const YEAR: usize = 0;
const ENTITY: usize = 1;
const PROCEDURE: usize = 2;
const PHASES: usize = 3;

/// The columns of the offer table ([`crate::schema::OFFER`]).
pub const COLUMNS: &[ColumnSpec] = crate::schema::OFFER;

/// Reads the offer, checking bodies against the registry of each year and procedures and
/// phases against the catalog.
pub fn read_offer(
    input: &Input,
    registry: &Registry,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Result<(Offer, TableRead)> {
    let file = input.name().to_owned();
    let mut offer = Offer::default();
    let mut bodies = RowBodies::default();
    let read = read_rows(input, TableKind::Offer, COLUMNS, diags, |row, diags| {
        let line = row.line;
        let Some((year, reg, pos)) =
            bodies.resolve(registry, row.get(YEAR), row.get(ENTITY), &file, line, diags)
        else {
            return;
        };
        let entity = &reg.entities()[pos];
        if !matches!(entity.kind, EntityKind::Municipality | EntityKind::Union) {
            diags.error(&file, line, Code::EntityNotMunicipal, format!("`{}` is a {}, and the interactivity index covers municipalities (and the unions acting for them): the row is left out; remove it", show(entity.id.as_str()), entity.kind.as_str()));
            return;
        }
        let pid = row.get(PROCEDURE);
        let shown = show(pid);
        let Some(p) = catalog.position(pid) else {
            diags.error(&file, line, Code::UnknownProcedure, format!("the procedure `{shown}` is not in the catalog (procedures): check the code, or add the procedure to the catalog; the row is left out"));
            return;
        };
        let procedure = &catalog.procedures()[p];
        let mut mask: PhaseMask = 0;
        for phase in split_list(row.get(PHASES)) {
            match procedure.phases.iter().position(|q| q.as_str() == phase) {
                Some(i) => mask |= 1 << i,
                None if catalog.knows_phase(phase) => diags.warning(&file, line, Code::PhaseNotApplicable, format!("the phase `{}` is not applicable to `{shown}` (its phases: {}): the phase is ignored, the rest of the row is kept", show(phase), join(&procedure.phases))),
                None => diags.warning(&file, line, Code::UnknownPhase, format!("the phase `{}` is not a phase of the catalog (the phases of `{shown}`: {}): the phase is ignored, the rest of the row is kept; check its spelling", show(phase), join(&procedure.phases))),
            }
        }
        let year_offer = offer
            .years
            .entry(year)
            .or_insert_with(|| YearOffer::new(reg.entities().len(), catalog.procedures().len()));
        if !year_offer.insert(pos, p, mask) {
            diags.error(&file, line, Code::DuplicateRow, format!("`{}` has two rows for `{shown}` in {year}: the first row is used and this one is left out; merge them into one", show(entity.id.as_str())));
        }
    })?;
    Ok((offer, read))
}

fn join(phases: &[crate::ids::PhaseId]) -> String {
    phases
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

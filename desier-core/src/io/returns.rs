//! Reader of `returns.csv`: the usage returns, with the row checks of METHOD.md section 5.
//! The checks that compare a row with the previous year's are in
//! [`crate::validate::year_over_year`], run as a second pass once every row is read.

use super::cell::{is_missing, number_problem, parse_bool, parse_count, plain_count};
use super::entities::RowBodies;
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::model::registry::{EntityKind, Registry};
use crate::model::returns::{Counts, Returns, UsageReturn};
use crate::model::services::{Channel, Competence, ServiceCatalog};

const YEAR: usize = 0;
const ENTITY: usize = 1;
const SERVICE: usize = 2;
const ACTIVE: usize = 3;
/// The count columns follow, in the order of [`Channel::ALL`].
const FIRST_COUNT: usize = 4;

/// The columns of the returns table ([`crate::schema::RETURNS`]).
pub const COLUMNS: &[ColumnSpec] = crate::schema::RETURNS;

/// Whether a body of `kind` can file a return for a service of `competence`: municipal
/// services by municipalities and unions (acting for their members), provincial ones by
/// provinces, the transport operators' by operators; services of competence `other` by
/// any body.
pub fn may_file(competence: Competence, kind: EntityKind) -> bool {
    match competence {
        Competence::Municipal => matches!(kind, EntityKind::Municipality | EntityKind::Union),
        Competence::Province => kind == EntityKind::Province,
        Competence::TransportOperator => kind == EntityKind::TransportOperator,
        Competence::Other => true,
    }
}

/// Reads the returns, checking each row on its own (METHOD.md section 5). Errors reject
/// the row: a year that is not a year; an unknown body or service; a body that cannot
/// have the service (`competence_mismatch`); an `active` cell that is not a boolean; a
/// count that is not a non-negative whole number; an online count greater than the total;
/// a second row for the same (year, body, service) (the first accepted one is kept).
/// Warnings keep the row: platform counts on a service declared not active (extra-platform
/// counts and totals are expected there: mail and counters work without the online
/// service); an `active` cell not provided (the row then gives no useful datum).
pub fn read_returns(
    input: &Input,
    registry: &Registry,
    catalog: &ServiceCatalog,
    diags: &mut Diagnostics,
) -> Result<(Returns, TableRead)> {
    let file = input.name().to_owned();
    // About one row per 40 bytes: room for them all at once spares copying a large table
    // while it grows (room never used costs no memory).
    let mut returns = Returns::with_capacity(input.len() / 32);
    let mut bodies = RowBodies::default();
    let mut read = read_rows(input, TableKind::Returns, COLUMNS, diags, |row, diags| {
        let line = row.line;
        let Some((year, reg, pos)) =
            bodies.resolve(registry, row.get(YEAR), row.get(ENTITY), &file, line, diags)
        else {
            return;
        };
        let entity = &reg.entities()[pos];
        let sid = row.get(SERVICE);
        let (id, shown) = (show(entity.id.as_str()), show(sid));
        let Some(service) = catalog.position(sid) else {
            if is_missing(sid) {
                diags.error(&file, line, Code::MissingValue, "the service_id is empty: give the service the counts are about (e.g. suap); the row is left out");
            } else {
                diags.error(&file, line, Code::UnknownService, format!("the service `{shown}` is not in the service catalog: check its spelling, or add the service to services.csv; the row is left out"));
            }
            return;
        };
        let competence = catalog.services()[service].competence;
        if !may_file(competence, entity.kind) {
            diags.error(&file, line, Code::CompetenceMismatch, format!("`{id}` is a {} but `{shown}` is a service of competence {}: check the body code or the service; the row is left out", entity.kind.as_str(), competence.as_str()));
            return;
        }
        let active = match parse_bool(row.get(ACTIVE)) {
            Ok(a) => a,
            Err(_) => {
                diags.error(&file, line, Code::InvalidBoolean, format!("`active` is `{}`: write yes or no (si/no, true/false, 1/0); the row is left out", show(row.get(ACTIVE))));
                return;
            }
        };
        let mut counts = Counts::default();
        let mut bad = Vec::new();
        for (k, channel) in Channel::ALL.into_iter().enumerate() {
            let cell = row.get(FIRST_COUNT + k);
            // The usual cell, plain digits, needs neither of the checks below.
            if let Some(v) = plain_count(cell) {
                counts.set(channel, Some(v));
                continue;
            }
            if is_missing(cell) {
                continue;
            }
            match parse_count(cell) {
                Ok(v) => counts.set(channel, Some(v)),
                Err(e) => bad.push(format!(
                    "{} `{}` is {}",
                    channel.as_str(),
                    show(cell),
                    number_problem(cell, e)
                )),
            }
        }
        if !bad.is_empty() {
            diags.error(&file, line, Code::InvalidCount, format!("{} (`{id}`, `{shown}`, {year}): counts are whole numbers of requests or payments, 0 or more, or nd when not known; the row is left out", bad.join("; ")));
            return;
        }
        if let Some(total) = counts.total {
            let online = counts.online();
            if online > total {
                let hint = if Channel::PLATFORMS
                    .iter()
                    .any(|&c| counts.get(c) == Some(total))
                {
                    " A platform count equals the total: the total was probably written in the platform field."
                } else {
                    ""
                };
                diags.error(&file, line, Code::OnlineExceedsTotal, format!("the online count of `{id}` for `{shown}` in {year} ({online}: platforms plus extra-platform) is greater than the total ({total}), which counts every channel.{hint} Correct the counts; the row is left out"));
                return;
            }
        }
        let r = UsageReturn {
            year,
            entity: entity.id.clone(),
            entity_pos: pos,
            service,
            active,
            counts,
            line,
        };
        let id = &entity.id;
        if let Err(first) = returns.insert(r) {
            diags.error(&file, line, Code::DuplicateRow, format!("`{id}` has a second row for `{shown}` in {year}: the row on line {first} is used and this one is left out; merge them into one"));
            return;
        }
        if active.is_none() {
            diags.warning(&file, line, Code::MissingValue, format!("`active` is not provided for `{id}` and `{shown}` in {year}: the row is kept but gives no useful datum and no comparable case; write yes or no"));
        }
        if active == Some(false)
            && Channel::PLATFORMS
                .iter()
                .any(|&c| counts.get(c).unwrap_or(0) > 0)
        {
            diags.warning(&file, line, Code::CountsOnInactive, format!("`{id}` declares `{shown}` not active in {year} but gives platform counts: the row is kept, its platform counts are not used; if the service was active, write yes in `active`"));
        }
    })?;
    crate::validate::year_over_year(&returns, catalog, &file, diags);
    read.settle(diags);
    Ok((returns, read))
}

/// Reads the service catalog (when given) and the returns (required), with every row
/// check, including the year-over-year ones; the accounting of each table read is
/// appended to `tables`.
pub(crate) fn load_returns(
    tables: &super::Tables,
    registry: &Registry,
    diags: &mut Diagnostics,
    accounts: &mut Vec<TableRead>,
) -> Result<(ServiceCatalog, Returns)> {
    let catalog = super::services::load_services(tables, diags, accounts)?;
    let input = tables.require(TableKind::Returns)?;
    let (returns, read) = read_returns(input, registry, &catalog, diags)?;
    accounts.push(read);
    Ok((catalog, returns))
}

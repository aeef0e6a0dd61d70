//! Reader of `returns.csv`: the usage returns. The rules of the method about a row
//! (METHOD.md section 5: who may file it, the online count within the total, counts on a
//! service not active) are in [`crate::validate`], applied here to every row; the checks
//! that compare a row with the previous year's ([`crate::validate::year_over_year`]) run
//! as a second pass once every row is read.

use super::cell::{is_missing, number_problem, parse_bool, parse_count, plain_count};
use super::entities::RowBodies;
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::model::registry::Registry;
use crate::model::returns::{Counts, Returns, UsageReturn};
use crate::model::services::{Channel, ServiceCatalog};
use crate::validate::ReturnRow;

const YEAR: usize = 0;
const ENTITY: usize = 1;
const SERVICE: usize = 2;
const ACTIVE: usize = 3;
/// The count columns follow, in the order of [`Channel::ALL`].
const FIRST_COUNT: usize = 4;

/// The columns of the returns table ([`crate::schema::RETURNS`]).
pub const COLUMNS: &[ColumnSpec] = crate::schema::RETURNS;

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
        let rules = ReturnRow {
            file: &file,
            line,
            year,
            entity,
            service: sid,
        };
        if !rules.check_competence(catalog.services()[service].competence, diags) {
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
        if !rules.check_online_within_total(&counts, diags) {
            return;
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
        rules.check_inactive_counts(active, &counts, diags);
    })?;
    crate::validate::year_over_year(&returns, catalog, &file, diags);
    read.settle(diags);
    Ok((returns, read))
}

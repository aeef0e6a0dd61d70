//! Validation of the input tables (controllo dei dati, METHOD.md section 5): every row
//! check of every table, without computing an index; and the checks of a usage return
//! against the previous year's return of the same body and service.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::error::Result;
use crate::io::{self, TableKind, TableRead, Tables};
use crate::model::returns::Returns;
use crate::model::services::{Channel, ServiceCatalog};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A share of online use that moves by more than this (as a fraction: 50 points) from the
/// previous year is flagged (`share_jump`).
pub const SHARE_JUMP: f64 = 0.5;
/// A total that changes by more than this factor from the previous year is flagged
/// (`total_jump`).
pub const TOTAL_JUMP: u64 = 10;
/// A platform count equal to the total is flagged (`platform_equals_total`) when the same
/// platform's count of the previous year was below the current one divided by this.
pub const FAR_LOWER: u64 = 2;

/// The outcome of [`validate()`]: the diagnostics of every table, sorted by file and line
/// (those of one line in the order they were found, as [`Diagnostics::into_sorted`]
/// gives them), and the accounting of every table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidationResult {
    /// Every rejected (`error`) or flagged (`warning`) input row.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of every table read, in reading order: rows read, accepted,
    /// accepted with warnings, rejected.
    pub tables: Vec<TableRead>,
}

impl ValidationResult {
    /// Whether any row was rejected.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::Severity::Error)
    }
}

/// Reads every table given and runs every row check, returning only the diagnostics.
/// `entities` is required; `facilities`, `procedures` and `offer` (the offer needs the
/// procedures), `services` and `returns` are checked when present. A structural problem
/// (a missing column, an unreadable file) is an [`Error`](crate::Error).
///
/// ```
/// use desier_core::{validate, Code, Input, Tables};
/// let tables = Tables {
///     entities: Some(Input::from_text("entities.csv", "entity_id,kind\n037006,municipality\n")),
///     returns: Some(Input::from_text("returns.csv",
///         "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
///          2019,037006,suap,si,120,,,30,100\n")),
///     ..Tables::default()
/// };
/// let result = validate(&tables).unwrap();
/// assert_eq!(result.diagnostics[0].code, Code::OnlineExceedsTotal);
/// assert_eq!(result.diagnostics[0].line, 2);
/// ```
pub fn validate(tables: &Tables) -> Result<ValidationResult> {
    let mut diags = Diagnostics::new();
    let mut accounts = Vec::new();
    let registry = io::load_registry(tables, &mut diags, &mut accounts)?;
    io::load_facilities(tables, &registry, &mut diags, &mut accounts)?;
    let mut years = BTreeSet::new();
    if tables.procedures.is_some() || tables.offer.is_some() {
        let procedures = tables.require(TableKind::Procedures)?;
        let (catalog, read) = io::procedures::read_procedures(procedures, &mut diags)?;
        accounts.push(read);
        if let Some(offer) = tables.get(TableKind::Offer) {
            let (offer, read) = io::offer::read_offer(offer, &registry, &catalog, &mut diags)?;
            accounts.push(read);
            years.extend(offer.years.keys().copied());
        }
    }
    if tables.returns.is_some() {
        let (_, returns) = io::returns::load_returns(tables, &registry, &mut diags, &mut accounts)?;
        years.extend(returns.years());
    } else {
        io::services::load_services(tables, &mut diags, &mut accounts)?;
    }
    let entities_file = accounts[0].file.clone();
    for y in years {
        crate::interactivity::registry_fallback(&registry, y, &entities_file, &mut diags);
    }
    Ok(ValidationResult {
        diagnostics: diags.into_sorted(),
        tables: accounts,
    })
}

/// The checks of each accepted return against the previous year's (year - 1) return of
/// the same body and service; the later row is flagged, and kept:
/// - `platform_equals_total`: a platform count equal to the total (with the service
///   active) while the previous year's count on that platform was far lower (below half):
///   probably the total written in the platform field. (A platform count equal to the total
///   while another channel is not zero makes the online count exceed the total: that row
///   is rejected with `online_exceeds_total`, whose message says so.)
/// - `share_jump`: both years give a useful datum and the share of online use moves by
///   more than 50 points;
/// - `total_jump`: both totals are provided and greater than zero and one is more than 10
///   times the other.
pub fn year_over_year(
    returns: &Returns,
    catalog: &ServiceCatalog,
    file: &str,
    diags: &mut Diagnostics,
) {
    for r in returns.rows() {
        let Some(p) = returns.get(r.year - 1, &r.entity, r.service) else {
            continue;
        };
        let sid = crate::diagnostics::show(catalog.services()[r.service].id.as_str());
        let id = crate::diagnostics::show(r.entity.as_str());
        let (y, line, prev) = (r.year, r.line, p.line);
        if let (Some(true), Some(total)) = (r.active, r.counts.positive_total()) {
            for c in Channel::PLATFORMS {
                let before = p.counts.get(c);
                if r.counts.get(c) == Some(total) && before.is_some_and(|b| b < total / FAR_LOWER) {
                    diags.warning(file, line, Code::PlatformEqualsTotal, format!("the {} count of `{id}` for `{sid}` in {y} equals the total ({total}) while it was {} in {} (line {prev}): the row is kept; check whether the total was written in the platform field", c.as_str(), before.unwrap_or(0), y - 1));
                }
            }
        }
        if let (Some(now), Some(before)) = (r.share(), p.share()) {
            if (now - before).abs() > SHARE_JUMP {
                diags.warning(file, line, Code::ShareJump, format!("the online share of `{id}` for `{sid}` moves from {:.0}% in {} (line {prev}) to {:.0}% in {y}: the row is kept; check the counts of both years", before * 100.0, y - 1, now * 100.0));
            }
        }
        if let (Some(now), Some(before)) = (r.counts.positive_total(), p.counts.positive_total()) {
            if now.max(before) > TOTAL_JUMP * now.min(before) {
                diags.warning(file, line, Code::TotalJump, format!("the total of `{id}` for `{sid}` changes from {before} in {} (line {prev}) to {now} in {y}, more than {TOTAL_JUMP} times: the row is kept; check both totals (a missing or extra digit?)", y - 1));
            }
        }
    }
}

//! Validation of the input tables (controllo dei dati, METHOD.md section 5): the rules of
//! the method about a usage return on its own (who may file it, the online count within
//! the total, counts on a service not active), which the returns reader applies to every
//! row, and the checks of a return against the previous year's return of the same body
//! and service. The validation of a whole dataset, every row check of every table without
//! computing an index, is `Dataset::validate` (and the one-shot `desier_core::validate`).
//!
//! The rules depend only on the model and the diagnostics, not on how the tables are
//! read.

use crate::diagnostics::{show, Code, Diagnostics};
use crate::model::registry::{Entity, EntityKind};
use crate::model::returns::{Counts, Returns};
use crate::model::services::{Channel, Competence, ServiceCatalog};

/// A share of online use that moves by more than this (as a fraction: 50 points) from the
/// previous year is flagged (`share_jump`).
pub const SHARE_JUMP: f64 = 0.5;
/// A total that changes by more than this factor from the previous year is flagged
/// (`total_jump`).
pub const TOTAL_JUMP: u64 = 10;
/// A platform count equal to the total is flagged (`platform_equals_total`) when the same
/// platform's count of the previous year was below the current one divided by this.
pub const FAR_LOWER: u64 = 2;

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

/// Where a return row is and what it is about, for the messages of the row rules.
pub(crate) struct ReturnRow<'a> {
    /// The file, as diagnostics give it.
    pub file: &'a str,
    /// The row's line.
    pub line: u64,
    /// The year of the row.
    pub year: i32,
    /// The filing body.
    pub entity: &'a Entity,
    /// The service, as written in the row.
    pub service: &'a str,
}

impl ReturnRow<'_> {
    /// A body that cannot have the service is rejected (`competence_mismatch`, see
    /// [`may_file`]); returns whether the row may go on.
    pub(crate) fn check_competence(&self, competence: Competence, diags: &mut Diagnostics) -> bool {
        if may_file(competence, self.entity.kind) {
            return true;
        }
        let (id, shown) = (show(self.entity.id.as_str()), show(self.service));
        diags.error(self.file, self.line, Code::CompetenceMismatch, format!("`{id}` is a {} but `{shown}` is a service of competence {}: check the body code or the service; the row is left out", self.entity.kind.as_str(), competence.as_str()));
        false
    }

    /// An online count (platforms plus extra-platform) greater than the total, which
    /// counts every channel, is rejected (`online_exceeds_total`; the message says when a
    /// platform count equals the total: the total written in the platform field); returns
    /// whether the row may go on.
    pub(crate) fn check_online_within_total(
        &self,
        counts: &Counts,
        diags: &mut Diagnostics,
    ) -> bool {
        let Some(total) = counts.total else {
            return true;
        };
        let online = counts.online();
        if online <= total {
            return true;
        }
        let hint = if Channel::PLATFORMS
            .iter()
            .any(|&c| counts.get(c) == Some(total))
        {
            " A platform count equals the total: the total was probably written in the platform field."
        } else {
            ""
        };
        let (id, shown, year) = (show(self.entity.id.as_str()), show(self.service), self.year);
        diags.error(self.file, self.line, Code::OnlineExceedsTotal, format!("the online count of `{id}` for `{shown}` in {year} ({online}: platforms plus extra-platform) is greater than the total ({total}), which counts every channel.{hint} Correct the counts; the row is left out"));
        false
    }

    /// Platform counts on a service declared not active are flagged
    /// (`counts_on_inactive`); the row is kept, its platform counts are not used
    /// (extra-platform counts and totals are expected there: mail and counters work
    /// without the online service).
    pub(crate) fn check_inactive_counts(
        &self,
        active: Option<bool>,
        counts: &Counts,
        diags: &mut Diagnostics,
    ) {
        if active == Some(false)
            && Channel::PLATFORMS
                .iter()
                .any(|&c| counts.get(c).unwrap_or(0) > 0)
        {
            let (id, shown, year) = (&self.entity.id, show(self.service), self.year);
            diags.warning(self.file, self.line, Code::CountsOnInactive, format!("`{id}` declares `{shown}` not active in {year} but gives platform counts: the row is kept, its platform counts are not used; if the service was active, write yes in `active`"));
        }
    }
}

//! Year-over-year comparison over comparable cases (confronto omogeneo, METHOD.md section
//! 4): the pooled shares of online use of two years, per channel and overall, computed
//! only over the bodies whose data exist in both years, and their change in percentage
//! points.

use crate::dataset::Dataset;
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::ids::{EntityId, ServiceId};
use crate::io::{TableRead, Tables};
use crate::model::registry::{EntityKind, Registry, YearRegistry};
use crate::model::returns::{Counts, Pool, Returns, UsageReturn};
use crate::model::services::{Channel, Channels, Competence, ServiceCatalog};
use crate::usage::{UsageOptions, TABLES};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The two years to compare: `from_year` and `to_year` in every interface (the command's
/// `--from-year` and `--to-year`, Python's and JavaScript's `from_year` and `to_year`);
/// the result gives them back as `from` and `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CompareOptions {
    /// The earlier year (a).
    pub from_year: i32,
    /// The later year (b).
    pub to_year: i32,
}

impl CompareOptions {
    /// Compare `from_year` with `to_year`.
    pub fn new(from_year: i32, to_year: i32) -> Self {
        CompareOptions { from_year, to_year }
    }
}

/// Pooled counts and shares of one year over the comparable cases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PooledFigures {
    /// Pooled online count (0 for the cases not active that year).
    pub online: u64,
    /// Pooled total.
    pub total: u64,
    /// Pooled share of online use, `online / total` (`null` without cases).
    pub share: Option<f64>,
    /// Pooled share of each online channel.
    pub channels: Channels<Option<f64>>,
}

impl From<&Pool> for PooledFigures {
    fn from(p: &Pool) -> Self {
        PooledFigures {
            online: p.online(),
            total: p.total,
            share: p.share(),
            channels: p.channel_shares(),
        }
    }
}

/// Changes in percentage points (punti percentuali), `(share_to - share_from) x 100`,
/// overall and per channel; `null` when either share is undefined.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeltaPp {
    /// Change of the share of all online channels.
    pub share: Option<f64>,
    /// Change of the regional platform's share.
    pub regional_platform: Option<f64>,
    /// Change of the autonomous platform's share.
    pub autonomous_platform: Option<f64>,
    /// Change of the national platform's share.
    pub national_platform: Option<f64>,
    /// Change of the extra-platform share.
    pub extra_platform: Option<f64>,
}

/// The comparison of one service between two years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceComparison {
    /// The service.
    pub service_id: ServiceId,
    /// Number of comparable cases (casi confrontabili), counted in bodies of the
    /// service's competence: for a municipal service, the municipalities whose own return
    /// pair is comparable plus those without a return of their own in either year whose
    /// union's pair is comparable (a union's pair is one case per such member, as the
    /// report's "i dati comparabili sono relativi solo a 201 comuni"); for the other
    /// services, the bodies whose pair is comparable.
    pub comparable_cases: usize,
    /// The earlier year's pooled figures.
    pub from: PooledFigures,
    /// The later year's pooled figures.
    pub to: PooledFigures,
    /// The changes in percentage points.
    pub delta_pp: DeltaPp,
}

/// The result of a comparison, shaped as the `compare` result of FORMATS.md.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareResult {
    /// The earlier year.
    pub from: i32,
    /// The later year.
    pub to: i32,
    /// One row per service of the catalog, sorted by service_id.
    pub services: Vec<ServiceComparison>,
    /// Every rejected or flagged input row.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of every table read, in reading order: rows read, accepted,
    /// accepted with warnings, rejected.
    pub tables: Vec<TableRead>,
}

/// The comparison of each pair of consecutive years of the returns (the series of
/// confronti omogenei, `desier compare --series`), with the diagnostics and accounting of
/// the tables once, shaped as the JSON `{"comparisons": [{from, to, services}],
/// "diagnostics", "tables"}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompareSeries {
    /// One comparison per pair of consecutive years, in year order.
    pub comparisons: Vec<YearComparison>,
    /// Every rejected or flagged input row.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of every table read, in reading order.
    pub tables: Vec<TableRead>,
}

/// One pair of years of a [`CompareSeries`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearComparison {
    /// The earlier year.
    pub from: i32,
    /// The later year.
    pub to: i32,
    /// One row per service of the catalog, sorted by service_id.
    pub services: Vec<ServiceComparison>,
}

/// Reads the tables (`entities`, `returns`, optional `facilities` and `services`) and
/// compares the years `options.from_year` and `options.to_year` over the comparable cases
/// ([`Dataset::compare`] on them). The two years must differ.
pub fn compare(tables: &Tables, options: &CompareOptions) -> Result<CompareResult> {
    check_years(options)?;
    Dataset::read_only(tables, TABLES)?.compare(options)
}

/// Compares each pair of consecutive years present in the returns (2018-2019,
/// 2019-2020, ...); with `options.year` set, only the pair ending in that year
/// ([`Dataset::compare_series`] on the tables).
pub fn compare_series(tables: &Tables, options: &UsageOptions) -> Result<CompareSeries> {
    Dataset::read_only(tables, TABLES)?.compare_series(options)
}

/// The two years of a comparison must differ.
fn check_years(options: &CompareOptions) -> Result<()> {
    if options.from_year == options.to_year {
        return Err(Error::InvalidOption {
            option: "to_year".into(),
            value: options.to_year.to_string(),
            expected: format!("a year other than from_year ({})", options.from_year),
        });
    }
    Ok(())
}

impl Dataset {
    /// The comparison of the years `options.from_year` and `options.to_year` over the comparable
    /// cases (confronto omogeneo), with the diagnostics and accounting of the tables of
    /// the usage index ([`TABLES`]). The two years must differ; needs `returns`.
    pub fn compare(&self, options: &CompareOptions) -> Result<CompareResult> {
        check_years(options)?;
        let returns = self.require_returns()?;
        let mut part = self.part(TABLES);
        part.check_returns_year(returns, options.from_year);
        part.check_returns_year(returns, options.to_year);
        let (diagnostics, tables) = part.finish();
        Ok(CompareResult {
            from: options.from_year,
            to: options.to_year,
            services: compare_years(
                self.registry(),
                self.services(),
                returns,
                options.from_year,
                options.to_year,
            ),
            diagnostics,
            tables,
        })
    }

    /// Compares each pair of consecutive years present in the returns; with
    /// `options.year` set, only the pair ending in that year. The diagnostics and the
    /// accounting (those of the tables of the usage index) are given once; an empty
    /// `comparisons` means the returns have fewer than two years.
    pub fn compare_series(&self, options: &UsageOptions) -> Result<CompareSeries> {
        let returns = self.require_returns()?;
        let mut part = self.part(TABLES);
        if let Some(y) = options.year {
            part.check_returns_year(returns, y);
        }
        let (diagnostics, tables) = part.finish();
        let years: Vec<i32> = returns.years().into_iter().collect();
        let comparisons = years
            .windows(2)
            .filter(|w| options.year.is_none_or(|y| w[1] == y))
            .map(|w| YearComparison {
                from: w[0],
                to: w[1],
                services: compare_years(self.registry(), self.services(), returns, w[0], w[1]),
            })
            .collect();
        Ok(CompareSeries {
            comparisons,
            diagnostics,
            tables,
        })
    }
}

/// The comparison of every service of the catalog between `from` and `to`, sorted by
/// service_id (METHOD.md section 4, confronto omogeneo).
///
/// A filer's return pair is **comparable** when, in both years, its accepted return has
/// the total provided and greater than zero and either the service is active with at least
/// one platform count provided, or it is not active (then every online channel counts 0
/// that year); and the service is active in at least one of the two years: the data given
/// for both years, the services activated in the second year and those deactivated in the
/// second year are comparable; a service offered online in neither year is not (its totals
/// are not pooled). Every comparable pair is pooled once, a union's included.
///
/// The cases are counted in bodies of the service's competence (see
/// [`ServiceComparison::comparable_cases`]): a municipality with a return of its own in
/// either year is a case only through its own pair; one without is a case when it belongs
/// to the same union in both years and that union's pair is comparable.
pub fn compare_years(
    registry: &Registry,
    catalog: &ServiceCatalog,
    returns: &Returns,
    from: i32,
    to: i32,
) -> Vec<ServiceComparison> {
    let n = catalog.services().len();
    let mut pools = vec![(Pool::default(), Pool::default()); n];
    // The filers whose pair is comparable, per service.
    let mut comparable: Vec<HashSet<&EntityId>> = vec![HashSet::new(); n];
    for a in returns.rows().iter().filter(|r| r.year == from) {
        let Some(b) = returns.get(to, &a.entity, a.service) else {
            continue;
        };
        let Some((ca, cb)) = comparable_pair(a, b) else {
            continue;
        };
        let (pa, pb) = &mut pools[a.service];
        pa.add(&ca);
        pb.add(&cb);
        comparable[a.service].insert(&a.entity);
    }
    let (reg_from, reg_to) = (registry.year(from), registry.year(to));
    let cases: Vec<usize> = catalog
        .services()
        .iter()
        .enumerate()
        .map(|(s, service)| match service.competence {
            Competence::Municipal => reg_to
                .municipalities()
                .filter(|(_, m)| {
                    let own = |y| returns.get(y, &m.id, s).is_some();
                    if own(from) || own(to) {
                        return comparable[s].contains(&m.id);
                    }
                    match (union_id(reg_from, &m.id), union_id(reg_to, &m.id)) {
                        (Some(ua), Some(ub)) => ua == ub && comparable[s].contains(ub),
                        _ => false,
                    }
                })
                .count(),
            _ => comparable[s].len(),
        })
        .collect();
    let pools: Vec<_> = pools
        .into_iter()
        .zip(cases)
        .map(|((pa, pb), c)| (pa, pb, c))
        .collect();
    let mut out: Vec<ServiceComparison> = catalog
        .services()
        .iter()
        .zip(pools)
        .map(|(service, (pa, pb, cases))| {
            let (fa, fb) = (PooledFigures::from(&pa), PooledFigures::from(&pb));
            let pp = |a: Option<f64>, b: Option<f64>| Some((b? - a?) * 100.0);
            let ch = |c: Channel| pp(*fa.channels.get(c)?, *fb.channels.get(c)?);
            let delta_pp = DeltaPp {
                share: pp(fa.share, fb.share),
                regional_platform: ch(Channel::RegionalPlatform),
                autonomous_platform: ch(Channel::AutonomousPlatform),
                national_platform: ch(Channel::NationalPlatform),
                extra_platform: ch(Channel::ExtraPlatform),
            };
            ServiceComparison {
                service_id: service.id.clone(),
                comparable_cases: cases,
                from: fa,
                to: fb,
                delta_pp,
            }
        })
        .collect();
    out.sort_by(|a, b| a.service_id.cmp(&b.service_id));
    out
}

/// The counts a filer's return pair contributes to each year, when the pair is comparable
/// (see [`compare_years`]).
fn comparable_pair(a: &UsageReturn, b: &UsageReturn) -> Option<(Counts, Counts)> {
    let active_in_either = a.active == Some(true) || b.active == Some(true);
    if !active_in_either {
        return None;
    }
    Some((a.comparable_counts()?, b.comparable_counts()?))
}

/// The union a municipality belongs to in a year's registry, when that union is in it.
fn union_id<'r>(reg: &'r YearRegistry, id: &EntityId) -> Option<&'r EntityId> {
    let pos = reg.position(id.as_str())?;
    if reg.entities()[pos].kind != EntityKind::Municipality {
        return None;
    }
    reg.union_of(pos).map(|u| &reg.entities()[u].id)
}

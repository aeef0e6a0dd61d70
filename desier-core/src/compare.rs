//! Year-over-year comparison over comparable cases (confronto omogeneo, METHOD.md section
//! 4): the pooled shares of online use of two years, per channel and overall, computed
//! only over the bodies whose data exist in both years, and their change in percentage
//! points.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::ids::ServiceId;
use crate::io::{TableRead, Tables};
use crate::model::returns::{Pool, Returns};
use crate::model::services::{Channel, Channels, ServiceCatalog};
use crate::usage::{UsageData, UsageOptions};
use serde::{Deserialize, Serialize};

/// The two years to compare.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareOptions {
    /// The earlier year (a).
    pub from: i32,
    /// The later year (b).
    pub to: i32,
}

impl CompareOptions {
    /// Compare `from` with `to`.
    pub fn new(from: i32, to: i32) -> Self {
        CompareOptions { from, to }
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
    /// Number of comparable cases (casi confrontabili); a union's return is one case.
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

/// Reads the tables (`entities`, `returns`, optional `facilities` and `services`) and
/// compares the years `options.from` and `options.to` over the comparable cases.
/// The two years must differ.
pub fn compare(tables: &Tables, options: &CompareOptions) -> Result<CompareResult> {
    if options.from == options.to {
        return Err(Error::InvalidOption {
            option: "to".into(),
            value: options.to.to_string(),
            expected: format!("a year other than `from` ({})", options.from),
        });
    }
    let mut diags = Diagnostics::new();
    let data = UsageData::load(tables, &mut diags)?;
    data.check_year(options.from, &mut diags);
    data.check_year(options.to, &mut diags);
    Ok(CompareResult {
        from: options.from,
        to: options.to,
        services: compare_years(&data.catalog, &data.returns, options.from, options.to),
        diagnostics: diags.into_sorted(),
        tables: data.tables,
    })
}

/// Compares each pair of consecutive years present in the returns (2018-2019,
/// 2019-2020, ...); with `options.year` set, only the pair ending in that year. Every
/// result carries the same diagnostics and accounting (those of reading the tables).
pub fn compare_series(tables: &Tables, options: &UsageOptions) -> Result<Vec<CompareResult>> {
    let mut diags = Diagnostics::new();
    let data = UsageData::load(tables, &mut diags)?;
    if let Some(y) = options.year {
        data.check_year(y, &mut diags);
    }
    let diagnostics = diags.into_sorted();
    let years: Vec<i32> = data.returns.years().into_iter().collect();
    Ok(years
        .windows(2)
        .filter(|w| options.year.is_none_or(|y| w[1] == y))
        .map(|w| CompareResult {
            from: w[0],
            to: w[1],
            services: compare_years(&data.catalog, &data.returns, w[0], w[1]),
            diagnostics: diagnostics.clone(),
            tables: data.tables.clone(),
        })
        .collect())
}

/// The comparison of every service of the catalog between `from` and `to`, sorted by
/// service_id. A body is a comparable case for a service when, in both years, its
/// accepted return has the total provided and greater than zero and either the service
/// is active with at least one platform count provided, or it is not active (then every
/// online channel counts 0 that year). Returns filed by a union are cases of the union.
pub fn compare_years(
    catalog: &ServiceCatalog,
    returns: &Returns,
    from: i32,
    to: i32,
) -> Vec<ServiceComparison> {
    let n = catalog.services().len();
    let mut pools = vec![(Pool::default(), Pool::default(), 0usize); n];
    for a in returns.rows().iter().filter(|r| r.year == from) {
        let Some(ca) = a.comparable_counts() else {
            continue;
        };
        let Some(cb) = returns
            .get(to, &a.entity, a.service)
            .and_then(|b| b.comparable_counts())
        else {
            continue;
        };
        let (pa, pb, cases) = &mut pools[a.service];
        pa.add(&ca);
        pb.add(&cb);
        *cases += 1;
    }
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

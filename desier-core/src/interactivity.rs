//! The municipal interactivity index (indice di interattività comunale): how much of the
//! municipal administrative work can be done online (METHOD.md section 2).

use crate::aggregate::{aggregate, Aggregate, Weighting};
use crate::dataset::Dataset;
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::ids::EntityId;
use crate::io::{TableKind, TableRead, Tables};
use crate::model::catalog::Catalog;
use crate::model::facilities::Facilities;
use crate::model::offer::{Offer, YearOffer};
use crate::model::registry::{Registry, YearRegistry};
use crate::model::size_class::SizeClasses;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;

/// How a procedure is scored from its delivered online phases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringRule {
    /// The method's rule: 0 with no applicable phase online, 50 with some but not all
    /// ("una sola delle fasi"), 100 with all.
    #[default]
    Stepped,
    /// 100 x delivered / applicable phases.
    Proportional,
}

impl ScoringRule {
    /// The score of a procedure with `delivered` of its `applicable` phases online.
    ///
    /// ```
    /// use desier_core::ScoringRule;
    /// assert_eq!(ScoringRule::Stepped.score(0, 3), 0.0);
    /// assert_eq!(ScoringRule::Stepped.score(2, 3), 50.0);
    /// assert_eq!(ScoringRule::Stepped.score(1, 1), 100.0);
    /// assert_eq!(ScoringRule::Proportional.score(1, 4), 25.0);
    /// ```
    pub fn score(self, delivered: u32, applicable: u32) -> f64 {
        if applicable == 0 || delivered == 0 {
            return 0.0;
        }
        match self {
            ScoringRule::Stepped if delivered >= applicable => 100.0,
            ScoringRule::Stepped => 50.0,
            ScoringRule::Proportional => {
                100.0 * f64::from(delivered.min(applicable)) / f64::from(applicable)
            }
        }
    }
}

impl FromStr for ScoringRule {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "stepped" => Ok(ScoringRule::Stepped),
            "proportional" => Ok(ScoringRule::Proportional),
            _ => Err(Error::InvalidOption {
                option: "rule".into(),
                value: s.into(),
                expected: "stepped or proportional".into(),
            }),
        }
    }
}

/// Options of the interactivity computation. Every field has the method's default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct InteractivityOptions {
    /// Compute only this year (default: every year present in the offer).
    pub year: Option<i32>,
    /// The scoring rule (default: stepped).
    pub rule: ScoringRule,
    /// The weighting of aggregates (default: simple mean).
    pub weighting: Weighting,
    /// The size classes (default: the five classes of the method).
    pub size_classes: SizeClasses,
}

impl InteractivityOptions {
    /// Sets the year.
    pub fn with_year(mut self, year: Option<i32>) -> Self {
        self.year = year;
        self
    }
    /// Sets the scoring rule.
    pub fn with_rule(mut self, rule: ScoringRule) -> Self {
        self.rule = rule;
        self
    }
    /// Sets the weighting.
    pub fn with_weighting(mut self, weighting: Weighting) -> Self {
        self.weighting = weighting;
        self
    }
    /// Sets the size classes.
    pub fn with_size_classes(mut self, size_classes: SizeClasses) -> Self {
        self.size_classes = size_classes;
        self
    }
}

/// The interactivity index of one municipality in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityInteractivity {
    /// The municipality.
    pub entity_id: EntityId,
    /// Its name (denominazione) as the registry gives it (empty when it gives none), so
    /// that a reader of the result needs no second look-up.
    pub name: String,
    /// The year.
    pub year: i32,
    /// Mean of the non-`na` procedure scores (0-100); `null` if every procedure is `na`.
    pub index: Option<f64>,
    /// Procedures with a score (not `na`).
    pub procedures_scored: usize,
    /// Procedures not applicable (`na`: the facility they presuppose is missing).
    pub procedures_na: usize,
    /// The area sub-indices (sub-indice per area tematica), by area id.
    pub by_area: BTreeMap<String, Option<f64>>,
}

/// The result of the interactivity computation, shaped as the `interactivity` result of
/// FORMATS.md.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InteractivityResult {
    /// One row per municipality and year, sorted by (year, entity_id).
    pub municipalities: Vec<MunicipalityInteractivity>,
    /// Region, size class, province, territory and union means per year.
    pub aggregates: Vec<Aggregate>,
    /// Every rejected or flagged input row.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of every table read, in reading order: rows read, accepted,
    /// accepted with warnings, rejected.
    pub tables: Vec<TableRead>,
    /// Names of the bodies, for display (not part of the JSON result).
    #[serde(skip)]
    pub names: BTreeMap<EntityId, String>,
}

/// The tables the interactivity index reads: `entities`, `procedures`, `offer`, optional
/// `facilities`.
pub const TABLES: &[TableKind] = &[
    TableKind::Entities,
    TableKind::Facilities,
    TableKind::Procedures,
    TableKind::Offer,
];

/// Reads the tables (`entities`, `procedures`, `offer`, optional `facilities`) and
/// computes the interactivity index ([`Dataset::interactivity`] on them).
pub fn interactivity(
    tables: &Tables,
    options: &InteractivityOptions,
) -> Result<InteractivityResult> {
    Dataset::read_only(tables, TABLES)?.interactivity(options)
}

impl Dataset {
    /// The interactivity index (indice di interattività comunale) of every municipality
    /// in `options.year` (default: every year of the offer), with the diagnostics and
    /// accounting of the tables it uses ([`TABLES`]). Needs `procedures` and `offer`.
    pub fn interactivity(&self, options: &InteractivityOptions) -> Result<InteractivityResult> {
        let (catalog, offer) = self.require_offer()?;
        let mut part = self.part(TABLES);
        let years = part.offer_years(offer, options.year);
        let mut result = compute(
            self.registry(),
            catalog,
            self.facilities(),
            offer,
            &years,
            options,
        );
        (result.diagnostics, result.tables) = part.finish();
        Ok(result)
    }
}

/// Computes the index from loaded data, for the given years.
pub fn compute(
    registry: &Registry,
    catalog: &Catalog,
    facilities: &Facilities,
    offer: &Offer,
    years: &[i32],
    options: &InteractivityOptions,
) -> InteractivityResult {
    let mut result = InteractivityResult::default();
    for &year in years {
        let reg = registry.year(year);
        let rows = score_year(
            year,
            reg,
            catalog,
            facilities,
            offer.years.get(&year),
            options.rule,
        );
        let values: Vec<(usize, Option<f64>)> =
            rows.iter().map(|(pos, r)| (*pos, r.index)).collect();
        result.aggregates.extend(aggregate(
            year,
            reg,
            &values,
            options.weighting,
            &options.size_classes,
        ));
        for (pos, _) in &rows {
            let e = &reg.entities()[*pos];
            // Owned copies only for a body not yet named (a body recurs every year).
            if !result.names.contains_key(&e.id) {
                result.names.insert(e.id.clone(), e.name.clone());
            }
        }
        result
            .municipalities
            .extend(rows.into_iter().map(|(_, r)| r));
    }
    result
}

/// Scores every procedure of every municipality of one year.
fn score_year(
    year: i32,
    reg: &YearRegistry,
    catalog: &Catalog,
    facilities: &Facilities,
    offer: Option<&YearOffer>,
    rule: ScoringRule,
) -> Vec<(usize, MunicipalityInteractivity)> {
    let n_areas = catalog.areas().len();
    let mut out = Vec::new();
    let mut area_sum = vec![0.0; n_areas];
    let mut area_n = vec![0usize; n_areas];
    for (pos, m) in reg.municipalities() {
        let union = reg.union_of(pos);
        let (mut sum, mut scored, mut na) = (0.0, 0usize, 0usize);
        area_sum.iter_mut().for_each(|s| *s = 0.0);
        area_n.iter_mut().for_each(|n| *n = 0);
        for (p, procedure) in catalog.procedures().iter().enumerate() {
            if let Some(f) = &procedure.requires_facility {
                if !facilities.present(year, m.id.as_str(), f.as_str()) {
                    na += 1;
                    continue;
                }
            }
            let mut mask = 0;
            if let Some(o) = offer {
                mask = o.phases(pos, p);
                if let Some(u) = union {
                    mask |= o.phases(u, p);
                }
            }
            let score = rule.score(mask.count_ones(), procedure.phases.len() as u32);
            sum += score;
            scored += 1;
            let a = catalog.area_of(p);
            area_sum[a] += score;
            area_n[a] += 1;
        }
        let by_area = catalog
            .areas()
            .iter()
            .enumerate()
            .map(|(a, area)| {
                (
                    area.id.as_str().to_owned(),
                    (area_n[a] > 0).then(|| area_sum[a] / area_n[a] as f64),
                )
            })
            .collect();
        out.push((
            pos,
            MunicipalityInteractivity {
                entity_id: m.id.clone(),
                name: m.name.clone(),
                year,
                index: (scored > 0).then(|| sum / scored as f64),
                procedures_scored: scored,
                procedures_na: na,
                by_area,
            },
        ));
    }
    out
}

//! The usage index of interactive services (indice di utilizzo dei servizi interattivi):
//! what share of the requests and payments of a service go through online channels
//! (METHOD.md section 3), with the per-service figures by channel and the data
//! availability.

use crate::aggregate::{aggregate, Aggregate, Weighting};
use crate::dataset::Dataset;
use crate::diagnostics::Diagnostic;
use crate::error::Result;
use crate::ids::{EntityId, ServiceId};
use crate::io::{TableKind, TableRead, Tables};
use crate::model::facilities::Facilities;
use crate::model::registry::{EntityKind, Registry, YearRegistry};
use crate::model::returns::{Pool, Returns, UsageReturn};
use crate::model::services::{Channels, Competence, Service, ServiceCatalog};
use crate::model::size_class::SizeClasses;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Options of the usage computation. Every field has the method's default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct UsageOptions {
    /// Compute only this year (default: every year present in the returns). In
    /// [`compare_series`](crate::compare_series): only the pair of years ending in it.
    pub year: Option<i32>,
    /// The weighting of aggregates (default: simple mean).
    pub weighting: Weighting,
    /// The size classes (default: the five classes of the method).
    pub size_classes: SizeClasses,
}

impl UsageOptions {
    /// Sets the year.
    pub fn with_year(mut self, year: Option<i32>) -> Self {
        self.year = year;
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

/// The figures of one service in one year (dati per servizio), "considering all available
/// data": pooled over the returns with a useful datum.
///
/// For municipal services the body counts are municipalities: a union's return counts
/// for each member municipality without a return of its own (as in the index), while in
/// the pooled counts (`online`, `total`, `channels`) the union's return counts once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceFigures {
    /// The service.
    pub service_id: ServiceId,
    /// The year.
    pub year: i32,
    /// Bodies offering the service online (servizio attivo): their return, or for a
    /// municipality without one its union's, says active.
    pub bodies_offering: usize,
    /// Bodies that could offer it (enti potenziali): the bodies of the service's
    /// competence in that year's registry, minus those lacking the facility it presupposes.
    pub bodies_potential: usize,
    /// Bodies with a useful datum (dato utile).
    pub bodies_with_data: usize,
    /// Data availability rate (tasso di disponibilità del dato): `bodies_with_data /
    /// bodies_offering`; `null` when no body offers the service.
    pub availability_rate: Option<f64>,
    /// Pooled online count of the returns with a useful datum.
    pub online: u64,
    /// Pooled total of the same returns.
    pub total: u64,
    /// Pooled share of online use (quota di utilizzo online): `online / total`, a
    /// fraction; `null` without useful data.
    pub share: Option<f64>,
    /// Pooled share of each online channel: channel / `total`.
    pub channels: Channels<Option<f64>>,
}

/// The usage index of one municipality in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityUsage {
    /// The municipality.
    pub entity_id: EntityId,
    /// Its name (denominazione) as the registry gives it (empty when it gives none), so
    /// that a reader of the result needs no second look-up.
    pub name: String,
    /// The year.
    pub year: i32,
    /// The usage index (indice di utilizzo, 0-100): 100 x the sum of the shares of its
    /// useful municipal services / `potential_services`; `null` without a useful datum.
    pub index: Option<f64>,
    /// Municipal services with a useful datum (its own return's, or its union's).
    pub useful_services: usize,
    /// Potentially activatable municipal services (servizi potenzialmente attivabili): the
    /// municipal services of the catalog minus those whose facility it lacks.
    pub potential_services: usize,
}

/// The result of the usage computation, shaped as the `usage` result of FORMATS.md.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageResult {
    /// One row per service and year, sorted by (year, service_id).
    pub services: Vec<ServiceFigures>,
    /// One row per municipality of the registry and year, sorted by (year, entity_id).
    pub municipalities: Vec<MunicipalityUsage>,
    /// Region, size class, province, territory and union means per year, over the
    /// municipalities with a value.
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

/// The tables the usage index reads: `entities`, `returns`, optional `facilities` and
/// `services` (the comparison reads the same).
pub const TABLES: &[TableKind] = &[
    TableKind::Entities,
    TableKind::Facilities,
    TableKind::Services,
    TableKind::Returns,
];

/// Reads the tables (`entities`, `returns`, optional `facilities` and `services`) and
/// computes the per-service figures, the usage index of every municipality and its
/// aggregates.
///
/// ```
/// use desier_core::{usage, Input, Tables, UsageOptions};
/// let tables = Tables {
///     entities: Some(Input::from_text("entities.csv", "entity_id,name\n034004,Berceto\n")),
///     returns: Some(Input::from_text("returns.csv",
///         "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
///          2019,034004,suap,si,40,,,,40\n\
///          2019,034004,school_meals_payment,si,,25,,,25\n")),
///     ..Tables::default()
/// };
/// let result = usage(&tables, &UsageOptions::default()).unwrap();
/// // Two services at 100% online use over 8 potentially activatable ones.
/// assert_eq!(result.municipalities[0].index, Some(25.0));
/// ```
pub fn usage(tables: &Tables, options: &UsageOptions) -> Result<UsageResult> {
    Dataset::read_only(tables, TABLES)?.usage(options)
}

impl Dataset {
    /// The per-service figures, the usage index (indice di utilizzo) of every
    /// municipality and its aggregates in `options.year` (default: every year of the
    /// returns), with the diagnostics and accounting of the tables it uses ([`TABLES`]).
    /// Needs `returns`.
    pub fn usage(&self, options: &UsageOptions) -> Result<UsageResult> {
        let returns = self.require_returns()?;
        let mut part = self.part(TABLES);
        let years = part.returns_years(returns, options.year);
        let mut result = compute(
            self.registry(),
            self.services(),
            self.facilities(),
            returns,
            &years,
            options,
        );
        (result.diagnostics, result.tables) = part.finish();
        Ok(result)
    }
}

/// Computes the usage figures from loaded data, for the given years.
pub fn compute(
    registry: &Registry,
    catalog: &ServiceCatalog,
    facilities: &Facilities,
    returns: &Returns,
    years: &[i32],
    options: &UsageOptions,
) -> UsageResult {
    let mut result = UsageResult::default();
    for &year in years {
        let reg = registry.year(year);
        let year_returns = YearReturns::new(returns, year, reg.entities().len(), catalog);
        let ctx = YearContext {
            year,
            reg,
            catalog,
            facilities,
            returns: &year_returns,
        };
        let mut services: Vec<ServiceFigures> = (0..catalog.services().len())
            .map(|s| ctx.service_figures(s))
            .collect();
        services.sort_by(|a, b| a.service_id.cmp(&b.service_id));
        result.services.extend(services);
        let rows = ctx.municipalities();
        let values: Vec<(usize, Option<f64>)> = rows.iter().map(|(p, m)| (*p, m.index)).collect();
        result.aggregates.extend(aggregate(
            year,
            reg,
            &values,
            options.weighting,
            &options.size_classes,
        ));
        for (pos, m) in rows {
            let e = &reg.entities()[pos];
            // Owned copies only for a body not yet named (a body recurs every year).
            if !result.names.contains_key(&e.id) {
                result.names.insert(e.id.clone(), e.name.clone());
            }
            result.municipalities.push(m);
        }
    }
    result
}

/// The accepted returns of one year, by (body position, service position): a dense
/// table, as every body and service of the year is looked up.
struct YearReturns<'a> {
    rows: Vec<&'a UsageReturn>,
    by_body: Vec<Option<&'a UsageReturn>>,
    services: usize,
}

impl<'a> YearReturns<'a> {
    fn new(returns: &'a Returns, year: i32, bodies: usize, catalog: &ServiceCatalog) -> Self {
        let services = catalog.services().len();
        let rows: Vec<&UsageReturn> = returns.rows().iter().filter(|r| r.year == year).collect();
        let mut by_body = vec![None; bodies * services];
        for r in &rows {
            by_body[r.entity_pos * services + r.service] = Some(*r);
        }
        Self {
            rows,
            by_body,
            services,
        }
    }

    fn get(&self, pos: usize, service: usize) -> Option<&'a UsageReturn> {
        self.by_body[pos * self.services + service]
    }

    /// The returns of the year for a service.
    fn of_service(&self, service: usize) -> impl Iterator<Item = &'a UsageReturn> + '_ {
        self.rows
            .iter()
            .copied()
            .filter(move |r| r.service == service)
    }
}

/// The data of one year, and the rules that turn them into figures.
struct YearContext<'a> {
    year: i32,
    reg: &'a YearRegistry,
    catalog: &'a ServiceCatalog,
    facilities: &'a Facilities,
    /// The accepted returns of the year.
    returns: &'a YearReturns<'a>,
}

impl YearContext<'_> {
    /// Whether the body at `pos` has the facility `service` presupposes.
    fn has_facility(&self, pos: usize, service: &Service) -> bool {
        service.requires_facility.as_ref().is_none_or(|f| {
            self.facilities
                .present(self.year, self.reg.entities()[pos].id.as_str(), f.as_str())
        })
    }

    /// The return that counts for a body: its own; for a municipality without one, its
    /// union's (a member's own accepted return takes precedence, whatever it says).
    fn effective(&self, pos: usize, service: usize) -> Option<&UsageReturn> {
        self.returns.get(pos, service).or_else(|| {
            let e = &self.reg.entities()[pos];
            if e.kind != EntityKind::Municipality {
                return None;
            }
            let u = self.reg.union_of(pos)?;
            self.returns.get(u, service)
        })
    }

    /// The bodies that count for a service: municipalities for municipal services,
    /// provinces, transport operators, or the bodies of kind `other`.
    fn counted_bodies(&self, competence: Competence) -> impl Iterator<Item = usize> + '_ {
        let kind = match competence {
            Competence::Municipal => EntityKind::Municipality,
            Competence::Province => EntityKind::Province,
            Competence::TransportOperator => EntityKind::TransportOperator,
            Competence::Other => EntityKind::Other,
        };
        self.reg
            .entities()
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.kind == kind)
            .map(|(i, _)| i)
    }

    fn service_figures(&self, s: usize) -> ServiceFigures {
        let service = &self.catalog.services()[s];
        let mut pool = Pool::default();
        for r in self.returns.of_service(s) {
            if r.useful().is_some() {
                pool.add(&r.counts);
            }
        }
        let (mut offering, mut potential, mut with_data) = (0, 0, 0);
        for pos in self.counted_bodies(service.competence) {
            potential += usize::from(self.has_facility(pos, service));
            if let Some(r) = self.effective(pos, s) {
                offering += usize::from(r.active == Some(true));
                with_data += usize::from(r.useful().is_some());
            }
        }
        // Bodies of other kinds that may file (e.g. any body for competence `other`).
        if service.competence == Competence::Other {
            for r in self.returns.of_service(s) {
                if self.reg.entities()[r.entity_pos].kind != EntityKind::Other {
                    offering += usize::from(r.active == Some(true));
                    with_data += usize::from(r.useful().is_some());
                }
            }
        }
        ServiceFigures {
            service_id: service.id.clone(),
            year: self.year,
            bodies_offering: offering,
            bodies_potential: potential,
            bodies_with_data: with_data,
            availability_rate: (offering > 0).then(|| with_data as f64 / offering as f64),
            online: pool.online(),
            total: pool.total,
            share: pool.share(),
            channels: pool.channel_shares(),
        }
    }

    /// The usage index of every municipality, with its registry position.
    fn municipalities(&self) -> Vec<(usize, MunicipalityUsage)> {
        let services = self.catalog.services();
        self.reg
            .municipalities()
            .map(|(pos, m)| {
                let (mut sum, mut useful, mut potential) = (0.0, 0usize, 0usize);
                for (s, service) in services.iter().enumerate() {
                    if service.competence != Competence::Municipal
                        || !self.has_facility(pos, service)
                    {
                        continue;
                    }
                    potential += 1;
                    if let Some(share) = self.effective(pos, s).and_then(UsageReturn::share) {
                        sum += share;
                        useful += 1;
                    }
                }
                let index = (useful > 0 && potential > 0).then(|| 100.0 * sum / potential as f64);
                (
                    pos,
                    MunicipalityUsage {
                        entity_id: m.id.clone(),
                        name: m.name.clone(),
                        year: self.year,
                        index,
                        useful_services: useful,
                        potential_services: potential,
                    },
                )
            })
            .collect()
    }
}

//! The reading pipeline (lettura dei dati): the tables of a computation read once, with
//! their diagnostics and the accounting of their rows, then computed on as many times as
//! wanted ([`Dataset::interactivity`], [`Dataset::usage`], [`Dataset::compare`],
//! [`Dataset::compare_series`], [`Dataset::validate`], [`Dataset::groups`]).
//!
//! Each computation module adds its method to [`Dataset`] and keeps a one-shot function
//! (`desier_core::interactivity`, ...) that reads only the tables it needs and computes.
//! A computation's result carries the diagnostics and the accounting of the tables it
//! uses, in reading order, followed by its own warnings (a year without data, a registry
//! year used for another): exactly what the one-shot function gives on the same tables.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::error::{Error, Result};
use crate::io::{self, TableKind, TableRead, Tables};
use crate::model::catalog::Catalog;
use crate::model::facilities::Facilities;
use crate::model::offer::Offer;
use crate::model::registry::Registry;
use crate::model::returns::Returns;
use crate::model::services::ServiceCatalog;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Range;

/// The input tables read once (i dati letti): the registry (required), the facilities,
/// the interactivity catalog and offer, the service catalog and the usage returns, each
/// checked row by row, with every diagnostic and the accounting of every table read.
///
/// ```
/// use desier_core::{Dataset, InteractivityOptions, Input, Tables, UsageOptions};
/// let tables = Tables::default()
///     .with(desier_core::TableKind::Entities, Input::from_text("entities.csv",
///         "entity_id,name\n034004,Berceto\n"))
///     .with(desier_core::TableKind::Returns, Input::from_text("returns.csv",
///         "year,entity_id,service_id,active,regional_platform,autonomous_platform,\
///          national_platform,extra_platform,total\n2019,034004,suap,si,40,,,,40\n"));
/// let data = Dataset::read(&tables).unwrap();
/// assert_eq!(data.tables().len(), 2);
/// // One useful service at 100% over 8 potentially activatable ones.
/// let usage = data.usage(&UsageOptions::default()).unwrap();
/// assert_eq!(usage.municipalities[0].index, Some(12.5));
/// // No procedures were given: the interactivity index cannot be computed.
/// let err = data.interactivity(&InteractivityOptions::default()).unwrap_err();
/// assert_eq!(err.code(), "missing_table");
/// ```
#[derive(Clone, Debug)]
pub struct Dataset {
    registry: Registry,
    facilities: Facilities,
    procedures: Option<Catalog>,
    offer: Option<Offer>,
    services: ServiceCatalog,
    returns: Option<Returns>,
    /// Every diagnostic of reading, in reading order.
    diagnostics: Vec<Diagnostic>,
    /// Every table read, in reading order, with where its diagnostics are.
    reads: Vec<(TableRead, Range<usize>)>,
}

impl Dataset {
    /// Reads every table given. `entities` is required; an `offer` needs its
    /// `procedures`. A structural problem (a missing column, an unreadable file) is an
    /// [`Error`]; problems of single rows are [`Dataset::diagnostics`].
    pub fn read(tables: &Tables) -> Result<Dataset> {
        Dataset::read_only(tables, &TableKind::ALL)
    }

    /// Reads only the tables of `kinds` that are given (the others are left unread, as if
    /// absent): what a one-shot computation does, so that a folder's other tables cost
    /// nothing and cannot fail it.
    pub fn read_only(tables: &Tables, kinds: &[TableKind]) -> Result<Dataset> {
        let given = |t: TableKind| tables.get(t).filter(|_| kinds.contains(&t));
        let mut reader = Reader::default();
        let registry = reader.read(|d, a| io::load_registry(tables, d, a))?;
        let facilities = if kinds.contains(&TableKind::Facilities) {
            reader.read(|d, a| io::load_facilities(tables, &registry, d, a))?
        } else {
            Facilities::default()
        };
        let offer_input = given(TableKind::Offer);
        let procedures = match given(TableKind::Procedures) {
            Some(input) => Some(reader.read_one(|d| io::procedures::read_procedures(input, d))?),
            None if offer_input.is_some() => {
                return Err(Error::MissingTable {
                    table: TableKind::Procedures,
                })
            }
            None => None,
        };
        let offer = match (offer_input, &procedures) {
            (Some(input), Some(catalog)) => {
                Some(reader.read_one(|d| io::offer::read_offer(input, &registry, catalog, d))?)
            }
            _ => None,
        };
        let services = if kinds.contains(&TableKind::Services) {
            reader.read(|d, a| io::services::load_services(tables, d, a))?
        } else {
            ServiceCatalog::default()
        };
        let returns = match given(TableKind::Returns) {
            Some(input) => Some(
                reader.read_one(|d| io::returns::read_returns(input, &registry, &services, d))?,
            ),
            None => None,
        };
        Ok(Dataset {
            registry,
            facilities,
            procedures,
            offer,
            services,
            returns,
            diagnostics: reader.diags.as_slice().to_vec(),
            reads: reader.accounts.into_iter().zip(reader.ranges).collect(),
        })
    }

    /// The registry of bodies (anagrafica degli enti), per year.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The physical facilities per year (all present when the table was not given).
    pub fn facilities(&self) -> &Facilities {
        &self.facilities
    }

    /// The interactivity catalog of procedures, when given.
    pub fn procedures(&self) -> Option<&Catalog> {
        self.procedures.as_ref()
    }

    /// The surveyed online offer, when given.
    pub fn offer(&self) -> Option<&Offer> {
        self.offer.as_ref()
    }

    /// The usage-service catalog: the built-in one, merged with `services` when given.
    pub fn services(&self) -> &ServiceCatalog {
        &self.services
    }

    /// The accepted usage returns, when given.
    pub fn returns(&self) -> Option<&Returns> {
        self.returns.as_ref()
    }

    /// The years of the offer and of the returns, sorted.
    pub fn years(&self) -> BTreeSet<i32> {
        let mut years = BTreeSet::new();
        if let Some(offer) = &self.offer {
            years.extend(offer.years.keys().copied());
        }
        if let Some(returns) = &self.returns {
            years.extend(returns.years());
        }
        years
    }

    /// Every diagnostic of the tables read, sorted by file and line: those of
    /// [`Dataset::validate`].
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.validate().diagnostics
    }

    /// The accounting of every table read, in reading order.
    pub fn tables(&self) -> Vec<TableRead> {
        self.reads.iter().map(|(read, _)| read.clone()).collect()
    }

    /// Every row check of every table read, without computing an index: the diagnostics
    /// of reading, and a warning for each year of the offer or the returns for which the
    /// registry has no rows of its own.
    pub fn validate(&self) -> ValidationResult {
        let mut part = self.part(&TableKind::ALL);
        for y in self.years() {
            part.registry_fallback(y);
        }
        let (diagnostics, tables) = part.finish();
        ValidationResult {
            diagnostics,
            tables,
        }
    }

    /// The diagnostics and accounting of the tables of `kinds`, to which a computation
    /// adds its own warnings.
    pub(crate) fn part(&self, kinds: &[TableKind]) -> Part<'_> {
        let mut diags = Diagnostics::new();
        let mut tables = Vec::new();
        for (read, range) in &self.reads {
            if kinds.contains(&read.table) {
                tables.push(read.rebased(diags.len()));
                diags.extend_from_slice(&self.diagnostics[range.clone()]);
            }
        }
        Part {
            dataset: self,
            diags,
            tables,
        }
    }

    /// The file name of a table read.
    fn file(&self, table: TableKind) -> &str {
        self.reads
            .iter()
            .find(|(read, _)| read.table == table)
            .map_or("", |(read, _)| read.file.as_str())
    }

    /// The catalog and offer, or the table missing for the interactivity index.
    pub(crate) fn require_offer(&self) -> Result<(&Catalog, &Offer)> {
        let catalog = self.procedures.as_ref().ok_or(Error::MissingTable {
            table: TableKind::Procedures,
        })?;
        let offer = self.offer.as_ref().ok_or(Error::MissingTable {
            table: TableKind::Offer,
        })?;
        Ok((catalog, offer))
    }

    /// The returns, or the error of the missing table.
    pub(crate) fn require_returns(&self) -> Result<&Returns> {
        self.returns.as_ref().ok_or(Error::MissingTable {
            table: TableKind::Returns,
        })
    }
}

/// Reads tables one after the other into one list of diagnostics, remembering where the
/// diagnostics of each table read are.
#[derive(Default)]
struct Reader {
    diags: Diagnostics,
    accounts: Vec<TableRead>,
    ranges: Vec<Range<usize>>,
}

impl Reader {
    /// Runs a loader that appends the accounting of the table it reads, if any.
    fn read<T>(
        &mut self,
        load: impl FnOnce(&mut Diagnostics, &mut Vec<TableRead>) -> Result<T>,
    ) -> Result<T> {
        let start = self.diags.len();
        let value = load(&mut self.diags, &mut self.accounts)?;
        if self.ranges.len() < self.accounts.len() {
            self.ranges.push(start..self.diags.len());
        }
        Ok(value)
    }

    /// Runs a reader of one table.
    fn read_one<T>(
        &mut self,
        read: impl FnOnce(&mut Diagnostics) -> Result<(T, TableRead)>,
    ) -> Result<T> {
        self.read(|d, a| {
            let (value, account) = read(d)?;
            a.push(account);
            Ok(value)
        })
    }
}

/// What a computation reports about its input: the diagnostics and accounting of the
/// tables it uses, and its own warnings about the years it computes.
pub(crate) struct Part<'d> {
    dataset: &'d Dataset,
    diags: Diagnostics,
    tables: Vec<TableRead>,
}

impl Part<'_> {
    /// Warns when the registry has no rows of its own for a computed year.
    pub(crate) fn registry_fallback(&mut self, year: i32) {
        if let (Some(used), true) = self.dataset.registry.source_year(year) {
            let file = self.dataset.file(TableKind::Entities);
            self.diags.warning(file, 1, Code::RegistryYearFallback, format!("the registry has no rows for {year}: the rows of {used} are used; add the {year} registry to compute with that year's population and unions"));
        }
    }

    /// The years of the offer to compute: `year` when given (with a warning when the offer
    /// has no rows for it), otherwise every year of the offer; each with the registry's
    /// fallback warning.
    pub(crate) fn offer_years(&mut self, offer: &Offer, year: Option<i32>) -> Vec<i32> {
        let years: Vec<i32> = match year {
            Some(y) => {
                if !offer.years.contains_key(&y) {
                    let file = self.dataset.file(TableKind::Offer);
                    self.diags.warning(file, 1, Code::YearNotInData, format!("the offer has no rows for {y}: every procedure of {y} scores 0; check the year"));
                }
                vec![y]
            }
            None => offer.years.keys().copied().collect(),
        };
        for &y in &years {
            self.registry_fallback(y);
        }
        years
    }

    /// Warns when `year` has no accepted return.
    pub(crate) fn check_returns_year(&mut self, returns: &Returns, year: i32) {
        if !returns.years().contains(&year) {
            let file = self.dataset.file(TableKind::Returns);
            self.diags.warning(file, 1, Code::YearNotInData, format!("the returns have no accepted rows for {year}: there is nothing to compute for that year; check the year"));
        }
    }

    /// The years of the returns to compute: `year` when given (with a warning when no
    /// return is accepted for it), otherwise every year of the returns; each with the
    /// registry's fallback warning.
    pub(crate) fn returns_years(&mut self, returns: &Returns, year: Option<i32>) -> Vec<i32> {
        let years: Vec<i32> = match year {
            Some(y) => {
                self.check_returns_year(returns, y);
                vec![y]
            }
            None => returns.years().into_iter().collect(),
        };
        for &y in &years {
            self.registry_fallback(y);
        }
        years
    }

    /// The diagnostics, sorted, and the accounting.
    pub(crate) fn finish(self) -> (Vec<Diagnostic>, Vec<TableRead>) {
        (self.diags.into_sorted(), self.tables)
    }
}

/// The outcome of [`validate()`] and [`Dataset::validate`]: the diagnostics of every
/// table, sorted by file and line (those of one line in the order they were found, as
/// [`Diagnostics::into_sorted`](crate::Diagnostics::into_sorted) gives them), and the
/// accounting of every table.
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
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads every table given and runs every row check, returning only the diagnostics
/// ([`Dataset::validate`]). `entities` is required; `facilities`, `procedures` and
/// `offer` (the offer needs the procedures), `services` and `returns` are checked when
/// present. A structural problem (a missing column, an unreadable file) is an
/// [`Error`](crate::Error).
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
    Ok(Dataset::read(tables)?.validate())
}

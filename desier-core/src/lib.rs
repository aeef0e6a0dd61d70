//! # desier-core
//!
//! The DESI-ER local indicators of the digital public services of municipalities, as the
//! Emilia-Romagna region computes them in its yearly "Benchmarking dell'Innovazione
//! Digitale nella PA locale":
//!
//! - the municipal **interactivity index** (indice di interattività comunale): how much of
//!   the municipal administrative work can be done online ([`interactivity()`]);
//! - the **usage index** of interactive services (indice di utilizzo dei servizi
//!   interattivi): what share of requests and payments goes through online channels, with
//!   per-service figures by channel and data availability ([`usage()`]);
//! - the year-over-year comparison over comparable cases (confronto omogeneo,
//!   [`compare()`], [`compare_series()`]);
//! - the validation of every input row ([`validate()`]);
//!
//! each a one-shot function on the input [`Tables`], or a method of a [`Dataset`]: the
//! tables read once (with their diagnostics and row accounting) and computed on as many
//! times as wanted, with the same results;
//!
//! with the readers of the shared file formats (CSV with either separator and Italian
//! numbers, or XLSX), diagnostics for every rejected or doubtful row, and writers of the
//! JSON and CSV results.
//!
//! ```
//! use desier_core::{interactivity, InteractivityOptions, Input, Tables};
//!
//! let tables = Tables {
//!     entities: Some(Input::from_text("entities.csv",
//!         "entity_id,name,kind,population\n037006,Bologna,municipality,390000\n")),
//!     procedures: Some(Input::from_text("procedures.csv",
//!         "procedure_id,area_id,phases\ncert,anagrafe,request|payment\nnido,scuola,request\n")),
//!     offer: Some(Input::from_text("offer.csv",
//!         "year,entity_id,procedure_id,online_phases\n2019,037006,cert,request\n2019,037006,nido,request\n")),
//!     ..Tables::default()
//! };
//! let result = interactivity(&tables, &InteractivityOptions::default()).unwrap();
//! // cert: one of two phases online = 50; nido: its only phase online = 100.
//! assert_eq!(result.municipalities[0].index, Some(75.0));
//! assert!(result.diagnostics.is_empty());
//! ```
#![forbid(unsafe_code)]

pub mod aggregate;
pub mod compare;
pub mod dataset;
pub mod diagnostics;
pub mod error;
pub mod groups;
pub mod ids;
pub mod interactivity;
pub mod io;
pub mod model;
pub mod options;
pub mod output;
pub mod payments;
pub mod registry;
pub mod sample;
pub mod schema;
pub mod usage;
pub mod validate;
pub mod workbook;

pub use aggregate::{Aggregate, Group, Weighting};
pub use compare::{
    compare, compare_series, CompareOptions, CompareResult, CompareSeries, DeltaPp, PooledFigures,
    ServiceComparison, YearComparison,
};
pub use dataset::{validate, Dataset, ValidationResult};
pub use diagnostics::{Code, Diagnostic, Diagnostics, Severity};
pub use error::{Error, Result};
pub use groups::{municipality_groups, GroupsOptions, GroupsResult, MunicipalityGroups};
pub use ids::{AreaId, EntityId, FacilityId, PhaseId, ProcedureId, ServiceId};
pub use interactivity::{
    interactivity, InteractivityOptions, InteractivityResult, MunicipalityInteractivity,
    ScoringRule,
};
pub use io::{detect_tables, Input, TableRead, Tables};
pub use model::returns::{Counts, UsageReturn};
pub use model::services::{Channel, Channels, Competence, ExtraChannel, Service, ServiceCatalog};
pub use model::size_class::{SizeClass, SizeClasses};
pub use schema::{ColumnSpec, TableKind};
pub use usage::{usage, MunicipalityUsage, ServiceFigures, UsageOptions, UsageResult};

/// The README's Rust quickstart, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

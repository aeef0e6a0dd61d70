//! One native function per computation: `(tables, options_json) -> (result_json, names)`
//! (`validate` has no options). Reading and computing run with the GIL released.

use crate::convert::{build_tables, native_error, option_error, sources, TableArg};
use desier_core::{CompareOptions, EntityId, InteractivityOptions, Tables, UsageOptions};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};

/// A result as the facade receives it: the JSON of FORMATS.md and the bodies' names.
type Computed = (String, BTreeMap<String, String>);

/// The facade's tables, by canonical table name.
type TableArgs<'py> = HashMap<String, TableArg<'py>>;

/// The options of a computation from their JSON (fields absent: the core's defaults).
fn options<O: DeserializeOwned>(json: &str) -> PyResult<O> {
    serde_json::from_str(json).map_err(|e| option_error(&e))
}

/// Converts the tables and runs `compute` on them without the GIL.
fn run<T: serde::Serialize>(
    py: Python<'_>,
    tables: TableArgs<'_>,
    compute: impl FnOnce(&Tables) -> desier_core::Result<T> + Send,
    names: fn(&T) -> Option<&BTreeMap<EntityId, String>>,
) -> PyResult<Computed> {
    let sources = sources(tables)?;
    py.detach(move || {
        let tables = build_tables(sources)?;
        let result = compute(&tables)?;
        let names = names(&result)
            .map(|n| {
                n.iter()
                    .map(|(k, v)| (k.as_str().to_owned(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let json =
            serde_json::to_string(&result).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        Ok((json, names))
    })
    .map_err(|e: desier_core::Error| native_error(&e))
}

/// The interactivity index (`desier_core::interactivity`).
#[pyfunction]
pub fn interactivity(py: Python<'_>, tables: TableArgs<'_>, options: &str) -> PyResult<Computed> {
    let options: InteractivityOptions = self::options(options)?;
    run(
        py,
        tables,
        move |t| desier_core::interactivity(t, &options),
        |r| Some(&r.names),
    )
}

/// The usage index and per-service figures (`desier_core::usage`).
#[pyfunction]
pub fn usage(py: Python<'_>, tables: TableArgs<'_>, options: &str) -> PyResult<Computed> {
    let options: UsageOptions = self::options(options)?;
    run(
        py,
        tables,
        move |t| desier_core::usage(t, &options),
        |r| Some(&r.names),
    )
}

/// The comparison of two years over comparable cases (`desier_core::compare`).
#[pyfunction]
pub fn compare(py: Python<'_>, tables: TableArgs<'_>, options: &str) -> PyResult<Computed> {
    let options: CompareOptions = self::options(options)?;
    run(
        py,
        tables,
        move |t| desier_core::compare(t, &options),
        |_| None,
    )
}

/// The diagnostics of every table given (`desier_core::validate`).
#[pyfunction]
pub fn validate(py: Python<'_>, tables: TableArgs<'_>) -> PyResult<Computed> {
    run(py, tables, desier_core::validate, |_| None)
}

/// The built-in sample as `(table name, CSV text)` pairs.
#[pyfunction]
pub fn sample_files() -> Vec<(&'static str, &'static str)> {
    desier_core::sample::FILES
        .iter()
        .map(|(kind, text)| (kind.name(), *text))
        .collect()
}

/// A result (its JSON text, FORMATS.md) as an Excel workbook (`desier_core::output::json_to_xlsx`):
/// the bytes of the .xlsx, with the names of the bodies beside their ids.
#[pyfunction]
pub fn to_excel<'py>(
    py: Python<'py>,
    result: &str,
    names: BTreeMap<String, String>,
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let entities = names.into_iter().map(|(k, v)| (EntityId(k), v)).collect();
    let names = desier_core::output::Names::new(entities, &desier_core::ServiceCatalog::default());
    let bytes = desier_core::output::json_to_xlsx(result, &names).map_err(|e| native_error(&e))?;
    Ok(pyo3::types::PyBytes::new(py, &bytes))
}

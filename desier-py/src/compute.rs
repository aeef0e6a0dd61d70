//! One native function per computation: `(tables, options_json) -> (result_json, names)`.
//! Reading and computing run with the GIL released.

use crate::convert::{build_tables, native_error, option_error, sources, TableArg};
use desier_core::{EntityId, InteractivityOptions, Tables};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};

/// A result as the facade receives it: the JSON of FORMATS.md and the bodies' names.
type Computed = (String, BTreeMap<String, String>);

/// Parses the options, converts the tables and runs `compute` without the GIL.
fn run<O, T>(
    py: Python<'_>,
    tables: HashMap<String, TableArg<'_>>,
    options: &str,
    compute: fn(&Tables, &O) -> desier_core::Result<T>,
    names: fn(&T) -> Option<&BTreeMap<EntityId, String>>,
) -> PyResult<Computed>
where
    O: DeserializeOwned + Send,
    T: serde::Serialize,
{
    let options: O = serde_json::from_str(options).map_err(|e| option_error(&e))?;
    let sources = sources(tables)?;
    py.detach(move || {
        let tables = build_tables(sources)?;
        let result = compute(&tables, &options)?;
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
pub fn interactivity(
    py: Python<'_>,
    tables: HashMap<String, TableArg<'_>>,
    options: &str,
) -> PyResult<Computed> {
    run::<InteractivityOptions, _>(py, tables, options, desier_core::interactivity, |r| {
        Some(&r.names)
    })
}

/// The built-in sample as `(table name, CSV text)` pairs.
#[pyfunction]
pub fn sample_files() -> Vec<(&'static str, &'static str)> {
    desier_core::sample::FILES
        .iter()
        .map(|(kind, text)| (kind.name(), *text))
        .collect()
}

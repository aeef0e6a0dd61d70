//! The loaded dataset: `load(tables, folder) -> Dataset`, whose methods are the
//! computations, each `(options_json) -> (result_json, names)` (`validate` has no
//! options). Reading and computing run with the GIL released.

use crate::convert::{build_tables, native_error, option_error, sources, TableArg};
use desier_core::{CompareOptions, EntityId, InteractivityOptions, UsageOptions};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A result as the facade receives it: the JSON of FORMATS.md and the bodies' names.
type Computed = (String, BTreeMap<String, String>);

/// The facade's tables, by canonical table name.
type TableArgs<'py> = HashMap<String, TableArg<'py>>;

/// The options of a computation from their JSON, filled by the core (fields absent: the
/// core's defaults; a wrong value: `invalid_option`, naming the option).
fn options<O: DeserializeOwned + serde::Serialize + Default>(json: &str) -> PyResult<O> {
    desier_core::options::from_json(json).map_err(|e| native_error(&e))
}

/// The tables read once (`desier_core::Dataset`).
#[pyclass(frozen, module = "desier._native")]
pub struct Dataset(desier_core::Dataset);

/// Reads the tables of `folder` (by their canonical names), then those given (which take
/// precedence), into a dataset.
#[pyfunction]
#[pyo3(signature = (tables, folder=None))]
pub fn load(py: Python<'_>, tables: TableArgs<'_>, folder: Option<PathBuf>) -> PyResult<Dataset> {
    let sources = sources(tables)?;
    py.detach(move || {
        let tables = build_tables(folder, sources)?;
        desier_core::Dataset::read(&tables)
    })
    .map(Dataset)
    .map_err(|e| native_error(&e))
}

impl Dataset {
    /// Runs `compute` on the dataset without the GIL; the result as JSON, with its names.
    fn run<T: serde::Serialize>(
        &self,
        py: Python<'_>,
        compute: impl FnOnce(&desier_core::Dataset) -> desier_core::Result<T> + Send,
        names: fn(&T) -> Option<&BTreeMap<EntityId, String>>,
    ) -> PyResult<Computed> {
        let data = &self.0;
        let (result, names) = py
            .detach(move || {
                let result = compute(data)?;
                let json = serde_json::to_string(&result);
                let names = names(&result)
                    .map(|n| {
                        n.iter()
                            .map(|(k, v)| (k.as_str().to_owned(), v.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                Ok((json, names))
            })
            .map_err(|e: desier_core::Error| native_error(&e))?;
        let json = result.map_err(|e| crate::convert::internal_error(&e))?;
        Ok((json, names))
    }
}

#[pymethods]
impl Dataset {
    /// The interactivity index (`Dataset::interactivity`).
    fn interactivity(&self, py: Python<'_>, options: &str) -> PyResult<Computed> {
        let options: InteractivityOptions = self::options(options)?;
        self.run(py, move |d| d.interactivity(&options), |r| Some(&r.names))
    }

    /// The usage index and per-service figures (`Dataset::usage`).
    fn usage(&self, py: Python<'_>, options: &str) -> PyResult<Computed> {
        let options: UsageOptions = self::options(options)?;
        self.run(py, move |d| d.usage(&options), |r| Some(&r.names))
    }

    /// The comparison of two years over comparable cases (`Dataset::compare`).
    fn compare(&self, py: Python<'_>, options: &str) -> PyResult<Computed> {
        let options: CompareOptions =
            serde_json::from_str(options).map_err(|e| option_error(&e))?;
        self.run(py, move |d| d.compare(&options), |_| None)
    }

    /// The diagnostics and accounting of every table read (`Dataset::validate`).
    fn validate(&self, py: Python<'_>) -> PyResult<Computed> {
        self.run(py, |d| Ok(d.validate()), |_| None)
    }
}

/// The built-in sample as `(table name, CSV text)` pairs.
#[pyfunction]
pub fn sample_files() -> Vec<(&'static str, &'static str)> {
    desier_core::sample::FILES
        .iter()
        .map(|(kind, text)| (kind.name(), *text))
        .collect()
}

/// The canonical entities table of the built-in national registry (CSV text), for `year`
/// (default: the latest) and one `region` (ISTAT code or name) when given.
#[pyfunction]
#[pyo3(signature = (year=None, region=None))]
pub fn registry_entities(year: Option<u16>, region: Option<&str>) -> PyResult<String> {
    desier_core::registry::entities_csv(year, region).map_err(|e| native_error(&e))
}

/// A result (its JSON text, FORMATS.md) as an Excel workbook (`desier_core::output::json_to_xlsx`):
/// the bytes of the .xlsx, with the names of the bodies beside their ids.
#[pyfunction]
pub fn to_excel<'py>(
    py: Python<'py>,
    result: &str,
    names: BTreeMap<String, String>,
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let entities = names
        .into_iter()
        .map(|(k, v)| (EntityId::new(k), v))
        .collect();
    let names = desier_core::output::Names::new(entities, &desier_core::ServiceCatalog::default());
    let bytes = desier_core::output::json_to_xlsx(result, &names).map_err(|e| native_error(&e))?;
    Ok(pyo3::types::PyBytes::new(py, &bytes))
}

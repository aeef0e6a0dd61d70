//! The private native module `desier._native` under the pure-Python package `desier`.
//!
//! The facade (`python/desier/`) owns keyword arguments, defaults and conversions; this
//! crate only turns its plain values into core inputs, runs the core with the GIL
//! released and hands back the result as the JSON of FORMATS.md: `load(tables, folder)`
//! reads the tables once into a `Dataset`, whose methods are the computations, each
//! `(options_json) -> (result_json, names)`.

mod compute;
mod convert;

use pyo3::prelude::*;

/// The native module. Its Python-side stub is `python/desier/_native.pyi`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("NativeError", m.py().get_type::<convert::NativeError>())?;
    m.add_class::<compute::Dataset>()?;
    m.add_function(wrap_pyfunction!(compute::load, m)?)?;
    m.add_function(wrap_pyfunction!(compute::sample_files, m)?)?;
    m.add_function(wrap_pyfunction!(compute::registry_entities, m)?)?;
    m.add("REGISTRY_ATTRIBUTION", desier_core::registry::ATTRIBUTION)?;
    let years: Vec<u16> = desier_core::registry::years();
    m.add("REGISTRY_YEARS", years)?;
    m.add_function(wrap_pyfunction!(compute::to_excel, m)?)?;
    m.add("SAMPLE_ATTRIBUTION", desier_core::sample::ATTRIBUTION)?;
    let codes: Vec<&str> = desier_core::Error::CODES.iter().map(|(c, _)| *c).collect();
    m.add("ERROR_CODES", codes)?;
    Ok(())
}

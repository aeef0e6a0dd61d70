//! Conversions at the boundary: Python tables into core [`Input`]s, core errors into
//! `NativeError(code, message, file, column)`, which the facade maps to its exception
//! classes by `code`.

use desier_core::{Input, TableKind, Tables};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyString};
use std::collections::HashMap;
use std::path::PathBuf;

pyo3::create_exception!(
    _native,
    NativeError,
    PyException,
    "A core error: args are (code, message, file, column); the facade maps it by code."
);

/// A core error as a `NativeError`.
pub fn native_error(e: &desier_core::Error) -> PyErr {
    NativeError::new_err((
        e.code(),
        e.to_string(),
        e.file().map(str::to_owned),
        e.column().map(str::to_owned),
    ))
}

/// Invalid options JSON, reported like the core's `invalid_option`.
pub fn option_error(e: &serde_json::Error) -> PyErr {
    NativeError::new_err((
        "invalid_option",
        format!("invalid options: {e}"),
        None::<String>,
        None::<String>,
    ))
}

/// A result that cannot be serialised (a bug, never expected), as `internal_error`.
pub fn internal_error(e: &serde_json::Error) -> PyErr {
    NativeError::new_err((
        "internal_error",
        format!("cannot convert the result: {e}"),
        None::<String>,
        None::<String>,
    ))
}

/// One table as the facade passes it: a file path (CSV or XLSX), or a DataFrame as
/// `(name, headers, columns)` with one list of cell values per column.
#[derive(FromPyObject)]
pub enum TableArg<'py> {
    /// A file on disk.
    Path(PathBuf),
    /// In-memory columns.
    Frame(String, Vec<String>, Vec<Vec<Bound<'py, PyAny>>>),
}

/// A table ready to be read without the GIL.
pub enum Source {
    /// A file, read when the tables are built.
    Path(PathBuf),
    /// Rows of cell text.
    Rows(String, Vec<String>, Vec<Vec<String>>),
}

/// Converts the facade's tables (by canonical table name) into GIL-free sources.
pub fn sources(tables: HashMap<String, TableArg<'_>>) -> PyResult<Vec<(TableKind, Source)>> {
    let mut out = Vec::with_capacity(tables.len());
    for (name, arg) in tables {
        let kind = TableKind::from_name(&name).ok_or_else(|| {
            pyo3::exceptions::PyKeyError::new_err(format!("unknown table `{name}`"))
        })?;
        let source = match arg {
            TableArg::Path(p) => Source::Path(p),
            TableArg::Frame(file, headers, columns) => {
                let n = columns.iter().map(Vec::len).max().unwrap_or(0);
                let mut rows = vec![Vec::with_capacity(columns.len()); n];
                for column in &columns {
                    for (row, value) in rows.iter_mut().zip(column) {
                        row.push(cell_text(value)?);
                    }
                }
                Source::Rows(file, headers, rows)
            }
        };
        out.push((kind, source));
    }
    Ok(out)
}

/// Builds the core tables: those of `folder` (by canonical name, read when used), then the
/// sources given, reading their files from disk (call without the GIL).
pub fn build_tables(
    folder: Option<PathBuf>,
    sources: Vec<(TableKind, Source)>,
) -> desier_core::Result<Tables> {
    let mut tables = match folder {
        Some(dir) => Tables::from_dir(dir)?,
        None => Tables::default(),
    };
    for (kind, source) in sources {
        let input = match source {
            Source::Path(p) => Input::from_path(p)?,
            Source::Rows(name, headers, rows) => Input::from_rows(name, headers, rows),
        };
        tables.set(kind, input);
    }
    Ok(tables)
}

/// The text of one DataFrame cell, as a CSV export would hold it: `None` and NaN empty,
/// whole floats without a fraction (`2019.0` -> `2019`), other floats with a decimal comma
/// (as the core reads spreadsheet cells, so that `1.234` cannot be taken for thousands).
fn cell_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if value.is_none() {
        return Ok(String::new());
    }
    if value.is_instance_of::<PyString>() {
        return value.extract();
    }
    if value.is_instance_of::<PyBool>() {
        return Ok(value.is_truthy()?.to_string());
    }
    if value.is_instance_of::<PyFloat>() {
        let f: f64 = value.extract()?;
        return Ok(if f.is_nan() {
            String::new()
        } else if f.fract() == 0.0 && f.abs() < 1e15 {
            format!("{}", f as i64)
        } else {
            f.to_string().replace('.', ",")
        });
    }
    Ok(value.str()?.to_string())
}

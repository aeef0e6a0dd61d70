//! Helpers shared by the integration tests: the fixtures of `fixtures/` at the repository
//! root, which the Python and JavaScript tests use too.
#![allow(dead_code)]

use desier_core::{Input, TableKind, Tables};
use std::path::PathBuf;

/// `fixtures/` at the repository root.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// The tables of `fixtures/<name>/`.
pub fn dataset(name: &str) -> Tables {
    Tables::from_dir(fixtures().join(name)).expect("fixture folder")
}

/// Every table of `fixtures/small.xlsx` (one sheet per table).
pub fn workbook() -> Tables {
    let path = fixtures().join("small.xlsx");
    let mut t = Tables::default();
    for kind in [
        TableKind::Entities,
        TableKind::Procedures,
        TableKind::Facilities,
        TableKind::Offer,
        TableKind::Returns,
    ] {
        t.set(kind, Input::from_path(&path).expect("workbook"));
    }
    t
}

/// Compares a result with `fixtures/expected/<name>.json`, or writes it when
/// `DESIER_BLESS` is set. The `file` of each diagnostic and of each table's accounting is
/// compared by its last path component, since every interface names the files its own way.
pub fn check_expected<T: serde::Serialize>(name: &str, result: &T) {
    let path = fixtures().join("expected").join(format!("{name}.json"));
    let mut actual = serde_json::to_value(result).unwrap();
    for key in ["diagnostics", "tables"] {
        if let Some(items) = actual.get_mut(key).and_then(|d| d.as_array_mut()) {
            for d in items {
                let file = d["file"].as_str().unwrap_or_default();
                let base = file
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                d["file"] = serde_json::Value::String(base);
            }
        }
    }
    if std::env::var_os("DESIER_BLESS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with DESIER_BLESS=1", path.display()));
    let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(actual, expected, "result differs from {}", path.display());
}

/// Asserts two floats are equal to 1e-9.
pub fn close(actual: Option<f64>, expected: f64) {
    let a = actual.unwrap_or_else(|| panic!("expected {expected}, got null"));
    assert!((a - expected).abs() < 1e-9, "expected {expected}, got {a}");
}

//! The hostile files of `fixtures/hostile/` (issue 7): each must give the structural error
//! or exactly the diagnostics and accounting that `fixtures/hostile/manifest.json` lists,
//! never a crash, a hang or a silent loss; those whose accepted rows are `fixtures/small`'s
//! must give small's usage results. The command, Python and JavaScript suites run the same
//! manifest.

mod common;

use common::{dataset, fixtures};
use desier_core::{usage, validate, Input, TableKind, Tables, UsageOptions};
use serde_json::Value;
use std::time::{Duration, Instant};

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(fixtures().join("hostile/manifest.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["base"], "small");
    v["cases"].as_array().unwrap().clone()
}

fn tables_with(case: &Value) -> (Tables, String) {
    let path = fixtures()
        .join("hostile")
        .join(case["file"].as_str().unwrap());
    let table = TableKind::from_name(case["table"].as_str().unwrap()).unwrap();
    let mut tables = dataset("small");
    tables.set(table, Input::from_path(&path).unwrap());
    (tables, path.display().to_string())
}

/// The parts of a usage result that carry numbers (not the diagnostics and accounting).
/// The numbers of the usage result: its services, municipalities (without their names: a
/// hostile registry may spell them otherwise) and aggregates.
fn numbers(tables: &Tables) -> Value {
    let r = usage(tables, &UsageOptions::default()).unwrap();
    let mut v = serde_json::json!({
        "services": r.services, "municipalities": r.municipalities, "aggregates": r.aggregates
    });
    for m in v["municipalities"].as_array_mut().unwrap() {
        m.as_object_mut().unwrap().remove("name");
    }
    v
}

#[test]
fn every_hostile_file_gives_its_error_or_its_diagnostics_and_accounting() {
    let cases = manifest();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let small = numbers(&dataset("small"));
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let (tables, file) = tables_with(case);
        let started = Instant::now();
        let result = validate(&tables);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{name}: {:?}",
            started.elapsed()
        );
        if let Some(code) = expect.get("error") {
            let e = result.expect_err(name);
            assert_eq!(e.code(), code.as_str().unwrap(), "{name}: {e}");
            assert_eq!(e.file(), Some(file.as_str()), "{name}: {e}");
            assert!(e.to_string().len() < 600, "{name}: a long message: {e}");
            continue;
        }
        let result = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        let found: Vec<Value> = result
            .diagnostics
            .iter()
            .filter(|d| d.file == file)
            .map(|d| serde_json::json!([d.line, d.severity, d.code]))
            .collect();
        assert_eq!(
            Value::Array(found),
            expect["diagnostics"],
            "{name}: {:#?}",
            result.diagnostics
        );
        for d in &result.diagnostics {
            assert!(
                d.code.severities().contains(&d.severity),
                "{name}: {d} has a severity its code does not document"
            );
        }
        for d in result.diagnostics.iter().filter(|d| d.file == file) {
            assert!(
                d.message.chars().count() < 600 && !d.message.contains('\0'),
                "{name}: {d}"
            );
        }
        let read = result
            .tables
            .iter()
            .find(|t| t.file == file)
            .unwrap_or_else(|| panic!("{name}: no accounting"));
        let accounting = serde_json::json!({
            "rows": read.rows, "accepted": read.accepted,
            "accepted_with_warnings": read.accepted_with_warnings, "rejected": read.rejected
        });
        assert_eq!(accounting, expect["accounting"], "{name}");
        if expect["same_usage_as_small"] == true {
            assert_eq!(
                numbers(&tables),
                small,
                "{name}: the numbers differ from small's"
            );
        }
    }
}

#[test]
fn the_readme_lists_every_case() {
    let readme = std::fs::read_to_string(fixtures().join("hostile/README.md")).unwrap();
    for case in manifest() {
        let file = case["file"].as_str().unwrap();
        assert!(readme.contains(&format!("`{file}`")), "{file}");
        assert!(
            fixtures().join("hostile").join(file).is_file(),
            "{file} is missing"
        );
    }
}

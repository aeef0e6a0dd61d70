//! The hostile payment files of `fixtures/hostile/payments/` (issue 13): each must give
//! the structural error or exactly the diagnostics and accounting that its manifest lists
//! (worked out by hand in `tools/make_hostile_payments.py`), in bounded time, never a
//! crash, a hang or a stack overflow.

use desier_core::payments::{payments, PaymentOptions, PaymentSource};
use desier_core::{Input, TableKind, Tables};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

#[test]
fn every_hostile_payment_file_gives_its_error_or_its_diagnostics_and_accounting() {
    let text = std::fs::read_to_string(fixtures().join("hostile/payments/manifest.json")).unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(manifest["base"], "payments");
    let cases = manifest["cases"].as_array().unwrap();
    assert!(cases.len() >= 15);
    let entities = std::fs::read_to_string(fixtures().join("payments/entities.csv")).unwrap();
    let tables = Tables::default().with(
        TableKind::Entities,
        Input::from_text("entities.csv", entities),
    );
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let path = fixtures()
            .join("hostile/payments")
            .join(case["file"].as_str().unwrap());
        let file = path.display().to_string();
        let started = Instant::now();
        let result = payments(
            &tables,
            &[PaymentSource::from_path(&path)],
            &PaymentOptions::default(),
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{name}: {:?}",
            started.elapsed()
        );
        let expect = &case["expect"];
        if let Some(code) = expect.get("error") {
            let e = result.expect_err(name);
            assert_eq!(e.code(), code.as_str().unwrap(), "{name}: {e}");
            continue;
        }
        let r = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        let got: Vec<Value> = r
            .diagnostics
            .iter()
            .filter(|d| d.file == file)
            .map(|d| json!([d.line, d.severity.as_str(), d.code.as_str()]))
            .collect();
        assert_eq!(
            &Value::Array(got),
            &expect["diagnostics"],
            "{name}: {:#?}",
            r.diagnostics
        );
        for d in &r.diagnostics {
            assert!(!d.message.chars().any(char::is_control), "{name}: {d}");
        }
        let t = r.tables.iter().find(|t| t.file == file).unwrap();
        let acc = json!({"rows": t.rows, "accepted": t.accepted,
                         "accepted_with_warnings": t.accepted_with_warnings, "rejected": t.rejected});
        assert_eq!(&acc, &expect["accounting"], "{name}");
    }
}

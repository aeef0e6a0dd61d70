//! The hostile files of `fixtures/hostile/` through the `desier` command: each gives the
//! structural error (exit status 1, `desier: error [code]: ...` on standard error) or
//! exactly the diagnostics and accounting of `fixtures/hostile/manifest.json` in the JSON
//! of `desier validate`; never a crash (any other status, a signal) or a hang.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

fn desier(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desier"))
        .args(args)
        .output()
        .expect("run desier")
}

/// `--<table> <file>` for every table of `fixtures/small`, with the case's file instead.
fn table_args(case: &Value) -> (Vec<String>, String) {
    let hostile = fixtures()
        .join("hostile")
        .join(case["file"].as_str().unwrap())
        .display()
        .to_string();
    let mut args = Vec::new();
    for t in ["entities", "facilities", "procedures", "offer", "returns"] {
        let file = if case["table"] == t {
            hostile.clone()
        } else {
            fixtures()
                .join("small")
                .join(format!("{t}.csv"))
                .display()
                .to_string()
        };
        args.push(format!("--{t}"));
        args.push(file);
    }
    (args, hostile)
}

fn numbers(out: &Output) -> Value {
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let map = v.as_object_mut().unwrap();
    map.remove("diagnostics");
    map.remove("tables");
    // The names are data, not numbers: a hostile registry may spell them otherwise.
    for m in v["municipalities"].as_array_mut().into_iter().flatten() {
        m.as_object_mut().unwrap().remove("name");
    }
    v
}

fn usage(args: &[String]) -> Output {
    // `usage` takes no procedures or offer.
    let mut a = vec!["usage".to_owned(), "--format".into(), "json".into()];
    for pair in args.chunks(2) {
        if pair[0] != "--procedures" && pair[0] != "--offer" {
            a.extend_from_slice(pair);
        }
    }
    desier(&a)
}

#[test]
fn every_hostile_file_through_the_command() {
    let text = std::fs::read_to_string(fixtures().join("hostile/manifest.json")).unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    let small_args = table_args(&serde_json::json!({"table": "none", "file": "x"})).0;
    let small = numbers(&usage(&small_args));
    for case in manifest["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let (tables, file) = table_args(case);
        let mut args = vec!["validate".to_owned(), "--format".into(), "json".into()];
        args.extend(tables.iter().cloned());
        let started = Instant::now();
        let out = desier(&args);
        assert!(started.elapsed() < Duration::from_secs(30), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(code) = expect.get("error") {
            assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
            let prefix = format!("desier: error [{}]: {file}", code.as_str().unwrap());
            assert!(stderr.starts_with(&prefix), "{name}: {stderr}");
            continue;
        }
        let v: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}: {stderr}"));
        let found: Vec<Value> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"] == file.as_str())
            .map(|d| serde_json::json!([d["line"], d["severity"], d["code"]]))
            .collect();
        assert_eq!(Value::Array(found), expect["diagnostics"], "{name}");
        let has_errors = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error");
        assert_eq!(out.status.code(), Some(i32::from(has_errors)), "{name}");
        let read = v["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["file"] == file.as_str())
            .unwrap_or_else(|| panic!("{name}: no accounting"));
        for (k, n) in expect["accounting"].as_object().unwrap() {
            assert_eq!(&read[k], n, "{name}: {k}");
        }
        if expect["same_usage_as_small"] == true {
            assert_eq!(numbers(&usage(&tables)), small, "{name}");
        }
    }
}

#[test]
fn a_table_with_rejected_rows_is_accounted_on_standard_error() {
    let case = serde_json::json!({"table": "returns", "file": "returns_flipped_bytes.csv"});
    let (tables, _) = table_args(&case);
    let mut args = vec!["validate".to_owned()];
    args.extend(tables);
    let out = desier(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("(returns): 13 rows read: 9 accepted, 0 accepted with warnings, 4 rejected"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("== rows read per table =="), "{stdout}");
}

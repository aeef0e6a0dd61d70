//! The `desier interactivity`, `sample` and `report` commands, run as a user would.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

fn desier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desier"))
        .args(args)
        .output()
        .expect("run desier")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("desier-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn arg(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn json_equals_the_expected_fixture_result() {
    let dir = fixtures().join("small");
    let out = desier(&["interactivity", "--dir", arg(&dir), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut actual: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["diagnostics", "tables"] {
        for d in actual[key].as_array_mut().unwrap() {
            let base = d["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned();
            d["file"] = base.into();
        }
    }
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("expected/small.interactivity.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(actual, expected);
}

#[test]
fn explicit_files_options_and_exit_status_1_on_rejected_rows() {
    let d = fixtures().join("messy");
    let out = desier(&[
        "interactivity",
        "--entities",
        arg(&d.join("entities.csv")),
        "--procedures",
        arg(&d.join("procedures.csv")),
        "--offer",
        arg(&d.join("offer.csv")),
        "--facilities",
        arg(&d.join("facilities.csv")),
        "--year",
        "2019",
        "--rule",
        "proportional",
        "--weighting",
        "population",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Proportional and population-weighted, as computed by hand in desier-core's tests.
    let alfa = 250.0 / 3.0;
    let gamma = (100.0 + 100.0 / 3.0) / 4.0;
    let region = v["aggregates"][0]["index"].as_f64().unwrap();
    assert!((region - (1000.0 * alfa + 4000.0 * 62.5 + 20000.0 * gamma) / 85000.0).abs() < 1e-9);
    assert!(String::from_utf8_lossy(&out.stderr).contains("rows rejected"));
}

#[test]
fn csv_writes_one_file_per_table() {
    let out_dir = tmp("csv");
    let out = desier(&[
        "interactivity",
        "--dir",
        arg(&fixtures().join("small")),
        "--format",
        "csv",
        "--output",
        arg(&out_dir),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let read = |name: &str| std::fs::read_to_string(out_dir.join(name)).unwrap();
    let m = read("municipalities.csv");
    let mut lines = m.lines();
    assert_eq!(
        lines.next().unwrap(),
        "entity_id,name,year,index,procedures_scored,procedures_na,by_area.anagrafe,by_area.scuola"
    );
    // fixtures/small/entities.csv names 000001 Alfa.
    assert_eq!(
        lines.next().unwrap(),
        "000001,Alfa,2019,83.33333333333333,3,1,75.0,100.0"
    );
    assert_eq!(m.lines().count(), 5);
    assert!(read("aggregates.csv")
        .starts_with("group,key,year,index,municipalities\nregion,region,2019,"));
    assert!(read("diagnostics.csv").contains(",10,warning,phase_not_applicable,"));
    // Without --output, the main table goes to standard output.
    let out = desier(&[
        "interactivity",
        "--dir",
        arg(&fixtures().join("small")),
        "--format",
        "csv",
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("entity_id,name,year,index"));
}

#[test]
fn table_format_is_readable() {
    let out = desier(&["interactivity", "--dir", arg(&fixtures().join("small"))]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("== aggregates =="), "{text}");
    assert!(text.contains("000001     Alfa"), "{text}");
    assert!(text.contains("83.33"), "{text}");
    assert!(text.contains("phase_not_applicable"), "{text}");
}

#[test]
fn wrong_command_lines_exit_2_and_bad_files_exit_1_naming_the_file() {
    assert_eq!(
        desier(&["interactivity", "--rule", "harsh"]).status.code(),
        Some(2)
    );
    assert_eq!(desier(&["frobnicate"]).status.code(), Some(2));
    let out = desier(&["interactivity", "--entities", "/nonexistent/entities.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/entities.csv"));
    let out = desier(&[
        "interactivity",
        "--entities",
        arg(&fixtures().join("small/entities.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("procedures table is needed"), "{stderr}");
    assert!(
        stderr.contains("procedures.csv or procedures.xlsx"),
        "{stderr}"
    );
}

#[test]
fn sample_round_trips_through_the_command() {
    let dir = tmp("sample");
    assert_eq!(
        desier(&["sample", "--out", arg(&dir)]).status.code(),
        Some(0)
    );
    let out = desier(&[
        "interactivity",
        "--dir",
        arg(&dir),
        "--format",
        "json",
        "--year",
        "2019",
    ]);
    // The sample has deliberately bad offer rows: exit 1, results still written.
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // One row per municipality of the sample's registry (its entities file, counted here).
    let municipalities = common::sample_municipalities(&dir);
    assert_eq!(municipalities, 330); // Emilia-Romagna in the 2023 registry
    assert_eq!(
        v["municipalities"].as_array().unwrap().len(),
        municipalities
    );
    let report = desier(&["report", "--sample"]);
    let text = String::from_utf8(report.stdout).unwrap();
    assert!(text.contains("Interactivity index"), "{text}");
    assert!(text.contains("unknown_entity"), "{text}");
}

//! The built `desier` binary on the sample: `usage`, `compare` and `validate` in every
//! format, their exit status (0 clean, 1 rejected rows, 2 wrong command line) and a known
//! figure of each.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn desier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desier"))
        .args(args)
        .output()
        .expect("the desier binary runs")
}

/// A fresh folder holding the sample, unique to the test, removed when dropped.
struct SampleDir(PathBuf);

impl std::ops::Deref for SampleDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for SampleDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sample_dir(test: &str) -> SampleDir {
    let dir = std::env::temp_dir().join(format!("desier-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = desier(&["sample", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success());
    SampleDir(dir)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("well-formed JSON")
}

/// Every line of a CSV without quoted fields has as many cells as the header.
fn assert_rectangular(csv: &str) {
    let mut lines = csv.lines();
    let n = lines.next().expect("a header").split(',').count();
    for l in lines {
        assert_eq!(l.split(',').count(), n, "{l}");
    }
}

#[test]
fn usage_in_every_format() {
    let dir = sample_dir("usage");
    let out = desier(&["usage", "--dir", s(&dir), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "the sample has rejected rows");
    let v = json(&out);
    let suap = v["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["service_id"] == "suap" && x["year"] == 2019)
        .unwrap();
    // Every municipality of the sample offers SUAP, itself or through its union: as many
    // as the municipality rows of its entities file.
    let municipalities = common::sample_municipalities(&dir);
    assert_eq!(municipalities, 330); // Emilia-Romagna in the 2023 registry
    assert_eq!(suap["bodies_offering"], municipalities);
    assert!(suap["channels"]["regional_platform"].is_f64());
    let nursery = v["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["service_id"] == "nursery_fees" && x["year"] == 2019)
        .unwrap();
    // The potential of a nursery service: the municipalities with a nursery in 2019 in the
    // sample's facilities file (330 less the 26 without one).
    let facilities = std::fs::read_to_string(dir.join("facilities.csv")).unwrap();
    let with_nursery = facilities
        .lines()
        .filter(|l| l.starts_with("2019,") && l.ends_with(",nursery,true"))
        .count();
    assert_eq!(with_nursery, 330 - 26);
    assert_eq!(nursery["bodies_potential"], with_nursery);
    let with_value = v["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["year"] == 2019 && !m["index"].is_null())
        .count();
    assert_eq!(with_value, 305);
    // The sample's deliberate negative count: the row of returns.csv with "-12".
    let returns = std::fs::read_to_string(dir.join("returns.csv")).unwrap();
    let negative = 1 + returns.lines().position(|l| l.contains(",-12,")).unwrap() as u64;
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "invalid_count" && d["line"] == negative));

    let out = desier(&[
        "usage",
        "--dir",
        s(&dir),
        "--year",
        "2019",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("service_id,year,bodies_offering,bodies_potential,bodies_with_data,availability_rate,online,total,share,channels.regional_platform"));
    assert_rectangular(&csv);

    let folder = dir.join("out");
    let out = desier(&[
        "usage",
        "--dir",
        s(&dir),
        "--format",
        "csv",
        "--weighting",
        "population",
        "--output",
        s(&folder),
    ]);
    assert_eq!(out.status.code(), Some(1));
    for t in ["services", "municipalities", "aggregates", "diagnostics"] {
        assert!(folder.join(format!("{t}.csv")).is_file(), "{t}");
    }

    let out = desier(&["usage", "--dir", s(&dir), "--format", "table"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("== services ==") && text.contains("Berceto"));
}

#[test]
fn compare_two_years_and_the_series() {
    let dir = sample_dir("compare");
    let args = [
        "compare",
        "--dir",
        s(&dir),
        "--from",
        "2018",
        "--to",
        "2019",
    ];
    let out = desier(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(
        (v["from"].clone(), v["to"].clone()),
        (2018.into(), 2019.into())
    );
    let services = v["services"].as_array().unwrap();
    assert_eq!(services.len(), 10);
    let bus = services
        .iter()
        .find(|x| x["service_id"] == "bus_pass_renewal")
        .unwrap();
    assert_eq!(bus["comparable_cases"], 4);
    for k in [
        "share",
        "regional_platform",
        "autonomous_platform",
        "national_platform",
        "extra_platform",
    ] {
        assert!(bus["delta_pp"][k].is_number(), "{k}");
    }

    let out = desier(&[&args[..], &["--format", "csv"]].concat());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("from,to,service_id,comparable_cases,from.online"));
    assert_rectangular(&csv);

    let out = desier(&["compare", "--dir", s(&dir), "--series", "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["comparisons"].as_array().unwrap().len(), 1);
    assert_eq!(v["comparisons"][0]["from"], 2018);

    let out = desier(&["compare", "--dir", s(&dir), "--series", "--format", "table"]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("2018  2019"));
}

#[test]
fn validate_reports_rejected_rows_and_exits_1() {
    let dir = sample_dir("validate");
    let out = desier(&["validate", "--dir", s(&dir), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let d = v["diagnostics"].as_array().unwrap();
    // The sample's deliberate duplicate is the last line of returns.csv (header = line 1).
    let last = std::fs::read_to_string(dir.join("returns.csv"))
        .unwrap()
        .lines()
        .count();
    assert!(d
        .iter()
        .any(|d| d["code"] == "duplicate_row" && d["line"] == last));
    assert!(d.iter().any(|d| d["code"] == "unknown_procedure"));

    let out = desier(&["validate", "--dir", s(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("file"));
    assert!(text.contains("online_exceeds_total"));

    let out = desier(&["validate", "--dir", s(&dir), "--format", "csv"]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("file,line,severity,code,message"));
}

#[test]
fn clean_input_exits_0_and_a_wrong_command_line_exits_2() {
    let dir = sample_dir("clean");
    let clean = dir.join("clean");
    std::fs::create_dir_all(&clean).unwrap();
    std::fs::copy(dir.join("entities.csv"), clean.join("entities.csv")).unwrap();
    std::fs::write(
        clean.join("returns.csv"),
        "anno;codice;servizio;attivo;piattaforma_regionale;piattaforma_autonoma;piattaforma_nazionale;extra_piattaforma;totale\n\
         2019;034004;suap;si;40;;;;40\n2019;034004;municipal_fines;si;;12;;;12\n",
    )
    .unwrap();
    let out = desier(&["validate", "--dir", s(&clean)]);
    assert_eq!(out.status.code(), Some(0));
    let out = desier(&["usage", "--dir", s(&clean), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let berceto = v["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity_id"] == "034004")
        .unwrap();
    assert_eq!(berceto["index"], 25.0);

    assert_eq!(
        desier(&["compare", "--dir", s(&clean)]).status.code(),
        Some(2)
    );
    assert_eq!(
        desier(&["usage", "--format", "yaml"]).status.code(),
        Some(2)
    );
}

#[test]
fn report_on_the_sample_shows_usage_and_the_comparison() {
    let out = desier(&["report", "--sample"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Usage index (indice di utilizzo dei servizi interattivi)"));
    assert!(text.contains("Comparison 2018 -> 2019"));
    // SUAP offered by all 330 municipalities of the sample (Emilia-Romagna, 2023 registry).
    assert!(text.contains("330/330"));
}

#[test]
fn a_result_that_cannot_be_written_is_a_write_error() {
    let dir = sample_dir("unwritable");
    // The output is asked inside a path whose parent is a file: no folder can be made there.
    // A structural error exits 1, as a missing table does; 2 is kept for a wrong command line.
    let blocker = dir.join("entities.csv");
    let target = blocker.join("usage.json");
    let out = desier(&[
        "usage",
        "--dir",
        s(&dir),
        "--format",
        "json",
        "--output",
        s(&target),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[unwritable_file]"), "{err}");
    assert!(err.contains("cannot be written"), "{err}");
    assert!(!err.contains("cannot be read"), "{err}");
    // CSV into a folder that cannot be made: the same error, naming the folder.
    let out = desier(&[
        "usage",
        "--dir",
        s(&dir),
        "--format",
        "csv",
        "--output",
        s(&target),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[unwritable_file]") && err.contains(s(&target)),
        "{err}"
    );
}

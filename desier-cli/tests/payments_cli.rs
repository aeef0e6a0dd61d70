//! `desier payments`, run as a user would, on `fixtures/payments` (its README counts the
//! expected numbers by hand).

use std::path::PathBuf;
use std::process::{Command, Output};

fn desier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desier"))
        .args(args)
        .output()
        .expect("run desier")
}

fn fx(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/payments")
        .join(name)
        .display()
        .to_string()
}

fn tmp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("desier-cli-payments-{}-{name}", std::process::id()))
}

#[test]
fn json_counts_of_files_of_two_forms() {
    let out = desier(&[
        "payments",
        "--entities",
        &fx("entities.csv"),
        "--payments",
        &fx("records.csv"),
        "--payments",
        &fx("receipt.xml"),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["returns"];
    assert_eq!(r.as_array().unwrap().len(), 2);
    assert_eq!(
        (r[0]["year"].as_i64(), r[0]["entity_id"].as_str()),
        (Some(2020), Some("037006"))
    );
    assert_eq!(
        [
            &r[0]["regional_platform"],
            &r[0]["national_platform"],
            &r[0]["extra_platform"],
            &r[0]["offline"],
            &r[0]["total"]
        ],
        [1, 1, 1, 1, 4]
    );
    assert_eq!(r[0]["amounts"]["total"], "330.00");
    assert_eq!(
        (
            r[1]["year"].as_i64(),
            r[1]["service_id"].as_str(),
            r[1]["national_platform"].as_i64()
        ),
        (Some(2021), Some("municipal_fines"), Some(1))
    );
    assert_eq!(v["out_of_scope"]["categories"][0]["category"], "0101100IM");
    assert_eq!(v["tables"].as_array().unwrap().len(), 3);
}

#[test]
fn as_returns_feeds_desier_usage_and_year_selects() {
    let out_csv = tmp("returns.csv");
    let out = desier(&[
        "payments",
        "--entities",
        &fx("entities.csv"),
        "--payments",
        &fx("records.csv"),
        &fx("receipt.xml"),
        "--year",
        "2020",
        "--as-returns",
        out_csv.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&out_csv).unwrap();
    assert_eq!(
        text,
        "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
         2020,037006,nursery_fees,true,1,0,1,1,4\n"
    );
    let usage = desier(&[
        "usage",
        "--entities",
        &fx("entities.csv"),
        "--returns",
        out_csv.to_str().unwrap(),
        "--year",
        "2020",
        "--format",
        "json",
    ]);
    std::fs::remove_file(&out_csv).unwrap();
    assert_eq!(
        usage.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&usage.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&usage.stdout).unwrap();
    let s = v["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service_id"] == "nursery_fees")
        .unwrap();
    assert_eq!(s["share"].as_f64(), Some(0.75));
}

#[test]
fn exit_status_1_for_rejected_records_and_2_for_a_wrong_command_line() {
    let bad = tmp("bad.csv");
    std::fs::write(
        &bad,
        "iuv,creditor,paid_at,category\n1,01232710374,yesterday,0107106SP\n",
    )
    .unwrap();
    let out = desier(&[
        "payments",
        "--entities",
        &fx("entities.csv"),
        "--payments",
        bad.to_str().unwrap(),
        "--format",
        "table",
    ]);
    std::fs::remove_file(&bad).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("invalid_date") || err.contains("invalid_date"),
        "{text}{err}"
    );
    let out = desier(&["payments", "--entities", &fx("entities.csv")]);
    assert_eq!(out.status.code(), Some(2));
    let help = desier(&["payments", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    for option in [
        "--payments",
        "--service-map",
        "--rules",
        "--year",
        "--merge-returns",
        "--as-returns",
        "--format",
        "--output",
    ] {
        assert!(help.contains(option), "{option}");
    }
}

//! `desier registry --italy`: the entities table of the built-in national registry.

use std::process::{Command, Output};

fn desier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desier"))
        .args(args)
        .output()
        .expect("run desier")
}

#[test]
fn writes_the_entities_table_of_a_region_and_computes_on_it() {
    let dir = std::env::temp_dir().join(format!("desier-cli-{}-registry", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("entities.csv");
    let out = desier(&[
        "registry",
        "--italy",
        "--year",
        "2023",
        "--region",
        "Emilia-Romagna",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("330 municipalities"));
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "entity_id,name,kind,province,population,mountain,union_id"
    );
    // 328 municipalities in 2020 and the two that joined from the Marche in 2021.
    assert_eq!(lines.len() - 1, 328 + 2);
    // ISTAT order, leading zeros: Agazzano (Piacenza) first.
    assert!(lines[1].starts_with("033001,Agazzano,municipality,PC,"));
    assert!(lines[1..].iter().all(|l| l.ends_with(",,")));
    // An analysis starts from it: one procedure offered online by Bologna only.
    std::fs::write(
        dir.join("procedures.csv"),
        "procedure_id,procedure_name,area_id,area_name,phases\np1,P,a,A,request\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("offer.csv"),
        "year,entity_id,procedure_id,online_phases\n2023,037006,p1,request\n",
    )
    .unwrap();
    let out = desier(&[
        "interactivity",
        "--dir",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    // Only warnings (the two municipalities without population): exit 0.
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let region = v["aggregates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["group"] == "region")
        .unwrap();
    // One municipality at 100, 329 at 0: the simple mean is 100 / 330.
    assert_eq!(region["municipalities"], 330);
    assert!((region["index"].as_f64().unwrap() - 100.0 / 330.0).abs() < 1e-9);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn prints_every_municipality_of_italy_to_standard_output() {
    let out = desier(&["registry", "--italy"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count() - 1, 7_899); // 2023
    assert!(text.lines().nth(1).unwrap().starts_with("001001,Agliè,"));
    let out = desier(&["registry", "--italy", "--year", "2022"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count() - 1,
        7_904
    );
}

#[test]
fn wrong_year_region_or_missing_flag() {
    let out = desier(&["registry", "--italy", "--region", "Padania"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("[invalid_option]") && err.contains("Emilia-Romagna"),
        "{err}"
    );
    let out = desier(&["registry", "--italy", "--year", "2019"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("2022, 2023"));
    // --italy is required (the only registry built in): a wrong command line.
    assert_eq!(desier(&["registry"]).status.code(), Some(2));
    let help = String::from_utf8(desier(&["registry", "--help"]).stdout).unwrap();
    assert!(
        help.contains("mountain") && help.contains("left empty"),
        "{help}"
    );
}

//! The usage index, the comparison and validation on the shared fixtures, against a
//! computation by hand and the expected JSON that the Python and JavaScript tests check too.

mod common;

use common::{check_expected, close, dataset, workbook};
use desier_core::{
    compare, usage, validate, Code, CompareOptions, Group, UsageOptions, UsageResult,
};

fn index_of(r: &UsageResult, id: &str, year: i32) -> Option<f64> {
    r.municipalities
        .iter()
        .find(|m| m.entity_id.as_str() == id && m.year == year)
        .unwrap()
        .index
}

// fixtures/small/returns.csv, 2019 (Alfa has no nursery: 6 potential services; others 8):
//   Alfa : certificates (30 + 10) / 100 = 0.4; school meals 50/50 = 1.0; SUAP from the
//          union U1 (80 + 10 + 10) / 200 = 0.5 -> 100 x 1.9 / 6 = 31.666..
//   Beta : certificates without any platform count: not useful; SUAP from U1 0.5
//          -> 100 x 0.5 / 8 = 6.25
//   Gamma: SUAP 20/40 = 0.5; fines 10/1000 = 0.01; nursery with total 0: not useful
//          -> 100 x 0.51 / 8 = 6.375
//   Delta: fines not active: no useful datum -> no value (null), left out of the means
// 2018: Alfa certificates 20/100 -> 100 x 0.2 / 6; Beta 20/100 -> 100 x 0.2 / 8.
#[test]
fn small_usage_by_hand() {
    let r = usage(&dataset("small"), &UsageOptions::default()).unwrap();
    close(index_of(&r, "000001", 2019), 100.0 * 1.9 / 6.0);
    close(index_of(&r, "000002", 2019), 6.25);
    close(index_of(&r, "000003", 2019), 6.375);
    assert_eq!(index_of(&r, "000004", 2019), None);
    close(index_of(&r, "000001", 2018), 100.0 * 0.2 / 6.0);
    close(index_of(&r, "000002", 2018), 2.5);
    assert_eq!(index_of(&r, "000003", 2018), None);
    let region = r
        .aggregates
        .iter()
        .find(|a| a.year == 2019 && a.group == Group::Region)
        .unwrap();
    assert_eq!(region.municipalities, 3);
    close(region.index, (100.0 * 1.9 / 6.0 + 6.25 + 6.375) / 3.0);

    // SUAP pooled once for the union: (80 + 10 + 10 + 20) / (200 + 40).
    let suap = r
        .services
        .iter()
        .find(|s| s.year == 2019 && s.service_id.as_str() == "suap")
        .unwrap();
    assert_eq!(
        (
            suap.online,
            suap.total,
            suap.bodies_offering,
            suap.bodies_potential
        ),
        (120, 240, 3, 4)
    );
    close(suap.share, 0.5);
    close(suap.channels.regional_platform, 100.0 / 240.0);
    // Certificates: two offering, one with a useful datum.
    let cert = r
        .services
        .iter()
        .find(|s| s.year == 2019 && s.service_id.as_str() == "registry_certificates")
        .unwrap();
    assert_eq!((cert.bodies_offering, cert.bodies_with_data), (2, 1));
    close(cert.availability_rate, 0.5);
    close(cert.channels.extra_platform, 0.1);
    // Nursery: Alfa lacks the facility, so 3 municipalities could offer it.
    let nursery = r
        .services
        .iter()
        .find(|s| s.year == 2019 && s.service_id.as_str() == "nursery_enrolment")
        .unwrap();
    assert_eq!((nursery.bodies_potential, nursery.bodies_with_data), (3, 0));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    check_expected("small.usage", &r);
}

// Comparable cases 2018 -> 2019: certificates only Alfa (Beta has no platform count in
// 2019): 20/100 -> 40/100, +20 pp. Fines: Gamma not active in 2018 (online 0 of 800),
// 10 of 1000 in 2019: +1 pp. Delta's fines have no 2018 row: not comparable.
#[test]
fn small_compare_by_hand() {
    let r = compare(&dataset("small"), &CompareOptions::new(2018, 2019)).unwrap();
    let get = |id: &str| {
        r.services
            .iter()
            .find(|s| s.service_id.as_str() == id)
            .unwrap()
    };
    let cert = get("registry_certificates");
    assert_eq!(cert.comparable_cases, 1);
    close(cert.from.share, 0.2);
    close(cert.to.share, 0.4);
    close(cert.delta_pp.share, 20.0);
    close(cert.delta_pp.autonomous_platform, 20.0);
    close(cert.delta_pp.extra_platform, 0.0);
    let fines = get("municipal_fines");
    assert_eq!(
        (fines.comparable_cases, fines.from.online, fines.from.total),
        (1, 0, 800)
    );
    close(fines.delta_pp.share, 1.0);
    assert_eq!(get("suap").comparable_cases, 0);
    check_expected("small.compare.2018-2019", &r);
}

#[test]
fn messy_and_workbook_give_the_same_usage() {
    let clean = usage(&dataset("small"), &UsageOptions::default()).unwrap();
    for other in [dataset("messy"), workbook()] {
        let r = usage(&other, &UsageOptions::default()).unwrap();
        assert_eq!(r.municipalities, clean.municipalities);
        assert_eq!(r.services, clean.services);
        assert_eq!(r.aggregates, clean.aggregates);
    }
    let messy = usage(&dataset("messy"), &UsageOptions::default()).unwrap();
    let errors: Vec<(u64, Code)> = messy
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("returns.csv") && d.code != Code::EntityIdPadded)
        .map(|d| (d.line, d.code))
        .collect();
    assert_eq!(
        errors,
        [
            (15, Code::InvalidCount),
            (16, Code::InvalidCount),
            (17, Code::OnlineExceedsTotal),
            (18, Code::UnknownService),
            (19, Code::DuplicateRow),
        ]
    );
    check_expected("messy.usage", &messy);
}

#[test]
fn validate_reports_every_table() {
    let r = validate(&dataset("messy")).unwrap();
    assert!(r.has_errors());
    let files: std::collections::BTreeSet<&str> = r
        .diagnostics
        .iter()
        .map(|d| d.file.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["entities.csv", "facilities.csv", "offer.csv", "returns.csv"]
    );
    check_expected("messy.validate", &r);
    assert!(validate(&dataset("small"))
        .unwrap()
        .diagnostics
        .iter()
        .all(|d| d.code == Code::PhaseNotApplicable));
}

/// Every case of `fixtures/expected/manifest.json` (the list the Python and JavaScript
/// suites iterate) reproduces its expected file.
#[test]
fn manifest_cases_reproduce_their_expected_results() {
    let text = std::fs::read_to_string(common::fixtures().join("expected/manifest.json")).unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 7);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let tables = dataset(case["dataset"].as_str().unwrap());
        let options = case["options"].clone();
        let value = match case["computation"].as_str().unwrap() {
            "interactivity" => serde_json::to_value(
                desier_core::interactivity(&tables, &serde_json::from_value(options).unwrap())
                    .unwrap(),
            ),
            "usage" => serde_json::to_value(
                usage(&tables, &serde_json::from_value(options).unwrap()).unwrap(),
            ),
            "compare" => serde_json::to_value(
                compare(&tables, &serde_json::from_value(options).unwrap()).unwrap(),
            ),
            "validate" => serde_json::to_value(validate(&tables).unwrap()),
            other => panic!("unknown computation {other}"),
        }
        .unwrap();
        if std::env::var_os("DESIER_BLESS").is_none() {
            check_expected(name, &value);
        }
    }
}

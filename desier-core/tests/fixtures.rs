//! The interactivity index on the shared fixtures, against a computation by hand and the
//! expected JSON that the Python and JavaScript tests check too.

mod common;

use common::{check_expected, close, dataset, workbook};
use desier_core::{
    interactivity, Code, Group, InteractivityOptions, InteractivityResult, ScoringRule, Severity,
    Weighting,
};

fn index_of(r: &InteractivityResult, id: &str) -> Option<f64> {
    r.municipalities
        .iter()
        .find(|m| m.entity_id.as_str() == id)
        .unwrap()
        .index
}

fn aggregate(r: &InteractivityResult, group: Group, key: &str) -> Option<f64> {
    r.aggregates
        .iter()
        .find(|a| a.group == group && a.key == key)
        .unwrap()
        .index
}

// fixtures/small, 2019, stepped rule. Catalog: cert (request|payment), cambio (request),
// nido (request|payment, needs a nursery), mensa (request|payment|outcome). The union U1
// (Alfa, Beta) delivers cambio online for both.
//   Alfa  (no nursery): cert 50, cambio 100 (union), nido na, mensa 100 -> 250/3 = 83.333..
//         anagrafe (50+100)/2 = 75, scuola 100
//   Beta : cert 100, cambio 100 (union), nido 50, mensa 0 (row with no phase) -> 62.5
//         anagrafe 100, scuola 25
//   Gamma: cert 0 (no row), cambio 0 (`payment` not applicable: ignored), nido 100,
//         mensa 50 -> 37.5; anagrafe 0, scuola 75
//   Delta: no rows -> 0
const ALFA: f64 = 250.0 / 3.0;

#[test]
fn small_by_hand() {
    let r = interactivity(&dataset("small"), &InteractivityOptions::default()).unwrap();
    assert_eq!(
        r.municipalities.len(),
        4,
        "every municipality, and only municipalities"
    );
    close(index_of(&r, "000001"), ALFA);
    close(index_of(&r, "000002"), 62.5);
    close(index_of(&r, "000003"), 37.5);
    close(index_of(&r, "000004"), 0.0);
    let alfa = &r.municipalities[0];
    assert_eq!((alfa.procedures_scored, alfa.procedures_na), (3, 1));
    close(alfa.by_area["anagrafe"], 75.0);
    close(alfa.by_area["scuola"], 100.0);
    close(r.municipalities[1].by_area["scuola"], 25.0);
    close(r.municipalities[2].by_area["anagrafe"], 0.0);

    close(
        aggregate(&r, Group::Region, "region"),
        (ALFA + 62.5 + 37.5 + 0.0) / 4.0,
    );
    close(aggregate(&r, Group::SizeClass, "micro"), ALFA);
    close(aggregate(&r, Group::SizeClass, "small"), 62.5);
    close(aggregate(&r, Group::SizeClass, "medium_large"), 37.5);
    close(aggregate(&r, Group::SizeClass, "large"), 0.0);
    close(aggregate(&r, Group::Province, "AA"), (ALFA + 62.5) / 2.0);
    close(aggregate(&r, Group::Province, "BB"), 18.75);
    close(aggregate(&r, Group::Territory, "mountain"), ALFA);
    close(
        aggregate(&r, Group::Territory, "plain"),
        (62.5 + 37.5) / 3.0,
    );
    close(aggregate(&r, Group::Union, "U1"), (ALFA + 62.5) / 2.0);
    assert!(
        !r.aggregates.iter().any(|a| a.key == "medium"),
        "no municipality is medium"
    );

    // The one doubtful row: `payment` is not a phase of `cambio`.
    assert_eq!(r.diagnostics.len(), 1);
    let d = &r.diagnostics[0];
    assert_eq!(
        (d.line, d.severity, d.code),
        (10, Severity::Warning, Code::PhaseNotApplicable)
    );
    check_expected("small.interactivity", &r);
}

#[test]
fn small_proportional_and_weighted() {
    let options = InteractivityOptions::default()
        .with_rule(ScoringRule::Proportional)
        .with_weighting(Weighting::Population);
    let r = interactivity(&dataset("small"), &options).unwrap();
    // Proportional: Gamma's mensa is 1 of 3 phases = 33.33.., so Gamma = (0+0+100+100/3)/4.
    let gamma = (100.0 + 100.0 / 3.0) / 4.0;
    close(index_of(&r, "000003"), gamma);
    close(index_of(&r, "000001"), ALFA);
    close(index_of(&r, "000002"), 62.5);
    // Weighted by population 1000, 4000, 20000, 60000.
    let expected = (1000.0 * ALFA + 4000.0 * 62.5 + 20000.0 * gamma) / 85000.0;
    close(aggregate(&r, Group::Region, "region"), expected);
    check_expected("small.interactivity.proportional.population", &r);
}

#[test]
fn messy_italian_csv_gives_the_same_numbers_with_diagnostics() {
    let clean = interactivity(&dataset("small"), &InteractivityOptions::default()).unwrap();
    let messy = interactivity(&dataset("messy"), &InteractivityOptions::default()).unwrap();
    assert_eq!(messy.municipalities, clean.municipalities);
    assert_eq!(messy.aggregates, clean.aggregates);
    let found: Vec<(&str, u64, Code)> = messy
        .diagnostics
        .iter()
        .filter(|d| d.code != Code::EntityIdPadded)
        .map(|d| (d.file.rsplit('/').next().unwrap(), d.line, d.code))
        .collect();
    assert_eq!(
        found,
        [
            ("offer.csv", 1, Code::UnknownColumn),
            ("offer.csv", 11, Code::PhaseNotApplicable),
            ("offer.csv", 12, Code::UnknownEntity),
            ("offer.csv", 13, Code::UnknownProcedure),
            ("offer.csv", 14, Code::InvalidYear),
            ("offer.csv", 15, Code::DuplicateRow),
        ]
    );
    // Codes that lost their leading zeros are restored, and each restoration is reported.
    let padded: Vec<(&str, u64)> = messy
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EntityIdPadded)
        .map(|d| (d.file.rsplit('/').next().unwrap(), d.line))
        .collect();
    assert_eq!(
        padded,
        [
            ("entities.csv", 2),
            ("entities.csv", 3),
            ("entities.csv", 4),
            ("facilities.csv", 2),
            ("facilities.csv", 4),
            ("offer.csv", 2),
            ("offer.csv", 5),
            ("offer.csv", 9),
        ]
    );
    check_expected("messy.interactivity", &messy);
}

#[test]
fn workbook_gives_the_same_numbers() {
    let clean = interactivity(&dataset("small"), &InteractivityOptions::default()).unwrap();
    let xlsx = interactivity(&workbook(), &InteractivityOptions::default()).unwrap();
    assert_eq!(xlsx.municipalities, clean.municipalities);
    assert_eq!(xlsx.aggregates, clean.aggregates);
    // Same doubtful row, at the same spreadsheet row; plus Delta's code stored as a number.
    let codes: Vec<(u64, Code)> = xlsx.diagnostics.iter().map(|d| (d.line, d.code)).collect();
    assert_eq!(
        codes,
        [(5, Code::EntityIdPadded), (10, Code::PhaseNotApplicable)]
    );
}

#[test]
fn a_year_without_offer_scores_zero_with_a_warning() {
    let options = InteractivityOptions::default().with_year(Some(2021));
    let r = interactivity(&dataset("small"), &options).unwrap();
    assert!(r
        .municipalities
        .iter()
        .all(|m| m.index == Some(0.0) && m.year == 2021));
    assert!(r.diagnostics.iter().any(|d| d.code == Code::YearNotInData));
}

//! The reading pipeline: a dataset read once gives, computation after computation, exactly
//! the results of the one-shot functions (and the expected JSON of every case of
//! fixtures/expected/manifest.json, which the Python and JavaScript suites check too).

mod common;

use common::{check_expected, dataset, fixtures};
use desier_core::{
    compare, interactivity, usage, validate, Code, CompareOptions, Dataset, Input,
    InteractivityOptions, TableKind, Tables, UsageOptions,
};

fn manifest() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(fixtures().join("expected/manifest.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_manifest_case_on_one_dataset_per_folder() {
    let cases = manifest();
    assert_eq!(cases.len(), 8, "the manifest's cases");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let tables = dataset(case["dataset"].as_str().unwrap());
        // Every table of the folder, read once, whichever computation follows.
        let data = Dataset::read(&tables).unwrap();
        let options = case["options"].clone();
        match case["computation"].as_str().unwrap() {
            "interactivity" => {
                let options: InteractivityOptions = serde_json::from_value(options).unwrap();
                let r = data.interactivity(&options).unwrap();
                assert_eq!(r, interactivity(&tables, &options).unwrap(), "{name}");
                check_expected(name, &r);
            }
            "usage" => {
                let options: UsageOptions = serde_json::from_value(options).unwrap();
                let r = data.usage(&options).unwrap();
                assert_eq!(r, usage(&tables, &options).unwrap(), "{name}");
                check_expected(name, &r);
            }
            "compare" => {
                let options: CompareOptions = serde_json::from_value(options).unwrap();
                let r = data.compare(&options).unwrap();
                assert_eq!(r, compare(&tables, &options).unwrap(), "{name}");
                check_expected(name, &r);
            }
            "validate" => {
                let r = data.validate();
                assert_eq!(r, validate(&tables).unwrap(), "{name}");
                check_expected(name, &r);
            }
            other => panic!("unknown computation {other}"),
        }
    }
}

#[test]
fn each_result_carries_the_tables_it_uses() {
    let data = Dataset::read(&dataset("small")).unwrap();
    let kinds = |tables: &[desier_core::TableRead]| -> Vec<TableKind> {
        tables.iter().map(|t| t.table).collect()
    };
    use TableKind::*;
    assert_eq!(
        kinds(&data.tables()),
        [Entities, Facilities, Procedures, Offer, Returns]
    );
    let i = data
        .interactivity(&InteractivityOptions::default())
        .unwrap();
    assert_eq!(kinds(&i.tables), [Entities, Facilities, Procedures, Offer]);
    let u = data.usage(&UsageOptions::default()).unwrap();
    assert_eq!(kinds(&u.tables), [Entities, Facilities, Returns]);
    // The small offer's one doubtful row (line 10: `payment` is not a phase of `cambio`)
    // belongs to the interactivity result and to the dataset's, not to the usage one.
    let offer_line_10 = |d: &desier_core::Diagnostic| {
        d.file.ends_with("offer.csv") && d.line == 10 && d.code == Code::PhaseNotApplicable
    };
    assert!(i.diagnostics.iter().any(offer_line_10));
    assert!(data.diagnostics().iter().any(offer_line_10));
    assert!(!u.diagnostics.iter().any(offer_line_10));
    // The years of the offer and of the returns (2018 and 2019 in the small returns).
    assert_eq!(data.years(), [2018, 2019].into());
    assert_eq!(
        data.years(),
        data.offer()
            .unwrap()
            .years
            .keys()
            .copied()
            .chain(data.returns().unwrap().years())
            .collect()
    );
}

#[test]
fn a_computation_without_its_tables_is_a_missing_table() {
    let small = dataset("small");
    let only_usage = Tables::default()
        .with(Entities, small.get(Entities).unwrap().clone())
        .with(Returns, small.get(Returns).unwrap().clone());
    use TableKind::*;
    let data = Dataset::read(&only_usage).unwrap();
    let err = data
        .interactivity(&InteractivityOptions::default())
        .unwrap_err();
    assert_eq!(err.code(), "missing_table");
    assert!(err.to_string().contains("procedures"), "{err}");
    // The usage index needs only these two tables.
    assert!(data.usage(&UsageOptions::default()).is_ok());

    let only_registry = Tables::default().with(Entities, small.get(Entities).unwrap().clone());
    let data = Dataset::read(&only_registry).unwrap();
    let err = data.usage(&UsageOptions::default()).unwrap_err();
    assert_eq!(err.code(), "missing_table");
    assert!(err.to_string().contains("returns"), "{err}");

    // An offer without its catalog cannot be read.
    let offer_alone = only_registry.with(Offer, small.get(Offer).unwrap().clone());
    let err = Dataset::read(&offer_alone).unwrap_err();
    assert_eq!(err.code(), "missing_table");
    // Without the registry, nothing is read.
    assert_eq!(
        Dataset::read(&Tables::default()).unwrap_err().code(),
        "missing_table"
    );
}

#[test]
fn one_shot_functions_read_only_their_tables() {
    // A file that cannot be read, named for a table the usage index does not read.
    let mut tables = dataset("small");
    tables.set(
        TableKind::Offer,
        Input::from_file(fixtures().join("small/no-such-offer.csv")),
    );
    let r = usage(&tables, &UsageOptions::default()).unwrap();
    assert_eq!(r.tables.len(), 3);
    // The whole dataset reads it, and says which file is missing.
    let err = Dataset::read(&tables).unwrap_err();
    assert_eq!(err.code(), "unreadable_file");
    assert!(err.to_string().contains("no-such-offer.csv"), "{err}");
    // Reading only the usage tables succeeds, and gives the one-shot result.
    let data = Dataset::read_only(&tables, desier_core::usage::TABLES).unwrap();
    assert_eq!(data.usage(&UsageOptions::default()).unwrap(), r);
}

#[test]
fn compare_needs_two_different_years_before_reading() {
    let data = Dataset::read(&dataset("small")).unwrap();
    let err = data.compare(&CompareOptions::new(2019, 2019)).unwrap_err();
    assert_eq!(err.code(), "invalid_option");
    // A year without returns is a warning on the returns file, line 1.
    let r = data.compare(&CompareOptions::new(2019, 2031)).unwrap();
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::YearNotInData)
        .unwrap();
    assert!(d.file.ends_with("returns.csv") && d.line == 1, "{d:?}");
    assert!(r.services.iter().all(|s| s.comparable_cases == 0));
}

#[test]
fn the_series_is_one_comparison_per_pair_of_consecutive_years() {
    // fixtures/small: returns of 2018 and 2019, so one pair.
    let data = Dataset::read(&dataset("small")).unwrap();
    let series = data.compare_series(&UsageOptions::default()).unwrap();
    assert_eq!(series.comparisons.len(), 1);
    let pair = data.compare(&CompareOptions::new(2018, 2019)).unwrap();
    let c = &series.comparisons[0];
    assert_eq!((c.from, c.to), (2018, 2019));
    assert_eq!(c.services, pair.services);
    assert_eq!(series.diagnostics, pair.diagnostics);
    assert_eq!(series.tables, pair.tables);
    let json = serde_json::to_value(&series).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["comparisons", "diagnostics", "tables"]);
    let first: Vec<&str> = json["comparisons"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(first, ["from", "to", "services"]);
    // Returns of one year only: no pair to compare, and the accounting still there.
    let one_year = desier_core::Tables::default()
        .with(
            desier_core::TableKind::Entities,
            desier_core::Input::from_text("entities.csv", "entity_id,kind\n037006,municipality\n"),
        )
        .with(
            desier_core::TableKind::Returns,
            desier_core::Input::from_text(
                "returns.csv",
                "year,entity_id,service_id,active,regional_platform,autonomous_platform,\
                 national_platform,extra_platform,total\n2019,037006,suap,si,4,0,0,0,8\n",
            ),
        );
    let series = desier_core::compare_series(&one_year, &UsageOptions::default()).unwrap();
    assert!(series.comparisons.is_empty());
    assert_eq!(series.tables.len(), 2);
}

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

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A cell from a vocabulary of good and bad values of the column.
    fn cell(values: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
        prop::sample::select(values)
    }

    const YEARS: &[&str] = &["2018", "2019", "2019", "20x9", ""];
    const BODIES: &[&str] = &["000001", "000002", "000003", "U1", "P1", "999999", ""];
    const COUNTS: &[&str] = &["0", "3", "10", "40", "nd", "", "-1", "1,5"];

    fn entities() -> String {
        "entity_id,name,kind,province,population,union_id\n\
         000001,Alfa,municipality,AA,1000,U1\n\
         000002,Beta,municipality,AA,4000,U1\n\
         000003,Gamma,municipality,BB,20000,\n\
         U1,Unione,union,AA,,\n\
         P1,Provincia,province,AA,,\n"
            .to_owned()
    }

    fn returns() -> impl Strategy<Value = String> {
        let row = (
            cell(YEARS),
            cell(BODIES),
            cell(&[
                "suap",
                "suap",
                "nursery_fees",
                "registry_certificates",
                "bad_service",
            ]),
            cell(&["si", "no", "nd", "forse"]),
            prop::array::uniform5(cell(COUNTS)),
        )
            .prop_map(|(y, e, s, a, c)| format!("{y},{e},{s},{a},{}\n", c.join(",")));
        prop::collection::vec(row, 0..25).prop_map(|rows| {
            "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n".to_owned()
                + &rows.concat()
        })
    }

    fn offer() -> impl Strategy<Value = String> {
        let row = (
            cell(YEARS),
            cell(BODIES),
            cell(&["cert", "nido", "ghost"]),
            cell(&["request", "request|payment", "payment|nope", ""]),
        )
            .prop_map(|(y, e, p, ph)| format!("{y},{e},{p},{ph}\n"));
        prop::collection::vec(row, 0..15).prop_map(|rows| {
            "year,entity_id,procedure_id,online_phases\n".to_owned() + &rows.concat()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the rows, every computation on a dataset read once equals the one-shot
        /// function on the same tables, diagnostics and accounting included.
        #[test]
        fn a_dataset_gives_the_one_shot_results(returns in returns(), offer in offer()) {
            let tables = Tables::default()
                .with(TableKind::Entities, Input::from_text("entities.csv", entities()))
                .with(TableKind::Procedures, Input::from_text("procedures.csv",
                    "procedure_id,area_id,phases\ncert,anagrafe,request|payment\nnido,scuola,request\n"))
                .with(TableKind::Offer, Input::from_text("offer.csv", offer))
                .with(TableKind::Returns, Input::from_text("returns.csv", returns));
            let data = Dataset::read(&tables).unwrap();
            for t in data.tables() {
                prop_assert_eq!(t.rows, t.accepted + t.accepted_with_warnings + t.rejected);
            }
            let i = InteractivityOptions::default();
            prop_assert_eq!(data.interactivity(&i).unwrap(), interactivity(&tables, &i).unwrap());
            let u = UsageOptions::default();
            prop_assert_eq!(data.usage(&u).unwrap(), usage(&tables, &u).unwrap());
            let c = CompareOptions::new(2018, 2019);
            prop_assert_eq!(data.compare(&c).unwrap(), compare(&tables, &c).unwrap());
            prop_assert_eq!(data.validate(), validate(&tables).unwrap());
            prop_assert_eq!(data.diagnostics(), validate(&tables).unwrap().diagnostics);
        }
    }
}

//! Reader and registry behaviour: per-year registries, structural errors, row diagnostics.

use desier_core::{
    interactivity, Code, Error, Group, Input, InteractivityOptions, Severity, Tables,
};

fn tables(entities: &str, offer: &str) -> Tables {
    Tables {
        entities: Some(Input::from_text("entities.csv", entities.to_owned())),
        procedures: Some(Input::from_text(
            "procedures.csv",
            "procedure_id,area_id,phases\np,a,request\n",
        )),
        offer: Some(Input::from_text("offer.csv", offer.to_owned())),
        ..Tables::default()
    }
}

fn codes(t: &Tables) -> Vec<(u64, Severity, Code)> {
    let r = interactivity(t, &InteractivityOptions::default()).unwrap();
    r.diagnostics
        .iter()
        .map(|d| (d.line, d.severity, d.code))
        .collect()
}

#[test]
fn a_per_year_registry_moves_municipalities_between_classes_and_unions() {
    let entities = "year,entity_id,kind,population,union_id\n\
        2019,000001,municipality,2900,U\n2019,U,union,,\n\
        2020,000001,municipality,3100,\n2020,U,union,,\n";
    let offer = "year,entity_id,procedure_id,online_phases\n2019,U,p,request\n2020,U,p,request\n";
    let r = interactivity(&tables(entities, offer), &InteractivityOptions::default()).unwrap();
    let class = |y| {
        r.aggregates
            .iter()
            .find(|a| a.year == y && a.group == Group::SizeClass)
            .unwrap()
            .key
            .clone()
    };
    assert_eq!(class(2019), "micro");
    assert_eq!(class(2020), "small");
    // In 2019 the union's row reaches its member; in 2020 the municipality left the union.
    let idx: Vec<Option<f64>> = r.municipalities.iter().map(|m| m.index).collect();
    assert_eq!(idx, [Some(100.0), Some(0.0)]);
    assert!(r
        .aggregates
        .iter()
        .any(|a| a.year == 2019 && a.group == Group::Union));
    assert!(!r
        .aggregates
        .iter()
        .any(|a| a.year == 2020 && a.group == Group::Union));
}

#[test]
fn a_year_missing_from_the_registry_falls_back_with_a_warning() {
    let entities = "anno;codice;tipo\n2019;000001;comune\n";
    let offer = "year,entity_id,procedure_id,online_phases\n2020,000001,p,request\n";
    assert_eq!(
        codes(&tables(entities, offer)),
        [(1, Severity::Warning, Code::RegistryYearFallback)]
    );
}

#[test]
fn registry_rows_with_problems() {
    let entities = "entity_id,kind,population,mountain,union_id\n\
        000001,municipality,1000,si,NOPE\n\
        000002,città,1000,,\n\
        000001,municipality,1000,,\n\
        ,municipality,1,,\n\
        000003,municipality,molti,forse,\n\
        000004,municipality,,,\n";
    let offer = "year,entity_id,procedure_id,online_phases\n";
    assert_eq!(
        codes(&tables(entities, offer)),
        [
            (2, Severity::Warning, Code::UnknownUnion),
            (3, Severity::Error, Code::InvalidKind),
            (4, Severity::Error, Code::DuplicateRow),
            (5, Severity::Error, Code::MissingValue),
            (6, Severity::Warning, Code::InvalidNumber),
            (6, Severity::Warning, Code::InvalidBoolean),
            (7, Severity::Warning, Code::MissingPopulation),
        ]
    );
}

#[test]
fn offer_rows_with_problems() {
    let entities = "entity_id,kind\n000001,municipality\nPROV,province\n";
    let offer = "year,entity_id,procedure_id,online_phases\n\
        2019,000001,p,request|richiesta\n\
        2019,PROV,p,request\n\
        2019,000009,p,request\n\
        2019,000001,q,request\n\
        19,000001,p,request\n\
        2019,000001,p,\n\
        2019,1,p,request\n";
    assert_eq!(
        codes(&tables(entities, offer)),
        [
            (2, Severity::Warning, Code::UnknownPhase),
            (3, Severity::Error, Code::EntityNotMunicipal),
            (4, Severity::Error, Code::UnknownEntity),
            (5, Severity::Error, Code::UnknownProcedure),
            (6, Severity::Error, Code::InvalidYear),
            (7, Severity::Error, Code::DuplicateRow),
            (8, Severity::Warning, Code::EntityIdPadded),
            (8, Severity::Error, Code::DuplicateRow),
        ]
    );
}

#[test]
fn structural_errors_name_the_file_and_the_column() {
    let t = tables(
        "entity_id,kind\n000001,municipality\n",
        "year,entity_id,online_phases\n",
    );
    let e = interactivity(&t, &InteractivityOptions::default()).unwrap_err();
    assert_eq!(e.code(), "missing_column");
    assert_eq!(
        (e.file(), e.column()),
        (Some("offer.csv"), Some("procedure_id"))
    );
    assert!(e.to_string().contains("procedure_id"), "{e}");

    let t = tables("", "year,entity_id,procedure_id,online_phases\n");
    let e = interactivity(&t, &InteractivityOptions::default()).unwrap_err();
    assert_eq!(
        (e.code(), e.file()),
        ("unreadable_file", Some("entities.csv"))
    );
    assert!(e.to_string().contains("empty"), "{e}");

    let t = tables(
        "codice,codice_istat\n1,1\n",
        "year,entity_id,procedure_id,online_phases\n",
    );
    let e = interactivity(&t, &InteractivityOptions::default()).unwrap_err();
    assert!(matches!(e, Error::DuplicateColumn { .. }), "{e}");

    let mut t = tables(
        "entity_id\n000001\n",
        "year,entity_id,procedure_id,online_phases\n",
    );
    t.offer = Some(Input::from_bytes(
        "offer.xls",
        vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0],
    ));
    let e = interactivity(&t, &InteractivityOptions::default()).unwrap_err();
    assert!(e.to_string().contains(".xlsx"), "{e}");

    let mut t = tables("entity_id\n000001\n", "");
    t.offer = None;
    let e = interactivity(&t, &InteractivityOptions::default()).unwrap_err();
    assert_eq!(e.code(), "missing_table");
    // The message names the table and what to do.
    assert!(e.to_string().contains("offer.csv or offer.xlsx"), "{e}");
}

#[test]
fn without_a_kind_column_every_body_is_a_municipality() {
    let entities = "\u{feff}Codice ISTAT;Denominazione\n037006;Bologna\n";
    let offer = "Anno;Codice;Procedimento;Fasi online\n2019;037006;p;request\n";
    let r = interactivity(&tables(entities, offer), &InteractivityOptions::default()).unwrap();
    assert_eq!(r.municipalities[0].index, Some(100.0));
    assert_eq!(r.names[&r.municipalities[0].entity_id], "Bologna");
}

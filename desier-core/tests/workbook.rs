//! The survey workbook (`desier template`): its rows, last year's figures, the preloaded
//! counts, text that must never become a formula, and reading it back as the returns.
//! (Filling it and recalculating its formulas is tested in desier-cli/tests/workbook, with
//! openpyxl and LibreOffice.)

use calamine::{Data, Reader, Xlsx};
use desier_core::workbook::{template, TemplateOptions};
use desier_core::{validate, Input, TableKind, Tables};
use std::io::Cursor;

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/small");

fn small(name: &str) -> Input {
    Input::from_path(format!("{SMALL}/{name}")).unwrap()
}

fn options(year: i32) -> TemplateOptions {
    TemplateOptions {
        year,
        ..TemplateOptions::default()
    }
}

/// The data sheet as rows of cells.
fn data_sheet(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut wb = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(wb.sheet_names(), ["Istruzioni", "Rilevazione"]);
    let range = wb.worksheet_range("Rilevazione").unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn find<'a>(rows: &'a [Vec<Data>], entity: &str, service: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| text(&r[1]) == entity && text(&r[3]) == service)
        .unwrap_or_else(|| panic!("no row for {entity} {service}"))
}

#[test]
fn one_row_per_body_and_service_of_its_competence() {
    let tables = Tables::default().with(TableKind::Entities, small("entities.csv"));
    let t = template(&tables, None, &options(2020)).unwrap();
    assert_eq!(t.files.len(), 1);
    assert_eq!(t.files[0].name, "rilevazione_2020.xlsx");
    let rows = data_sheet(&t.files[0].bytes);
    // 4 municipalities and 1 union x the 8 municipal services, the province's fines, the
    // operator's bus passes: 40 + 1 + 1.
    assert_eq!(rows.len() - 1, 42);
    assert_eq!(text(&rows[0][0]), "Anno");
    assert_eq!(text(&rows[0][11]), "Quota online");
    let prov = find(&rows, "PROV_AA", "provincial_fines");
    assert_eq!(text(&prov[2]), "Provincia di AA");
    assert_eq!(text(&prov[0]), "2020");
    assert!(rows.iter().all(|r| text(&r[1]) != "PROV_AA"
        || text(&r[3]) == "provincial_fines"
        || text(&r[3]) == "Id servizio"));

    // 000001 has no nursery in 2019: its two nursery services get no row.
    let with_facilities = tables
        .clone()
        .with(TableKind::Facilities, small("facilities.csv"));
    let t = template(&with_facilities, None, &options(2019)).unwrap();
    let rows = data_sheet(&t.files[0].bytes);
    assert_eq!(rows.len() - 1, 40);
    assert!(!rows
        .iter()
        .any(|r| text(&r[1]) == "000001" && text(&r[3]).starts_with("nursery")));

    // A chosen service only; an unknown one is an error naming the catalog.
    let only = TemplateOptions {
        services: vec!["suap".into()],
        ..options(2020)
    };
    let rows = data_sheet(&template(&tables, None, &only).unwrap().files[0].bytes);
    assert_eq!(rows.len() - 1, 5);
    let bad = TemplateOptions {
        services: vec!["sua".into()],
        ..options(2020)
    };
    let e = template(&tables, None, &bad).unwrap_err();
    assert_eq!(e.code(), "invalid_option");
    assert!(e.to_string().contains("suap"), "{e}");
}

#[test]
fn one_workbook_per_body_when_split() {
    let tables = Tables::default().with(TableKind::Entities, small("entities.csv"));
    let split = TemplateOptions {
        split: true,
        ..options(2020)
    };
    let t = template(&tables, None, &split).unwrap();
    // In the registry's order (by id).
    let names: Vec<&str> = t.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "rilevazione_2020_000001.xlsx",
            "rilevazione_2020_000002.xlsx",
            "rilevazione_2020_000003.xlsx",
            "rilevazione_2020_000004.xlsx",
            "rilevazione_2020_BUS.xlsx",
            "rilevazione_2020_PROV_AA.xlsx",
            "rilevazione_2020_U1.xlsx",
        ]
    );
    let rows = data_sheet(&t.files[6].bytes);
    assert_eq!(rows.len() - 1, 8);
    assert!(rows[1..].iter().all(|r| text(&r[1]) == "U1"));
}

#[test]
fn last_years_figures_and_preloaded_counts() {
    let tables = Tables::default()
        .with(TableKind::Entities, small("entities.csv"))
        .with(TableKind::Returns, small("returns.csv"));
    let payments = Input::from_text(
        "payments.csv",
        "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
         2020,000003,municipal_fines,si,120,,,45,300\n",
    );
    let t = template(&tables, Some(&payments), &options(2020)).unwrap();
    let rows = data_sheet(&t.files[0].bytes);
    // fixtures/small/returns.csv, 2019: 000001 registry_certificates yes,,30,,10,100.
    let r = find(&rows, "000001", "registry_certificates");
    let previous: Vec<String> = r[15..21].iter().map(text).collect();
    assert_eq!(previous, ["si", "nd", "30", "nd", "10", "100"]);
    // Nothing filled yet.
    assert!(r[5..11].iter().all(|c| *c == Data::Empty));
    // No return in 2019: nothing beside.
    let r = find(&rows, "000004", "suap");
    assert!(r[15..21].iter().all(|c| *c == Data::Empty));
    // The online counts of pagoPA are preloaded; the total is left to the office and
    // shown as a floor.
    let r = find(&rows, "000003", "municipal_fines");
    let counts: Vec<String> = r[5..11].iter().map(text).collect();
    assert_eq!(counts, ["", "120", "", "", "45", ""]);
    assert!(
        text(&r[14]).starts_with("sì") && text(&r[14]).contains("300"),
        "{:?}",
        r[14]
    );
    assert_eq!(text(&find(&rows, "000001", "suap")[14]), "");
}

#[test]
fn text_from_the_input_never_becomes_a_formula() {
    let entities = "entity_id,name,kind\n\
                    000001,\"=HYPERLINK(\"\"http://x.invalid\"\",\"\"clic\"\")\",municipality\n\
                    000002,+39 051,municipality\n\
                    000003,-1+2,municipality\n\
                    000004,@SUM(A1),municipality\n";
    let tables = Tables::default().with(TableKind::Entities, Input::from_text("e.csv", entities));
    let only = TemplateOptions {
        services: vec!["suap".into()],
        ..options(2020)
    };
    let bytes = template(&tables, None, &only)
        .unwrap()
        .files
        .remove(0)
        .bytes;
    let rows = data_sheet(&bytes);
    let names: Vec<&Data> = rows[1..].iter().map(|r| &r[2]).collect();
    assert_eq!(
        names,
        [
            &Data::String("=HYPERLINK(\"http://x.invalid\",\"clic\")".into()),
            &Data::String("+39 051".into()),
            &Data::String("-1+2".into()),
            &Data::String("@SUM(A1)".into()),
        ]
    );
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    let formulas = wb.worksheet_formula("Rilevazione").unwrap();
    for row in 1..=4u32 {
        // Column C (the name) holds no formula; the share (L) does.
        assert!(formulas.get_value((row, 2)).is_none_or(String::is_empty));
        assert!(formulas
            .get_value((row, 11))
            .is_some_and(|f| f.starts_with("IF(")));
    }
}

#[test]
fn an_unfilled_workbook_reads_back_without_a_diagnostic() {
    let tables = Tables::default()
        .with(TableKind::Entities, small("entities.csv"))
        .with(TableKind::Returns, small("returns.csv"));
    let t = template(&tables, None, &options(2020)).unwrap();
    let back = Tables::default()
        .with(TableKind::Entities, small("entities.csv"))
        .with(
            TableKind::Returns,
            Input::from_bytes("rilevazione_2020.xlsx", t.files[0].bytes.clone()),
        );
    let result = validate(&back).unwrap();
    assert_eq!(result.diagnostics, []);
    let read = &result.tables[1];
    assert_eq!((read.rows, read.accepted), (42, 42));
}

//! Results to Excel (`--format xlsx`, `output::to_xlsx`): one sheet per table, numbers as
//! numbers with their formats, names beside ids, and text from the input never a formula.

use calamine::{Data, Reader, Xlsx};
use desier_core::output::{self, Names};
use desier_core::{usage, Input, ServiceCatalog, TableKind, Tables, UsageOptions};
use std::io::Cursor;

#[test]
fn a_usage_result_opens_in_excel_with_names_and_numbers() {
    let entities = "entity_id,name,kind\n000001,=HYPERLINK(\"http://x.invalid\"),municipality\n000002,Beta,municipality\n";
    let returns = "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
                   2019,000001,suap,si,30,,,10,100\n2019,000002,suap,si,10,,,,300\n";
    let tables = Tables::default()
        .with(TableKind::Entities, Input::from_text("e.csv", entities))
        .with(TableKind::Returns, Input::from_text("r.csv", returns));
    let result = usage(&tables, &UsageOptions::default()).unwrap();
    let names = Names::new(result.names.clone(), &ServiceCatalog::default());
    let bytes = output::to_xlsx(&output::tables(&result), &names).unwrap();
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Servizi",
            "Comuni",
            "Aggregati",
            "Diagnostica",
            "Righe lette"
        ]
    );
    let services = wb.worksheet_range("Servizi").unwrap();
    let header: Vec<String> = services
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..3], ["id servizio", "servizio", "anno"]);
    let share = header.iter().position(|h| h == "quota online").unwrap();
    let suap = services
        .rows()
        .find(|r| r[0] == Data::String("suap".into()))
        .unwrap();
    assert_eq!(
        suap[1],
        Data::String("Presentazione domande SUAP (sportello unico attività produttive)".into())
    );
    // Pooled: (30 + 10) + 10 online over 100 + 300: 50 / 400.
    assert_eq!(suap[share], Data::Float(0.125));
    let comuni = wb.worksheet_range("Comuni").unwrap();
    let first: Vec<&Data> = comuni.rows().nth(1).unwrap().iter().collect();
    // The id stays text (leading zeros), the name beside it is text, never a formula.
    assert_eq!(first[0], &Data::String("000001".into()));
    assert_eq!(
        first[1],
        &Data::String("=HYPERLINK(\"http://x.invalid\")".into())
    );
    let formulas = wb.worksheet_formula("Comuni").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn the_json_of_a_result_gives_the_same_workbook() {
    let tables = Tables::default()
        .with(TableKind::Entities, Input::from_text("e.csv", "entity_id,name,kind\n000001,Alfa,municipality\n"))
        .with(TableKind::Returns, Input::from_text("r.csv", "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n2019,000001,suap,si,30,,,10,100\n"));
    let result = usage(&tables, &UsageOptions::default()).unwrap();
    let names = Names::new(result.names.clone(), &ServiceCatalog::default());
    let direct = output::to_xlsx(&output::tables(&result), &names).unwrap();
    let via_json = output::json_to_xlsx(&output::to_json(&result).unwrap(), &names).unwrap();
    let sheets = |b: Vec<u8>| {
        let mut wb = Xlsx::new(Cursor::new(b)).unwrap();
        let names = wb.sheet_names();
        names
            .iter()
            .map(|n| wb.worksheet_range(n).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(sheets(direct), sheets(via_json));
    let e = output::json_to_xlsx("not json", &names).unwrap_err();
    assert_eq!(e.code(), "invalid_option");
}

#[test]
fn csv_cells_excel_would_run_are_text() {
    let t = output::Table {
        name: "municipalities".into(),
        headers: vec!["entity_id".into(), "name".into(), "change".into()],
        rows: vec![vec!["=1+1".into(), "@SUM(A1)".into(), "-0.25".into()]],
    };
    assert_eq!(
        output::to_csv(&t),
        "entity_id,name,change\n'=1+1,'@SUM(A1),-0.25\n"
    );
}

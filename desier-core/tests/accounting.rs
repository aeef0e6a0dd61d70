//! The accounting of rows (issue 7): for every table read, rows read = accepted + accepted
//! with warnings + rejected; the rows kept by the reader are exactly the accepted ones (with
//! or without warnings), and a row is rejected exactly when it has an error diagnostic.
//! Checked on the fixtures, the sample, and on generated messy tables of every kind.

mod common;

use common::{dataset, workbook};
use desier_core::io::{entities, facilities, offer, procedures, returns, services};
use desier_core::{
    compare, interactivity, sample, usage, validate, CompareOptions, Diagnostics, Input,
    InteractivityOptions, ServiceCatalog, Severity, TableRead, Tables, UsageOptions,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The lines of `file` with an error, and those with only warnings.
fn lines_by_outcome(diags: &Diagnostics, since: usize, header: u64) -> (usize, usize) {
    let mut lines: BTreeMap<u64, bool> = BTreeMap::new();
    for d in &diags.as_slice()[since..] {
        if d.line > header {
            *lines.entry(d.line).or_default() |= d.severity == Severity::Error;
        }
    }
    let errors = lines.values().filter(|e| **e).count();
    (errors, lines.len() - errors)
}

fn adds_up(t: &TableRead) {
    assert_eq!(
        t.rows,
        t.accepted + t.accepted_with_warnings + t.rejected,
        "{t:?}"
    );
}

/// Checks one read: the counts add up, the kept rows are the accepted ones, and the
/// rejected rows are the lines with an error.
fn check(read: &TableRead, kept: usize, diags: &Diagnostics, since: usize) {
    adds_up(read);
    assert_eq!(
        (read.accepted + read.accepted_with_warnings) as usize,
        kept,
        "{read:?}"
    );
    let (errors, warned) = lines_by_outcome(diags, since, 1);
    assert_eq!(read.rejected as usize, errors, "{read:?}");
    assert_eq!(read.accepted_with_warnings as usize, warned, "{read:?}");
}

#[test]
fn every_result_on_the_fixtures_and_the_sample_adds_up() {
    for tables in [
        dataset("small"),
        dataset("messy"),
        workbook(),
        sample::tables(),
    ] {
        let i = interactivity(&tables, &InteractivityOptions::default()).unwrap();
        let u = usage(&tables, &UsageOptions::default()).unwrap();
        let c = compare(&tables, &CompareOptions::new(2018, 2019)).unwrap();
        let v = validate(&tables).unwrap();
        for t in i
            .tables
            .iter()
            .chain(&u.tables)
            .chain(&c.tables)
            .chain(&v.tables)
        {
            adds_up(t);
        }
        for d in i
            .diagnostics
            .iter()
            .chain(&u.diagnostics)
            .chain(&v.diagnostics)
        {
            assert!(d.code.severities().contains(&d.severity), "{d}");
        }
        let names = |ts: &[TableRead]| ts.iter().map(|t| t.table.name()).collect::<Vec<_>>();
        assert_eq!(names(&i.tables)[0], "entities");
        assert_eq!(names(&i.tables).last(), Some(&"offer"));
        assert_eq!(names(&u.tables).last(), Some(&"returns"));
        // validate reads every table given, once.
        let unique: BTreeSet<_> = names(&v.tables).into_iter().collect();
        assert_eq!(unique.len(), v.tables.len());
    }
}

#[test]
fn a_duplicate_row_with_warnings_counts_once_as_rejected() {
    let entities = "entity_id,kind\n037006,municipality\n";
    let returns_csv = "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
        2019,037006,suap,si,10,,,,100\n\
        2019,37006,suap,,10,,,,100\n\
        2019,037006,suap_x,si,10,,,,100\n";
    let tables = Tables::default()
        .with(
            desier_core::TableKind::Entities,
            Input::from_text("entities.csv", entities),
        )
        .with(
            desier_core::TableKind::Returns,
            Input::from_text("returns.csv", returns_csv),
        );
    let v = validate(&tables).unwrap();
    let r = v.tables.last().unwrap();
    // Line 3 has a warning (the code lost its zeros) and an error (duplicate): rejected once.
    assert_eq!(
        (r.rows, r.accepted, r.accepted_with_warnings, r.rejected),
        (3, 1, 0, 2)
    );
}

fn registry() -> desier_core::model::registry::Registry {
    let mut d = Diagnostics::new();
    entities::read_entities(
        &Input::from_text("e.csv", include_str!("../../fixtures/small/entities.csv")),
        &mut d,
    )
    .unwrap()
    .0
}

fn catalog() -> desier_core::model::catalog::Catalog {
    let mut d = Diagnostics::new();
    procedures::read_procedures(
        &Input::from_text("p.csv", include_str!("../../fixtures/small/procedures.csv")),
        &mut d,
    )
    .unwrap()
    .0
}

/// A messy cell for a column: good values, near misses and junk.
fn cell(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(choices).prop_map(String::from),
        1 => "[ -~]{0,6}",
        1 => proptest::sample::select(&["", "nd", "-", "\"", "\"a;b\"", "１２", "1e3", "99999999999999999999", "\u{0}", "è"][..]).prop_map(String::from),
    ]
}

const YEARS: &[&str] = &["2018", "2019", "2019.0", "19", "2O19"];
const IDS: &[&str] = &[
    "000001", "000002", "1", "U1", "PROV_AA", "BUS", "999999", "",
];
const COUNTS: &[&str] = &["0", "10", "100", "1.000", "12,5", "-3", "nd", ""];
const BOOLS: &[&str] = &["si", "no", "yes", "x", "", "forse", "nd"];

fn rows(columns: Vec<BoxedStrategy<String>>) -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(columns, 0..25)
}

/// Joins rows into CSV text with a separator and line ending chosen by the test.
fn csv(header: &str, rows: &[Vec<String>], sep: char, eol: &str) -> String {
    let mut text = header.replace(',', &sep.to_string());
    text.push_str(eol);
    for r in rows {
        text.push_str(&r.join(&sep.to_string()));
        text.push_str(eol);
    }
    text
}

fn layout() -> impl Strategy<Value = (char, &'static str)> {
    (
        proptest::sample::select(&[',', ';'][..]),
        proptest::sample::select(&["\n", "\r\n", "\r"][..]),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn entities_account_for_every_row(
        rows in rows(vec![cell(IDS).boxed(), cell(&["municipality", "union", "province", "comune", "città"]).boxed(), cell(COUNTS).boxed(), cell(BOOLS).boxed(), cell(&["U1", "", "NOPE"]).boxed(), cell(YEARS).boxed()]),
        (sep, eol) in layout(),
    ) {
        let text = csv("entity_id,kind,population,mountain,union_id,year", &rows, sep, eol);
        let mut d = Diagnostics::new();
        if let Ok((reg, read)) = entities::read_entities(&Input::from_text("e.csv", text), &mut d) {
            check(&read, reg.len(), &d, 0);
        }
    }

    #[test]
    fn facilities_account_for_every_row(
        rows in rows(vec![cell(YEARS).boxed(), cell(IDS).boxed(), cell(&["nursery", "", "pool"]).boxed(), cell(BOOLS).boxed()]),
        (sep, eol) in layout(),
    ) {
        let text = csv("year,entity_id,facility,present", &rows, sep, eol);
        let mut d = Diagnostics::new();
        let (f, read) = facilities::read_facilities(&Input::from_text("f.csv", text), &registry(), &mut d).unwrap();
        check(&read, f.len(), &d, 0);
    }

    #[test]
    fn procedures_account_for_every_row(
        rows in rows(vec![cell(&["cert", "nido", "p1", "p2", ""]).boxed(), cell(&["anagrafe", "scuola", ""]).boxed(), cell(&["request", "request|payment", "", "a|b|c"]).boxed()]),
        (sep, eol) in layout(),
    ) {
        let text = csv("procedure_id,area_id,phases", &rows, sep, eol);
        let mut d = Diagnostics::new();
        let (c, read) = procedures::read_procedures(&Input::from_text("p.csv", text), &mut d).unwrap();
        check(&read, c.procedures().len(), &d, 0);
    }

    #[test]
    fn offer_accounts_for_every_row(
        rows in rows(vec![cell(YEARS).boxed(), cell(IDS).boxed(), cell(&["cert", "cambio", "nido", "mensa", "nope"]).boxed(), cell(&["request", "request|payment", "", "payment|nope"]).boxed()]),
        (sep, eol) in layout(),
    ) {
        let text = csv("year,entity_id,procedure_id,online_phases", &rows, sep, eol);
        let mut d = Diagnostics::new();
        let (o, read) = offer::read_offer(&Input::from_text("o.csv", text), &registry(), &catalog(), &mut d).unwrap();
        let kept: usize = o.years.values().map(|y| y.len()).sum();
        check(&read, kept, &d, 0);
    }

    #[test]
    fn services_account_for_every_row(
        rows in rows(vec![cell(&["suap", "tari", "x", ""]).boxed(), cell(&["municipal", "comunale", "region", ""]).boxed(), cell(&["pec", "fax", ""]).boxed()]),
        (sep, eol) in layout(),
    ) {
        let text = csv("service_id,competence,extra_platform_channel", &rows, sep, eol);
        let mut d = Diagnostics::new();
        let (s, read) = services::read_services(&Input::from_text("s.csv", text), &mut d).unwrap();
        check(&read, s.len(), &d, 0);
    }

    #[test]
    fn returns_account_for_every_row(
        rows in rows(vec![cell(YEARS).boxed(), cell(IDS).boxed(), cell(&["suap", "registry_certificates", "provincial_fines", "bus_pass_renewal", "nope"]).boxed(), cell(BOOLS).boxed(), cell(COUNTS).boxed(), cell(COUNTS).boxed(), cell(COUNTS).boxed(), cell(COUNTS).boxed(), cell(COUNTS).boxed()]),
        (sep, eol) in layout(),
    ) {
        let text = csv("year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total", &rows, sep, eol);
        let mut d = Diagnostics::new();
        let (r, read) = returns::read_returns(&Input::from_text("r.csv", text), &registry(), &ServiceCatalog::default(), &mut d).unwrap();
        check(&read, r.rows().len(), &d, 0);
        // Severity error <=> rejected: a line with an error is not kept; a line with only
        // warnings is.
        let kept: BTreeSet<u64> = r.rows().iter().map(|x| x.line).collect();
        let errors: BTreeSet<u64> = d.as_slice().iter().filter(|x| x.severity == Severity::Error).map(|x| x.line).collect();
        for diag in d.as_slice().iter().filter(|x| x.line > 1) {
            prop_assert_eq!(kept.contains(&diag.line), !errors.contains(&diag.line), "{}", diag);
        }
    }
}

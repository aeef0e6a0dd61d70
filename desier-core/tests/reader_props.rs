//! Any byte string given as any table gives a result or an error, never a panic; and when
//! it gives a result, the accounting of the table adds up and every diagnostic is about a
//! line of the input. The same for rows given in memory (as the bindings pass DataFrames)
//! and for bytes that start like a workbook. (The fuzz targets in `fuzz/` explore the same
//! space for much longer.)

use desier_core::{validate, Input, TableKind, Tables};
use proptest::prelude::*;

const ENTITIES: &str = include_str!("../../fixtures/small/entities.csv");
const PROCEDURES: &str = include_str!("../../fixtures/small/procedures.csv");

/// `input` as `table`, with the fixture registry and catalog for the others.
fn check(table: TableKind, input: Input, lines: u64) {
    let mut tables = Tables::default()
        .with(TableKind::Entities, Input::from_text("e.csv", ENTITIES))
        .with(TableKind::Procedures, Input::from_text("p.csv", PROCEDURES));
    tables.set(table, input);
    if let Ok(r) = validate(&tables) {
        for t in &r.tables {
            assert_eq!(
                t.rows,
                t.accepted + t.accepted_with_warnings + t.rejected,
                "{t:?}"
            );
        }
        for d in r.diagnostics.iter().filter(|d| d.file == "x") {
            assert!(d.line >= 1 && d.line <= lines + 1, "{d}");
            assert!(!d.message.chars().any(char::is_control), "{d}");
        }
    }
}

fn table() -> impl Strategy<Value = TableKind> {
    proptest::sample::select(TableKind::ALL.to_vec())
}

/// Bytes that look a little like a table: separators, quotes, line breaks, digits, the
/// words of the headers, invalid UTF-8 and NUL.
fn tabular() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"year,entity_id,procedure_id,online_phases,service_id,active,total\n".to_vec()),
        Just(b"2019".to_vec()),
        Just(b"000001".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\0".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(token, 0..60).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_as_any_table(table in table(), bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
        check(table, Input::from_bytes("x", bytes), lines);
    }

    #[test]
    fn tabular_bytes_as_any_table(table in table(), bytes in tabular()) {
        let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
        check(table, Input::from_bytes("x", bytes), lines);
    }

    #[test]
    fn bytes_that_start_like_a_workbook(table in table(), bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(bytes);
        check(table, Input::from_bytes("x", zip), 0);
    }

    #[test]
    fn any_rows_in_memory(
        table in table(),
        headers in proptest::collection::vec("[a-z_ ]{0,12}|year|entity_id|service_id|total", 0..10),
        rows in proptest::collection::vec(proptest::collection::vec("\\PC{0,8}", 0..12), 0..20),
    ) {
        let n = rows.len() as u64;
        check(table, Input::from_rows("x", headers, rows), n + 1);
    }
}

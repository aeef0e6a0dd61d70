//! Every reader on XLSX workbooks. The first byte picks the table and how the rest builds
//! the workbook: as a worksheet written in the small cell language of
//! [`desier_fuzz::sheet_from_text`] (formulas with and without cached values, dates, errors,
//! merged cells, huge cell references), or as raw worksheet XML. The workbook is read as
//! that table through `validate`, which must give diagnostics whose accounting adds up, or
//! a structural error: never a panic, a hang or unbounded memory.
#![no_main]

use desier_core::{validate, Input, TableKind, Tables};
use desier_fuzz::{check, sheet_from_text, table_of, workbook, ENTITIES, PROCEDURES};
use libfuzzer_sys::fuzz_target;

/// The spreadsheet library panics on some malformed workbooks (e.g. with overflow checks
/// on, as here, a merged range written backwards); the core turns such a panic into an
/// `unreadable_file` error. libFuzzer's panic hook would abort on that caught panic: it is
/// replaced by one that only prints, so that only the panics that escape the core (which
/// libFuzzer catches at the boundary) count as crashes.
static HOOK: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("caught: {info}"))));
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let table = table_of(selector);
    let (sheet, strings) = if selector & 0x80 != 0 {
        (rest.to_vec(), None)
    } else {
        let (sheet, strings) = sheet_from_text(&String::from_utf8_lossy(rest));
        (sheet, Some(strings))
    };
    let name = if selector & 0x40 != 0 {
        "Foglio1"
    } else {
        table.name()
    };
    let bytes = workbook(name, &sheet, strings.as_deref());
    let mut tables = Tables::default()
        .with(
            TableKind::Entities,
            Input::from_static("entities.csv", ENTITIES),
        )
        .with(
            TableKind::Procedures,
            Input::from_static("procedures.csv", PROCEDURES),
        );
    tables.set(
        table,
        Input::from_bytes(format!("{}.xlsx", table.name()), bytes),
    );
    if table == TableKind::Offer || table == TableKind::Procedures {
        tables.offer.get_or_insert_with(|| {
            Input::from_static("offer.csv", "year,entity_id,procedure_id,online_phases\n")
        });
    }
    match validate(&tables) {
        Ok(r) => check(&r.tables, &r.diagnostics),
        Err(e) => assert!(!e.code().is_empty()),
    }
});

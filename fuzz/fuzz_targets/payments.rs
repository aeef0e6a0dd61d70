//! The three payment readers (canonical CSV, receipts XML, business events JSON) and the
//! classification end to end on arbitrary bytes: the first byte picks the form (its low
//! bits prefix the bytes with a receipt or event opening, so the fuzzer starts inside
//! each reader), the year option and whether a second copy is read as another file (for
//! the duplicates). Any input must give counts whose totals add up, amounts at least as
//! many cents as records are zero-priced allows, every record accounted once, and
//! diagnostics with a line; or a structural error. Never a panic, a hang or a stack
//! overflow.
#![no_main]

use desier_core::payments::{payments, PaymentOptions, PaymentSource};
use desier_core::{Input, TableKind, Tables};
use desier_fuzz::check;
use libfuzzer_sys::fuzz_target;

const ENTITIES: &str = "entity_id,fiscal_code\n037006,01232710374\n037001,80062710373\n";
const PREFIXES: [&[u8]; 4] = [
    b"",
    b"iuv;creditor;paid_at;amount;category;origin;payment_method;outcome\n",
    b"<paSendRTV2Request><idBrokerPA>02770891204</idBrokerPA><receipt>",
    b"[{\"debtorPosition\":{\"iuv\":\"1\"},\"transferList\":[",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = PREFIXES[usize::from(selector & 3)].to_vec();
    bytes.extend_from_slice(rest);
    let tables = Tables::default().with(TableKind::Entities, Input::from_static("e.csv", ENTITIES));
    let mut sources = vec![PaymentSource::from_bytes("a", bytes.clone())];
    if selector & 4 != 0 {
        sources.push(PaymentSource::from_bytes("b", bytes));
    }
    let options = PaymentOptions {
        year: (selector & 8 != 0).then_some(2021),
    };
    match payments(&tables, &sources, &options) {
        Ok(r) => {
            check(&r.tables, &r.diagnostics);
            let payments_rows: u64 = r
                .tables
                .iter()
                .filter(|t| t.table == TableKind::Payments)
                .map(|t| t.rows)
                .sum();
            let counted: u64 = r.returns.iter().map(|x| x.records.total).sum();
            let o = &r.out_of_scope;
            let out = o.not_executed
                + o.excluded
                + o.duplicates
                + o.other_years
                + o.rejected
                + o.creditors.iter().map(|c| c.records).sum::<u64>()
                + o.categories.iter().map(|c| c.records).sum::<u64>();
            assert_eq!(counted + out, payments_rows, "{r:?}");
            for x in &r.returns {
                let c = &x.records;
                assert_eq!(
                    c.total,
                    c.regional_platform
                        + c.autonomous_platform
                        + c.national_platform
                        + c.extra_platform
                        + c.offline
                        + c.unclassified
                );
            }
            let hits: u64 = r.rules.iter().map(|h| h.records).sum();
            let unclassified: u64 = r.unclassified.iter().map(|u| u.records).sum();
            assert_eq!(hits + unclassified, counted + o.excluded);
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            assert!(!e.to_string().is_empty());
        }
    }
});

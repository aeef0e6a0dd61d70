//! Property tests of the payments by channel: the counts do not depend on the order of
//! the records, nor on how they are split into files or partial results; the amounts are
//! exact (the cents of the counted records, summed); every record is accounted once.

use desier_core::diagnostics::Diagnostics;
use desier_core::payments::{
    payments, Engine, Partial, PaymentOptions, PaymentSource, RawPayment, Verdict,
};
use desier_core::{Input, TableKind, Tables};
use proptest::prelude::*;

const ENTITIES: &str = "entity_id,fiscal_code\n037006,01232710374\n037001,80062710373\n";
const CREDITORS: [&str; 3] = ["01232710374", "80062710373", "99999999999"];
const CATEGORIES: [&str; 4] = ["9/0107106SP/", "0102100SA", "0101100IM", "9/0107101TS/x"];
const ORIGINS: [&str; 5] = ["IO", "WISP", "", "CHECKOUT_CART", "x"];
const METHODS: [&str; 3] = ["cash", "", "creditCard"];
const OUTCOMES: [&str; 3] = ["OK", "KO", ""];

/// One generated record: (creditor, category, origin, method, outcome, cents, day).
type Rec = (usize, usize, usize, usize, usize, u64, u32);

fn rec() -> impl Strategy<Value = Rec> {
    (
        0..3usize,
        0..4usize,
        0..5usize,
        0..3usize,
        0..3usize,
        0u64..10_000_000,
        0u32..800,
    )
}

fn line(i: usize, r: &Rec) -> String {
    let (c, k, o, m, out, cents, day) = *r;
    // Days from 2019-12-30 (at 23:30 UTC, so that the year in Rome is the next day's).
    let date = jiff::civil::date(2019, 12, 30)
        .checked_add(jiff::Span::new().days(i64::from(day)))
        .unwrap();
    format!(
        "{i},R{i},{},{}T23:30:00Z,{}.{:02},{},{},{},{}\n",
        CREDITORS[c],
        date,
        cents / 100,
        cents % 100,
        CATEGORIES[k],
        ORIGINS[o],
        METHODS[m],
        OUTCOMES[out]
    )
}

const HEADER: &str =
    "iuv,receipt_id,creditor,paid_at,amount,category,origin,payment_method,outcome\n";

fn csv(recs: &[(usize, Rec)]) -> String {
    let mut s = HEADER.to_owned();
    for (i, r) in recs {
        s.push_str(&line(*i, r));
    }
    s
}

fn tables() -> Tables {
    Tables::default().with(
        TableKind::Entities,
        Input::from_text("entities.csv", ENTITIES),
    )
}

fn run(files: &[String]) -> desier_core::payments::PaymentsResult {
    let sources: Vec<PaymentSource> = files
        .iter()
        .enumerate()
        .map(|(i, t)| PaymentSource::from_bytes(format!("f{i}.csv"), t.clone().into_bytes()))
        .collect();
    payments(&tables(), &sources, &PaymentOptions::default()).unwrap()
}

/// The parts of a result that do not depend on where records were read.
fn numbers(r: &desier_core::payments::PaymentsResult) -> serde_json::Value {
    serde_json::json!({"returns": r.returns, "rules": r.rules, "unclassified": r.unclassified,
                       "out_of_scope": r.out_of_scope})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn order_and_partition_invariant_amounts_exact(
        recs in proptest::collection::vec(rec(), 0..40),
        cut in 0usize..40,
        perm in any::<u64>(),
    ) {
        let numbered: Vec<(usize, Rec)> = recs.iter().copied().enumerate().collect();
        let whole = run(&[csv(&numbered)]);
        // Split into two files.
        let cut = cut.min(numbered.len());
        let (a, b) = numbered.split_at(cut);
        let split = run(&[csv(b), csv(a)]);
        prop_assert_eq!(numbers(&whole), numbers(&split));
        // Shuffled.
        let mut shuffled = numbered.clone();
        let mut s = perm;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(numbers(&whole), numbers(&run(&[csv(&shuffled)])));
        // Every record once: counted + out of scope = records.
        let counted: u64 = whole.returns.iter().map(|r| r.records.total).sum();
        let o = &whole.out_of_scope;
        let out: u64 = o.not_executed + o.excluded + o.duplicates + o.other_years + o.rejected
            + o.creditors.iter().map(|c| c.records).sum::<u64>()
            + o.categories.iter().map(|c| c.records).sum::<u64>();
        prop_assert_eq!(counted + out, recs.len() as u64);
        // Amounts exact: the counted records' cents, by a direct model. A record counts
        // when it is executed, of a known creditor and of a mapped category.
        let expected: u64 = recs
            .iter()
            .filter(|r| r.4 != 1 && r.0 < 2 && r.1 != 2)
            .map(|r| r.5)
            .sum();
        let got: u64 = whole
            .returns
            .iter()
            .map(|r| serde_json::to_value(r.amounts.total).unwrap().as_str().unwrap().replace('.', "").parse::<u64>().unwrap())
            .sum();
        prop_assert_eq!(got, expected);
        prop_assert_eq!(counted, recs.iter().filter(|r| r.4 != 1 && r.0 < 2 && r.1 != 2).count() as u64);
    }

    #[test]
    fn partials_of_any_partition_merge_to_the_whole(
        recs in proptest::collection::vec(rec(), 0..40),
        parts in proptest::collection::vec(0u8..3, 40),
    ) {
        use desier_core::payments::tables::{read_channel_rules, read_service_map, DEFAULT_CHANNEL_RULES, DEFAULT_SERVICE_MAP};
        let mut diags = Diagnostics::new();
        let (registry, _) = desier_core::io::entities::read_entities(&Input::from_text("e.csv", ENTITIES), &mut diags).unwrap();
        let catalog = desier_core::ServiceCatalog::default();
        let (map, _) = read_service_map(&Input::from_static("m", DEFAULT_SERVICE_MAP), &catalog, &mut diags).unwrap();
        let (rules, _) = read_channel_rules(&Input::from_static("r", DEFAULT_CHANNEL_RULES), &mut diags).unwrap();
        let raw_of = |i: usize, r: &Rec| {
            let text = line(i, r);
            let cells: Vec<&str> = text.trim_end().split(',').collect();
            let mut raw = RawPayment { line: i as u64 + 2, ..RawPayment::default() };
            // iuv, receipt_id, creditor, paid_at, amount, category, origin, method, outcome
            for (cell, col) in cells.iter().zip([1usize, 0, 2, 4, 5, 6, 14, 12, 3]) {
                raw.set(col, cell);
            }
            raw
        };
        let mut whole = Engine::new(&registry, &map, &rules, None);
        whole.begin_file("all");
        let mut engines: Vec<Engine<'_>> = (0..3).map(|_| Engine::new(&registry, &map, &rules, None)).collect();
        for e in &mut engines {
            e.begin_file("part");
        }
        for (i, r) in recs.iter().enumerate() {
            let raw = raw_of(i, r);
            whole.record(&raw, Verdict::Read, &mut diags);
            engines[usize::from(parts[i])].record(&raw, Verdict::Read, &mut diags);
        }
        let mut merged = Partial::default();
        for e in engines {
            merged.merge(e.partial);
        }
        prop_assert_eq!(&merged, &whole.partial);
    }
}

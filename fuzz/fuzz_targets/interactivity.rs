//! The interactivity index end to end: the input is split at `\n~~~\n` into the entities,
//! procedures, offer and facilities tables (the first byte picks the options). Any input
//! must give a result whose indices are within 0-100 and whose accounting adds up, or a
//! structural error.
#![no_main]

use desier_core::{interactivity, InteractivityOptions, ScoringRule, TableKind, Weighting};
use desier_fuzz::{check, split_tables, tables};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let p = split_tables(rest, 4);
    let mut parts = vec![
        (TableKind::Entities, p[0]),
        (TableKind::Procedures, p[1]),
        (TableKind::Offer, p[2]),
    ];
    if selector & 1 != 0 {
        parts.push((TableKind::Facilities, p[3]));
    }
    let t = tables(&parts, selector & 0x80 != 0);
    let options = InteractivityOptions::default()
        .with_rule(if selector & 2 != 0 {
            ScoringRule::Proportional
        } else {
            ScoringRule::Stepped
        })
        .with_weighting(if selector & 4 != 0 {
            Weighting::Population
        } else {
            Weighting::Simple
        })
        .with_year((selector & 8 != 0).then_some(2019));
    match interactivity(&t, &options) {
        Ok(r) => {
            check(&r.tables, &r.diagnostics);
            let in_range = |v: Option<f64>| v.is_none_or(|v| (0.0..=100.0 + 1e-9).contains(&v));
            for m in &r.municipalities {
                assert!(in_range(m.index), "{m:?}");
                assert!(m.by_area.values().all(|v| in_range(*v)), "{m:?}");
            }
            for a in &r.aggregates {
                assert!(in_range(a.index), "{a:?}");
            }
            // The JSON writer must accept every result.
            let _ = desier_core::output::to_json(&r);
        }
        Err(e) => assert!(!e.code().is_empty()),
    }
});

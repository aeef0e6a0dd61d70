//! The usage index, the comparisons and validation end to end: the input is split at
//! `\n~~~\n` into the entities, returns, services and facilities tables (the first byte
//! picks which optional tables are given and the options). Shares must be fractions in
//! [0, 1], indices within 0-100, pooled online counts within the totals, and the accounting
//! must add up; or a structural error.
#![no_main]

use desier_core::{
    compare, compare_series, usage, validate, CompareOptions, TableKind, UsageOptions,
};
use desier_fuzz::{check, split_tables, tables};
use libfuzzer_sys::fuzz_target;

fn fraction(v: Option<f64>) -> bool {
    v.is_none_or(|v| (0.0..=1.0 + 1e-9).contains(&v))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let p = split_tables(rest, 4);
    let mut parts = vec![(TableKind::Entities, p[0]), (TableKind::Returns, p[1])];
    if selector & 1 != 0 {
        parts.push((TableKind::Services, p[2]));
    }
    if selector & 2 != 0 {
        parts.push((TableKind::Facilities, p[3]));
    }
    let t = tables(&parts, selector & 0x80 != 0);
    let options = UsageOptions::default().with_year((selector & 4 != 0).then_some(2019));
    match usage(&t, &options) {
        Ok(r) => {
            check(&r.tables, &r.diagnostics);
            for s in &r.services {
                assert!(s.online <= s.total, "{s:?}");
                assert!(fraction(s.share) && fraction(s.availability_rate), "{s:?}");
                assert!(s.bodies_with_data <= s.bodies_offering.max(s.bodies_with_data));
            }
            for m in &r.municipalities {
                assert!(
                    m.index.is_none_or(|v| (0.0..=100.0 + 1e-9).contains(&v)),
                    "{m:?}"
                );
                assert!(m.useful_services <= m.potential_services, "{m:?}");
            }
            let _ = desier_core::output::to_json(&r);
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            return;
        }
    }
    if let Ok(c) = compare(&t, &CompareOptions::new(2018, 2019)) {
        check(&c.tables, &c.diagnostics);
        for s in &c.services {
            assert!(
                s.from.online <= s.from.total && s.to.online <= s.to.total,
                "{s:?}"
            );
            assert!(fraction(s.from.share) && fraction(s.to.share), "{s:?}");
        }
    }
    if let Ok(series) = compare_series(&t, &options) {
        // The accounting and diagnostics are the series' own, once for every pair.
        check(&series.tables, &series.diagnostics);
    }
    if let Ok(v) = validate(&t) {
        check(&v.tables, &v.diagnostics);
    }
});

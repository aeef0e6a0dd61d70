//! Golden tests of the comparable cases (confronto omogeneo, METHOD.md section 4), one
//! case of the definition each, on `fixtures/comparable/` (which the Python and
//! JavaScript suites run too, through `fixtures/expected/manifest.json`).
//!
//! Certificates, 2018 -> 2019, one municipality per case:
//!   100001 activated in 2019: 2018 not active, total 100 (its extra-platform 3 counts 0);
//!          2019 autonomous 20, mail 5, total 120                      -> a case
//!   100002 deactivated in 2019: 2018 regional 10 of 50; 2019 not active, total 60
//!                                                                      -> a case
//!   100003 active in both: 2018 autonomous 30, mail 10 of 200; 2019 40 + 20 of 200
//!                                                                      -> a case
//!   100004 active in neither year, totals 1000 and 1000              -> not a case, not pooled
//!   100005 active in 2018 without any platform count                  -> not a case
//!   100006 total not provided in 2018                                 -> not a case
//!   100007 total 0 in 2019                                            -> not a case
//! Pooled 2018: regional 10, autonomous 30, national 0, mail 10: online 50 of 350.
//! Pooled 2019: regional 0, autonomous 20 + 40 = 60, mail 5 + 20 = 25: online 85 of 380.
//!
//! SUAP: the union U9 files for its members 200001-200004 (2018 regional 70, PEC 30 of
//! 200; 2019 regional 90, PEC 10 of 250); 200003 files its own returns in both years
//! (regional 8 of 10, 9 of 10); 200004 files its own only in 2019 (5 of 5).
//!   cases: 200001 and 200002 through the union's pair, 200003 through its own; 200004
//!   has a return of its own, so the union's does not cover it, and its own pair is
//!   incomplete: not a case. 3 cases from 2 comparable pairs.
//!   Pooled once each: 2018 regional 78, PEC 30: 108 of 210; 2019 regional 99, PEC 10:
//!   109 of 260 (200004's lone 2019 return is not pooled).

mod common;

use common::{check_expected, dataset};
use desier_core::{compare, compare_series, CompareOptions, ServiceComparison, UsageOptions};

fn service<'a>(services: &'a [ServiceComparison], id: &str) -> &'a ServiceComparison {
    services
        .iter()
        .find(|s| s.service_id.as_str() == id)
        .unwrap()
}

fn close(actual: Option<f64>, expected: f64) {
    let a = actual.expect("a value");
    assert!((a - expected).abs() < 1e-9, "{a} != {expected}");
}

#[test]
fn certificates_each_case_of_the_definition() {
    let r = compare(&dataset("comparable"), &CompareOptions::new(2018, 2019)).unwrap();
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = service(&r.services, "registry_certificates");
    // 100001 (activated), 100002 (deactivated), 100003 (both); not 100004-100007.
    assert_eq!(s.comparable_cases, 3);
    assert_eq!((s.from.online, s.from.total), (50, 350));
    assert_eq!((s.to.online, s.to.total), (85, 380));
    close(s.from.share, 50.0 / 350.0);
    close(s.to.share, 85.0 / 380.0);
    close(s.from.channels.regional_platform, 10.0 / 350.0);
    close(s.from.channels.autonomous_platform, 30.0 / 350.0);
    close(s.from.channels.national_platform, 0.0);
    close(s.from.channels.extra_platform, 10.0 / 350.0);
    close(s.to.channels.regional_platform, 0.0);
    close(s.to.channels.autonomous_platform, 60.0 / 380.0);
    close(s.to.channels.extra_platform, 25.0 / 380.0);
    close(s.delta_pp.share, (85.0 / 380.0 - 50.0 / 350.0) * 100.0); // +8.08 pp
    close(s.delta_pp.regional_platform, -10.0 / 350.0 * 100.0);
    close(
        s.delta_pp.autonomous_platform,
        (60.0 / 380.0 - 30.0 / 350.0) * 100.0,
    );
    close(s.delta_pp.national_platform, 0.0);
    close(
        s.delta_pp.extra_platform,
        (25.0 / 380.0 - 10.0 / 350.0) * 100.0,
    );
}

#[test]
fn a_union_pair_is_a_case_for_each_member_without_returns_of_its_own() {
    let r = compare(&dataset("comparable"), &CompareOptions::new(2018, 2019)).unwrap();
    let s = service(&r.services, "suap");
    assert_eq!(s.comparable_cases, 3);
    assert_eq!((s.from.online, s.from.total), (108, 210));
    assert_eq!((s.to.online, s.to.total), (109, 260));
    close(s.from.channels.regional_platform, 78.0 / 210.0);
    close(s.to.channels.regional_platform, 99.0 / 260.0);
    close(s.delta_pp.share, (109.0 / 260.0 - 108.0 / 210.0) * 100.0); // -9.51 pp
    close(
        s.delta_pp.extra_platform,
        (10.0 / 260.0 - 30.0 / 210.0) * 100.0,
    );
    for other in r
        .services
        .iter()
        .filter(|s| !matches!(s.service_id.as_str(), "suap" | "registry_certificates"))
    {
        assert_eq!((other.comparable_cases, other.from.total), (0, 0));
    }
    check_expected("comparable.compare.2018-2019", &r);
}

#[test]
fn the_series_counts_cases_the_same_way() {
    let tables = dataset("comparable");
    let series = compare_series(&tables, &UsageOptions::default()).unwrap();
    let one = compare(&tables, &CompareOptions::new(2018, 2019)).unwrap();
    assert_eq!(series.comparisons.len(), 1);
    let pair = &series.comparisons[0];
    assert_eq!((pair.from, pair.to), (2018, 2019));
    assert_eq!(pair.services, one.services);
    assert_eq!(series.diagnostics, one.diagnostics);
    assert_eq!(series.tables, one.tables);
    assert_eq!(service(&pair.services, "suap").comparable_cases, 3);
}

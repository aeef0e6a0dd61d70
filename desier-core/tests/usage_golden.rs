//! Golden tests: the five published 2018-2019 comparisons of METHOD.md section 7 (the
//! region's 2020 report), and the Berceto example of section 3.
//!
//! For each published table, per-body returns are built whose comparable cases sum exactly
//! to the published counts (one case activated in 2019, one deactivated in 2019, some
//! channels written `nd` or `0`), plus non-comparable cases with large counts that must be
//! left out (among them a service offered online in neither year, whose totals must not be
//! pooled). For SUAP, a union files for its three members, one of which also files its own
//! returns: the cases are counted in municipalities, as the report's "201 comuni". The tests then assert the number of comparable cases, the pooled counts, the
//! shares (as published, rounded to whole percent) and the changes in percentage points.

use desier_core::{compare, usage, Code, CompareOptions, Input, ServiceComparison, Tables};

/// The data rows of one table of the built-in sample, as cells (the sample has no quoted
/// commas in these tables' first columns).
fn sample_rows(table: &str) -> impl Iterator<Item = Vec<&'static str>> {
    let (_, text) = desier_core::sample::FILES
        .iter()
        .find(|(kind, _)| kind.name() == table)
        .unwrap();
    text.lines().skip(1).map(|l| l.split(',').collect())
}

const HEADER: &str = "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n";

/// One published table: counts per year in the order regional, autonomous, national,
/// extra-platform, total.
struct Published {
    service: &'static str,
    cases: usize,
    y2018: [u64; 5],
    y2019: [u64; 5],
}

/// Splits `sum` over bodies with the given weights, exactly (cumulative rounding).
fn split(sum: u64, weights: &[u64]) -> Vec<u64> {
    let w: u64 = weights.iter().sum();
    let mut cum = 0;
    let mut prev = 0;
    weights
        .iter()
        .map(|&x| {
            cum += x;
            let upto = sum * cum / w;
            let part = upto - prev;
            prev = upto;
            part
        })
        .collect()
}

/// The rows of one year: case 0 is not active in 2018 (activated in 2019), case 1 is not
/// active in 2019 (deactivated); their online counts are 0 in that year, even with an
/// extra-platform count written. Channels summing to 0 are written `nd` or `0` in turn.
fn year_rows(p: &Published, year: i32, counts: &[u64; 5], ids: &[String]) -> String {
    let inactive = if year == 2018 { 0 } else { 1 };
    let weights: Vec<u64> = (0..ids.len()).map(|i| 1 + (i as u64 * 5) % 7).collect();
    let active_weights: Vec<u64> = weights
        .iter()
        .enumerate()
        .map(|(i, &w)| if i == inactive { 0 } else { w })
        .collect();
    let channels: Vec<Vec<u64>> = (0..4).map(|c| split(counts[c], &active_weights)).collect();
    let totals = split(counts[4], &weights);
    let mut out = String::new();
    for (i, id) in ids.iter().enumerate() {
        if i == inactive {
            out += &format!("{year},{id},{},no,,,,7,{}\n", p.service, totals[i]);
            continue;
        }
        let cells: Vec<String> = (0..4)
            .map(|c| match (counts[c], i % 2) {
                (0, 0) => "nd".to_owned(),
                (_, _) => channels[c][i].to_string(),
            })
            .collect();
        let online: u64 = (0..4).map(|c| channels[c][i]).sum();
        assert!(online <= totals[i], "the fixture must be valid");
        out += &format!(
            "{year},{id},{},si,{},{}\n",
            p.service,
            cells.join(","),
            totals[i]
        );
    }
    out
}

/// Entities and returns for one published table, one return pair per filer. For SUAP the
/// last two filers are the union U1 and its member 800002: U1 files for its three members
/// 800000, 800001 and 800002, and 800002 also files its own returns, which take
/// precedence. The cases are then the plain municipalities, 800002 through its own pair,
/// and 800000 and 800001 through the union's pair: `cases` municipalities from
/// `cases - 1` filers, the union's counts pooled once.
fn fixture(p: &Published) -> Tables {
    let mut entities = String::from("entity_id,name,kind,union_id\n");
    let mut ids = Vec::new();
    let plain = if p.service == "suap" {
        p.cases - 3
    } else {
        p.cases
    };
    for i in 0..plain {
        let id = format!("{:06}", 100_000 + i);
        entities += &format!("{id},Comune {i},municipality,\n");
        ids.push(id);
    }
    if p.service == "suap" {
        entities += "U1,Unione,union,\n";
        for m in 0..3 {
            entities += &format!("80000{m},Member {m},municipality,U1\n");
        }
        ids.push("800002".to_owned());
        ids.push("U1".to_owned());
    }
    // Non-comparable cases, with counts large enough to break every sum if included.
    for k in 0..7 {
        entities += &format!("90000{k},Escluso {k},municipality,\n");
    }
    let s = p.service;
    let mut returns = String::from(HEADER);
    returns += &year_rows(p, 2018, &p.y2018, &ids);
    returns += &year_rows(p, 2019, &p.y2019, &ids);
    returns += &format!(
        "2018,900000,{s},si,,50000,,,nd\n2019,900000,{s},si,,50000,,,90000\n\
         2018,900001,{s},si,,50000,,,90000\n2019,900001,{s},si,nd,nd,-,50000,90000\n\
         2019,900002,{s},si,,50000,,,90000\n\
         2018,900003,{s},si,,95000,,,90000\n2019,900003,{s},si,,50000,,,90000\n\
         2018,900004,{s},si,0,0,0,0,0\n2019,900004,{s},si,,50000,,,90000\n\
         2018,900005,{s},si,,50000,,,90000\n2019,900005,{s},nd,,50000,,,90000\n\
         2018,900006,{s},no,,,,,90000\n2019,900006,{s},no,,,,,90000\n"
    );
    Tables {
        entities: Some(Input::from_text("entities.csv", entities)),
        returns: Some(Input::from_text("returns.csv", returns)),
        ..Tables::default()
    }
}

fn run(p: &Published) -> ServiceComparison {
    let result = compare(&fixture(p), &CompareOptions::new(2018, 2019)).unwrap();
    // The only rejected row is the one with online > total (non-comparable case 900003).
    let errors: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == desier_core::Severity::Error)
        .map(|d| d.code)
        .collect();
    assert_eq!(errors, [Code::OnlineExceedsTotal]);
    let s = result
        .services
        .into_iter()
        .find(|s| s.service_id.as_str() == p.service)
        .unwrap();
    assert_eq!(s.comparable_cases, p.cases);
    for (fig, counts) in [(&s.from, &p.y2018), (&s.to, &p.y2019)] {
        let online: u64 = counts[..4].iter().sum();
        assert_eq!((fig.online, fig.total), (online, counts[4]));
        let total = counts[4] as f64;
        assert_eq!(fig.share, Some(online as f64 / total));
        let c = &fig.channels;
        let shares = [
            c.regional_platform,
            c.autonomous_platform,
            c.national_platform,
            c.extra_platform,
        ];
        for (k, share) in shares.into_iter().enumerate() {
            assert_eq!(share, Some(counts[k] as f64 / total));
        }
    }
    let (a, b) = (s.from.share.unwrap(), s.to.share.unwrap());
    assert_eq!(s.delta_pp.share, Some((b - a) * 100.0));
    s
}

fn pct(v: Option<f64>) -> f64 {
    (v.unwrap() * 100.0).round()
}

#[test]
fn registry_certificates_38_cases() {
    // online 63,665 / 509,316 = 12.50% -> 13%; 93,789 / 576,931 = 16.26% -> 16%;
    // autonomous 7.47% -> 11.08%, mail 5.03% -> 5.18%; change +3.76 pp.
    let s = run(&Published {
        service: "registry_certificates",
        cases: 38,
        y2018: [0, 38_065, 0, 25_600, 509_316],
        y2019: [0, 63_903, 0, 29_886, 576_931],
    });
    assert_eq!((pct(s.from.share), pct(s.to.share)), (13.0, 16.0));
    let (f, t) = (&s.from.channels, &s.to.channels);
    assert_eq!(
        (pct(f.autonomous_platform), pct(t.autonomous_platform)),
        (7.0, 11.0)
    );
    assert_eq!((pct(f.extra_platform), pct(t.extra_platform)), (5.0, 5.0));
    assert!((s.delta_pp.share.unwrap() - 3.7564).abs() < 1e-4);
}

#[test]
fn nursery_enrolment_51_cases() {
    // online 9,123 / 12,066 = 75.61% -> 76%; 10,342 / 11,770 = 87.87% -> 88%;
    // change +12.26 pp ("+12 pp").
    let s = run(&Published {
        service: "nursery_enrolment",
        cases: 51,
        y2018: [0, 9_098, 0, 25, 12_066],
        y2019: [0, 10_297, 0, 45, 11_770],
    });
    assert_eq!((pct(s.from.share), pct(s.to.share)), (76.0, 88.0));
    assert_eq!(s.delta_pp.share.unwrap().round(), 12.0);
    assert!((s.delta_pp.share.unwrap() - 12.2583).abs() < 1e-4);
}

#[test]
fn nursery_fees_20_cases() {
    // online 3,472 / 38,953 = 8.91%; 5,744 / 53,704 = 10.70%; change +1.78 pp;
    // regional 4.42% -> 7.15% (+2.73 pp), autonomous 0.97% -> 0.47%.
    let s = run(&Published {
        service: "nursery_fees",
        cases: 20,
        y2018: [1_720, 379, 0, 1_373, 38_953],
        y2019: [3_839, 252, 0, 1_653, 53_704],
    });
    assert!((s.delta_pp.share.unwrap() - 1.7824).abs() < 1e-4);
    let d = s.delta_pp.regional_platform.unwrap();
    assert!((d - (3839.0 / 53704.0 - 1720.0 / 38953.0) * 100.0).abs() < 1e-12);
    assert_eq!(s.delta_pp.national_platform, Some(0.0));
}

#[test]
fn school_meals_enrolment_69_cases() {
    // online 30,122 / 41,384 = 72.79%; 34,853 / 42,367 = 82.26%; change +9.48 pp.
    let s = run(&Published {
        service: "school_meals_enrolment",
        cases: 69,
        y2018: [0, 29_740, 0, 382, 41_384],
        y2019: [0, 34_394, 0, 459, 42_367],
    });
    assert_eq!((pct(s.from.share), pct(s.to.share)), (73.0, 82.0));
    assert!((s.delta_pp.share.unwrap() - 9.4779).abs() < 1e-4);
}

#[test]
fn suap_201_cases_counted_in_municipalities_with_a_union_pooled_once() {
    // online 101,780 / 121,065 = 84.07%; 93,742 / 114,780 = 81.67%; change -2.40 pp;
    // PEC 32.11% -> 22.41%, regional 48.99% -> 57.12%.
    let s = run(&Published {
        service: "suap",
        cases: 201,
        y2018: [59_314, 1_429, 2_169, 38_868, 121_065],
        y2019: [65_559, 287, 2_170, 25_726, 114_780],
    });
    assert_eq!((pct(s.from.share), pct(s.to.share)), (84.0, 82.0));
    assert!((s.delta_pp.share.unwrap() + 2.3995).abs() < 1e-4);
    assert_eq!(
        (
            pct(s.from.channels.extra_platform),
            pct(s.to.channels.extra_platform)
        ),
        (32.0, 22.0)
    );
}

#[test]
fn berceto_two_services_at_100_percent_of_8_give_25() {
    let tables = Tables {
        entities: Some(Input::from_text(
            "entities.csv",
            "entity_id,name,kind,population\n034004,Berceto,municipality,2144\n",
        )),
        returns: Some(Input::from_text(
            "returns.csv",
            format!(
                "{HEADER}2019,034004,suap,si,31,,,,31\n\
                 2019,034004,municipal_fines,si,,12,,0,12\n\
                 2019,034004,registry_certificates,si,,,,,nd\n\
                 2019,034004,school_meals_payment,no,,,,4,50\n"
            ),
        )),
        ..Tables::default()
    };
    let r = usage(&tables, &Default::default()).unwrap();
    let m = &r.municipalities[0];
    assert_eq!(
        (m.index, m.useful_services, m.potential_services),
        (Some(25.0), 2, 8)
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn sample_offer_counts_match_the_method() {
    // METHOD.md section 7, offer counts 2019 (the sample is calibrated to them); section 3,
    // municipalities with a value. The potentials are the sample's own: its municipalities
    // (the 330 of Emilia-Romagna in the 2023 registry, where the report had 328) and, for the
    // nursery services, those with a nursery in 2019, both counted here from the CSV text.
    let r = usage(&desier_core::sample::tables(), &Default::default()).unwrap();
    let municipalities = sample_rows("entities")
        .filter(|c| c[2] == "municipality")
        .count();
    let with_nursery = sample_rows("facilities")
        .filter(|c| c[0] == "2019" && c[2] == "nursery" && c[3] == "true")
        .count();
    assert_eq!(municipalities, 330);
    assert_eq!(with_nursery, 330 - 26); // 26 small mountain municipalities have none
    let expected = [
        ("registry_certificates", 60, municipalities),
        ("nursery_enrolment", 97, with_nursery),
        ("nursery_fees", 61, with_nursery),
        ("school_meals_enrolment", 135, municipalities),
        ("school_meals_payment", 117, municipalities),
        ("building_scia", 47, municipalities),
        // Every municipality offers SUAP, itself or through its union.
        ("suap", municipalities, municipalities),
        ("municipal_fines", 175, municipalities),
        ("provincial_fines", 8, 9),
        ("bus_pass_renewal", 4, 4),
    ];
    for (id, offering, potential) in expected {
        let s = r
            .services
            .iter()
            .find(|s| s.year == 2019 && s.service_id.as_str() == id)
            .unwrap();
        assert_eq!(
            (s.bodies_offering, s.bodies_potential),
            (offering, potential),
            "{id}"
        );
    }
    for (year, n) in [(2018, 292), (2019, 305)] {
        let with_value = r
            .municipalities
            .iter()
            .filter(|m| m.year == year && m.index.is_some())
            .count();
        assert_eq!(with_value, n);
    }
    // Sorted by (year, service_id).
    let keys: Vec<_> = r.services.iter().map(|s| (s.year, &s.service_id)).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
}

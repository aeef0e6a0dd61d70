//! Property tests of the usage index (METHOD.md section 3): the index is within [0, 100],
//! a municipality without nursery has 6 potential services, row order does not matter, a
//! service active without a useful datum counts like one not activated, and a member's own
//! return takes precedence over its union's.

use desier_core::{usage, Input, MunicipalityUsage, Severity, Tables, UsageOptions, UsageResult};
use proptest::prelude::*;

const HEADER: &str = "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n";
const SERVICES: [&str; 8] = [
    "registry_certificates",
    "nursery_enrolment",
    "nursery_fees",
    "school_meals_enrolment",
    "school_meals_payment",
    "building_scia",
    "suap",
    "municipal_fines",
];

/// One generated return: `active` (`si`, `no`, `nd`), three platform counts,
/// extra-platform and total; counts never exceed a quarter of the total, so no row is
/// rejected.
#[derive(Clone, Debug)]
struct Row {
    active: &'static str,
    counts: [Option<u64>; 4],
    total: Option<u64>,
}

impl Row {
    fn useful(&self) -> bool {
        self.active == "si" && self.counts[..3].iter().any(Option::is_some) && self.total > Some(0)
    }
    fn csv(&self, entity: &str, service: &str) -> String {
        let cell = |v: Option<u64>| v.map_or("nd".to_owned(), |v| v.to_string());
        let counts: Vec<String> = self.counts.iter().map(|&c| cell(c)).collect();
        format!(
            "2019,{entity},{service},{},{},{}\n",
            self.active,
            counts.join(","),
            cell(self.total)
        )
    }
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::sample::select(vec!["si", "si", "no", "nd"]),
        prop::option::weighted(0.8, 0u64..400),
        prop::array::uniform4(prop::option::of(0u64..=100)),
    )
        .prop_map(|(active, total, counts)| Row {
            active,
            counts: counts.map(|c| c.map(|c| total.map_or(c, |t| c * t / 400))),
            total,
        })
}

/// The returns of one body: an optional row per municipal service.
fn body() -> impl Strategy<Value = Vec<Option<Row>>> {
    prop::collection::vec(prop::option::of(row()), SERVICES.len())
}

const ENTITIES: &str = "entity_id,name,kind,union_id\n\
    000001,Uno,municipality,U1\n000002,Due,municipality,U1\n000003,Tre,municipality,\nU1,Unione,union,\n";

fn csv_rows(bodies: &[(&str, &[Option<Row>])]) -> Vec<String> {
    let mut out = Vec::new();
    for (id, rows) in bodies {
        for (s, r) in rows.iter().enumerate() {
            if let Some(r) = r {
                out.push(r.csv(id, SERVICES[s]));
            }
        }
    }
    out
}

fn run(entities: &str, rows: &[String]) -> UsageResult {
    let tables = Tables {
        entities: Some(Input::from_text("entities.csv", entities)),
        // 000002 has no nursery.
        facilities: Some(Input::from_text(
            "facilities.csv",
            "year,entity_id,facility,present\n2019,000002,nursery,no\n",
        )),
        returns: Some(Input::from_text(
            "returns.csv",
            format!("{HEADER}{}", rows.concat()),
        )),
        ..Tables::default()
    };
    usage(&tables, &UsageOptions::default()).unwrap()
}

fn municipality<'a>(r: &'a UsageResult, id: &str) -> &'a MunicipalityUsage {
    r.municipalities
        .iter()
        .find(|m| m.entity_id.as_str() == id)
        .unwrap()
}

proptest! {
    #[test]
    fn index_is_within_0_and_100(a in body(), b in body(), c in body(), u in body()) {
        let rows = csv_rows(&[("000001", &a), ("000002", &b), ("000003", &c), ("U1", &u)]);
        let r = run(ENTITIES, &rows);
        // Warnings (`active` not provided, counts on an inactive service) but no rejection.
        prop_assert!(r.diagnostics.iter().all(|d| d.severity == Severity::Warning), "{:?}", r.diagnostics);
        for m in &r.municipalities {
            prop_assert!(m.index.is_none_or(|i| (0.0..=100.0).contains(&i)), "{m:?}");
            prop_assert_eq!(m.index.is_some(), m.useful_services > 0);
            prop_assert!(m.useful_services <= m.potential_services);
        }
        prop_assert_eq!(municipality(&r, "000001").potential_services, 8);
        prop_assert_eq!(municipality(&r, "000002").potential_services, 6);
        for s in &r.services {
            prop_assert!(s.share.is_none_or(|x| (0.0..=1.0).contains(&x)));
            prop_assert!(s.bodies_with_data <= s.bodies_offering);
        }
    }

    #[test]
    fn row_order_does_not_matter(a in body(), c in body(), u in body(), seed in any::<u64>()) {
        let rows = csv_rows(&[("000001", &a), ("000003", &c), ("U1", &u)]);
        let mut shuffled = rows.clone();
        // A deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let (r1, r2) = (run(ENTITIES, &rows), run(ENTITIES, &shuffled));
        prop_assert_eq!(r1.services, r2.services);
        prop_assert_eq!(r1.municipalities, r2.municipalities);
        prop_assert_eq!(r1.aggregates, r2.aggregates);
    }

    #[test]
    fn active_without_useful_datum_counts_like_not_activated(a in body(), c in body()) {
        let deactivated = |rows: &[Option<Row>]| -> Vec<Option<Row>> {
            rows.iter()
                .map(|r| r.clone().map(|r| {
                    if r.active == "si" && !r.useful() {
                        Row { active: "no", counts: [None; 4], ..r }
                    } else {
                        r
                    }
                }))
                .collect()
        };
        let before = run(ENTITIES, &csv_rows(&[("000001", &a), ("000003", &c)]));
        let after = run(ENTITIES, &csv_rows(&[("000001", &deactivated(&a)), ("000003", &deactivated(&c))]));
        prop_assert_eq!(before.municipalities, after.municipalities);
    }

    #[test]
    fn a_members_own_return_takes_precedence_over_its_unions(own in body(), u in body()) {
        // With the union: 000001 files `own`, the union files `u`.
        let with_union = run(ENTITIES, &csv_rows(&[("000001", &own), ("U1", &u)]));
        // Without the union: 000001 files `own` plus the union's rows where it has none.
        let merged: Vec<Option<Row>> = own.iter().zip(&u).map(|(o, u)| o.clone().or(u.clone())).collect();
        let alone = ENTITIES.replace("000001,Uno,municipality,U1", "000001,Uno,municipality,");
        let without = run(&alone, &csv_rows(&[("000001", &merged)]));
        let (m1, m2) = (municipality(&with_union, "000001"), municipality(&without, "000001"));
        prop_assert_eq!((m1.index, m1.useful_services), (m2.index, m2.useful_services));
        // The other member (no nursery, no return of its own) gets the union's useful
        // returns of its 6 potential services.
        let union_useful = u.iter().enumerate()
            .filter(|(s, r)| !SERVICES[*s].starts_with("nursery") && r.as_ref().is_some_and(Row::useful))
            .count();
        prop_assert_eq!(municipality(&with_union, "000002").useful_services, union_useful);
    }
}

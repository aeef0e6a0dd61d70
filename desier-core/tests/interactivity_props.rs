//! Property tests of the interactivity index on random small datasets.

use desier_core::{
    interactivity, Input, InteractivityOptions, InteractivityResult, ScoringRule, Tables,
};
use proptest::prelude::*;

/// A random dataset: municipalities (population, union member?), procedures (phases,
/// needs a nursery?), nursery presence, and offer rows (municipality or union, procedure,
/// bit set of phases).
#[derive(Clone, Debug)]
struct Data {
    municipalities: Vec<(u32, bool, bool)>, // population, union member, has nursery
    procedures: Vec<(usize, bool)>,         // phases (1..=3), needs nursery
    offer: Vec<(Option<usize>, usize, u8)>, // municipality (None = the union), procedure, phases
}

fn data() -> impl Strategy<Value = Data> {
    (1usize..6, 1usize..6).prop_flat_map(|(m, p)| {
        (
            proptest::collection::vec((1u32..80_000, any::<bool>(), any::<bool>()), m),
            proptest::collection::vec((1usize..=3, any::<bool>()), p),
            proptest::collection::vec((proptest::option::weighted(0.8, 0..m), 0..p, 0u8..8), 0..20),
        )
            .prop_map(|(municipalities, procedures, offer)| Data {
                municipalities,
                procedures,
                offer,
            })
    })
}

const PHASES: [&str; 3] = ["request", "payment", "outcome"];

impl Data {
    fn tables(&self, offer_order: &[usize], extra_na_procedure: bool) -> Tables {
        let mut entities = String::from("entity_id,kind,province,population,mountain,union_id\n");
        for (i, (pop, member, _)) in self.municipalities.iter().enumerate() {
            let union = if *member { "U" } else { "" };
            entities += &format!(
                "{:06},municipality,P{},{pop},{},{union}\n",
                i + 1,
                i % 2,
                i % 3 == 0
            );
        }
        entities += "U,union,,,,\n";
        let mut procedures = String::from("procedure_id,area_id,phases,requires_facility\n");
        for (j, (n, nursery)) in self.procedures.iter().enumerate() {
            let facility = if *nursery { "nursery" } else { "" };
            procedures += &format!("p{j},a{},{},{facility}\n", j % 2, PHASES[..*n].join("|"));
        }
        let mut facilities = String::from("year,entity_id,facility,present\n");
        for (i, (_, _, nursery)) in self.municipalities.iter().enumerate() {
            facilities += &format!("2020,{:06},nursery,{nursery}\n", i + 1);
            if extra_na_procedure {
                facilities += &format!("2020,{:06},museum,no\n", i + 1);
            }
        }
        if extra_na_procedure {
            procedures += "extra,a0,request,museum\n";
        }
        let mut offer = String::from("year,entity_id,procedure_id,online_phases\n");
        let mut seen = std::collections::HashSet::new();
        for &k in offer_order {
            let (m, p, bits) = self.offer[k];
            if !seen.insert((m, p)) {
                continue; // one row per (body, procedure): duplicates are tested elsewhere
            }
            let body = m.map_or("U".to_string(), |i| format!("{:06}", i + 1));
            let n = self.procedures[p].0;
            let phases: Vec<&str> = (0..n)
                .filter(|b| bits & (1 << b) != 0)
                .map(|b| PHASES[b])
                .collect();
            offer += &format!("2020,{body},p{p},{}\n", phases.join("|"));
        }
        if extra_na_procedure {
            offer += "2020,000001,extra,request\n";
        }
        Tables {
            entities: Some(Input::from_text("entities.csv", entities)),
            procedures: Some(Input::from_text("procedures.csv", procedures)),
            facilities: Some(Input::from_text("facilities.csv", facilities)),
            offer: Some(Input::from_text("offer.csv", offer)),
            ..Tables::default()
        }
    }

    fn order(&self) -> Vec<usize> {
        (0..self.offer.len()).collect()
    }
}

fn run(t: &Tables, rule: ScoringRule) -> InteractivityResult {
    let options = InteractivityOptions::default()
        .with_year(Some(2020))
        .with_rule(rule);
    interactivity(t, &options).expect("valid tables")
}

fn values(r: &InteractivityResult) -> Vec<Option<f64>> {
    let mut v: Vec<Option<f64>> = Vec::new();
    for m in &r.municipalities {
        v.push(m.index);
        v.extend(m.by_area.values().copied());
    }
    v
}

proptest! {
    #[test]
    fn indices_are_within_0_and_100(d in data(), proportional in any::<bool>()) {
        let rule = if proportional { ScoringRule::Proportional } else { ScoringRule::Stepped };
        let r = run(&d.tables(&d.order(), false), rule);
        prop_assert_eq!(r.municipalities.len(), d.municipalities.len());
        for v in values(&r).into_iter().flatten().chain(r.aggregates.iter().filter_map(|a| a.index)) {
            prop_assert!((0.0..=100.0).contains(&v), "{} out of range", v);
        }
    }

    #[test]
    fn row_order_does_not_matter(d in data(), seed in any::<u64>()) {
        let mut order = d.order();
        // Fisher-Yates with a simple generator from the seed.
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        // Keep the same first row per (body, procedure) as the original order.
        let mut first = std::collections::HashMap::new();
        for &k in &d.order() { first.entry((d.offer[k].0, d.offer[k].1)).or_insert(k); }
        let order: Vec<usize> = order.into_iter().filter(|k| first[&(d.offer[*k].0, d.offer[*k].1)] == *k).collect();
        let a = run(&d.tables(&d.order(), false), ScoringRule::Stepped);
        let b = run(&d.tables(&order, false), ScoringRule::Stepped);
        prop_assert_eq!(a.municipalities, b.municipalities);
        prop_assert_eq!(a.aggregates, b.aggregates);
    }

    #[test]
    fn adding_a_delivered_phase_never_lowers_a_score(d in data(), pick in any::<prop::sample::Index>(), phase in 0usize..3, proportional in any::<bool>()) {
        let rule = if proportional { ScoringRule::Proportional } else { ScoringRule::Stepped };
        prop_assume!(!d.offer.is_empty());
        let before = run(&d.tables(&d.order(), false), rule);
        let mut more = d.clone();
        // Deliver one more phase on the first row of the picked (body, procedure).
        let k = pick.index(d.offer.len());
        let (m, p, _) = d.offer[k];
        let first = d.offer.iter().position(|r| r.0 == m && r.1 == p).unwrap_or(k);
        more.offer[first].2 |= 1 << (phase % d.procedures[p].0);
        let after = run(&more.tables(&more.order(), false), rule);
        for (a, b) in values(&before).into_iter().zip(values(&after)) {
            if let (Some(a), Some(b)) = (a, b) {
                prop_assert!(b >= a - 1e-9, "{} became {}", a, b);
            }
        }
    }

    #[test]
    fn na_procedures_never_change_the_other_scores(d in data()) {
        let base = run(&d.tables(&d.order(), false), ScoringRule::Stepped);
        let with_na = run(&d.tables(&d.order(), true), ScoringRule::Stepped);
        for (a, b) in base.municipalities.iter().zip(&with_na.municipalities) {
            prop_assert_eq!(a.index, b.index);
            prop_assert_eq!(&a.by_area, &b.by_area);
            prop_assert_eq!(a.procedures_scored, b.procedures_scored);
            prop_assert_eq!(a.procedures_na + 1, b.procedures_na);
        }
        prop_assert_eq!(base.aggregates, with_na.aggregates);
    }
}

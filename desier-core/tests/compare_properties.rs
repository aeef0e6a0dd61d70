//! Property tests of the comparable cases (confronto omogeneo, METHOD.md section 4): on
//! generated returns of two years for two union members, a municipality outside any union
//! and the union itself, the comparison equals a direct model of the definition (which
//! pairs are comparable, what is pooled, how cases are counted in municipalities), and
//! row order does not matter.

use desier_core::{compare, CompareOptions, CompareResult, Input, Tables};
use proptest::prelude::*;

const HEADER: &str = "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n";
const ENTITIES: &str = "entity_id,name,kind,union_id\n\
    000001,Uno,municipality,U1\n000002,Due,municipality,U1\n000003,Tre,municipality,\nU1,Unione,union,\n";
const FILERS: [&str; 4] = ["000001", "000002", "000003", "U1"];

/// One generated return: `active` (`si`, `no`, `nd`), four channel counts (three
/// platforms and extra-platform) and the total; counts never exceed a quarter of the
/// total, so no row is rejected.
#[derive(Clone, Debug)]
struct Row {
    active: &'static str,
    counts: [Option<u64>; 4],
    total: Option<u64>,
}

impl Row {
    /// The row's counts for the comparison, by the definition: total > 0 and either
    /// active with a platform count (counts as given) or not active (online 0).
    fn comparable(&self) -> Option<YearCounts> {
        let total = self.total.filter(|&t| t > 0)?;
        match self.active {
            "si" if self.counts[..3].iter().any(Option::is_some) => {
                Some((self.counts.map(|c| c.unwrap_or(0)), total))
            }
            "no" => Some(([0; 4], total)),
            _ => None,
        }
    }
    fn csv(&self, year: i32, entity: &str) -> String {
        let cell = |v: Option<u64>| v.map_or("nd".to_owned(), |v| v.to_string());
        let counts: Vec<String> = self.counts.iter().map(|&c| cell(c)).collect();
        format!(
            "{year},{entity},suap,{},{},{}\n",
            self.active,
            counts.join(","),
            cell(self.total)
        )
    }
}

/// One year's channel counts and total, as a comparable pair contributes them.
type YearCounts = ([u64; 4], u64);

/// A comparable pair by the definition: both years usable and active in at least one.
fn pair(a: &Option<Row>, b: &Option<Row>) -> Option<(YearCounts, YearCounts)> {
    let (a, b) = (a.as_ref()?, b.as_ref()?);
    if a.active != "si" && b.active != "si" {
        return None;
    }
    Some((a.comparable()?, b.comparable()?))
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::sample::select(vec!["si", "si", "no", "nd"]),
        prop::option::weighted(0.85, 0u64..400),
        prop::array::uniform4(prop::option::of(0u64..=100)),
    )
        .prop_map(|(active, total, counts)| Row {
            active,
            counts: counts.map(|c| c.map(|c| total.map_or(c, |t| c * t / 400))),
            total,
        })
}

/// Each filer's optional row in 2018 and in 2019.
fn returns() -> impl Strategy<Value = Vec<(Option<Row>, Option<Row>)>> {
    prop::collection::vec(
        (
            prop::option::weighted(0.7, row()),
            prop::option::weighted(0.7, row()),
        ),
        FILERS.len(),
    )
}

fn run(rows: &[String]) -> CompareResult {
    let tables = Tables {
        entities: Some(Input::from_text("entities.csv", ENTITIES)),
        returns: Some(Input::from_text(
            "returns.csv",
            format!("{HEADER}{}", rows.concat()),
        )),
        ..Tables::default()
    };
    compare(&tables, &CompareOptions::new(2018, 2019)).unwrap()
}

fn csv(filers: &[(Option<Row>, Option<Row>)]) -> Vec<String> {
    let mut out = Vec::new();
    for (id, (a, b)) in FILERS.iter().zip(filers) {
        out.extend(a.iter().map(|r| r.csv(2018, id)));
        out.extend(b.iter().map(|r| r.csv(2019, id)));
    }
    out
}

proptest! {
    #[test]
    fn the_comparison_follows_the_definition(filers in returns()) {
        let r = run(&csv(&filers));
        let s = r.services.iter().find(|s| s.service_id.as_str() == "suap").unwrap();
        let pairs: Vec<_> = filers.iter().map(|(a, b)| pair(a, b)).collect();
        // Pooled: every comparable pair once, the union's included.
        let (mut online, mut total) = ([0u64; 2], [0u64; 2]);
        for ((ca, ta), (cb, tb)) in pairs.iter().flatten() {
            online[0] += ca.iter().sum::<u64>();
            online[1] += cb.iter().sum::<u64>();
            total[0] += ta;
            total[1] += tb;
        }
        prop_assert_eq!((s.from.online, s.from.total), (online[0], total[0]));
        prop_assert_eq!((s.to.online, s.to.total), (online[1], total[1]));
        // Cases in municipalities: own pair, or (members 1 and 2 without any own row)
        // the union's pair.
        let cases = (0..3)
            .filter(|&m| {
                let (a, b) = &filers[m];
                if a.is_some() || b.is_some() {
                    pairs[m].is_some()
                } else {
                    m < 2 && pairs[3].is_some()
                }
            })
            .count();
        prop_assert_eq!(s.comparable_cases, cases);
        prop_assert!(s.comparable_cases <= 3);
    }

    #[test]
    fn row_order_does_not_matter(filers in returns(), seed in any::<u64>()) {
        let rows = csv(&filers);
        let mut shuffled = rows.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(run(&rows).services, run(&shuffled).services);
    }
}

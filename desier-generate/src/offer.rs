//! The synthetic survey of the online offer (`offer.csv`): one row per procedure a body
//! delivers online (a few rows with no phase), union rows for the areas that unions run
//! for their members, and the faults real surveys contain.

use super::registry::{Procedure, World, PHASES};
use super::rng::{hash_unit, sigmoid, SplitMix64};
use super::GenerateOptions;

const PLATFORMS: [&str; 3] = ["regional", "autonomous", "national"];
/// Probability that a valid row is followed or altered by a fault.
const FAULT_RATE: f64 = 1.0 / 2_500.0;

struct Writer<'a> {
    out: String,
    catalog: &'a [Procedure],
    /// `phases[p][mask]`: the `|`-joined phases of procedure `p` in `mask`.
    phases: Vec<Vec<String>>,
    faults: Option<SplitMix64>,
    seed: u64,
    year: String,
    t: usize,
}

impl Writer<'_> {
    fn row(&mut self, id: &str, p: usize, mask: usize, platform: &str) {
        let year = self.year.as_str();
        let pid = self.catalog[p].id.as_str();
        let phases = self.phases[p][mask].as_str();
        let platform = if mask == 0 { "" } else { platform };
        let line = [year, ",", id, ",", pid, ",", phases, ",", platform, "\n"];
        line.iter().for_each(|s| self.out.push_str(s));
    }

    /// Writes the row of body `key` (`id`) for procedure `p`, if it delivers it online.
    fn body(&mut self, key: u64, id: &str, p: usize, level: f64, platform: usize) {
        let proc = &self.catalog[p];
        let t = self.t as f64;
        let offered = sigmoid(-0.3 + level + proc.ease + 0.22 * t);
        let full = sigmoid(0.6 + 0.4 * level + 0.2 * t);
        let n = proc.phases.len();
        let all = (1usize << n) - 1;
        let k = [key, p as u64];
        let mask = if hash_unit(self.seed, &[10, k[0], k[1]]) < offered {
            if n == 1 || hash_unit(self.seed, &[11, k[0], k[1]]) < full {
                all
            } else {
                1 + (hash_unit(self.seed, &[12, k[0], k[1]]) * (all - 1) as f64) as usize
            }
        } else if hash_unit(self.seed, &[13, k[0], k[1], self.t as u64]) < 0.06 {
            0
        } else {
            return;
        };
        let platform = if hash_unit(self.seed, &[14, k[0], k[1]]) < 0.15 {
            PLATFORMS[(platform + 1) % 3]
        } else {
            PLATFORMS[platform]
        };
        let fault = self.faults.as_mut().and_then(|rng| rng.pick(FAULT_RATE, 7));
        match fault {
            Some(3) => {
                // A phase the catalog does not list for the procedure, or a misspelling.
                let extra = PHASES
                    .iter()
                    .enumerate()
                    .find(|(i, _)| !proc.phases.contains(i))
                    .map_or("richiesta", |(_, ph)| ph);
                let mut phases = self.phases[p][mask].clone();
                if !phases.is_empty() {
                    phases.push('|');
                }
                phases.push_str(extra);
                let line = [&self.year, ",", id, ",", &proc.id, ",", &phases, ",\n"];
                line.iter().for_each(|s| self.out.push_str(s));
                return;
            }
            Some(5) if id.starts_with('0') => {
                // A code that lost its leading zeros in a spreadsheet.
                self.row(id.trim_start_matches('0'), p, mask, platform);
                return;
            }
            _ => {}
        }
        self.row(id, p, mask, platform);
        match fault {
            Some(0) => self.row(&format!("000{}", &id[id.len().min(3)..]), p, mask, platform),
            Some(1) => {
                let line = [&self.year, ",", id, ",", &proc.id, "_bis,request,\n"];
                line.iter().for_each(|s| self.out.push_str(s));
            }
            Some(2) => {
                let y = self.year.clone();
                self.year = format!("{y}/{}", (self.t + 1) % 10);
                self.row(id, p, mask, platform);
                self.year = y;
            }
            Some(4) | Some(5) => self.row(id, p, 0, ""),
            Some(6) => self.row(&format!("PROV_{}", "AA"), p, mask, platform),
            _ => {}
        }
    }
}

pub(super) fn offer_csv(options: &GenerateOptions, world: &World, catalog: &[Procedure]) -> String {
    let phases = catalog
        .iter()
        .map(|proc| {
            (0..1usize << proc.phases.len())
                .map(|mask| {
                    let names: Vec<&str> = proc
                        .phases
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, &ph)| PHASES[ph])
                        .collect();
                    names.join("|")
                })
                .collect()
        })
        .collect();
    let rows = world.municipalities.len() * catalog.len() * options.years;
    let mut w = Writer {
        out: String::with_capacity(rows * 22 + 64),
        catalog,
        phases,
        faults: None,
        seed: options.seed,
        year: String::new(),
        t: 0,
    };
    w.out
        .push_str("year,entity_id,procedure_id,online_phases,platform_kind\n");
    for (t, year) in options.year_list().into_iter().enumerate() {
        w.t = t;
        w.year = year.to_string();
        w.faults = options
            .faults
            .then(|| SplitMix64::new(options.seed, 100 + t as u64));
        for (m, muni) in world.municipalities.iter().enumerate() {
            let union = muni.union.map(|u| &world.unions[u]);
            for (p, proc) in catalog.iter().enumerate() {
                if proc.nursery && !world.nursery[t][m] {
                    continue;
                }
                // Where the union runs the area, members rarely have rows of their own.
                if union.is_some_and(|u| u.areas & (1 << proc.area) != 0)
                    && hash_unit(options.seed, &[15, m as u64, p as u64]) < 0.9
                {
                    continue;
                }
                w.body(m as u64, &muni.id, p, muni.level, muni.platform);
            }
        }
        for (u, union) in world.unions.iter().enumerate() {
            for (p, proc) in catalog.iter().enumerate() {
                if union.areas & (1 << proc.area) != 0 {
                    let key = (1 << 40) + u as u64;
                    w.body(key, &union.id, p, union.level, 0);
                }
            }
        }
    }
    w.out
}

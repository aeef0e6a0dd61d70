//! The synthetic usage returns (`returns.csv`) of the ten services of METHOD.md section 3:
//! counts per channel and total, with missing data (`nd`, `-`, empty), Italian thousands
//! separators, SUAP returns filed by unions for their members, and a few invalid rows.

use super::registry::World;
use super::rng::{hash_unit, logit, sigmoid, SplitMix64};
use super::GenerateOptions;
use std::fmt::Write;

/// A service of the default catalog, with the parameters of its synthetic returns.
struct Service {
    id: &'static str,
    nursery: bool,
    /// Requests or payments per inhabitant and year.
    rate: f64,
    /// Typical online share among active bodies.
    share: f64,
    /// Part of the online count that goes outside the platforms.
    extra: f64,
    /// Propensity to offer the service online (logit scale).
    active: f64,
}

const MUNICIPAL: [Service; 8] = [
    Service {
        id: "registry_certificates",
        nursery: false,
        rate: 0.12,
        share: 0.16,
        extra: 0.3,
        active: -1.2,
    },
    Service {
        id: "nursery_enrolment",
        nursery: true,
        rate: 0.004,
        share: 0.85,
        extra: 0.01,
        active: -0.5,
    },
    Service {
        id: "nursery_fees",
        nursery: true,
        rate: 0.03,
        share: 0.15,
        extra: 0.3,
        active: -1.0,
    },
    Service {
        id: "school_meals_enrolment",
        nursery: false,
        rate: 0.02,
        share: 0.82,
        extra: 0.02,
        active: 0.0,
    },
    Service {
        id: "school_meals_payment",
        nursery: false,
        rate: 0.12,
        share: 0.45,
        extra: 0.25,
        active: -0.3,
    },
    Service {
        id: "building_scia",
        nursery: false,
        rate: 0.003,
        share: 0.9,
        extra: 0.1,
        active: -1.5,
    },
    Service {
        id: "suap",
        nursery: false,
        rate: 0.01,
        share: 0.82,
        extra: 0.3,
        active: 4.0,
    },
    Service {
        id: "municipal_fines",
        nursery: false,
        rate: 0.08,
        share: 0.3,
        extra: 0.4,
        active: 0.2,
    },
];
const PROVINCIAL: Service = Service {
    id: "provincial_fines",
    nursery: false,
    rate: 0.0,
    share: 0.35,
    extra: 0.4,
    active: 2.0,
};
const TRANSPORT: Service = Service {
    id: "bus_pass_renewal",
    nursery: false,
    rate: 0.0,
    share: 0.5,
    extra: 0.2,
    active: 3.0,
};

const MISSING: [&str; 4] = ["nd", "", "-", "n.d."];
/// Probability that a row is followed or altered by a fault.
const FAULT_RATE: f64 = 1.0 / 400.0;

struct Writer {
    out: String,
    rng: SplitMix64,
    faults: bool,
    seed: u64,
    year: i32,
    t: usize,
}

/// A count as a clerk writes it: sometimes with Italian thousands separators.
fn count(n: u64, italian: bool) -> String {
    if !italian || n < 1_000 {
        return n.to_string();
    }
    let digits = n.to_string();
    let mut s = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            s.push('.');
        }
        s.push(c);
    }
    s
}

impl Writer {
    /// Writes the return of body `key` (`id`) for `service`.
    #[allow(clippy::too_many_arguments)]
    fn body(
        &mut self,
        key: u64,
        id: &str,
        s: &Service,
        sk: u64,
        volume: f64,
        level: f64,
        platform: usize,
    ) {
        let t = self.t as f64;
        let rng = &mut self.rng;
        let active = hash_unit(self.seed, &[20, key, sk]) < sigmoid(s.active + level + 0.3 * t);
        let total = ((volume * (0.3 * rng.normal()).exp()).round() as u64).max(1);
        let zero_fill = hash_unit(self.seed, &[21, key]) < 0.5;
        let italian = hash_unit(self.seed, &[22, key]) < 0.1;
        let mut cells: [String; 6] = Default::default();
        cells[0] = active.to_string();
        if active {
            let share = sigmoid(logit(s.share) + 0.9 * rng.normal() + 0.15 * t);
            let online = (total as f64 * share).round() as u64;
            let extra = ((online as f64 * s.extra * (0.5 + rng.unit())).round() as u64).min(online);
            let on_platform = online - extra;
            let mut plat = [0u64; 3];
            let main = if s.id == "suap" && rng.chance(0.8) {
                0
            } else {
                platform
            };
            if rng.chance(0.2) {
                let second = (main + 1 + rng.below(2)) % 3;
                plat[second] = on_platform * 3 / 10;
            }
            plat[main] = on_platform - plat.iter().sum::<u64>();
            if !rng.chance(0.08) {
                for k in 0..3 {
                    cells[1 + k] = if plat[k] > 0 || k == main {
                        count(plat[k], italian)
                    } else if zero_fill {
                        "0".into()
                    } else {
                        String::new()
                    };
                }
            }
            if rng.chance(0.85) {
                cells[4] = count(extra, italian);
            }
        } else if rng.chance(0.25) {
            let extra = (total as f64 * s.share * s.extra * rng.unit()).round() as u64;
            cells[4] = count(extra, italian);
        }
        let r = rng.unit();
        cells[5] = if r < 0.07 {
            MISSING[rng.below(MISSING.len())].into()
        } else if r < 0.08 {
            // No request at all that year: every count provided is zero.
            for c in cells[1..5].iter_mut().filter(|c| !c.is_empty()) {
                *c = "0".into();
            }
            "0".into()
        } else {
            count(total, italian)
        };
        let mut service = s.id;
        let mut entity = id.to_owned();
        let fault = if self.faults {
            rng.pick(FAULT_RATE, 7)
        } else {
            None
        };
        match fault {
            Some(0) => cells[4] = "-5".into(),
            Some(1) => cells[5] = "\"12,5\"".into(),
            Some(2) => cells[2] = "n/a".into(),
            Some(3) => cells[1] = count(total + 10, false),
            Some(4) => service = "certificati_online",
            Some(5) => entity = format!("000{}", &id[id.len().min(3)..]),
            _ => {}
        }
        self.line(&entity, service, &cells);
        if fault == Some(6) {
            cells[5] = count(total * 2, false);
            self.line(&entity, service, &cells);
        }
    }

    fn line(&mut self, id: &str, service: &str, cells: &[String; 6]) {
        let _ = write!(self.out, "{},{id},{service}", self.year);
        for c in cells {
            self.out.push(',');
            self.out.push_str(c);
        }
        self.out.push('\n');
    }
}

pub(super) fn returns_csv(options: &GenerateOptions, world: &World) -> String {
    let rows = world.municipalities.len() * MUNICIPAL.len() * options.years;
    let mut w = Writer {
        out: String::with_capacity(rows * 48 + 128),
        rng: SplitMix64::new(options.seed, 3),
        faults: options.faults,
        seed: options.seed,
        year: 0,
        t: 0,
    };
    w.out.push_str("year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n");
    for (t, year) in options.year_list().into_iter().enumerate() {
        w.t = t;
        w.year = year;
        for (m, muni) in world.municipalities.iter().enumerate() {
            // About one municipality in twenty files no return in a year.
            if hash_unit(options.seed, &[23, m as u64, t as u64]) < 0.05 {
                continue;
            }
            let union = muni.union.map(|u| &world.unions[u]);
            for (k, s) in MUNICIPAL.iter().enumerate() {
                if s.nursery && !world.nursery[t][m] {
                    continue;
                }
                if s.id == "suap" && union.is_some_and(|u| u.files_suap) {
                    continue;
                }
                let volume = muni.population as f64 * s.rate;
                w.body(
                    m as u64,
                    &muni.id,
                    s,
                    k as u64,
                    volume,
                    muni.level,
                    muni.platform,
                );
            }
        }
        for (u, union) in world
            .unions
            .iter()
            .enumerate()
            .filter(|(_, u)| u.files_suap)
        {
            let pop: u64 = union
                .members
                .iter()
                .map(|&m| world.municipalities[m].population)
                .sum();
            let key = (1 << 40) + u as u64;
            w.body(
                key,
                &union.id,
                &MUNICIPAL[6],
                6,
                pop as f64 * 0.01,
                union.level,
                0,
            );
        }
        for (p, code) in world.provinces.iter().enumerate() {
            let key = (2 << 40) + p as u64;
            let id = format!("PROV_{code}");
            w.body(key, &id, &PROVINCIAL, 8, 20_000.0, 0.0, p % 3);
        }
        for (o, id) in world.operators.iter().enumerate() {
            let key = (3 << 40) + o as u64;
            w.body(key, id, &TRANSPORT, 9, 60_000.0, 0.0, o % 2);
        }
    }
    w.out
}

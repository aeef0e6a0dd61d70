//! The synthetic registry (municipalities, unions, provinces, transport operators), the
//! nursery facilities and the catalog of procedures.

use super::rng::{hash_unit, SplitMix64};
use super::GenerateOptions;
use std::fmt::Write;

/// The thematic areas of the catalog: id and name.
pub(super) const AREAS: [(&str, &str); 12] = [
    ("anagrafe", "Anagrafe e stato civile"),
    ("tributi", "Tributi e pagamenti"),
    ("edilizia", "Edilizia e urbanistica"),
    ("suap", "Attività produttive (SUAP)"),
    ("scuola", "Istruzione e diritto allo studio"),
    ("sociale", "Servizi sociali"),
    ("polizia", "Polizia locale"),
    ("ambiente", "Ambiente e territorio"),
    ("cultura", "Cultura, sport e tempo libero"),
    ("lavori", "Lavori pubblici"),
    ("mobilita", "Mobilità e trasporti"),
    ("urp", "Relazioni con il pubblico"),
];

/// Areas a union may run for its members (positions in [`AREAS`]).
pub(super) const DELEGABLE: [usize; 4] = [2, 3, 5, 6];

/// The online phases, in catalog order.
pub(super) const PHASES: [&str; 3] = ["request", "payment", "outcome"];

/// A municipality.
pub(super) struct Municipality {
    pub id: String,
    pub name: String,
    pub province: usize,
    pub population: u64,
    pub mountain: bool,
    pub union: Option<usize>,
    /// Digital maturity (latent, logit scale).
    pub level: f64,
    /// The platform kind it mostly uses (0 regional, 1 autonomous, 2 national).
    pub platform: usize,
}

/// A union of municipalities.
pub(super) struct Union {
    pub id: String,
    pub province: usize,
    pub members: Vec<usize>,
    pub level: f64,
    /// Bit `a`: the union runs area `a` of [`AREAS`] for its members.
    pub areas: u16,
    /// Whether it files the SUAP return for its members.
    pub files_suap: bool,
}

/// The synthetic country.
pub(super) struct World {
    pub provinces: Vec<String>,
    pub municipalities: Vec<Municipality>,
    pub unions: Vec<Union>,
    pub operators: Vec<String>,
    /// `nursery[y][m]`: whether municipality `m` has a nursery in year `y` (0-based).
    pub nursery: Vec<Vec<bool>>,
}

/// A procedure of the catalog.
pub(super) struct Procedure {
    pub id: String,
    pub name: String,
    pub area: usize,
    /// Its applicable phases (positions in [`PHASES`]).
    pub phases: Vec<usize>,
    pub nursery: bool,
    /// How commonly it is offered online (logit scale).
    pub ease: f64,
}

fn province_code(i: usize) -> String {
    // Two letters, skipping `ND` (read as "not provided").
    let i = if i >= 13 * 26 + 3 { i + 1 } else { i };
    let a = (b'A' + (i / 26 % 26) as u8) as char;
    let b = (b'A' + (i % 26) as u8) as char;
    if i < 676 {
        format!("{a}{b}")
    } else {
        format!("{a}{b}{}", i / 676)
    }
}

const PREFIXES: [&str; 8] = ["", "", "", "San ", "Castel ", "Borgo ", "Monte ", "Santa "];
const SYLLABLES: [&str; 24] = [
    "ca", "mo", "ri", "lo", "ve", "na", "po", "ten", "gra", "bel", "fo", "sa", "val", "cor", "li",
    "ro", "me", "zzo", "bra", "to", "ga", "ne", "di", "scia",
];
const SUFFIXES: [&str; 8] = ["", "", "", "", " di Sopra", " Terme", " sul Po", " d'Arda"];
const ENDINGS: [&str; 6] = ["o", "a", "e", "ì", "ino", "ano"];

fn place_name(rng: &mut SplitMix64) -> String {
    let mut s = String::from(PREFIXES[rng.below(PREFIXES.len())]);
    let n = rng.range(1, 3);
    let mut word = String::new();
    for _ in 0..n {
        word.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    word.push_str(ENDINGS[rng.below(ENDINGS.len())]);
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        s.extend(c.to_uppercase());
        s.push_str(chars.as_str());
    }
    s.push_str(SUFFIXES[rng.below(SUFFIXES.len())]);
    s
}

impl World {
    pub fn new(options: &GenerateOptions, n_provinces: usize) -> World {
        let mut rng = SplitMix64::new(options.seed, 1);
        let provinces: Vec<String> = (0..n_provinces).map(province_code).collect();
        // Municipalities per province: uneven, as in reality.
        let mut per_province = vec![0usize; n_provinces];
        let weights: Vec<f64> = (0..n_provinces)
            .map(|_| (0.5 * rng.normal()).exp())
            .collect();
        let total: f64 = weights.iter().sum();
        let mut assigned = 0;
        for (p, w) in weights.iter().enumerate() {
            per_province[p] = (options.municipalities as f64 * w / total).floor() as usize;
            assigned += per_province[p];
        }
        for i in 0..options.municipalities - assigned {
            per_province[i % n_provinces] += 1;
        }
        let mut municipalities = Vec::with_capacity(options.municipalities);
        for (p, &count) in per_province.iter().enumerate() {
            let capital = if count > 0 { rng.below(count) } else { 0 };
            for k in 0..count {
                // Log-normal population: median 2,400, as the Italian municipalities
                // (70% under 5,000 inhabitants); one large chief town per province.
                let mut pop = (2_400f64.ln() + 1.35 * rng.normal()).exp();
                if k == capital {
                    pop = pop.max((90_000f64.ln() + 0.9 * rng.normal()).exp());
                }
                let population = (pop.round() as u64).clamp(30, 2_800_000);
                let mountain = rng.chance(if population < 5_000 { 0.55 } else { 0.2 });
                let level = 0.45 * (population as f64 / 5_000.0).ln() + 0.8 * rng.normal();
                let platform = match rng.unit() {
                    u if u < 0.45 => 0,
                    u if u < 0.9 => 1,
                    _ => 2,
                };
                municipalities.push(Municipality {
                    id: format!("{:03}{:03}", p + 1, k + 1),
                    name: place_name(&mut rng),
                    province: p,
                    population,
                    mountain,
                    union: None,
                    level,
                    platform,
                });
            }
        }
        // Unions: groups of 3-12 neighbouring small municipalities of one province
        // (about 80% of those under 20,000 inhabitants).
        let mut unions = Vec::new();
        let mut start = 0;
        for &count in &per_province {
            let mut eligible: Vec<usize> = (start..start + count)
                .filter(|&m| municipalities[m].population < 20_000 && rng.chance(0.8))
                .collect();
            start += count;
            while eligible.len() >= 3 {
                let size = rng.range(3, 12).min(eligible.len());
                let members: Vec<usize> = eligible.drain(..size).collect();
                let u = unions.len();
                let mut areas = 0u16;
                for a in DELEGABLE {
                    if rng.chance(0.4) {
                        areas |= 1 << a;
                    }
                }
                for &m in &members {
                    municipalities[m].union = Some(u);
                }
                unions.push(Union {
                    id: format!("U{:04}", u + 1),
                    province: municipalities[members[0]].province,
                    members,
                    level: 0.3 + 0.6 * rng.normal(),
                    areas,
                    files_suap: rng.chance(0.25),
                });
            }
        }
        let operators = (0..(n_provinces * 4).div_ceil(9))
            .map(|i| format!("TPL{:03}", i + 1))
            .collect();
        // Nurseries: most municipalities have one; small mountain ones often do not;
        // some open one over the years.
        let mut nursery = Vec::with_capacity(options.years);
        let mut has: Vec<bool> = municipalities
            .iter()
            .map(|m| {
                let p = match (m.population, m.mountain) {
                    (0..=1_999, true) => 0.55,
                    (0..=2_999, _) => 0.8,
                    _ => 0.98,
                };
                rng.chance(p)
            })
            .collect();
        for _ in 0..options.years {
            nursery.push(has.clone());
            for h in has.iter_mut() {
                if !*h && rng.chance(0.04) {
                    *h = true;
                }
            }
        }
        World {
            provinces,
            municipalities,
            unions,
            operators,
            nursery,
        }
    }

    pub fn entities_csv(&self) -> String {
        let mut s = String::with_capacity(64 * (self.municipalities.len() + self.unions.len()));
        s.push_str("entity_id,name,kind,province,population,mountain,union_id\n");
        for m in &self.municipalities {
            let union = m.union.map_or("", |u| self.unions[u].id.as_str());
            let _ = writeln!(
                s,
                "{},{},municipality,{},{},{},{}",
                m.id, m.name, self.provinces[m.province], m.population, m.mountain, union
            );
        }
        for u in &self.unions {
            let first = &self.municipalities[u.members[0]];
            let _ = writeln!(
                s,
                "{},Unione {} e altri,union,{},,,",
                u.id, first.name, self.provinces[u.province]
            );
        }
        for p in &self.provinces {
            let _ = writeln!(s, "PROV_{p},Provincia {p},province,{p},,,");
        }
        for o in &self.operators {
            let _ = writeln!(s, "{o},Azienda trasporti {o},transport_operator,,,,");
        }
        s
    }

    pub fn facilities_csv(&self, options: &GenerateOptions) -> String {
        let mut s = String::with_capacity(28 * self.municipalities.len() * options.years + 32);
        s.push_str("year,entity_id,facility,present\n");
        for (t, year) in options.year_list().into_iter().enumerate() {
            for (i, m) in self.municipalities.iter().enumerate() {
                let _ = writeln!(s, "{year},{},nursery,{}", m.id, self.nursery[t][i]);
            }
        }
        s
    }
}

/// The catalog: `options.procedures` procedures spread over the 12 areas.
pub(super) fn catalog(options: &GenerateOptions) -> Vec<Procedure> {
    let mut rng = SplitMix64::new(options.seed, 2);
    let mut per_area = [0usize; 12];
    (0..options.procedures)
        .map(|i| {
            let area = i % AREAS.len();
            per_area[area] += 1;
            let k = per_area[area];
            let phases = match rng.unit() {
                u if u < 0.35 => vec![0],
                u if u < 0.55 => vec![0, 1],
                u if u < 0.75 => vec![0, 2],
                _ => vec![0, 1, 2],
            };
            Procedure {
                id: format!("{}_{k:02}", AREAS[area].0),
                name: format!("Procedimento {k} ({})", AREAS[area].1.to_lowercase()),
                area,
                phases,
                // The first two procedures of the school area presuppose a nursery.
                nursery: area == 4 && k <= 2,
                ease: 0.9 * rng.normal() + 0.4 * hash_unit(options.seed, &[area as u64]),
            }
        })
        .collect()
}

pub(super) fn procedures_csv(catalog: &[Procedure]) -> String {
    let mut s =
        String::from("procedure_id,procedure_name,area_id,area_name,phases,requires_facility\n");
    for p in catalog {
        let phases: Vec<&str> = p.phases.iter().map(|&i| PHASES[i]).collect();
        let (area_id, area_name) = AREAS[p.area];
        let _ = writeln!(
            s,
            "{},\"{}\",{area_id},\"{area_name}\",{},{}",
            p.id,
            p.name,
            phases.join("|"),
            if p.nursery { "nursery" } else { "" }
        );
    }
    s
}

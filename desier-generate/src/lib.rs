//! Deterministic synthetic datasets (dati sintetici) in the canonical formats of
//! FORMATS.md, at any scale: a registry with a realistic population distribution,
//! provinces, unions of municipalities, transport operators, the nursery facilities, a
//! catalog of procedures in 12 thematic areas, the surveyed online offer and the usage
//! returns of the ten services of METHOD.md section 3, with missing data ("nd") and a
//! few invalid rows of the kinds real surveys contain, so that the diagnostics are
//! exercised too.
//!
//! The same options and seed give byte-identical files on every machine (the generator
//! has its own PRNG, SplitMix64). The output is CSV text per table, usable from the
//! command (`desier generate`), the benchmarks and the WebAssembly build alike.
//!
//! ```
//! use desier_generate::{generate, GenerateOptions};
//! use desier_core::{interactivity, InteractivityOptions, TableKind};
//!
//! let options = GenerateOptions { municipalities: 40, procedures: 24, years: 2, ..GenerateOptions::default() };
//! let data = generate(&options).unwrap();
//! assert!(data.text(TableKind::Offer).unwrap().starts_with("year,entity_id,procedure_id,online_phases"));
//! let result = interactivity(&data.tables(), &InteractivityOptions::default()).unwrap();
//! assert_eq!(result.municipalities.len(), 40 * 2);
//! assert_eq!(generate(&options).unwrap(), data); // deterministic
//! ```
//!
//! The data are synthetic: they look like the surveys of a region or of the whole country
//! (the presets [`GenerateOptions::region`] and [`GenerateOptions::italy`]) but describe no
//! real body.

mod offer;
mod registry;
mod returns;
pub mod rng;

use desier_core::{Error, Input, Result, TableKind, Tables};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What to generate. Every field has a default (the `region` preset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GenerateOptions {
    /// Number of municipalities (comuni), at least 1.
    pub municipalities: usize,
    /// Number of procedures in the catalog (procedimenti), at least 1.
    pub procedures: usize,
    /// Number of surveyed years, at least 1 and at most 100.
    pub years: usize,
    /// The last surveyed year (the first is `last_year - years + 1`).
    pub last_year: i32,
    /// Number of provinces (default: one per 74 municipalities, as in Italy), 1 to 999.
    pub provinces: Option<usize>,
    /// The seed of the PRNG.
    pub seed: u64,
    /// Whether to add the invalid rows real surveys contain (unknown bodies, procedures
    /// and services, bad years and counts, duplicates, codes that lost their leading
    /// zeros); default `true`.
    pub faults: bool,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self::region()
    }
}

impl GenerateOptions {
    /// One region: 328 municipalities in 9 provinces (as Emilia-Romagna), 140
    /// procedures, 2 years.
    pub fn region() -> Self {
        Self {
            municipalities: 328,
            procedures: 140,
            years: 2,
            last_year: 2024,
            provinces: Some(9),
            seed: 2020,
            faults: true,
        }
    }

    /// Italy: 7,904 municipalities in 107 provinces, 140 procedures, a decade of surveys.
    pub fn italy() -> Self {
        Self {
            municipalities: 7_904,
            years: 10,
            provinces: Some(107),
            ..Self::region()
        }
    }

    /// A preset by name: `region` or `italy`.
    pub fn preset(name: &str) -> Result<Self> {
        match name {
            "region" => Ok(Self::region()),
            "italy" => Ok(Self::italy()),
            _ => Err(Error::InvalidOption {
                option: "preset".into(),
                value: name.into(),
                expected: "region or italy".into(),
            }),
        }
    }

    /// The surveyed years, oldest first.
    pub fn year_list(&self) -> Vec<i32> {
        let first = self.last_year - self.years as i32 + 1;
        (first..=self.last_year).collect()
    }

    fn province_count(&self) -> usize {
        self.provinces
            .unwrap_or_else(|| self.municipalities.div_ceil(74))
            .clamp(1, 999)
    }

    fn check(&self) -> Result<()> {
        let bad = |option: &str, value: usize, expected: &str| {
            Err(Error::InvalidOption {
                option: option.into(),
                value: value.to_string(),
                expected: expected.into(),
            })
        };
        if self.municipalities == 0 {
            return bad("municipalities", 0, "at least 1");
        }
        if self.procedures == 0 {
            return bad("procedures", 0, "at least 1");
        }
        if self.years == 0 || self.years > 100 {
            return bad("years", self.years, "1 to 100");
        }
        if let Some(p) = self.provinces {
            if p == 0 || p > 999 {
                return bad("provinces", p, "1 to 999");
            }
        }
        Ok(())
    }
}

/// A generated dataset: the CSV text of each table, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dataset {
    /// The tables and their CSV text.
    pub files: Vec<(TableKind, String)>,
}

impl Dataset {
    /// The CSV text of a table.
    pub fn text(&self, table: TableKind) -> Option<&str> {
        self.files
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, s)| s.as_str())
    }

    /// The dataset as input tables, named `<table>.csv` in diagnostics.
    pub fn tables(&self) -> Tables {
        let mut t = Tables::default();
        for (kind, text) in &self.files {
            t.set(
                *kind,
                Input::from_text(format!("{}.csv", kind.name()), text.clone()),
            );
        }
        t
    }

    /// The total size of the CSV text, in bytes.
    pub fn len(&self) -> usize {
        self.files.iter().map(|(_, s)| s.len()).sum()
    }

    /// Whether the dataset has no text at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the tables as `<table>.csv` into `dir` (created if missing).
    pub fn write(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        let fail = |path: &Path, e: std::io::Error| Error::Unwritable {
            file: path.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        for (kind, text) in &self.files {
            let path = dir.join(format!("{}.csv", kind.name()));
            std::fs::write(&path, text).map_err(|e| fail(&path, e))?;
        }
        Ok(())
    }
}

/// Generates a dataset.
pub fn generate(options: &GenerateOptions) -> Result<Dataset> {
    options.check()?;
    let world = registry::World::new(options, options.province_count());
    let catalog = registry::catalog(options);
    let files = vec![
        (TableKind::Entities, world.entities_csv()),
        (TableKind::Facilities, world.facilities_csv(options)),
        (TableKind::Procedures, registry::procedures_csv(&catalog)),
        (
            TableKind::Offer,
            offer::offer_csv(options, &world, &catalog),
        ),
        (TableKind::Returns, returns::returns_csv(options, &world)),
    ];
    Ok(Dataset { files })
}

#[cfg(test)]
mod tests {
    use super::*;
    use desier_core::{interactivity, Code, InteractivityOptions};

    fn small() -> GenerateOptions {
        GenerateOptions {
            municipalities: 200,
            procedures: 30,
            years: 3,
            provinces: None,
            ..GenerateOptions::default()
        }
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(&small()).unwrap();
        assert_eq!(a, generate(&small()).unwrap());
        let b = generate(&GenerateOptions { seed: 1, ..small() }).unwrap();
        assert_ne!(a.text(TableKind::Offer), b.text(TableKind::Offer));
    }

    #[test]
    fn every_table_has_the_canonical_header() {
        let d = generate(&small()).unwrap();
        let header = |t| d.text(t).unwrap().lines().next().unwrap().to_owned();
        assert_eq!(
            header(TableKind::Returns),
            "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total"
        );
        assert_eq!(
            header(TableKind::Entities),
            "entity_id,name,kind,province,population,mountain,union_id"
        );
        assert_eq!(
            header(TableKind::Facilities),
            "year,entity_id,facility,present"
        );
    }

    /// Every generated header is made of the schema's canonical columns and has every
    /// required one, so the generator cannot drift from what the readers expect.
    #[test]
    fn every_header_follows_the_schema() {
        let d = generate(&small()).unwrap();
        for (kind, text) in &d.files {
            let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
            let columns: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
            for h in &header {
                assert!(
                    columns.contains(h),
                    "{}: `{h}` is not a schema column",
                    kind.name()
                );
            }
            for c in kind.columns().iter().filter(|c| c.required) {
                assert!(
                    header.contains(&c.name),
                    "{}: `{}` missing",
                    kind.name(),
                    c.name
                );
            }
        }
    }

    #[test]
    fn the_index_is_computed_with_the_deliberate_faults_diagnosed() {
        let d = generate(&small()).unwrap();
        let r = interactivity(&d.tables(), &InteractivityOptions::default()).unwrap();
        assert_eq!(r.municipalities.len(), 200 * 3);
        let mean = r.municipalities.iter().filter_map(|m| m.index).sum::<f64>()
            / r.municipalities.len() as f64;
        assert!((10.0..90.0).contains(&mean), "mean index {mean}");
        // About one row in 2,500 is faulty: a few diagnostics, of the known kinds.
        let codes: Vec<Code> = r.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.is_empty() && codes.len() < 40, "{codes:?}");
        let clean = generate(&GenerateOptions {
            faults: false,
            ..small()
        })
        .unwrap();
        let r = interactivity(&clean.tables(), &InteractivityOptions::default()).unwrap();
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn presets_and_bad_options() {
        assert_eq!(
            GenerateOptions::preset("italy").unwrap().municipalities,
            7_904
        );
        assert!(GenerateOptions::preset("europe").is_err());
        assert!(generate(&GenerateOptions {
            years: 0,
            ..small()
        })
        .is_err());
        assert_eq!(GenerateOptions::region().year_list(), [2023, 2024]);
    }
}

//! What the benchmarks of desier share: the synthetic datasets at region and Italy scale
//! (generated in memory by [`desier_generate`], the same files `make bench` writes
//! for the Python baselines), loaded models, and the same tables as XLSX workbooks.

use criterion::measurement::WallTime;
use criterion::BenchmarkGroup;
use desier_core::io::{entities, facilities, offer, procedures};
use desier_core::model::catalog::Catalog;
use desier_core::model::facilities::Facilities;
use desier_core::model::offer::Offer;
use desier_core::model::registry::Registry;
use desier_core::{Diagnostics, Input, TableKind};
use desier_generate::{generate, Dataset, GenerateOptions};
use std::path::PathBuf;
use std::time::Duration;

/// The scales of the benchmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// One region: 328 municipalities x 140 procedures x 2 years.
    Region,
    /// Italy: 7,904 municipalities x 140 procedures x 10 years.
    Italy,
}

impl Scale {
    /// Both scales, smallest first.
    pub const ALL: [Scale; 2] = [Scale::Region, Scale::Italy];

    /// The preset's name (`region`, `italy`).
    pub fn name(self) -> &'static str {
        match self {
            Scale::Region => "region",
            Scale::Italy => "italy",
        }
    }

    /// The generator's options for this scale.
    pub fn options(self) -> GenerateOptions {
        match self {
            Scale::Region => GenerateOptions::region(),
            Scale::Italy => GenerateOptions::italy(),
        }
    }

    /// Sets a group's sampling for the scale, so that `make bench` stays within its
    /// time: 30 samples over 2 s at region scale, 10 samples at Italy scale (each may take
    /// seconds).
    pub fn configure(self, group: &mut BenchmarkGroup<'_, WallTime>) {
        match self {
            Scale::Region => group
                .sample_size(30)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(2)),
            Scale::Italy => group
                .sample_size(10)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(5)),
        };
    }

    /// Generates the dataset in memory.
    pub fn dataset(self) -> Dataset {
        generate(&self.options()).expect("the presets are valid options")
    }
}

/// The CSV text of a table as an input named `<table>.csv`.
pub fn input(data: &Dataset, table: TableKind) -> Input {
    let text = data.text(table).expect("the generator writes every table");
    Input::from_text(format!("{}.csv", table.name()), text)
}

/// The tables of the interactivity index, read into the model.
pub struct Loaded {
    /// The registry.
    pub registry: Registry,
    /// The catalog of procedures.
    pub catalog: Catalog,
    /// The facilities.
    pub facilities: Facilities,
    /// The offer.
    pub offer: Offer,
    /// The surveyed years.
    pub years: Vec<i32>,
}

/// Reads the interactivity tables of a dataset.
pub fn load(data: &Dataset) -> Loaded {
    let mut d = Diagnostics::new();
    let (registry, _) = entities::read_entities(&input(data, TableKind::Entities), &mut d).unwrap();
    let (catalog, _) =
        procedures::read_procedures(&input(data, TableKind::Procedures), &mut d).unwrap();
    let (facilities, _) =
        facilities::read_facilities(&input(data, TableKind::Facilities), &registry, &mut d)
            .unwrap();
    let (offer, _) =
        offer::read_offer(&input(data, TableKind::Offer), &registry, &catalog, &mut d).unwrap();
    let years = offer.years.keys().copied().collect();
    Loaded {
        registry,
        catalog,
        facilities,
        offer,
        years,
    }
}

/// A CSV table as an XLSX workbook with one sheet named after the table, as a clerk
/// would save it: whole numbers as numbers, codes with leading zeros as text.
pub fn xlsx(csv_text: &str, table: TableKind) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.name()).expect("a valid sheet name");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    for (r, record) in reader.records().enumerate() {
        let record = record.expect("the generator writes valid CSV");
        for (c, cell) in record.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let number = (!cell.starts_with('0') || cell == "0")
                .then(|| cell.parse::<u64>().ok())
                .flatten();
            match number {
                Some(n) => sheet.write_number(r, c, n as f64),
                None => sheet.write_string(r, c, cell),
            }
            .expect("the cell fits the sheet");
        }
    }
    workbook.save_to_buffer().expect("an in-memory workbook")
}

/// The release build of the `desier` command (built by `make bench` before the benches).
pub fn desier_command() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = root.join("target/release/desier");
    path.is_file().then_some(path)
}

/// The folder `make bench` writes the generated CSV files into.
pub fn data_dir(scale: Scale) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(scale.name())
}

//! `desier generate`: a deterministic synthetic dataset in the canonical formats, at any
//! scale (for benchmarks, demos and tests).

use clap::{Args, ValueEnum};
use desier_generate::{generate, GenerateOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// The options of `desier generate`.
#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Start from a preset: `region` (328 municipalities x 140 procedures x 2 years) or
    /// `italy` (7,904 x 140 x 10 years); the other options override it.
    #[arg(long, value_enum)]
    preset: Option<Preset>,
    /// Number of municipalities (default: the preset's, or 328).
    #[arg(long, value_name = "N")]
    municipalities: Option<usize>,
    /// Number of procedures in the catalog (default: 140).
    #[arg(long, value_name = "P")]
    procedures: Option<usize>,
    /// Number of surveyed years, ending in 2024 (default: the preset's, or 2).
    #[arg(long, value_name = "Y")]
    years: Option<usize>,
    /// Number of provinces (default: the preset's, or one per 74 municipalities).
    #[arg(long)]
    provinces: Option<usize>,
    /// Seed of the generator: the same seed gives the same files.
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// Leave out the deliberately invalid rows.
    #[arg(long)]
    no_faults: bool,
    /// Folder to write the CSV files into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Preset {
    Region,
    Italy,
}

/// Runs `desier generate`.
pub fn run(a: GenerateArgs) -> desier_core::Result<ExitCode> {
    let mut options = match a.preset {
        Some(Preset::Italy) => GenerateOptions::italy(),
        Some(Preset::Region) | None => GenerateOptions::region(),
    };
    if let Some(n) = a.municipalities {
        options.municipalities = n;
        if a.preset.is_none() {
            options.provinces = None;
        }
    }
    options.procedures = a.procedures.unwrap_or(options.procedures);
    options.years = a.years.unwrap_or(options.years);
    options.provinces = a.provinces.or(options.provinces);
    options.seed = a.seed.unwrap_or(options.seed);
    options.faults = !a.no_faults;
    let data = generate(&options)?;
    data.write(&a.out)?;
    eprintln!(
        "desier: generated {} municipalities x {} procedures x {} years ({:.1} MB) in {}",
        options.municipalities,
        options.procedures,
        options.years,
        data.len() as f64 / 1e6,
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

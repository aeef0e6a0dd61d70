//! The `desier` command: the DESI-ER indices of municipalities from CSV or XLSX files.

mod emit;
mod generate;
mod report;
mod template;

use clap::{Args, Parser, Subcommand, ValueEnum};
use desier_core::{
    CompareOptions, Input, InteractivityOptions, ScoringRule, TableKind, Tables, UsageOptions,
    Weighting,
};
use std::path::PathBuf;
use std::process::ExitCode;

/// Computes the DESI-ER local indicators of the digital public services of municipalities
/// (Emilia-Romagna method): the interactivity index of the online offer and the usage
/// index of online services, from the survey files of docs/FORMATS.md (CSV with `,` or `;`,
/// Italian numbers, or XLSX).
///
/// Exit status: 0 computed without input errors (warnings allowed); 1 input errors were
/// found (results are still computed and written, with the diagnostics); 2 wrong command line.
#[derive(Parser, Debug)]
#[command(name = "desier", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Municipal interactivity index (indice di interattività comunale): the share of the
    /// catalog's procedures each municipality offers online, per year, with area
    /// sub-indices and region, size-class, province, territory and union means.
    Interactivity(InteractivityArgs),
    /// Usage index of interactive services (indice di utilizzo dei servizi interattivi):
    /// per-service pooled shares of online use by channel, data availability, the index of
    /// every municipality (100 x sum of the shares of its useful municipal services /
    /// potentially activatable services) and its means.
    Usage(UsageArgs),
    /// Year-over-year comparison over comparable cases (confronto omogeneo): pooled shares
    /// of two years per service and channel, the change in percentage points and the
    /// number of comparable cases.
    Compare(CompareArgs),
    /// Check every row of the input files without computing anything: prints the
    /// rejected (error) and flagged (warning) rows; exit status 1 when a row is rejected.
    Validate(ValidateArgs),
    /// Write the built-in sample dataset as CSV files (real registry of the 330
    /// Emilia-Romagna municipalities of 2023, Openpolis/ISTAT; illustrative catalog;
    /// synthetic surveys).
    Sample {
        /// Folder to write the files into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write the canonical entities table of every Italian municipality, or of one region,
    /// from the built-in national registry (ISTAT code, name, province, resident population
    /// on 1 January; Openpolis and ISTAT, CC BY 4.0), so that a national analysis starts
    /// from real municipalities. The `mountain` and `union_id` columns are left empty: the
    /// registry has neither, fill them in (comuni montani, unioni di comuni) before relying
    /// on the territory and union means.
    Registry(RegistryArgs),
    /// Print the main tables of every index, with a one-line explanation of each.
    Report(ReportArgs),
    /// Write a deterministic synthetic dataset (registry, facilities, catalog, offer,
    /// returns) at any scale, for benchmarks and tests.
    Generate(generate::GenerateArgs),
    /// Write the survey workbook (.xlsx) the offices fill in: one row per body and service
    /// of its competence, cells to fill with data validation, the online share and the
    /// checks of desier as formulas, last year's figures beside, pagoPA counts preloaded;
    /// read back with --returns like any returns file.
    Template(template::TemplateArgs),
}

/// The options of `desier registry`.
#[derive(Args, Debug)]
struct RegistryArgs {
    /// The registry of every Italian municipality (the national registry built in).
    #[arg(long, required = true)]
    italy: bool,
    /// Year of the registry and of its population on 1 January: 2022 or 2023 (default:
    /// the latest).
    #[arg(long)]
    year: Option<u16>,
    /// Only the municipalities of this region: its ISTAT code (`08`) or its name
    /// (`Emilia-Romagna`, any case, accents optional).
    #[arg(long, value_name = "CODE|NAME")]
    region: Option<String>,
    /// File to write the entities table into (default: standard output).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The input files shared by the computations.
#[derive(Args, Debug, Clone)]
struct Inputs {
    /// Folder holding the files under their canonical names (entities.csv, procedures.csv,
    /// offer.csv, facilities.csv, services.csv, returns.csv, or .xlsx); files named
    /// explicitly take precedence.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Registry of bodies (anagrafica): entity_id, name, kind, province, population,
    /// mountain, union_id, optional year.
    #[arg(long, value_name = "FILE")]
    entities: Option<PathBuf>,
    /// Physical facilities per year (strutture, e.g. which municipalities have a nursery):
    /// year, entity_id, facility, present. Optional: without it every facility is taken as
    /// present.
    #[arg(long, value_name = "FILE")]
    facilities: Option<PathBuf>,
}

/// The input files of the interactivity index.
#[derive(Args, Debug, Clone)]
struct OfferInputs {
    /// Catalog of procedures (catalogo dei procedimenti): procedure_id, area_id, phases, ...
    #[arg(long, value_name = "FILE")]
    procedures: Option<PathBuf>,
    /// Surveyed online offer (rilevazione dell'offerta): year, entity_id, procedure_id,
    /// online_phases, optional platform, optional platform_kind.
    #[arg(long, value_name = "FILE")]
    offer: Option<PathBuf>,
}

/// The input files of the usage index.
#[derive(Args, Debug, Clone)]
struct ReturnInputs {
    /// Usage returns (rilevazione dell'utilizzo): year, entity_id, service_id, active,
    /// regional_platform, autonomous_platform, national_platform, extra_platform, total.
    #[arg(long, value_name = "FILE")]
    returns: Option<PathBuf>,
    /// Service catalog (catalogo dei servizi): service_id, service_name, competence,
    /// extra_platform_channel, requires_facility. Optional: the ten services of the method
    /// are built in; rows replace the built-in service with the same id or add new ones.
    #[arg(long, value_name = "FILE")]
    services: Option<PathBuf>,
}

impl OfferInputs {
    fn named(&self) -> [(TableKind, &Option<PathBuf>); 2] {
        [
            (TableKind::Procedures, &self.procedures),
            (TableKind::Offer, &self.offer),
        ]
    }
}

impl ReturnInputs {
    fn named(&self) -> [(TableKind, &Option<PathBuf>); 2] {
        [
            (TableKind::Returns, &self.returns),
            (TableKind::Services, &self.services),
        ]
    }
}

#[derive(Args, Debug)]
struct InteractivityArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    offer: OfferInputs,
    /// Compute only this year (default: every year in the offer file).
    #[arg(long, value_parser = desier_core::options::parse_year)]
    year: Option<i32>,
    /// Procedure score: `stepped` (0 / 50 / 100, the method's rule) or `proportional`
    /// (100 x phases online / applicable phases).
    #[arg(long, default_value = "stepped", value_name = "RULE")]
    rule: ScoringRule,
    #[command(flatten)]
    weighting: WeightingArg,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Args, Debug)]
struct UsageArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    returns: ReturnInputs,
    /// Compute only this year (default: every year in the returns file).
    #[arg(long, value_parser = desier_core::options::parse_year)]
    year: Option<i32>,
    #[command(flatten)]
    weighting: WeightingArg,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Args, Debug)]
struct CompareArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    returns: ReturnInputs,
    /// The earlier year (e.g. 2018); `--from` for short.
    #[arg(long, alias = "from", value_name = "YEAR", value_parser = desier_core::options::parse_year, required_unless_present = "series", requires = "to_year")]
    from_year: Option<i32>,
    /// The later year (e.g. 2019); `--to` for short.
    #[arg(long, alias = "to", value_name = "YEAR", value_parser = desier_core::options::parse_year, required_unless_present = "series", requires = "from_year")]
    to_year: Option<i32>,
    /// Compare each pair of consecutive years present in the returns instead.
    #[arg(long, conflicts_with_all = ["from_year", "to_year"])]
    series: bool,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Args, Debug)]
struct ValidateArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    offer: OfferInputs,
    #[command(flatten)]
    returns: ReturnInputs,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Args, Debug, Clone)]
struct WeightingArg {
    /// Means of groups of municipalities: `simple` (each municipality counts once, the
    /// method's default) or `population` (weighted by resident population).
    #[arg(long, default_value = "simple", value_name = "WEIGHTING")]
    weighting: Weighting,
}

#[derive(Args, Debug, Clone)]
struct OutputArgs {
    /// `table` (readable, for the terminal), `json` (the full result of docs/FORMATS.md), `csv`
    /// (one table per file; without --output the main table goes to standard output) or
    /// `xlsx` (one Excel workbook, a sheet per table, with Italian headers, number formats,
    /// names beside ids, filters; needs --output).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Where to write: a file for json, table and xlsx, a folder for csv (one file per
    /// table).
    /// Default: standard output.
    #[arg(long, value_name = "PATH")]
    output: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// Use the built-in sample dataset.
    #[arg(long, conflicts_with = "dir", required_unless_present = "dir")]
    sample: bool,
    /// Folder with the files under their canonical names.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Csv,
    Xlsx,
}

impl Inputs {
    /// The tables: `--dir` first, then the files named explicitly.
    fn tables(&self, named: &[(TableKind, &Option<PathBuf>)]) -> desier_core::Result<Tables> {
        let mut tables = match &self.dir {
            Some(d) => Tables::from_dir(d)?,
            None => Tables::default(),
        };
        let common = [
            (TableKind::Entities, &self.entities),
            (TableKind::Facilities, &self.facilities),
        ];
        for (kind, path) in common.iter().chain(named) {
            if let Some(p) = path {
                tables.set(*kind, Input::from_path(p)?);
            }
        }
        Ok(tables)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Interactivity(a) => run_interactivity(a),
        Command::Usage(a) => run_usage(a),
        Command::Compare(a) => run_compare(a),
        Command::Validate(a) => run_validate(a),
        Command::Sample { out } => emit::write_sample(&out),
        Command::Registry(a) => {
            emit::write_registry(a.year, a.region.as_deref(), a.output.as_deref())
        }
        Command::Report(a) => report::run(a.sample, a.dir.as_deref()),
        Command::Generate(a) => generate::run(a),
        Command::Template(a) => template::run(a),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            // The stable code first, for scripts; then what is wrong and what to do.
            eprintln!("desier: error [{}]: {e}", e.code());
            ExitCode::from(1)
        }
    }
}

fn run_interactivity(a: InteractivityArgs) -> desier_core::Result<ExitCode> {
    let tables = a.inputs.tables(&a.offer.named())?;
    let options = InteractivityOptions::default()
        .with_year(a.year)
        .with_rule(a.rule)
        .with_weighting(a.weighting.weighting);
    let result = desier_core::interactivity(&tables, &options)?;
    emit::emit(
        &result,
        &result.names,
        outcome(&result.diagnostics, &result.tables),
        &a.out,
    )
}

fn run_usage(a: UsageArgs) -> desier_core::Result<ExitCode> {
    let tables = a.inputs.tables(&a.returns.named())?;
    let options = UsageOptions::default()
        .with_year(a.year)
        .with_weighting(a.weighting.weighting);
    let result = desier_core::usage(&tables, &options)?;
    emit::emit(
        &result,
        &result.names,
        outcome(&result.diagnostics, &result.tables),
        &a.out,
    )
}

fn run_compare(a: CompareArgs) -> desier_core::Result<ExitCode> {
    let tables = a.inputs.tables(&a.returns.named())?;
    let names = Default::default();
    match (a.from_year, a.to_year) {
        (Some(from), Some(to)) if !a.series => {
            let result = desier_core::compare(&tables, &CompareOptions::new(from, to))?;
            emit::emit(
                &result,
                &names,
                outcome(&result.diagnostics, &result.tables),
                &a.out,
            )
        }
        _ => {
            let series = desier_core::compare_series(&tables, &UsageOptions::default())?;
            emit::emit_series(&series, &a.out)
        }
    }
}

fn outcome<'a>(
    diagnostics: &'a [desier_core::Diagnostic],
    tables: &'a [desier_core::TableRead],
) -> emit::Outcome<'a> {
    emit::Outcome {
        diagnostics,
        tables,
    }
}

fn run_validate(a: ValidateArgs) -> desier_core::Result<ExitCode> {
    let named: Vec<_> = a
        .offer
        .named()
        .into_iter()
        .chain(a.returns.named())
        .collect();
    let tables = a.inputs.tables(&named)?;
    let result = desier_core::validate(&tables)?;
    emit::emit_diagnostics(&result, &a.out)
}

//! `desier template`: the survey workbook the offices fill in (foglio di rilevazione).

use clap::Args;
use desier_core::workbook::{template, TemplateOptions};
use desier_core::{Error, Input, Severity, TableKind, Tables};
use std::path::PathBuf;
use std::process::ExitCode;

/// The options of `desier template`.
#[derive(Args, Debug)]
pub struct TemplateArgs {
    /// Registry of bodies (anagrafica): one row of the survey per body and service of its
    /// competence.
    #[arg(long, value_name = "FILE")]
    entities: PathBuf,
    /// Physical facilities per year: a service that needs a facility the body lacks (e.g.
    /// the nursery) gets no row. Optional: every facility present.
    #[arg(long, value_name = "FILE")]
    facilities: Option<PathBuf>,
    /// Service catalog (catalogo dei servizi), as for the other commands. Optional: the
    /// ten services of the method.
    #[arg(long, value_name = "FILE")]
    services: Option<PathBuf>,
    /// Only these services (service ids, comma-separated or repeated; default: every
    /// service of the catalog).
    #[arg(long = "service", value_name = "ID", value_delimiter = ',')]
    only: Vec<String>,
    /// The year surveyed (anno di rilevazione).
    #[arg(long, value_name = "YEAR")]
    year: i32,
    /// Last year's returns: their figures are shown beside this year's (locked, grey) and
    /// the checks compare the two years.
    #[arg(long, value_name = "RETURNS")]
    previous: Option<PathBuf>,
    /// This year's counts from the pagoPA records, as a returns table (the payments
    /// computation's result, PAYMENTS.md): the online counts are preloaded, locked and
    /// marked; the total is left to the office (pagoPA's is only a floor).
    #[arg(long = "payments-counts", value_name = "FILE")]
    payments_counts: Option<PathBuf>,
    /// One workbook per body, written into the folder given as --output.
    #[arg(long)]
    split: bool,
    /// The workbook to write (.xlsx), or the folder with --split (created if missing).
    #[arg(long, value_name = "PATH")]
    output: PathBuf,
}

fn write_err(path: &std::path::Path, e: std::io::Error) -> Error {
    Error::Unreadable {
        file: path.display().to_string(),
        reason: format!("cannot write: {e}"),
    }
}

/// Runs `desier template`.
pub fn run(a: TemplateArgs) -> desier_core::Result<ExitCode> {
    let mut tables = Tables::default().with(TableKind::Entities, Input::from_path(&a.entities)?);
    let optional = [
        (TableKind::Facilities, &a.facilities),
        (TableKind::Services, &a.services),
        (TableKind::Returns, &a.previous),
    ];
    for (kind, path) in optional {
        if let Some(p) = path {
            tables.set(kind, Input::from_path(p)?);
        }
    }
    let payments = a
        .payments_counts
        .as_ref()
        .map(Input::from_path)
        .transpose()?;
    let options = TemplateOptions {
        year: a.year,
        services: a.only.clone(),
        split: a.split,
    };
    let t = template(&tables, payments.as_ref(), &options)?;
    if a.split {
        std::fs::create_dir_all(&a.output).map_err(|e| write_err(&a.output, e))?;
    }
    for f in &t.files {
        let path = if a.split {
            a.output.join(&f.name)
        } else {
            a.output.clone()
        };
        std::fs::write(&path, &f.bytes).map_err(|e| write_err(&path, e))?;
    }
    for d in &t.diagnostics {
        eprintln!(
            "{}:{}: {:?} [{}] {}",
            d.file,
            d.line,
            d.severity,
            d.code.as_str(),
            d.message
        );
    }
    eprintln!(
        "desier: {} workbook(s) written to {}",
        t.files.len(),
        a.output.display()
    );
    let errors = t.diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

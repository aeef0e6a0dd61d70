//! Writing results in the chosen format, and the exit status.

use crate::{Format, OutputArgs};
use desier_core::output::{self, Table};
use desier_core::{
    CompareSeries, Diagnostic, EntityId, Error, Severity, TableRead, ValidationResult,
};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The error for a file or folder that cannot be written.
pub fn write_err(path: &Path, e: std::io::Error) -> Error {
    Error::Unwritable {
        file: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// Writes `text` to `path`, or to standard output. A closed standard output (`desier ... |
/// head`) ends the writing quietly, as other command-line tools do; any other failure is
/// an [`Error::Unwritable`].
pub fn write_text(path: Option<&Path>, text: &str) -> desier_core::Result<()> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| write_err(p, e)),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Unwritable {
                    file: "standard output".into(),
                    reason: e.to_string(),
                }),
                _ => Ok(()),
            }
        }
    }
}

/// What a result says about its input: the diagnostics and the accounting of each table.
#[derive(Clone, Copy)]
pub struct Outcome<'a> {
    /// Every rejected or flagged row.
    pub diagnostics: &'a [Diagnostic],
    /// Rows read, accepted, accepted with warnings and rejected, per table.
    pub tables: &'a [TableRead],
}

/// Writes a result in the format asked for, summarises its diagnostics on standard error
/// and returns the exit status (1 when the input had errors).
pub fn emit<T: Serialize>(
    result: &T,
    names: &BTreeMap<EntityId, String>,
    outcome: Outcome<'_>,
    out: &OutputArgs,
) -> desier_core::Result<ExitCode> {
    let json = match out.format {
        Format::Json => Some(output::to_json(result)?),
        _ => None,
    };
    let tables = match out.format {
        Format::Json => Vec::new(),
        _ => output::tables(result),
    };
    emit_tables(json, tables, names, outcome, out)
}

/// [`emit`] of a result given as its JSON text (needed for `json` only) and its tables.
fn emit_tables(
    json: Option<String>,
    tables: Vec<Table>,
    names: &BTreeMap<EntityId, String>,
    outcome: Outcome<'_>,
    out: &OutputArgs,
) -> desier_core::Result<ExitCode> {
    let diagnostics = outcome.diagnostics;
    let path = out.output.as_deref();
    match out.format {
        Format::Json => write_text(path, &(json.unwrap_or_default() + "\n"))?,
        Format::Csv => match path {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
                for t in &tables {
                    let p = dir.join(format!("{}.csv", t.name));
                    std::fs::write(&p, output::to_csv(t)).map_err(|e| write_err(&p, e))?;
                }
            }
            None => {
                if let Some(main) = tables
                    .iter()
                    .find(|t| t.name != "diagnostics" && t.name != "aggregates")
                    .or(tables.first())
                {
                    write_text(None, &output::to_csv(main))?;
                }
                for d in diagnostics {
                    eprintln!("{d}");
                }
            }
        },
        Format::Xlsx => {
            let Some(p) = path else {
                return Err(Error::InvalidOption {
                    option: "format".into(),
                    value: "xlsx".into(),
                    expected:
                        "--output FILE.xlsx with it (a workbook is not written to the terminal)"
                            .into(),
                });
            };
            let names = output::Names::new(names.clone(), &desier_core::ServiceCatalog::default());
            let bytes = output::to_xlsx(&tables, &names)?;
            std::fs::write(p, bytes).map_err(|e| write_err(p, e))?;
        }
        Format::Table => {
            let mut text = String::new();
            for t in tables {
                if t.name == "diagnostics" {
                    continue;
                }
                text.push_str(&format!("\n== {} ==\n", t.name));
                text.push_str(&output::render(&with_names(compact(t), names), 2));
            }
            text.push_str(&diagnostics_text(diagnostics));
            write_text(path, &text)?;
        }
    }
    Ok(summarise(outcome))
}

/// `desier compare --series`: the JSON of [`CompareSeries`]; CSV and table: one `services`
/// table with the `from` and `to` years on every row ([`output::series_tables`]).
pub fn emit_series(series: &CompareSeries, out: &OutputArgs) -> desier_core::Result<ExitCode> {
    if series.comparisons.is_empty() {
        eprintln!("desier: the returns have fewer than two years: there is nothing to compare");
    }
    let json = match out.format {
        Format::Json => Some(output::to_json(series)?),
        _ => None,
    };
    let outcome = Outcome {
        diagnostics: &series.diagnostics,
        tables: &series.tables,
    };
    emit_tables(
        json,
        output::series_tables(series),
        &BTreeMap::new(),
        outcome,
        out,
    )
}

/// `desier validate`: the diagnostics as a table (file, line, severity, code, message),
/// as JSON `{"diagnostics": [...]}` or as CSV; exit status 1 when a row was rejected.
pub fn emit_diagnostics(
    result: &ValidationResult,
    out: &OutputArgs,
) -> desier_core::Result<ExitCode> {
    let path = out.output.as_deref();
    match (out.format, path) {
        (Format::Table, _) => {
            let tables = output::tables(result);
            let mut text = match tables.iter().find(|t| t.name == "diagnostics") {
                Some(t) if !t.rows.is_empty() => output::render(t, 2),
                _ => "No problems found in the input files.\n".into(),
            };
            if let Some(t) = tables.iter().find(|t| t.name == "tables") {
                text.push_str("\n== rows read per table ==\n");
                text.push_str(&output::render(t, 0));
            }
            write_text(path, &text)?;
        }
        (Format::Csv, None) => {
            if let Some(t) = output::tables(result)
                .iter()
                .find(|t| t.name == "diagnostics")
            {
                write_text(None, &output::to_csv(t))?;
            }
        }
        // JSON, or CSV into a folder: as for every other result (the tables are the
        // diagnostics and the accounting, so nothing is repeated on standard error).
        _ => {
            let quiet = Outcome {
                diagnostics: &[],
                tables: &[],
            };
            emit(result, &BTreeMap::new(), quiet, out)?;
        }
    }
    Ok(summarise(Outcome {
        diagnostics: &result.diagnostics,
        tables: &result.tables,
    }))
}

/// Drops the per-area columns from the terminal view (they are in JSON and CSV).
fn compact(mut t: Table) -> Table {
    let keep: Vec<usize> = (0..t.headers.len())
        .filter(|&i| !t.headers[i].starts_with("by_area."))
        .collect();
    t.headers = keep.iter().map(|&i| t.headers[i].clone()).collect();
    t.rows = t
        .rows
        .into_iter()
        .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
        .collect();
    t
}

/// Adds a `name` column after `entity_id`.
fn with_names(mut t: Table, names: &BTreeMap<EntityId, String>) -> Table {
    // A table whose rows carry their names already (the municipalities) is left as it is.
    if t.headers.iter().any(|h| h == "name") {
        return t;
    }
    if let Some(i) = t.headers.iter().position(|h| h == "entity_id") {
        t.headers.insert(i + 1, "name".into());
        for r in &mut t.rows {
            let name = names
                .get(&EntityId::new(r[i].clone()))
                .cloned()
                .unwrap_or_default();
            r.insert(i + 1, name);
        }
    }
    t
}

/// The diagnostics as a readable list.
pub fn diagnostics_text(diagnostics: &[Diagnostic]) -> String {
    if diagnostics.is_empty() {
        return "\nNo problems found in the input files.\n".into();
    }
    let mut text = format!("\n== diagnostics ({}) ==\n", diagnostics.len());
    for d in diagnostics {
        text.push_str(&format!("{d}\n"));
    }
    text
}

/// On standard error, the accounting of every table with a rejected or flagged row and one
/// line of totals; returns the exit status.
pub fn summarise(outcome: Outcome<'_>) -> ExitCode {
    let diagnostics = outcome.diagnostics;
    for t in outcome.tables {
        if t.rejected > 0 || t.accepted_with_warnings > 0 {
            eprintln!("desier: {}", accounting_line(t));
        }
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    if !diagnostics.is_empty() {
        if outcome.tables.is_empty() {
            eprintln!("desier: {errors} errors (rows rejected) and {warnings} warnings in the input; see the diagnostics");
        } else {
            let rejected: u64 = outcome.tables.iter().map(|t| t.rejected).sum();
            let flagged: u64 = outcome
                .tables
                .iter()
                .map(|t| t.accepted_with_warnings)
                .sum();
            eprintln!("desier: {rejected} rows rejected and {flagged} rows kept with warnings ({errors} errors, {warnings} warnings); see the diagnostics");
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `offer.csv (offer): 13 rows read: 5 accepted, 4 accepted with warnings, 4 rejected`.
pub fn accounting_line(t: &TableRead) -> String {
    format!(
        "{} ({}): {} rows read: {} accepted, {} accepted with warnings, {} rejected",
        t.file,
        t.table.name(),
        t.rows,
        t.accepted,
        t.accepted_with_warnings,
        t.rejected
    )
}

/// `desier sample --out DIR`.
/// `desier registry --italy`: the canonical entities table of the national registry (one
/// region's when asked), into `output` or standard output.
pub fn write_registry(
    year: Option<u16>,
    region: Option<&str>,
    output: Option<&Path>,
) -> desier_core::Result<ExitCode> {
    let text = desier_core::registry::entities_csv(year, region)?;
    let rows = text.lines().count() - 1;
    match output {
        Some(p) => {
            std::fs::write(p, &text).map_err(|e| write_err(p, e))?;
            eprintln!(
                "desier: {rows} municipalities written to {} (mountain and union_id empty: fill them in)",
                p.display()
            );
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error of the registry.
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn write_sample(dir: &Path) -> desier_core::Result<ExitCode> {
    std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
    for (kind, text) in desier_core::sample::FILES {
        let p = dir.join(format!("{}.csv", kind.name()));
        std::fs::write(&p, text).map_err(|e| write_err(&p, e))?;
    }
    let p = dir.join("README.txt");
    std::fs::write(
        &p,
        format!(
            "desier sample dataset.\n{}\n",
            desier_core::sample::ATTRIBUTION
        ),
    )
    .map_err(|e| write_err(&p, e))?;
    eprintln!("desier: sample written to {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

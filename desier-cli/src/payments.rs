//! `desier payments`: pagoPA payment records become usage counts by channel
//! (precaricamento, PAYMENTS.md).

use crate::emit;
use crate::OutputArgs;
use clap::Args;
use desier_core::payments::{payments, PaymentOptions, PaymentSource, ReturnRow};
use desier_core::{Input, TableKind, Tables};
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `desier payments`.
#[derive(Args, Debug)]
pub struct PaymentsArgs {
    /// Registry of bodies (anagrafica) with the optional `fiscal_code` column (codice
    /// fiscale), which links the records' creditors to the bodies.
    #[arg(long, value_name = "FILE")]
    entities: PathBuf,
    /// Payment records: a file or a folder (every file in it, in name order), as the
    /// canonical payments CSV/XLSX, pagoPA receipts XML (paSendRT, paSendRTV2) or business
    /// events JSON, in any mix. Repeat for more; folders and files may also follow the
    /// options.
    #[arg(long = "payments", value_name = "FILE|DIR", required = true)]
    payments: Vec<PathBuf>,
    /// More payment files or folders.
    #[arg(value_name = "FILE|DIR")]
    more: Vec<PathBuf>,
    /// Service map (mappa dei servizi): category, local_type, creditor, service_id.
    /// Default: the built-in map from the pagoPA taxonomy v33; a file replaces it.
    #[arg(long, value_name = "FILE")]
    service_map: Option<PathBuf>,
    /// Channel rules (regole dei canali): origin, touchpoint, psp_id, psp_broker_id,
    /// channel_id, channel_description, payment_method, broker_pa_id, station_id,
    /// platform, class, note. Default: the built-in rules; a file replaces them.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Service catalog (optional: the ten services of the method are built in).
    #[arg(long, value_name = "FILE")]
    services: Option<PathBuf>,
    /// Count only the records of this year (in Italian local time, Europe/Rome).
    #[arg(long)]
    year: Option<i32>,
    /// A survey's returns to merge the counts into: the records fill the platform and
    /// extra-platform counts; the survey's total wins when it is at least the records';
    /// differences are warnings. The merged table is in the result (`merged_returns`) and
    /// is what --as-returns writes.
    #[arg(long, value_name = "RETURNS")]
    merge_returns: Option<PathBuf>,
    /// Also write the counts as a `returns` table (CSV) that `desier usage` reads.
    #[arg(long, value_name = "OUT")]
    as_returns: Option<PathBuf>,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `desier payments`.
pub fn run(a: PaymentsArgs) -> desier_core::Result<ExitCode> {
    let mut tables = Tables::default().with(TableKind::Entities, Input::from_path(&a.entities)?);
    for (kind, path) in [
        (TableKind::ServiceMap, &a.service_map),
        (TableKind::ChannelRules, &a.rules),
        (TableKind::Services, &a.services),
        (TableKind::Returns, &a.merge_returns),
    ] {
        if let Some(p) = path {
            tables.set(kind, Input::from_path(p)?);
        }
    }
    let paths: Vec<PathBuf> = a.payments.iter().chain(&a.more).cloned().collect();
    let sources = PaymentSource::expand(&paths)?;
    let result = payments(&tables, &sources, &PaymentOptions { year: a.year })?;
    if let Some(out) = &a.as_returns {
        let rows = match &result.merged_returns {
            Some(rows) => rows.clone(),
            None => result.as_returns(),
        };
        emit::write_text(Some(out), &ReturnRow::to_csv(&rows))?;
    }
    /// The result as flat tables (csv and table formats): the out-of-scope summary as a
    /// table of its own.
    #[derive(serde::Serialize)]
    struct Flat<'a> {
        returns: &'a [desier_core::payments::PaymentReturn],
        rules: &'a [desier_core::payments::result::RuleHits],
        unclassified: &'a [desier_core::payments::result::Evidence],
        out_of_scope: Vec<desier_core::payments::result::OutOfScopeRow>,
        #[serde(skip_serializing_if = "Option::is_none")]
        merged_returns: Option<&'a [ReturnRow]>,
        diagnostics: &'a [desier_core::Diagnostic],
        tables: &'a [desier_core::TableRead],
    }
    if a.out.format != crate::Format::Json {
        let flat = Flat {
            returns: &result.returns,
            rules: &result.rules,
            unclassified: &result.unclassified,
            out_of_scope: result.out_of_scope.rows(),
            merged_returns: result.merged_returns.as_deref(),
            diagnostics: &result.diagnostics,
            tables: &result.tables,
        };
        return emit::emit(
            &flat,
            &result.names,
            emit::Outcome {
                diagnostics: &result.diagnostics,
                tables: &result.tables,
            },
            &a.out,
        );
    }
    emit::emit(
        &result,
        &result.names,
        emit::Outcome {
            diagnostics: &result.diagnostics,
            tables: &result.tables,
        },
        &a.out,
    )
}

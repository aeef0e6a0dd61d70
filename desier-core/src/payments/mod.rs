//! Payments by channel (pagamenti per canale, "precaricamento"): pagoPA payment records
//! become usage counts per year, body and service, exactly as `PAYMENTS.md` defines it.
//!
//! - the value rules of the definition: amounts in exact cents ([`amount`]), taxonomy
//!   codes ([`taxonomy`]), outcomes ([`outcome`]), the year in Europe/Rome ([`dates`]);
//! - the rule cells of the channel rules and service map ([`matching`]) and the two tables
//!   with their built-in defaults ([`tables`]);
//! - the readers of the record files, streaming: the canonical CSV/XLSX, pagoPA receipts
//!   (XML) and business events (JSON) ([`read`]);
//! - the classification in the order of checks of the definition, into mergeable partial
//!   results ([`engine`], [`counts`]), and the result, the returns table and the merge
//!   with a survey's returns ([`result`]).
//!
//! ```
//! use desier_core::payments::{payments, PaymentOptions, PaymentSource};
//! use desier_core::{Input, Tables};
//! let tables = Tables::default().with(desier_core::TableKind::Entities, Input::from_text(
//!     "entities.csv", "entity_id,name,fiscal_code\n037006,Bologna,01232710374\n"));
//! let records = PaymentSource::from_bytes("pagamenti.csv",
//!     "iuv;creditor;paid_at;importo;category;origin\n\
//!      1;01232710374;2019-12-31T23:30:00Z;120,50;9/0107106SP/;IO\n");
//! let r = payments(&tables, &[records], &PaymentOptions::default()).unwrap();
//! // 23:30 UTC on 31 December is 2020 in Rome; origin IO is the national platform.
//! assert_eq!((r.returns[0].year, r.returns[0].service_id.as_str()), (2020, "nursery_fees"));
//! assert_eq!(r.returns[0].records.national_platform, 1);
//! assert_eq!(serde_json::to_value(&r.returns[0].amounts.total).unwrap(), "120.50");
//! ```

pub mod amount;
pub mod counts;
pub mod dates;
pub mod engine;
pub mod matching;
pub mod outcome;
pub mod read;
pub mod record;
pub mod result;
pub mod tables;
pub mod taxonomy;

pub use amount::{format_cents, parse_amount_cents};
pub use counts::{Class, ClassCounts, PaymentCounts};
pub use dates::RomeYear;
pub use engine::{Engine, Partial};
pub use matching::{cell_matches, first_match};
pub use outcome::{parse_outcome, Outcome};
pub use record::{RawPayment, Verdict};
pub use result::{merge_returns, PaymentReturn, PaymentsResult, ReturnRow};
pub use tables::{ChannelRules, RuleClass, ServiceMap};
pub use taxonomy::core_code;

use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::io::table::{Input, TableKind, TableRead};
use crate::io::Tables;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// Options of [`payments`].
#[derive(Clone, Debug, Default)]
pub struct PaymentOptions {
    /// Count only the records of this year (in Europe/Rome time); `None`: every year.
    pub year: Option<i32>,
}

/// One source of payment records: a file read in a bounded buffer, or bytes in memory.
/// Its form (CSV, XLSX, receipts XML, business events JSON) is told from its content.
#[derive(Clone, Debug)]
pub enum PaymentSource {
    /// A file on disk, streamed.
    File(PathBuf),
    /// Bytes, named `name` in diagnostics.
    Bytes {
        /// The name diagnostics give as `file`.
        name: String,
        /// The content.
        bytes: Vec<u8>,
    },
}

impl PaymentSource {
    /// A file on disk.
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        PaymentSource::File(path.as_ref().to_owned())
    }

    /// Bytes in memory.
    pub fn from_bytes(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        PaymentSource::Bytes {
            name: name.into(),
            bytes: bytes.into(),
        }
    }

    /// The files of `paths`: a file as it is, a folder as every file in it and in its
    /// subfolders, in name order (names starting with `.` skipped).
    pub fn expand(paths: &[PathBuf]) -> Result<Vec<PaymentSource>> {
        fn walk(dir: &Path, out: &mut Vec<PaymentSource>) -> Result<()> {
            let unreadable = |e: std::io::Error| Error::Unreadable {
                file: dir.display().to_string(),
                reason: e.to_string(),
            };
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(unreadable)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    !p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
                })
                .collect();
            entries.sort();
            for p in entries {
                if p.is_dir() {
                    walk(&p, out)?;
                } else {
                    out.push(PaymentSource::File(p));
                }
            }
            Ok(())
        }
        let mut out = Vec::new();
        for p in paths {
            if p.is_dir() {
                walk(p, &mut out)?;
            } else {
                out.push(PaymentSource::File(p.clone()));
            }
        }
        Ok(out)
    }

    /// The name diagnostics give as `file`.
    pub fn name(&self) -> String {
        match self {
            PaymentSource::File(p) => p.display().to_string(),
            PaymentSource::Bytes { name, .. } => name.clone(),
        }
    }
}

/// The service map and channel rules of `tables`, or the built-in ones.
pub(crate) fn load_classification(
    tables: &Tables,
    catalog: &crate::model::services::ServiceCatalog,
    diags: &mut Diagnostics,
    accounts: &mut Vec<TableRead>,
) -> Result<(ServiceMap, ChannelRules)> {
    let (map, read) = match tables.get(TableKind::ServiceMap) {
        Some(input) => {
            let (m, r) = tables::read_service_map(input, catalog, diags)?;
            (m, Some(r))
        }
        None => {
            let input = Input::from_static("service_map (built-in)", tables::DEFAULT_SERVICE_MAP);
            (tables::read_service_map(&input, catalog, diags)?.0, None)
        }
    };
    accounts.extend(read);
    let (rules, read) = match tables.get(TableKind::ChannelRules) {
        Some(input) => {
            let (m, r) = tables::read_channel_rules(input, diags)?;
            (m, Some(r))
        }
        None => {
            let input =
                Input::from_static("channel_rules (built-in)", tables::DEFAULT_CHANNEL_RULES);
            (tables::read_channel_rules(&input, diags)?.0, None)
        }
    };
    accounts.extend(read);
    Ok((map, rules))
}

/// Reads one source into the engine; appends its accounting.
fn read_source(
    engine: &mut Engine<'_>,
    source: &PaymentSource,
    diags: &mut Diagnostics,
    accounts: &mut Vec<TableRead>,
) -> Result<()> {
    let name = source.name();
    engine.begin_file(&name);
    let mut sink = |raw: &RawPayment, verdict: Verdict, diags: &mut Diagnostics| {
        engine.record(raw, verdict, diags);
    };
    let own = match source {
        PaymentSource::File(path) => {
            let f = std::fs::File::open(path).map_err(|e| Error::Unreadable {
                file: name.clone(),
                reason: e.to_string(),
            })?;
            read::read_any(
                &name,
                BufReader::with_capacity(1 << 16, f),
                diags,
                &mut sink,
            )?
        }
        PaymentSource::Bytes { bytes, .. } => read::read_any(&name, &bytes[..], diags, &mut sink)?,
    };
    accounts.push(settle(engine, &name, own));
    Ok(())
}

/// The accounting of a file: the reader's own (a table read whole, whose rows rejected
/// before being handed over are counted as rejected records too), or the engine's.
fn settle(engine: &mut Engine<'_>, name: &str, own: Option<TableRead>) -> TableRead {
    let [ok, flagged, rejected] = engine.accounting;
    match own {
        Some(read) => {
            let handed = ok + flagged + rejected;
            engine.partial.rejected += read.rows.saturating_sub(handed);
            read
        }
        None => TableRead::counted(TableKind::Payments, name, ok, flagged, rejected),
    }
}

/// Reads the registry (`entities`, with `fiscal_code`), the optional `services`,
/// `service_map`, `channel_rules` and `returns` of `tables`, and the payment records of
/// `tables.payments` and of `sources` (files of any form, in any mix), and computes the
/// counts by channel of PAYMENTS.md. When `tables.returns` is given, it is the survey
/// the counts are merged with (`merged_returns`, with the warnings of the merge).
pub fn payments(
    tables: &Tables,
    sources: &[PaymentSource],
    options: &PaymentOptions,
) -> Result<PaymentsResult> {
    // The registry, the service catalog and the survey's returns, read as every
    // computation reads them; then the classification tables and the records.
    let data = crate::Dataset::read_only(
        tables,
        &[TableKind::Entities, TableKind::Services, TableKind::Returns],
    )?;
    let mut diags = Diagnostics::new();
    for d in data.diagnostics() {
        diags.push(&d.file, d.line, d.severity, d.code, d.message);
    }
    let mut accounts = data.tables();
    let (registry, catalog) = (data.registry(), data.services());
    let (map, rules) = load_classification(tables, catalog, &mut diags, &mut accounts)?;
    let mut engine = Engine::new(registry, &map, &rules, options.year);
    if let Some(input) = tables.get(TableKind::Payments) {
        engine.begin_file(input.name());
        let read = read::read_input(input, &mut diags, &mut |raw, verdict, diags| {
            engine.record(raw, verdict, diags);
        })?;
        accounts.push(settle(&mut engine, input.name(), Some(read)));
    }
    for source in sources {
        read_source(&mut engine, source, &mut diags, &mut accounts)?;
    }
    let partial = std::mem::take(&mut engine.partial);
    drop(engine);
    let mut result = PaymentsResult::from_partial(partial, &rules);
    for r in &result.returns {
        let reg = registry.year(r.year);
        if let Some(e) = reg.get(&r.entity_id) {
            result.names.insert(e.id.clone(), e.name.clone());
        }
    }
    if let (Some(input), Some(survey)) = (tables.get(TableKind::Returns), data.returns()) {
        result.merged_returns = Some(merge_returns(
            &result.returns,
            survey,
            input.name(),
            registry,
            catalog,
            &mut diags,
        ));
    }
    result.diagnostics = diags.into_sorted();
    result.tables = accounts;
    Ok(result)
}

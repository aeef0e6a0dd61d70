//! The survey workbook (foglio di rilevazione dell'utilizzo): the Excel file the region
//! sends to the offices, one row per body and service the body may file, with the cells
//! to fill, the online share and the checks computed by formulas that agree with desier's
//! validation, last year's figures beside and the counts preloaded from pagoPA locked.
//! Read back, it is the returns table (the extra columns are
//! [`crate::schema::RETURNS_WORKBOOK`]).

mod formulas;
mod instructions;
mod sheet;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::io::returns::read_returns;
use crate::io::{Input, TableKind, TableRead, Tables};
use crate::model::registry::Entity;
use crate::model::returns::{Returns, UsageReturn};
use crate::model::services::Service;
use crate::validate::may_file;
use crate::Diagnostic;

/// What to write: the year surveyed, the services (all when empty) and whether to write
/// one workbook per body.
#[derive(Clone, Debug, Default)]
pub struct TemplateOptions {
    /// The year the offices report on (anno di rilevazione).
    pub year: i32,
    /// The service ids to survey (empty: every service of the catalog).
    pub services: Vec<String>,
    /// One workbook per body instead of one for all.
    pub split: bool,
}

/// One workbook written: its file name and its bytes.
#[derive(Clone, Debug)]
pub struct TemplateFile {
    /// The file name (`rilevazione_2024.xlsx`, or `rilevazione_2024_037006.xlsx` per body).
    pub name: String,
    /// The workbook (.xlsx).
    pub bytes: Vec<u8>,
}

/// The workbooks written, with the diagnostics of the tables read to write them.
#[derive(Clone, Debug)]
pub struct Template {
    /// One workbook, or one per body (with [`TemplateOptions::split`]).
    pub files: Vec<TemplateFile>,
    /// The diagnostics of the registry, services, previous returns and payment counts.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of every table read.
    pub tables: Vec<TableRead>,
}

/// One row of the survey: a body and a service it may file, with last year's accepted
/// return and this year's preloaded counts when there are.
pub(crate) struct SurveyRow<'a> {
    pub year: i32,
    pub entity: &'a Entity,
    pub service: &'a Service,
    pub previous: Option<&'a UsageReturn>,
    pub preloaded: Option<&'a UsageReturn>,
}

/// Writes the survey workbook(s) for `options.year` from the registry (`tables.entities`,
/// required), the facilities and the service catalog (optional), last year's returns
/// (`tables.returns`, optional: its rows of `year - 1` give the figures shown beside) and
/// this year's payment counts (`payments`, a returns-shaped table such as the payments
/// command writes, optional: its online counts are preloaded and locked).
///
/// ```
/// use desier_core::{workbook, Input, Tables};
/// let tables = Tables {
///     entities: Some(Input::from_text("entities.csv", "entity_id,name,kind\n037006,Bologna,municipality\n")),
///     ..Tables::default()
/// };
/// let options = workbook::TemplateOptions { year: 2024, services: vec!["suap".into()], split: false };
/// let t = workbook::template(&tables, None, &options).unwrap();
/// assert_eq!(t.files[0].name, "rilevazione_2024.xlsx");
/// assert!(t.files[0].bytes.starts_with(b"PK"));
/// ```
pub fn template(
    tables: &Tables,
    payments: Option<&Input>,
    options: &TemplateOptions,
) -> Result<Template> {
    // The registry, facilities, services and last year's returns read once, as for any
    // computation; the payment counts are a returns table of their own.
    let data = Dataset::read_only(
        tables,
        &[
            TableKind::Entities,
            TableKind::Facilities,
            TableKind::Services,
            TableKind::Returns,
        ],
    )?;
    let (registry, facilities, catalog) = (data.registry(), data.facilities(), data.services());
    let validation = data.validate();
    let mut diags = crate::Diagnostics::new();
    diags.extend_from_slice(&validation.diagnostics);
    let mut accounts = validation.tables;
    let empty = Returns::default();
    let previous = data.returns().unwrap_or(&empty);
    let preloaded = match payments {
        Some(input) => {
            let (r, read) = read_returns(input, registry, catalog, &mut diags)?;
            accounts.push(read);
            r
        }
        None => Returns::default(),
    };
    let mut services: Vec<(usize, &Service)> = Vec::new();
    for id in &options.services {
        let Some(pos) = catalog.position(id) else {
            return Err(Error::InvalidOption {
                option: "services".into(),
                value: id.clone(),
                expected: format!(
                    "a service of the catalog ({})",
                    catalog
                        .services()
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        };
        services.push((pos, &catalog.services()[pos]));
    }
    if services.is_empty() {
        services = catalog.services().iter().enumerate().collect();
    }
    let year = options.year;
    let mut rows = Vec::new();
    for entity in registry.year(year).entities() {
        for &(pos, service) in &services {
            let has_facility = service
                .requires_facility
                .as_ref()
                .is_none_or(|f| facilities.present(year, entity.id.as_str(), f.as_str()));
            if !may_file(service.competence, entity.kind) || !has_facility {
                continue;
            }
            rows.push(SurveyRow {
                year,
                entity,
                service,
                previous: previous.get(year - 1, &entity.id, pos),
                preloaded: preloaded.get(year, &entity.id, pos),
            });
        }
    }
    let mut files = Vec::new();
    if options.split {
        let mut start = 0;
        while start < rows.len() {
            let id = &rows[start].entity.id;
            let end = start
                + rows[start..]
                    .iter()
                    .take_while(|r| &r.entity.id == id)
                    .count();
            files.push(TemplateFile {
                name: format!("rilevazione_{year}_{}.xlsx", file_safe(id.as_str())),
                bytes: sheet::write(&rows[start..end], year)?,
            });
            start = end;
        }
    } else {
        files.push(TemplateFile {
            name: format!("rilevazione_{year}.xlsx"),
            bytes: sheet::write(&rows, year)?,
        });
    }
    Ok(Template {
        files,
        diagnostics: diags.into_sorted(),
        tables: accounts,
    })
}

/// A body id as part of a file name: letters, digits, `-` and `_` kept, anything else `_`.
fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// An error of the workbook writer (not expected: texts are cut to the length a cell
/// holds, sheet names are fixed), reported rather than panicking.
pub(crate) fn write_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Unreadable {
        file: "workbook".into(),
        reason: format!("the workbook could not be written: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_safe("037006"), "037006");
        assert_eq!(file_safe("../=x y"), "____x_y");
    }
}

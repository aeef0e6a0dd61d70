//! Reader of `services.csv`: the usage-service catalog, replacing or extending the built-in
//! one.

use super::cell::is_missing;
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::ids::{FacilityId, ServiceId};
use crate::model::services::{Competence, ExtraChannel, Service, ServiceCatalog};
use std::collections::HashSet;

const ID: usize = 0;
const NAME: usize = 1;
const COMPETENCE: usize = 2;
const CHANNEL: usize = 3;
const FACILITY: usize = 4;

/// The columns of the services table ([`crate::schema::SERVICES`]).
pub const COLUMNS: &[ColumnSpec] = crate::schema::SERVICES;

/// Reads a `services.csv` into the services it defines, in file order (see
/// [`ServiceCatalog::merge`] for how they combine with the built-in catalog).
pub fn read_services(input: &Input, diags: &mut Diagnostics) -> Result<(Vec<Service>, TableRead)> {
    let file = input.name().to_owned();
    let mut services = Vec::new();
    let mut seen = HashSet::new();
    let read = read_rows(input, TableKind::Services, COLUMNS, diags, |row, diags| {
        let line = row.line;
        let id = row.get(ID);
        if is_missing(id) {
            diags.error(
                &file,
                line,
                Code::MissingValue,
                "the service_id is empty: every service needs an identifier; the row is left out",
            );
            return;
        }
        let shown = show(id);
        let Some(competence) = Competence::parse(row.get(COMPETENCE)) else {
            diags.error(&file, line, Code::InvalidValue, format!("the competence `{}` of the service `{shown}` is not one of municipal, province, transport_operator, other: correct it; the row is left out", show(row.get(COMPETENCE))));
            return;
        };
        let channel = row.get(CHANNEL);
        let extra_platform_channel = if is_missing(channel) {
            None
        } else if let Some(c) = ExtraChannel::parse(channel) {
            Some(c)
        } else {
            diags.error(&file, line, Code::InvalidValue, format!("the extra_platform_channel `{}` of the service `{shown}` is not one of mail_pec, pec, home_banking (or empty): correct it; the row is left out", show(channel)));
            return;
        };
        if !seen.insert(id.to_owned()) {
            diags.error(
                &file,
                line,
                Code::DuplicateRow,
                format!("the service `{shown}` is listed twice: the first row is used and this one is left out; delete or correct one of them"),
            );
            return;
        }
        let facility = row.get(FACILITY);
        services.push(Service {
            id: ServiceId::new(id.to_owned()),
            name: row.get(NAME).to_owned(),
            competence,
            extra_platform_channel,
            requires_facility: (!is_missing(facility))
                .then(|| FacilityId::new(facility.to_owned())),
        });
    })?;
    Ok((services, read))
}

/// The service catalog of a computation: the built-in one, merged with `services.csv`
/// when given (whose accounting is appended to `accounts`).
pub(crate) fn load_services(
    tables: &super::Tables,
    diags: &mut Diagnostics,
    accounts: &mut Vec<TableRead>,
) -> Result<ServiceCatalog> {
    let mut catalog = ServiceCatalog::default();
    if let Some(input) = tables.get(TableKind::Services) {
        let (services, read) = read_services(input, diags)?;
        catalog.merge(services);
        accounts.push(read);
    }
    Ok(catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_replace_or_extend_the_builtin_catalog() {
        let input = Input::from_text(
            "services.csv",
            "service_id;competenza;canale_extra;struttura\n\
             suap;comunale;pec;\n\
             tari;municipal;home_banking;\n\
             x;region;pec;\n\
             y;municipal;fax;\n\
             tari;municipal;;\n",
        );
        let mut diags = Diagnostics::new();
        let tables = super::super::Tables::default().with(TableKind::Services, input);
        let mut accounts = Vec::new();
        let catalog = load_services(&tables, &mut diags, &mut accounts).unwrap();
        assert_eq!(
            (accounts[0].rows, accounts[0].accepted, accounts[0].rejected),
            (5, 2, 3)
        );
        assert_eq!(catalog.services().len(), 11);
        assert_eq!(catalog.position("tari"), Some(10));
        let codes: Vec<_> = diags.as_slice().iter().map(|d| (d.line, d.code)).collect();
        assert_eq!(
            codes,
            [
                (4, Code::InvalidValue),
                (5, Code::InvalidValue),
                (6, Code::DuplicateRow)
            ]
        );
    }
}

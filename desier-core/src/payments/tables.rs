//! The two tables of the classification (PAYMENTS.md): the service map (mappa dei servizi)
//! and the channel rules (regole dei canali), read from CSV/XLSX like every table, with
//! their built-in defaults (`desier-core/data/payments/`, documented row by row in the
//! README beside them). A table given by the user replaces the default whole.

use super::counts::Class;
use super::matching::cell_matches;
use super::taxonomy::core_code;
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::io::table::{read_rows, Input, TableKind, TableRead};
use crate::model::services::ServiceCatalog;

/// The built-in service map: `data/payments/service_map.csv`.
pub const DEFAULT_SERVICE_MAP: &str = include_str!("../../data/payments/service_map.csv");
/// The built-in channel rules: `data/payments/channel_rules.csv`.
pub const DEFAULT_CHANNEL_RULES: &str = include_str!("../../data/payments/channel_rules.csv");

/// The evidence fields of a payment record that the channel rules look at, in the order
/// of their columns (the first ten columns of [`crate::schema::CHANNEL_RULES`]).
pub const EVIDENCE: [&str; 10] = [
    "origin",
    "touchpoint",
    "psp_id",
    "psp_broker_id",
    "channel_id",
    "channel_description",
    "payment_method",
    "broker_pa_id",
    "station_id",
    "platform",
];

/// What a channel rule gives a record: a class, or `exclude` (not a citizen's payment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleClass {
    /// Counted in this class.
    Class(Class),
    /// Left out, counted in the summary (escluso).
    Exclude,
}

impl RuleClass {
    /// Parses a `class` cell (the English names of PAYMENTS.md, or their Italian names).
    pub fn parse(text: &str) -> Option<RuleClass> {
        let t = crate::schema::normalise_header(text);
        Some(RuleClass::Class(match t.as_str() {
            "regional_platform" | "piattaforma_regionale" => Class::RegionalPlatform,
            "autonomous_platform" | "piattaforma_autonoma" => Class::AutonomousPlatform,
            "national_platform" | "piattaforma_nazionale" => Class::NationalPlatform,
            "extra_platform" | "extra_piattaforma" => Class::ExtraPlatform,
            "offline" | "non_online" | "sportello" => Class::Offline,
            "exclude" | "escludi" | "escluso" => return Some(RuleClass::Exclude),
            _ => return None,
        }))
    }

    /// The canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleClass::Class(c) => c.as_str(),
            RuleClass::Exclude => "exclude",
        }
    }
}

/// One channel rule: a cell per evidence field and the class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelRule {
    /// The cells, in the order of [`EVIDENCE`].
    pub cells: [String; 10],
    /// What the rule gives.
    pub class: RuleClass,
    /// The 1-based row of the rule among the data rows of its table (a rejected row keeps
    /// its number, so the numbers are those of the file).
    pub rule: usize,
}

/// The channel rules, in file order (first row wins).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelRules {
    /// The accepted rules.
    pub rules: Vec<ChannelRule>,
}

impl ChannelRules {
    /// The 0-based position of the first rule whose cells all match the evidence.
    pub fn classify(&self, evidence: &[&str; 10]) -> Option<usize> {
        self.rules.iter().position(|r| {
            r.cells
                .iter()
                .zip(evidence)
                .all(|(cell, value)| cell_matches(cell, value))
        })
    }
}

/// One row of the service map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceRule {
    /// The category cell, each alternative reduced to its taxonomy core code.
    pub category: String,
    /// The creditor's own payment type cell (tipo dovuto).
    pub local_type: String,
    /// The creditor cell (fiscal code or entity_id).
    pub creditor: String,
    /// The usage service the records belong to.
    pub service_id: String,
}

/// The service map, in file order (first row wins).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceMap {
    /// The accepted rows.
    pub rows: Vec<ServiceRule>,
}

impl ServiceMap {
    /// The service of the first row whose non-empty cells all match: `category` is the
    /// record's core taxonomy code; the creditor cell matches the record's creditor
    /// (fiscal code) or the entity_id of its body.
    pub fn service(
        &self,
        category: &str,
        local_type: &str,
        creditor: &str,
        entity_id: &str,
    ) -> Option<&str> {
        self.rows
            .iter()
            .find(|r| {
                cell_matches(&r.category, category)
                    && cell_matches(&r.local_type, local_type)
                    && (cell_matches(&r.creditor, creditor) || cell_matches(&r.creditor, entity_id))
            })
            .map(|r| r.service_id.as_str())
    }
}

/// Reduces every alternative of a category cell to its core code (`9/0107106SP/|0102*`
/// -> `0107106SP|0102*`); `-` and prefixes are kept.
fn core_cell(cell: &str) -> String {
    cell.split('|')
        .map(|alt| {
            let alt = alt.trim();
            if alt == "-" || alt.is_empty() {
                alt.to_owned()
            } else if let Some(prefix) = alt.strip_suffix('*') {
                format!("{}*", core_code(prefix))
            } else {
                core_code(alt)
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Reads a service map. A row without a `service_id`, or whose service is not in the
/// catalog, is rejected (`missing_value`, `unknown_service`).
pub fn read_service_map(
    input: &Input,
    catalog: &ServiceCatalog,
    diags: &mut Diagnostics,
) -> Result<(ServiceMap, TableRead)> {
    let file = input.name().to_owned();
    let mut map = ServiceMap::default();
    let read = read_rows(
        input,
        TableKind::ServiceMap,
        crate::schema::SERVICE_MAP,
        diags,
        |row, diags| {
            let service = row.get(3);
            if service.is_empty() {
                diags.error(&file, row.line, Code::MissingValue, "manca il service_id (servizio): ogni riga della mappa dei servizi deve dire a quale servizio appartengono i pagamenti; la riga è scartata");
                return;
            }
            if catalog.position(service).is_none() {
                diags.error(&file, row.line, Code::UnknownService, format!("il servizio `{}` non è nel catalogo dei servizi: correggere il service_id o aggiungere il servizio al catalogo; la riga è scartata", show(service)));
                return;
            }
            map.rows.push(ServiceRule {
                category: core_cell(row.get(0)),
                local_type: row.get(1).to_owned(),
                creditor: row.get(2).to_owned(),
                service_id: service.to_owned(),
            });
        },
    )?;
    Ok((map, read))
}

/// Reads the channel rules. A row whose `class` is not one of `regional_platform`,
/// `autonomous_platform`, `national_platform`, `extra_platform`, `offline`, `exclude` is
/// rejected (`invalid_class`).
pub fn read_channel_rules(
    input: &Input,
    diags: &mut Diagnostics,
) -> Result<(ChannelRules, TableRead)> {
    let file = input.name().to_owned();
    let mut rules = ChannelRules::default();
    let mut row_number = 0;
    let read = read_rows(
        input,
        TableKind::ChannelRules,
        crate::schema::CHANNEL_RULES,
        diags,
        |row, diags| {
            row_number += 1;
            let Some(class) = RuleClass::parse(row.get(10)) else {
                diags.error(&file, row.line, Code::InvalidClass, format!("la classe `{}` non è una di regional_platform, autonomous_platform, national_platform, extra_platform, offline, exclude: correggerla; la regola è scartata", show(row.get(10))));
                return;
            };
            let cells = std::array::from_fn(|i| row.get(i).to_owned());
            rules.rules.push(ChannelRule {
                cells,
                class,
                rule: row_number,
            });
        },
    )?;
    Ok((rules, read))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_read_without_diagnostics() {
        let mut diags = Diagnostics::new();
        let catalog = ServiceCatalog::default();
        let (map, read) = read_service_map(
            &Input::from_static("service_map.csv", DEFAULT_SERVICE_MAP),
            &catalog,
            &mut diags,
        )
        .unwrap();
        assert_eq!(read.rows, 7);
        let (rules, _) = read_channel_rules(
            &Input::from_static("channel_rules.csv", DEFAULT_CHANNEL_RULES),
            &mut diags,
        )
        .unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(map.service("0107106SP", "", "x", "y"), Some("nursery_fees"));
        assert_eq!(
            map.service("0102106SA", "", "x", "y"),
            Some("municipal_fines")
        );
        assert_eq!(map.service("0101100IM", "", "x", "y"), None);
        assert_eq!(rules.rules.len(), 12);
    }

    #[test]
    fn category_cells_are_core_codes() {
        assert_eq!(core_cell("9/0107106SP/|0102*|-"), "0107106SP|0102*|-");
    }

    #[test]
    fn rejected_rows() {
        let mut diags = Diagnostics::new();
        let (rules, read) = read_channel_rules(
            &Input::from_text("r.csv", "origin,class\nIO,national_platform\nIO,online\n"),
            &mut diags,
        )
        .unwrap();
        assert_eq!((rules.rules.len(), read.rejected), (1, 1));
        let (rules, _) = read_channel_rules(
            &Input::from_text("r.csv", "origin,class\nIO,online\nIO,national_platform\n"),
            &mut Diagnostics::new(),
        )
        .unwrap();
        assert_eq!(rules.rules[0].rule, 2);
        assert_eq!(diags.as_slice()[0].code, Code::InvalidClass);
        assert_eq!(diags.as_slice()[0].line, 3);
        let (map, _) = read_service_map(
            &Input::from_text(
                "m.csv",
                "category;service_id\n0101100IM;tari\n;nursery_fees\n",
            ),
            &ServiceCatalog::default(),
            &mut diags,
        )
        .unwrap();
        assert_eq!(map.rows.len(), 1);
        assert_eq!(diags.as_slice()[1].code, Code::UnknownService);
    }
}

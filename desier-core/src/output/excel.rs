//! Results for Excel: a workbook with one sheet per table of a result (indices, aggregates,
//! services by channel, diagnostics, the row accounting), with number formats, the names
//! of bodies and services beside their ids, the Italian labels of the codes, the header
//! frozen and filters on; and the guard that keeps text of a CSV meant for Excel from
//! being taken as a formula.

use super::Table;
use crate::error::{Error, Result};
use crate::ids::EntityId;
use crate::model::services::ServiceCatalog;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A cell of a CSV file meant for Excel: a text that Excel would take as a formula
/// (beginning with `=`, `+`, `-` or `@`, or with a tab or carriage return) is prefixed with
/// `'`, which Excel shows as text (the usual defence against CSV injection); numbers
/// (`-0.25`) are left as they are.
///
/// ```
/// use desier_core::output::excel_safe;
/// assert_eq!(excel_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(excel_safe("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(excel_safe("-0.25"), "-0.25");
/// assert_eq!(excel_safe("Bologna"), "Bologna");
/// ```
pub fn excel_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite)
        && !cell
            .chars()
            .any(|c| c.is_alphabetic() && c != 'e' && c != 'E');
    if risky && !number {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The names shown beside ids: of bodies (from the registry read) and of services (from
/// the catalog; the built-in one by default).
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Body names by id.
    pub entities: BTreeMap<EntityId, String>,
    /// Service names by id.
    pub services: BTreeMap<String, String>,
}

impl Names {
    /// Body names, with the services of `catalog`.
    pub fn new(entities: BTreeMap<EntityId, String>, catalog: &ServiceCatalog) -> Self {
        Self {
            entities,
            services: catalog
                .services()
                .iter()
                .map(|s| (s.id.as_str().to_owned(), s.name.clone()))
                .collect(),
        }
    }
}

/// The Italian sheet name of a table of a result.
fn sheet_name(table: &str) -> String {
    let name = match table {
        "municipalities" => "Comuni",
        "aggregates" => "Aggregati",
        "services" => "Servizi",
        "diagnostics" => "Diagnostica",
        "tables" => "Righe lette",
        "returns" => "Conteggi",
        "comparisons" => "Confronti",
        "rules" => "Regole",
        "unclassified" => "Non classificati",
        other => other,
    };
    // Excel: at most 31 characters, none of []:*?/\.
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// The Italian label of a coded value, for the columns whose values are codes.
fn label(column: &str, value: &str) -> Option<&'static str> {
    Some(match (column, value) {
        ("severity", "error") => "errore (riga esclusa)",
        ("severity", "warning") => "avviso (riga tenuta)",
        ("group", "region") => "regione",
        ("group", "size_class") => "classe demografica",
        ("group", "province") => "provincia",
        ("group", "territory") => "territorio",
        ("group", "union") => "unione di comuni",
        ("key", "mountain") => "montano",
        ("key", "plain") => "pianura",
        ("table", "entities") => "anagrafica degli enti",
        ("table", "facilities") => "servizi fisici",
        ("table", "procedures") => "catalogo dei procedimenti",
        ("table", "offer") => "rilevazione dell'offerta",
        ("table", "services") => "catalogo dei servizi",
        ("table", "returns") => "rilevazione dell'utilizzo",
        _ => return None,
    })
}

/// The Italian header of a column (the canonical name when there is none).
fn header(column: &str) -> String {
    let (prefix, last) = match column.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, column),
    };
    let it = match last {
        "entity_id" => "codice ente",
        "service_id" => "id servizio",
        "year" => "anno",
        "from" => "da anno",
        "to" => "ad anno",
        "index" => "indice",
        "share" => "quota online",
        "online" => "online",
        "total" => "totale",
        "regional_platform" => "piattaforma regionale",
        "autonomous_platform" => "piattaforma autonoma",
        "national_platform" => "piattaforma nazionale",
        "extra_platform" => "extra piattaforma",
        "municipalities" => "comuni",
        "group" => "raggruppamento",
        "key" => "chiave",
        "file" => "file",
        "line" => "riga",
        "severity" => "gravità",
        "code" => "codice",
        "message" => "messaggio",
        "table" => "tabella",
        "rows" => "righe lette",
        "accepted" => "accettate",
        "accepted_with_warnings" => "accettate con avvisi",
        "rejected" => "escluse",
        "bodies_offering" => "enti che offrono il servizio",
        "bodies_potential" => "enti potenziali",
        "bodies_with_data" => "enti con dato utile",
        "availability_rate" => "tasso di disponibilità",
        "useful_services" => "servizi con dato utile",
        "potential_services" => "servizi potenziali",
        "comparable_cases" => "casi confrontabili",
        other => other,
    };
    match prefix {
        Some("channels") => format!("quota {it}"),
        Some("by_area") => format!("area {it}"),
        Some(p) => format!("{} {it}", header(p)),
        None => it.to_owned(),
    }
}

/// How a column's numbers are shown.
#[derive(Clone, Copy, PartialEq)]
enum Number {
    /// Identifiers and codes: always text.
    Text,
    /// Fractions shown as percentages (`share`, `rate`).
    Percent,
    /// Whole numbers with thousands separators.
    Count,
    /// Other numbers, two decimals.
    Decimal,
}

fn number_kind(column: &str, cells: &[&str]) -> Number {
    let last = column.rsplit('.').next().unwrap_or(column);
    if last.ends_with("_id")
        || matches!(
            last,
            "key" | "code" | "file" | "message" | "severity" | "group" | "table"
        )
    {
        return Number::Text;
    }
    let numbers: Vec<f64> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .filter_map(|c| c.parse::<f64>().ok())
        .collect();
    if numbers.len() < cells.iter().filter(|c| !c.is_empty()).count() {
        return Number::Text;
    }
    if last.contains("share") || last.contains("rate") || column.starts_with("channels.") {
        return Number::Percent;
    }
    if matches!(last, "year" | "from" | "to" | "line") {
        return Number::Count;
    }
    if numbers.iter().all(|v| v.fract() == 0.0) {
        Number::Count
    } else {
        Number::Decimal
    }
}

/// One column as written: from a column of the table, or the name or label beside one.
enum Column {
    Data(usize),
    EntityName(usize),
    ServiceName(usize),
    Label(usize),
}

/// The workbook of the tables of a result: one sheet per table, with Italian headers,
/// numbers as numbers (percentages, counts with thousands separators, two decimals), the
/// names of bodies and services beside their ids, Italian labels beside coded values,
/// the header frozen and filters on. Text from the input is always written as text.
pub fn to_xlsx(tables: &[Table], names: &Names) -> Result<Vec<u8>> {
    write_xlsx(tables, names).map_err(|e| Error::Unreadable {
        file: "workbook".into(),
        reason: format!("the workbook could not be written: {e}"),
    })
}

/// [`to_xlsx`] of a result given as its JSON text (FORMATS.md), as the Python and
/// JavaScript bindings hold it: the same tables as the command's `--format xlsx`.
pub fn json_to_xlsx(json: &str, names: &Names) -> Result<Vec<u8>> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Error::InvalidOption {
            option: "result".into(),
            value: e.to_string(),
            expected: "the JSON of a desier result".into(),
        })?;
    to_xlsx(&super::tables(&value), names)
}

fn write_xlsx(tables: &[Table], names: &Names) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(0xDDEBF7);
    let percent = Format::new().set_num_format("0.0%");
    let count = Format::new().set_num_format("#,##0");
    let year = Format::new().set_num_format("0");
    let decimal = Format::new().set_num_format("#,##0.00");
    let mut used = Vec::new();
    for t in tables {
        let ws = wb.add_worksheet();
        let mut name = sheet_name(&t.name);
        while used.contains(&name) {
            name.push('_');
        }
        ws.set_name(&name)?;
        used.push(name);
        let mut columns = Vec::new();
        for (i, h) in t.headers.iter().enumerate() {
            columns.push(Column::Data(i));
            let last = h.rsplit('.').next().unwrap_or(h);
            // Rows that carry their name already (the municipalities) get no second one.
            let named = t.headers.iter().any(|h| h == "name");
            if (last == "entity_id" && !named) || (last == "key" && t.name == "aggregates") {
                columns.push(Column::EntityName(i));
            } else if last == "service_id" {
                columns.push(Column::ServiceName(i));
            } else if t.rows.iter().any(|r| label(last, &r[i]).is_some()) {
                columns.push(Column::Label(i));
            }
        }
        let kinds: Vec<Number> = (0..t.headers.len())
            .map(|i| {
                let cells: Vec<&str> = t.rows.iter().map(|r| r[i].as_str()).collect();
                number_kind(&t.headers[i], &cells)
            })
            .collect();
        let mut widths = vec![8usize; columns.len()];
        for (c, col) in columns.iter().enumerate() {
            let h = match *col {
                Column::Data(i) => header(&t.headers[i]),
                Column::EntityName(_) => "ente".to_owned(),
                Column::ServiceName(_) => "servizio".to_owned(),
                Column::Label(i) => format!("{} (descrizione)", header(&t.headers[i])),
            };
            widths[c] = widths[c].max(h.chars().count().min(24));
            ws.write_string_with_format(0, c as u16, &h, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let at = r as u32 + 1;
            for (c, col) in columns.iter().enumerate() {
                let text: String = match *col {
                    Column::Data(i) => {
                        let cell = &row[i];
                        let fmt = match kinds[i] {
                            Number::Percent => Some(&percent),
                            Number::Count
                                if matches!(
                                    t.headers[i].as_str(),
                                    "year" | "from" | "to" | "line"
                                ) =>
                            {
                                Some(&year)
                            }
                            Number::Count => Some(&count),
                            Number::Decimal => Some(&decimal),
                            Number::Text => None,
                        };
                        match (fmt, cell.parse::<f64>()) {
                            (Some(fmt), Ok(v)) if !cell.is_empty() => {
                                ws.write_number_with_format(at, c as u16, v, fmt)?;
                                widths[c] = widths[c].max(cell.len().min(12));
                                continue;
                            }
                            _ => cell.clone(),
                        }
                    }
                    Column::EntityName(i) => names
                        .entities
                        .get(row[i].as_str())
                        .cloned()
                        .unwrap_or_default(),
                    Column::ServiceName(i) => {
                        names.services.get(&row[i]).cloned().unwrap_or_default()
                    }
                    Column::Label(i) => {
                        label(t.headers[i].rsplit('.').next().unwrap_or(""), &row[i])
                            .unwrap_or_default()
                            .to_owned()
                    }
                };
                if !text.is_empty() {
                    widths[c] = widths[c].max(text.chars().count().min(60));
                    // Always a text cell: a value beginning with `=` stays text.
                    ws.write_string(at, c as u16, cut(&text))?;
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w + 2) as f64)?;
        }
        ws.set_freeze_panes(1, 0)?;
        if !columns.is_empty() {
            ws.autofilter(0, 0, t.rows.len() as u32, columns.len() as u16 - 1)?;
        }
    }
    if tables.is_empty() {
        wb.add_worksheet();
    }
    wb.save_to_buffer()
}

/// A text cut to what a cell holds (32,767 characters).
fn cut(s: &str) -> &str {
    match s.char_indices().nth(32_767) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_labels_are_italian() {
        assert_eq!(
            header("channels.regional_platform"),
            "quota piattaforma regionale"
        );
        assert_eq!(header("accepted_with_warnings"), "accettate con avvisi");
        assert_eq!(label("severity", "error"), Some("errore (riga esclusa)"));
        assert_eq!(label("severity", "other"), None);
        assert_eq!(sheet_name("municipalities"), "Comuni");
        assert_eq!(sheet_name("a[b]:c*d?e/f\\g"), "abcdefg");
    }

    #[test]
    fn number_formats_follow_the_column() {
        assert!(number_kind("share", &["0.25", ""]) == Number::Percent);
        assert!(number_kind("entity_id", &["037006"]) == Number::Text);
        assert!(number_kind("total", &["1200", "3"]) == Number::Count);
        assert!(number_kind("index", &["23.75"]) == Number::Decimal);
        assert!(number_kind("message", &["12"]) == Number::Text);
        assert!(number_kind("total", &["12", "n/a"]) == Number::Text);
    }

    #[test]
    fn risky_csv_cells_are_quoted() {
        for s in ["=1+1", "+39 051", "-x", "@a", "\tx", "\r=", "-inf", "+NaN"] {
            assert_eq!(excel_safe(s), format!("'{s}"));
        }
        for s in ["1e3", "-3", "+4.5", "-2.5E-3", "", "a=b"] {
            assert_eq!(excel_safe(s), s);
        }
    }
}

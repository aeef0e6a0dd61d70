//! Writers of results: JSON exactly as FORMATS.md, CSV (one table per file) and a readable
//! terminal table. CSV and terminal tables are derived from the JSON shape, so the three
//! always agree: nested objects become dotted columns (`by_area.tributi`,
//! `channels.regional_platform`) and `null` becomes an empty cell.

use serde::Serialize;
use serde_json::{Map, Value};

/// The JSON text of a result (pretty-printed; undefined values are `null`).
pub fn to_json<T: Serialize>(result: &T) -> String {
    serde_json::to_string_pretty(result).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// One flat table of a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The table's name: the JSON key it comes from (`municipalities`, `aggregates`, ...).
    pub name: String,
    /// Column names.
    pub headers: Vec<String>,
    /// Cells, as text (numbers in full precision, `null` as empty).
    pub rows: Vec<Vec<String>>,
}

/// The tables of a result: every top-level list becomes one table. Top-level scalar
/// fields (e.g. `from` and `to` of a comparison) become leading columns of every table
/// but `diagnostics` and `tables` (the accounting of the input).
pub fn tables<T: Serialize>(result: &T) -> Vec<Table> {
    let Ok(Value::Object(top)) = serde_json::to_value(result) else {
        return Vec::new();
    };
    let scalars: Vec<(String, Value)> = top
        .iter()
        .filter(|(_, v)| !v.is_array() && !v.is_object())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut out = Vec::new();
    for (name, value) in &top {
        let Value::Array(items) = value else { continue };
        let mut headers: Vec<String> = Vec::new();
        let mut flat_rows: Vec<Map<String, Value>> = Vec::new();
        for item in items {
            let mut flat = Map::new();
            if name != "diagnostics" && name != "tables" {
                for (k, v) in &scalars {
                    flat.insert(k.clone(), v.clone());
                }
            }
            flatten("", item, &mut flat);
            for k in flat.keys() {
                if !headers.contains(k) {
                    headers.push(k.clone());
                }
            }
            flat_rows.push(flat);
        }
        if headers.is_empty() && name == "diagnostics" {
            headers = ["file", "line", "severity", "code", "message"]
                .map(String::from)
                .to_vec();
        }
        let rows = flat_rows
            .iter()
            .map(|r| headers.iter().map(|h| cell_text(r.get(h))).collect())
            .collect();
        out.push(Table {
            name: name.clone(),
            headers,
            rows,
        });
    }
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut Map<String, Value>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => {
            out.insert(prefix.to_owned(), other.clone());
        }
    }
}

fn cell_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A table as CSV text (comma-separated, header line first).
pub fn to_csv(table: &Table) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&table.headers);
    for r in &table.rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A table as aligned text for a terminal: numbers right-aligned and rounded to
/// `decimals`, empty values shown as `-`.
pub fn render(table: &Table, decimals: usize) -> String {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| display_cell(c, decimals)).collect())
        .collect();
    // Identifiers (`entity_id`, `key`) stay left-aligned even when they are digits.
    let numeric: Vec<bool> = (0..table.headers.len())
        .map(|i| {
            let h = &table.headers[i];
            !h.ends_with("_id")
                && h != "key"
                && cells
                    .iter()
                    .all(|r| r[i] == "-" || r[i].parse::<f64>().is_ok())
        })
        .collect();
    let widths: Vec<usize> = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |out: &mut String, row: &[String]| {
        let parts: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths[i].saturating_sub(c.chars().count());
                if numeric[i] {
                    format!("{}{c}", " ".repeat(pad))
                } else {
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(&mut out, &table.headers);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut out, &rule);
    for r in &cells {
        line(&mut out, r);
    }
    out
}

fn display_cell(c: &str, decimals: usize) -> String {
    if c.is_empty() {
        return "-".into();
    }
    if c.contains('.') || c.contains('e') {
        if let Ok(v) = c.parse::<f64>() {
            return format!("{v:.decimals$}");
        }
    }
    c.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_objects_flatten_to_dotted_columns() {
        let v = json!({
            "from": 2018, "to": 2019,
            "services": [{"service_id": "suap", "from": {"share": 0.5, "channels": {"pec": null}}}],
            "diagnostics": []
        });
        let t = tables(&v);
        let services = t.iter().find(|t| t.name == "services").unwrap();
        assert_eq!(
            services.headers,
            [
                "from",
                "to",
                "service_id",
                "from.share",
                "from.channels.pec"
            ]
        );
        assert_eq!(services.rows[0], ["2018", "2019", "suap", "0.5", ""]);
        let diags = t.iter().find(|t| t.name == "diagnostics").unwrap();
        assert_eq!(diags.headers[0], "file");
        assert!(to_csv(services).starts_with("from,to,service_id"));
    }

    #[test]
    fn render_aligns_and_rounds() {
        let t = Table {
            name: "x".into(),
            headers: vec!["key".into(), "index".into()],
            rows: vec![
                vec!["a".into(), "41.666666".into()],
                vec!["bb".into(), "".into()],
            ],
        };
        assert_eq!(
            render(&t, 2),
            "key  index\n---  -----\na    41.67\nbb       -\n"
        );
    }
}

//! Writers of results: JSON exactly as FORMATS.md, CSV (one table per file) and a readable
//! terminal table. CSV and terminal tables are derived from the JSON shape, so the three
//! always agree: nested objects become dotted columns (`by_area.tributi`,
//! `channels.regional_platform`) and `null` becomes an empty cell.

use serde::Serialize;
mod excel;
mod flat;

pub use excel::{excel_safe, json_to_xlsx, to_xlsx, Names};

use flat::Field;

/// The JSON text of a result (pretty-printed; undefined values are `null`).
///
/// # Errors
/// [`Error::Serialization`](crate::Error::Serialization) if the result cannot be written as
/// JSON (a bug, never the input's fault): nothing is returned rather than a wrong text.
pub fn to_json<T: Serialize>(result: &T) -> crate::Result<String> {
    serde_json::to_string_pretty(result).map_err(|e| crate::Error::Serialization {
        format: "JSON".into(),
        reason: e.to_string(),
    })
}

/// The columns of the diagnostics table when there is no diagnostic to take them from.
const DIAGNOSTIC_COLUMNS: [&str; 5] = ["file", "line", "severity", "code", "message"];

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
    let Some(fields) = flat::fields(result) else {
        return Vec::new();
    };
    let scalars: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(k, f)| match f {
            Field::Scalar(text) => Some((k.clone(), text.clone())),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for (name, field) in fields {
        let Field::List(cells, names) = field else {
            continue;
        };
        // Each row: the scalars first, then the item's cells in the order met (a later
        // value for the same column replaces an earlier one); a column's place is where
        // it first appears.
        let with_scalars = name != "diagnostics" && name != "tables" && !cells.is_empty();
        let mut headers: Vec<String> = Vec::new();
        if with_scalars {
            headers.extend(scalars.iter().map(|(k, _)| k.clone()));
        }
        let place: Vec<usize> = names
            .into_iter()
            .map(|n| match headers.iter().position(|h| *h == n) {
                Some(i) => i,
                None => {
                    headers.push(n);
                    headers.len() - 1
                }
            })
            .collect();
        if headers.is_empty() && name == "diagnostics" {
            headers = DIAGNOSTIC_COLUMNS.map(String::from).to_vec();
        }
        let rows = cells
            .into_iter()
            .map(|row| {
                let mut r = vec![String::new(); headers.len()];
                if with_scalars {
                    for (i, (_, text)) in scalars.iter().enumerate() {
                        r[i] = text.clone();
                    }
                }
                for (c, text) in row {
                    r[place[c]] = text;
                }
                r
            })
            .collect();
        out.push(Table {
            name,
            headers,
            rows,
        });
    }
    out
}

/// The tables of a [`CompareSeries`](crate::CompareSeries): one `services` table with the
/// `from` and `to` years on every row, then `diagnostics` and `tables` (the accounting).
pub fn series_tables(series: &crate::CompareSeries) -> Vec<Table> {
    let mut services: Option<Table> = None;
    for pair in &series.comparisons {
        for t in tables(pair).into_iter().filter(|t| t.name == "services") {
            match services.as_mut() {
                Some(s) => s.rows.extend(t.rows),
                None => services = Some(t),
            }
        }
    }
    let input = crate::CompareSeries {
        comparisons: Vec::new(),
        diagnostics: series.diagnostics.clone(),
        tables: series.tables.clone(),
    };
    services
        .into_iter()
        .chain(
            tables(&input)
                .into_iter()
                .filter(|t| t.name == "diagnostics" || t.name == "tables"),
        )
        .collect()
}

/// A table as CSV text (comma-separated, header line first). A text cell that Excel
/// would take as a formula is written as text ([`excel_safe`]).
pub fn to_csv(table: &Table) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(table.headers.iter().map(|c| Safe(excel_safe(c))));
    for r in &table.rows {
        let _ = w.write_record(r.iter().map(|c| Safe(excel_safe(c))));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A CSV cell, borrowed unless it had to be quoted.
struct Safe<'a>(std::borrow::Cow<'a, str>);

impl AsRef<[u8]> for Safe<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
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

/// The first implementation of [`tables`], kept as the reference of the tests.
#[cfg(test)]
mod reference {
    use super::flat::{scalar_text as cell_text, Columns};
    use super::Table;
    use serde::Serialize;
    use serde_json::Value;

    /// The tables as they were first built, through `serde_json::to_value`: the reference
    /// the flattening serializer must equal.
    pub(super) fn tables<T: Serialize>(result: &T) -> Vec<Table> {
        let Ok(Value::Object(top)) = serde_json::to_value(result) else {
            return Vec::new();
        };
        let scalars: Vec<(&String, &Value)> = top
            .iter()
            .filter(|(_, v)| !v.is_array() && !v.is_object())
            .collect();
        let mut out = Vec::new();
        for (name, value) in &top {
            let Value::Array(items) = value else { continue };
            let mut columns = Columns::default();
            // Each row as (column, text) in the order met: a later value for the same
            // column replaces an earlier one, and a column's place is where it first appears.
            let mut cells: Vec<Vec<(usize, String)>> = Vec::with_capacity(items.len());
            let mut key = String::new();
            for item in items {
                let mut row = Vec::new();
                if name != "diagnostics" && name != "tables" {
                    for (k, v) in &scalars {
                        row.push((columns.index(row.len(), k), cell_text(v)));
                    }
                }
                flatten(&mut key, item, &mut columns, &mut row);
                cells.push(row);
            }
            let mut headers = columns.names;
            if headers.is_empty() && name == "diagnostics" {
                headers = super::DIAGNOSTIC_COLUMNS.map(String::from).to_vec();
            }
            let rows = cells
                .into_iter()
                .map(|row| {
                    let mut r = vec![String::new(); headers.len()];
                    for (c, text) in row {
                        r[c] = text;
                    }
                    r
                })
                .collect();
            out.push(Table {
                name: name.clone(),
                headers,
                rows,
            });
        }
        out
    }

    /// Appends the leaves of `value` to `row`, named by their dotted path (`key` holds the
    /// path so far and is restored on return).
    fn flatten(
        key: &mut String,
        value: &Value,
        columns: &mut Columns,
        row: &mut Vec<(usize, String)>,
    ) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let len = key.len();
                    if len > 0 {
                        key.push('.');
                    }
                    key.push_str(k);
                    flatten(key, v, columns, row);
                    key.truncate(len);
                }
            }
            other => row.push((columns.index(row.len(), key), cell_text(other))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_flattening_serializer_gives_the_reference_tables() {
        use crate::{compare, interactivity, sample, usage, validate, CompareOptions, Tables};
        // The sample, and the messy fixture (rows rejected and flagged in every table).
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/");
        let messy = Tables::from_dir(format!("{fixtures}messy")).unwrap();
        for t in [sample::tables(), messy] {
            let i = interactivity(&t, &Default::default()).unwrap();
            assert_eq!(tables(&i), reference::tables(&i));
            let u = usage(&t, &Default::default()).unwrap();
            assert_eq!(tables(&u), reference::tables(&u));
            let v = validate(&t).unwrap();
            assert_eq!(tables(&v), reference::tables(&v));
        }
        let c = compare(&sample::tables(), &CompareOptions::new(2018, 2019)).unwrap();
        assert_eq!(tables(&c), reference::tables(&c));
        // Every shape a result could take.
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, String),
            Struct { x: f64 },
        }
        #[derive(Serialize)]
        struct Item {
            year: i32,
            a: f64,
            b: Option<Vec<u32>>,
            c: std::collections::BTreeMap<String, Option<f64>>,
            e: E,
            t: (i8, bool),
            u: (),
            k: std::collections::BTreeMap<u32, char>,
        }
        #[derive(Serialize)]
        struct Odd {
            year: i32,
            label: Option<String>,
            first: Vec<u8>,
            items: Vec<Item>,
            empty: Vec<Item>,
            diagnostics: Vec<Item>,
            nested: Item,
            kind: E,
            last: f32,
        }
        let item = |e, a| Item {
            year: 1,
            a,
            b: Some(vec![1, 2]),
            c: [("x".to_string(), Some(0.1)), ("y".to_string(), None)].into(),
            e,
            t: (-1, true),
            u: (),
            k: [(7, 'z')].into(),
        };
        let odd = Odd {
            year: 2020,
            label: None,
            first: vec![3, 4],
            items: vec![
                item(E::Unit, f64::NAN),
                item(E::New(3), 1e300),
                item(E::Tuple(1, "a".into()), -0.5),
                item(E::Struct { x: 2.5 }, 0.1 + 0.2),
            ],
            empty: vec![],
            diagnostics: vec![item(E::Unit, 1.0)],
            nested: item(E::Unit, 2.0),
            kind: E::Unit,
            last: 0.1,
        };
        assert_eq!(tables(&odd), reference::tables(&odd));
        assert_eq!(tables(&vec![1, 2]), reference::tables(&vec![1, 2]));
        assert_eq!(
            tables(&json!({"from": 1, "rows": [{"a": [1, {"b": 2}]}, 3, null]})),
            reference::tables(&json!({"from": 1, "rows": [{"a": [1, {"b": 2}]}, 3, null]}))
        );
    }

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

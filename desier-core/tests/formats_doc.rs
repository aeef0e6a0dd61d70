//! `docs/FORMATS.md` documents every input table of the schema (`desier_core::schema`):
//! under `## Input tables`, a `### `<table>`` section per table kind, whose table has one
//! row per column: `| `name` | `alias`, `alias` | yes/no | ... |`. This test fails when
//! the document and the schema differ: a table or a column added to the schema without
//! its row, an alias or a required flag changed on one side only, or a documented column
//! that the table does not have. A second test checks the results: every key of the JSON
//! results, as the code serialises them, is named in the result's section of `## Results`.

use desier_core::{CompareOptions, Dataset, Diagnostics, GroupsOptions, TableKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A column as documented: its aliases and whether it is required.
#[derive(Debug, PartialEq)]
struct Documented {
    aliases: BTreeSet<String>,
    required: bool,
}

/// The names quoted in backticks in a cell (`a`, `b` -> a, b).
fn quoted(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The `### `<table>`` sections of `## Input tables`, each with its column rows.
fn documented_tables(doc: &str) -> BTreeMap<String, BTreeMap<String, Documented>> {
    let start = doc
        .find("\n## Input tables")
        .expect("docs/FORMATS.md has a `## Input tables` section");
    let section = &doc[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let mut tables: BTreeMap<String, BTreeMap<String, Documented>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in section[..end].lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            let name = quoted(heading).into_iter().next().unwrap_or_default();
            assert!(
                tables.insert(name.clone(), BTreeMap::new()).is_none(),
                "docs/FORMATS.md documents the table `{name}` twice"
            );
            current = Some(name);
            continue;
        }
        let Some(table) = current.as_ref().filter(|_| line.starts_with("| `")) else {
            continue;
        };
        // `| `name` | aliases | yes/no | content |`: the first three cells (a `\|` can
        // only be in the content).
        let cells: Vec<&str> = line[1..].split('|').map(str::trim).collect();
        assert!(cells.len() >= 3, "a short row in docs/FORMATS.md: {line}");
        let name = quoted(cells[0]).into_iter().next().unwrap_or_default();
        let required = match cells[2] {
            "yes" => true,
            "no" => false,
            other => {
                panic!("docs/FORMATS.md, `{table}`.`{name}`: required is `{other}`, not yes or no")
            }
        };
        let column = Documented {
            aliases: quoted(cells[1]).into_iter().collect(),
            required,
        };
        let columns = tables.get_mut(table).unwrap();
        assert!(
            columns.insert(name.clone(), column).is_none(),
            "docs/FORMATS.md documents `{table}`.`{name}` twice"
        );
    }
    tables
}

fn formats_doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/FORMATS.md");
    std::fs::read_to_string(path).expect("docs/FORMATS.md")
}

#[test]
fn every_table_and_column_of_the_schema_is_documented() {
    let doc = formats_doc();
    let tables = documented_tables(&doc);
    let kinds: BTreeSet<&str> = TableKind::ALL.iter().map(|t| t.name()).collect();
    for name in tables.keys() {
        assert!(
            kinds.contains(name.as_str()),
            "docs/FORMATS.md documents a table `{name}` that the schema does not have ({kinds:?})"
        );
    }
    for kind in TableKind::ALL {
        let Some(documented) = tables.get(kind.name()) else {
            panic!(
                "docs/FORMATS.md has no section `### `{}`` under `## Input tables`: document the table and its columns",
                kind.name()
            );
        };
        let schema: BTreeSet<&str> = kind.columns().iter().map(|c| c.name).collect();
        for name in documented.keys() {
            assert!(
                schema.contains(name.as_str()),
                "docs/FORMATS.md documents `{}`.`{name}`, which the schema does not have ({schema:?})",
                kind.name()
            );
        }
        for c in kind.columns() {
            let Some(d) = documented.get(c.name) else {
                panic!(
                    "docs/FORMATS.md, table `{}`: the column `{}` of the schema has no row; add `| `{}` | {} | {} | ... |`",
                    kind.name(),
                    c.name,
                    c.name,
                    c.aliases.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", "),
                    if c.required { "yes" } else { "no" }
                );
            };
            let aliases: BTreeSet<String> = c.aliases.iter().map(|a| a.to_string()).collect();
            assert_eq!(
                d.aliases,
                aliases,
                "docs/FORMATS.md, `{}`.`{}`: the aliases differ from the schema's",
                kind.name(),
                c.name
            );
            assert_eq!(
                d.required,
                c.required,
                "docs/FORMATS.md, `{}`.`{}`: the required flag differs from the schema's",
                kind.name(),
                c.name
            );
        }
    }
}

#[test]
fn the_parser_reads_a_row_and_catches_a_missing_column() {
    // The parser itself, on a made-up document: a row is read with its aliases and flag,
    // and a table left without a column is seen as such.
    let doc = "# x\n\n## Input tables\n\n### `offer`\n\n| column | also accepted | required | content |\n|---|---|---|---|\n| `year` | `anno` | yes | The year. |\n| `platform` |  | no | `a\\|b` |\n\n## Results\n\n### `offer`\n";
    let tables = documented_tables(doc);
    let offer = &tables["offer"];
    assert_eq!(offer.len(), 2);
    assert_eq!(
        offer["year"],
        Documented {
            aliases: BTreeSet::from(["anno".to_owned()]),
            required: true
        }
    );
    assert!(offer["platform"].aliases.is_empty() && !offer["platform"].required);
    assert!(!offer.contains_key("entity_id"));
}

/// The text of the `### <heading>` section of `## Results` (up to the next heading).
fn result_section<'d>(doc: &'d str, heading: &str) -> &'d str {
    let results = &doc[doc.find("\n## Results").expect("a `## Results` section")..];
    let start = results
        .find(&format!("\n### {heading}\n"))
        .unwrap_or_else(|| panic!("docs/FORMATS.md has no `### {heading}` under `## Results`"));
    let section = &results[start + 1..];
    let end = section[4..].find("\n#").map_or(section.len(), |i| i + 4);
    &section[..end]
}

/// Every object key of a JSON value, the keys of `by_area` (area ids, data) excepted.
fn keys(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                if k != "by_area" {
                    keys(v, out);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

/// Checks that each key of `result` is quoted (`"key"`) in its section or in the common
/// section of `diagnostics` and `tables`.
fn check_result(doc: &str, heading: &str, result: &impl Serialize) {
    let value = serde_json::to_value(result).unwrap();
    let mut found = BTreeSet::new();
    keys(&value, &mut found);
    let text = format!(
        "{}{}",
        result_section(doc, heading),
        result_section(doc, "`diagnostics` and `tables`")
    );
    for k in found {
        assert!(
            text.contains(&format!("\"{k}\"")),
            "docs/FORMATS.md, `### {heading}`: the result has the key `{k}`, which the section does not show"
        );
    }
}

#[test]
fn every_key_of_the_results_is_documented() {
    let doc = formats_doc();
    let data = Dataset::read(&desier_core::sample::tables()).unwrap();
    let interactivity = data.interactivity(&Default::default()).unwrap();
    assert!(!interactivity.municipalities.is_empty() && !interactivity.aggregates.is_empty());
    check_result(&doc, "`interactivity`", &interactivity);
    let usage = data.usage(&Default::default()).unwrap();
    assert!(!usage.services.is_empty() && !usage.municipalities.is_empty());
    check_result(&doc, "`usage`", &usage);
    let compare = data.compare(&CompareOptions::new(2018, 2019)).unwrap();
    assert!(!compare.services.is_empty());
    check_result(&doc, "`compare`", &compare);
    let series = data.compare_series(&Default::default()).unwrap();
    assert!(!series.comparisons.is_empty());
    check_result(&doc, "`compare`", &series);
    check_result(&doc, "`validate`", &data.validate());
    let groups = data.groups(&GroupsOptions::default().with_years(vec![2019]));
    assert!(!groups.municipalities.is_empty());
    check_result(&doc, "The groups of each municipality", &groups);
    // The diagnostics' keys, whether or not the sample has any.
    let mut one = Diagnostics::new();
    one.warning("f.csv", 2, desier_core::Code::UnknownColumn, "m");
    check_result(&doc, "`validate`", &one.as_slice());
}

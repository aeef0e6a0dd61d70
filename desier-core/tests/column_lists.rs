//! The column lists that people read (the command's --help, the Python docstrings, the
//! TypeScript declarations) are checked against the one schema (`desier_core::schema`): a
//! list that names a column the table does not have, or leaves out a required one, fails
//! here instead of misleading a user. (The generator's headers are checked in
//! desier-generate.)
//!
//! A list is the text after `(...): ` in a --help paragraph and the ``` ``name`` ``` items
//! of a docstring's parenthesis; `optional x` names an optional column, and `...` says the
//! list is partial (then only its names and the required columns are checked, otherwise it
//! must name every column).

use desier_core::schema::TableKind;
use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A list as found: its names (without `optional`) and whether it ends in `...`.
struct Listed {
    names: Vec<String>,
    partial: bool,
}

fn parse_list(items: impl Iterator<Item = String>) -> Listed {
    let mut names = Vec::new();
    let mut partial = false;
    for item in items {
        let item = item.trim().trim_end_matches('.').trim();
        if item == ".." || item.is_empty() {
            partial = true;
            continue;
        }
        names.push(item.trim_start_matches("optional ").trim().to_owned());
    }
    Listed { names, partial }
}

/// Checks one list against the schema of `table`; `place` names it in the failure.
fn check(table: TableKind, listed: &Listed, place: &str) {
    let columns: BTreeSet<&str> = table.columns().iter().map(|c| c.name).collect();
    for n in &listed.names {
        assert!(
            columns.contains(n.as_str()),
            "{place}: `{n}` is not a column of the {} table (its columns: {columns:?})",
            table.name()
        );
    }
    let names: BTreeSet<&str> = listed.names.iter().map(String::as_str).collect();
    for c in table.columns() {
        assert!(
            names.contains(c.name) || (listed.partial && !c.required),
            "{place}: the {} table's column `{}` is not listed ({names:?})",
            table.name(),
            c.name
        );
    }
}

#[test]
fn the_command_help_lists_the_schema_columns() {
    let main = read("desier-cli/src/main.rs");
    let lines: Vec<&str> = main.lines().map(str::trim).collect();
    let mut seen = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        // An input option: `entities: Option<PathBuf>,` preceded by its doc comment.
        let Some(field) = line.strip_suffix(": Option<PathBuf>,") else {
            continue;
        };
        let Some(table) = TableKind::from_name(field) else {
            continue;
        };
        let mut doc: Vec<&str> = lines[..i]
            .iter()
            .rev()
            .skip_while(|l| l.starts_with("#["))
            .take_while(|l| l.starts_with("///"))
            .map(|l| l.trim_start_matches("///").trim())
            .collect();
        doc.reverse();
        let doc = doc.join(" ");
        let list = doc
            .split_once("): ")
            .unwrap_or_else(|| panic!("--{field}: the help gives no column list: {doc}"))
            .1;
        // The list ends at the first sentence end (". " or the final ".").
        let list = list.split(". ").next().unwrap_or(list);
        let listed = parse_list(list.split(", ").map(str::to_owned));
        check(table, &listed, &format!("desier --help, --{field}"));
        seen.insert(table.name());
    }
    for t in TableKind::ALL {
        assert!(
            seen.contains(t.name()),
            "no --{} option with a column list",
            t.name()
        );
    }
}

#[test]
fn the_python_docstrings_list_the_schema_columns() {
    let init = read("desier-py/python/desier/__init__.py");
    let mut seen = BTreeSet::new();
    let lines: Vec<&str> = init.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let Some((arg, rest)) = t.split_once(": ") else {
            continue;
        };
        let Some(table) = TableKind::from_name(arg) else {
            continue;
        };
        // The argument's text runs on the lines indented deeper than its name.
        let mut text = rest.to_owned();
        for next in &lines[i + 1..] {
            let n = next.trim_start();
            if n.is_empty() || next.len() - n.len() <= indent {
                break;
            }
            text.push(' ');
            text.push_str(n);
        }
        let Some(open) = text.find("(``") else {
            continue;
        };
        let inner = &text[open + 1..text[open..].find(')').map_or(text.len(), |c| open + c)];
        let listed = parse_list(inner.split(", ").map(|s| s.replace("``", "")));
        check(
            table,
            &listed,
            &format!("__init__.py line {}, `{arg}`", i + 1),
        );
        seen.insert(table.name());
    }
    for t in TableKind::ALL {
        assert!(
            seen.contains(t.name()),
            "no docstring of desier/__init__.py lists the columns of `{}`",
            t.name()
        );
    }
}

#[test]
fn the_typescript_table_names_are_the_schema_tables() {
    let types = read("desier-wasm/src/types.d.ts");
    let line = types
        .lines()
        .find(|l| l.starts_with("export type TableName ="))
        .expect("types.d.ts declares TableName");
    let declared: BTreeSet<String> = line
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    let schema: BTreeSet<String> = TableKind::ALL.iter().map(|t| t.name().to_owned()).collect();
    assert_eq!(declared, schema);
}

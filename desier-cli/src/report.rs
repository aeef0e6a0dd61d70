//! `desier report`: the main tables of every index, each with a one-line explanation.

use crate::emit::{diagnostics_text, summarise};
use desier_core::output::{render, Table};
use desier_core::{
    interactivity, sample, Aggregate, Diagnostic, Group, InteractivityOptions, Tables,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

/// Aggregates pivoted: one row per group key, one column per year.
pub fn pivot(aggregates: &[Aggregate], group: Group) -> Table {
    let years: BTreeSet<i32> = aggregates.iter().map(|a| a.year).collect();
    let mut keys: Vec<String> = Vec::new();
    let mut cells: BTreeMap<(String, i32), (Option<f64>, usize)> = BTreeMap::new();
    for a in aggregates.iter().filter(|a| a.group == group) {
        if !keys.contains(&a.key) {
            keys.push(a.key.clone());
        }
        cells.insert((a.key.clone(), a.year), (a.index, a.municipalities));
    }
    let mut headers = vec![group.as_str().to_owned()];
    for y in &years {
        headers.push(y.to_string());
        headers.push(format!("n {y}"));
    }
    let rows = keys
        .into_iter()
        .map(|k| {
            let mut r = vec![k.clone()];
            for y in &years {
                let (v, n) = cells.get(&(k.clone(), *y)).copied().unwrap_or((None, 0));
                r.push(v.map(|v| format!("{v:.2}")).unwrap_or_default());
                r.push(n.to_string());
            }
            r
        })
        .collect();
    Table {
        name: group.as_str().into(),
        headers,
        rows,
    }
}

fn section(out: &mut String, title: &str, explanation: &str) {
    out.push_str(&format!(
        "\n{title}\n{}\n{explanation}\n",
        "=".repeat(title.chars().count())
    ));
}

/// Prints the aggregates of one index, group by group.
pub fn aggregate_tables(out: &mut String, aggregates: &[Aggregate]) {
    for (group, what) in [
        (
            Group::Region,
            "Regional index: mean over the municipalities with a value (n).",
        ),
        (
            Group::SizeClass,
            "By size class (classe demografica, population on 1 January).",
        ),
        (Group::Province, "By province."),
        (Group::Territory, "By territory (mountain / plain)."),
    ] {
        out.push_str(&format!("\n{what}\n"));
        out.push_str(&render(&pivot(aggregates, group), 2));
    }
    let unions = aggregates
        .iter()
        .filter(|a| a.group == Group::Union)
        .count();
    if unions > 0 {
        out.push_str(&format!(
            "\n({unions} union means are in the JSON and CSV results.)\n"
        ));
    }
}

/// `desier report --sample` or `--dir D`.
pub fn run(use_sample: bool, dir: Option<&Path>) -> desier_core::Result<ExitCode> {
    let tables = match (use_sample, dir) {
        (true, _) | (false, None) => sample::tables(),
        (false, Some(d)) => Tables::from_dir(d)?,
    };
    let mut out = String::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    if use_sample {
        out.push_str(&format!(
            "desier report on the built-in sample.\n{}\n",
            sample::ATTRIBUTION
        ));
    }
    if tables.procedures.is_some() && tables.offer.is_some() {
        let r = interactivity(&tables, &InteractivityOptions::default())?;
        section(
            &mut out,
            "Interactivity index (indice di interattività comunale)",
            "How much of the municipal administrative work can be done online: each procedure of the catalog scores 0, 50 or 100 by its online phases (na without the facility it presupposes); a municipality's index is the mean of its scores.",
        );
        aggregate_tables(&mut out, &r.aggregates);
        diagnostics.extend(r.diagnostics);
    }
    out.push_str(&diagnostics_text(&diagnostics));
    print!("{out}");
    Ok(summarise(&diagnostics))
}

//! `desier report`: the main tables of every index, each with a one-line explanation.

use crate::emit::{diagnostics_text, summarise};
use desier_core::output::{render, Table};
use desier_core::{
    compare_series, interactivity, sample, usage, Aggregate, Diagnostic, Group,
    InteractivityOptions, ServiceFigures, Tables, UsageOptions, YearComparison,
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

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}", v * 100.0)).unwrap_or_default()
}

/// The per-service figures: shares by channel in percent, and the body counts.
fn service_table(services: &[ServiceFigures]) -> Table {
    let headers = [
        "year",
        "service",
        "share %",
        "regional",
        "autonomous",
        "national",
        "extra",
        "offering",
        "with data",
        "avail. %",
    ];
    let rows = services
        .iter()
        .map(|s| {
            let c = &s.channels;
            vec![
                s.year.to_string(),
                s.service_id.to_string(),
                pct(s.share),
                pct(c.regional_platform),
                pct(c.autonomous_platform),
                pct(c.national_platform),
                pct(c.extra_platform),
                format!("{}/{}", s.bodies_offering, s.bodies_potential),
                s.bodies_with_data.to_string(),
                pct(s.availability_rate),
            ]
        })
        .collect();
    Table {
        name: "services".into(),
        headers: headers.map(String::from).to_vec(),
        rows,
    }
}

/// A comparison: cases, online / total and share of both years, change in points.
fn comparison_table(c: &YearComparison) -> Table {
    let headers = vec![
        "service".to_owned(),
        "cases".into(),
        format!("online {}", c.from),
        format!("total {}", c.from),
        format!("share {} %", c.from),
        format!("online {}", c.to),
        format!("total {}", c.to),
        format!("share {} %", c.to),
        "change pp".into(),
    ];
    let rows = c
        .services
        .iter()
        .map(|s| {
            vec![
                s.service_id.to_string(),
                s.comparable_cases.to_string(),
                s.from.online.to_string(),
                s.from.total.to_string(),
                pct(s.from.share),
                s.to.online.to_string(),
                s.to.total.to_string(),
                pct(s.to.share),
                s.delta_pp
                    .share
                    .map(|d| format!("{d:+.1}"))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    Table {
        name: "comparison".into(),
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
    if tables.returns.is_some() {
        let r = usage(&tables, &UsageOptions::default())?;
        section(
            &mut out,
            "Usage index (indice di utilizzo dei servizi interattivi)",
            "What share of the requests and payments of each service goes through online channels, pooled over the bodies with a useful datum (active, platform counts and a total given).",
        );
        out.push_str("\nPer service and year: shares of online use by channel (% of the total through every channel); bodies offering the service online / that could offer it (facility present), with a useful datum, and the availability rate (with data / offering).\n");
        out.push_str(&render(&service_table(&r.services), 1));
        out.push_str("\nThe usage index of a municipality is 100 x the sum of the shares of its useful municipal services / its potentially activatable ones (8, or 6 without a nursery); below, means over the municipalities with a value (n).\n");
        aggregate_tables(&mut out, &r.aggregates);
        diagnostics.extend(r.diagnostics);
        let series = compare_series(&tables, &UsageOptions::default())?;
        for c in &series.comparisons {
            section(
                &mut out,
                &format!("Comparison {} -> {} (confronto omogeneo)", c.from, c.to),
                "Pooled shares of online use over the comparable cases only (a total and either platform data or the service not active in both years, the service active in at least one), the change in percentage points, and the cases counted in municipalities (a union's pair once per member without returns of its own).",
            );
            out.push_str(&render(&comparison_table(c), 1));
        }
        diagnostics.extend(series.diagnostics);
    }
    // The computations read some tables in common: each problem is listed once.
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.code).cmp(&(&b.file, b.line, b.code)));
    diagnostics.dedup();
    out.push_str(&diagnostics_text(&diagnostics));
    crate::emit::write_text(None, &out)?;
    Ok(summarise(crate::emit::Outcome {
        diagnostics: &diagnostics,
        tables: &[],
    }))
}

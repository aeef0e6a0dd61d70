//! Computes the interactivity index of the built-in sample and prints the regional index
//! per year and the five municipalities with the highest index.
//!
//! Run with `cargo run -p desier-examples --example interactivity`.

use desier_core::{interactivity, sample, Group, InteractivityOptions};

fn main() -> Result<(), desier_core::Error> {
    let result = interactivity(&sample::tables(), &InteractivityOptions::default())?;
    for a in result
        .aggregates
        .iter()
        .filter(|a| a.group == Group::Region)
    {
        println!(
            "{}: regional interactivity index {:.2} over {} municipalities",
            a.year,
            a.index.unwrap_or(f64::NAN),
            a.municipalities
        );
    }
    let last = result
        .municipalities
        .iter()
        .map(|m| m.year)
        .max()
        .unwrap_or_default();
    let mut rows: Vec<_> = result
        .municipalities
        .iter()
        .filter(|m| m.year == last)
        .collect();
    rows.sort_by(|a, b| {
        b.index
            .partial_cmp(&a.index)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for m in rows.iter().take(5) {
        println!(
            "  {} {:<30} {:6.2}",
            m.entity_id,
            result.names[&m.entity_id],
            m.index.unwrap_or(f64::NAN)
        );
    }
    println!(
        "{} diagnostics in the sample's files",
        result.diagnostics.len()
    );
    Ok(())
}

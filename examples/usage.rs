//! Computes the usage index of the built-in sample, prints the pooled share of online use
//! of each service in the latest year and the 2018 -> 2019 change over comparable cases,
//! then lists the rows the validation rejected.
//!
//! Run with `cargo run -p desier-examples --example usage`.

use desier_core::{compare, sample, usage, validate, CompareOptions, Severity, UsageOptions};

fn main() -> Result<(), desier_core::Error> {
    let tables = sample::tables();
    let result = usage(&tables, &UsageOptions::default())?;
    let last = result
        .services
        .iter()
        .map(|s| s.year)
        .max()
        .unwrap_or_default();
    println!("Pooled share of online use, {last}:");
    for s in result.services.iter().filter(|s| s.year == last) {
        let share = s
            .share
            .map_or("n/a".to_string(), |v| format!("{:5.1}%", 100.0 * v));
        println!(
            "  {:<24} {share}  ({} of {} bodies with a useful datum)",
            s.service_id, s.bodies_with_data, s.bodies_offering
        );
    }
    let change = compare(&tables, &CompareOptions::new(2018, 2019))?;
    println!("Change 2018 -> 2019 over comparable cases:");
    for s in &change.services {
        let pp = s
            .delta_pp
            .share
            .map_or("n/a".to_string(), |v| format!("{v:+.1} pp"));
        println!("  {:<24} {pp} ({} cases)", s.service_id, s.comparable_cases);
    }
    let checked = validate(&tables)?;
    let rejected = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    println!("{rejected} rows rejected by validation; for example:");
    if let Some(d) = checked
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        println!("  {d}");
    }
    Ok(())
}

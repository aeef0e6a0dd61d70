//! The usage index and the year-over-year comparison: reading the returns (CSV, and XLSX:
//! Italy's 567,000 returns fit in a sheet), the index from loaded data, the comparison,
//! and the whole computation from CSV text in memory to the result.

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use desier_bench::{input, xlsx, Scale};
use desier_core::compare::compare_years;
use desier_core::io::{entities, facilities, returns};
use desier_core::usage::compute;
use desier_core::{compare, usage, CompareOptions, Diagnostics, Input, ServiceCatalog};
use desier_core::{TableKind, UsageOptions};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let options = UsageOptions::default();
    for scale in Scale::ALL {
        let data = scale.dataset();
        let tables = data.tables();
        let mut d = Diagnostics::new();
        let (registry, _) =
            entities::read_entities(&input(&data, TableKind::Entities), &mut d).unwrap();
        let (fac, _) =
            facilities::read_facilities(&input(&data, TableKind::Facilities), &registry, &mut d)
                .unwrap();
        let catalog = ServiceCatalog::default();
        let returns_csv = input(&data, TableKind::Returns);
        let (rets, _) = returns::read_returns(&returns_csv, &registry, &catalog, &mut d).unwrap();
        let years: Vec<i32> = rets.years().into_iter().collect();
        let (first, last) = (years[0], *years.last().unwrap());
        let mut g = c.benchmark_group(format!("usage/{}", scale.name()));
        scale.configure(&mut g);
        g.throughput(Throughput::Bytes(returns_csv.len() as u64));
        g.bench_function("read_returns_csv", |b| {
            b.iter(|| {
                let mut d = Diagnostics::new();
                black_box(returns::read_returns(
                    &returns_csv,
                    &registry,
                    &catalog,
                    &mut d,
                ))
            })
        });
        let returns_xlsx = Input::from_bytes(
            "returns.xlsx",
            xlsx(data.text(TableKind::Returns).unwrap(), TableKind::Returns),
        );
        g.throughput(Throughput::Bytes(returns_xlsx.len() as u64));
        g.bench_function("read_returns_xlsx", |b| {
            b.iter(|| {
                let mut d = Diagnostics::new();
                black_box(returns::read_returns(
                    &returns_xlsx,
                    &registry,
                    &catalog,
                    &mut d,
                ))
            })
        });
        g.throughput(Throughput::Elements(1));
        g.bench_function("compute_one_year", |b| {
            b.iter(|| black_box(compute(&registry, &catalog, &fac, &rets, &[last], &options)))
        });
        g.bench_function("compute_all_years", |b| {
            b.iter(|| black_box(compute(&registry, &catalog, &fac, &rets, &years, &options)))
        });
        g.bench_function("compare_first_last_year", |b| {
            b.iter(|| black_box(compare_years(&registry, &catalog, &rets, first, last)))
        });
        g.bench_function("end_to_end_in_memory", |b| {
            b.iter(|| black_box(usage(&tables, &options).unwrap()))
        });
        let compare_options = CompareOptions::new(first, last);
        g.bench_function("compare_end_to_end_in_memory", |b| {
            b.iter(|| black_box(compare(&tables, &compare_options).unwrap()))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! The interactivity index: scoring and aggregation on loaded data, and the whole
//! computation from CSV text in memory to the result.

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion};
use desier_bench::{load, Scale};
use desier_core::aggregate::aggregate;
use desier_core::interactivity::compute;
use desier_core::{interactivity, InteractivityOptions};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let options = InteractivityOptions::default();
    for scale in Scale::ALL {
        let data = scale.dataset();
        let tables = data.tables();
        let l = load(&data);
        let mut g = c.benchmark_group(format!("interactivity/{}", scale.name()));
        scale.configure(&mut g);
        let last = *l.years.last().unwrap();
        let score = |years: &[i32]| {
            compute(
                &l.registry,
                &l.catalog,
                &l.facilities,
                &l.offer,
                years,
                &options,
            )
        };
        g.bench_function("score_all_years", |b| b.iter(|| black_box(score(&l.years))));
        g.bench_function("score_one_year", |b| b.iter(|| black_box(score(&[last]))));
        let result = score(&[last]);
        let reg = l.registry.year(last);
        let values: Vec<(usize, Option<f64>)> = result
            .municipalities
            .iter()
            .map(|m| (reg.position(m.entity_id.as_str()).unwrap(), m.index))
            .collect();
        g.bench_function("aggregate_one_year", |b| {
            b.iter(|| {
                black_box(aggregate(
                    last,
                    reg,
                    &values,
                    options.weighting,
                    &options.size_classes,
                ))
            })
        });
        g.bench_function("end_to_end_in_memory", |b| {
            b.iter(|| black_box(interactivity(&tables, &options).unwrap()))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Reading the input tables: CSV (both scales) and XLSX (where a sheet can hold the table:
//! Excel stops at 1,048,576 rows, fewer than the 6.5 million offer rows of Italy).

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use desier_bench::{input, load, xlsx, Scale};
use desier_core::io::{entities, offer};
use desier_core::{Diagnostics, Input, TableKind};
use std::hint::black_box;

fn read(c: &mut Criterion) {
    for scale in Scale::ALL {
        let data = scale.dataset();
        let loaded = load(&data);
        let mut g = c.benchmark_group(format!("read/{}", scale.name()));
        scale.configure(&mut g);
        let offer_csv = input(&data, TableKind::Offer);
        g.throughput(Throughput::Bytes(offer_csv.len() as u64));
        g.bench_function("offer_csv", |b| {
            b.iter(|| {
                let mut d = Diagnostics::new();
                black_box(offer::read_offer(
                    &offer_csv,
                    &loaded.registry,
                    &loaded.catalog,
                    &mut d,
                ))
            })
        });
        let entities_csv = input(&data, TableKind::Entities);
        g.throughput(Throughput::Bytes(entities_csv.len() as u64));
        g.bench_function("entities_csv", |b| {
            b.iter(|| {
                black_box(entities::read_entities(
                    &entities_csv,
                    &mut Diagnostics::new(),
                ))
            })
        });
        let entities_xlsx = Input::from_bytes(
            "entities.xlsx",
            xlsx(data.text(TableKind::Entities).unwrap(), TableKind::Entities),
        );
        g.throughput(Throughput::Bytes(entities_xlsx.len() as u64));
        g.bench_function("entities_xlsx", |b| {
            b.iter(|| {
                black_box(entities::read_entities(
                    &entities_xlsx,
                    &mut Diagnostics::new(),
                ))
            })
        });
        if scale == Scale::Region {
            let offer_xlsx = Input::from_bytes(
                "offer.xlsx",
                xlsx(data.text(TableKind::Offer).unwrap(), TableKind::Offer),
            );
            g.throughput(Throughput::Bytes(offer_xlsx.len() as u64));
            g.bench_function("offer_xlsx", |b| {
                b.iter(|| {
                    let mut d = Diagnostics::new();
                    black_box(offer::read_offer(
                        &offer_xlsx,
                        &loaded.registry,
                        &loaded.catalog,
                        &mut d,
                    ))
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, read);
criterion_main!(benches);

//! The `desier` command end to end, from the CSV files `make bench` generated under
//! `benches/data/` to the result files (skipped when the files or the release build are
//! missing: run `make bench`).

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use criterion::{criterion_group, criterion_main, Criterion};
use desier_bench::{data_dir, desier_command, Scale};
use std::process::Command;

fn bench(c: &mut Criterion) {
    let Some(desier) = desier_command() else {
        eprintln!("command benches skipped: build target/release/desier first (make bench)");
        return;
    };
    let out = std::env::temp_dir().join(format!("desier-bench-{}", std::process::id()));
    for scale in Scale::ALL {
        let dir = data_dir(scale);
        if !dir.join("offer.csv").is_file() {
            eprintln!(
                "command benches skipped for {}: no data in {}",
                scale.name(),
                dir.display()
            );
            continue;
        }
        let mut g = c.benchmark_group(format!("command/{}", scale.name()));
        scale.configure(&mut g);
        for index in ["interactivity", "usage"] {
            g.bench_function(format!("{index}_csv"), |b| {
                b.iter(|| {
                    let status = Command::new(&desier)
                        .args([index, "--format", "csv", "--dir"])
                        .arg(&dir)
                        .arg("--output")
                        .arg(&out)
                        .stderr(std::process::Stdio::null())
                        .status()
                        .expect("the command runs");
                    assert!(status.code().is_some_and(|c| c <= 1), "{status}");
                })
            });
        }
        g.finish();
    }
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! The in-memory work the WebAssembly build is compared with: the tables of a folder read
//! into memory once, then `interactivity` and `usage` computed `RUNS` times each; prints
//! the median times as JSON. `benches/wasm/bench.cjs` does the same in Node with the
//! WebAssembly package. `cargo run --release -p desier-bench --bin in_memory -- DIR RUNS`

use desier_core::UsageOptions;
use desier_core::{interactivity, usage, Input, InteractivityOptions, TableKind, Tables};
use std::path::Path;
use std::time::Instant;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: in_memory DIR RUNS");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut tables = Tables::default();
    for kind in TableKind::ALL {
        let path = Path::new(&dir).join(format!("{}.csv", kind.name()));
        if let Ok(bytes) = std::fs::read(&path) {
            tables.set(
                kind,
                Input::from_bytes(format!("{}.csv", kind.name()), bytes),
            );
        }
    }
    let i = median_ms(runs, || {
        std::hint::black_box(interactivity(&tables, &InteractivityOptions::default()).unwrap());
    });
    let u = median_ms(runs, || {
        std::hint::black_box(usage(&tables, &UsageOptions::default()).unwrap());
    });
    println!("{{\"interactivity_ms\": {i}, \"usage_ms\": {u}, \"runs\": {runs}}}");
}

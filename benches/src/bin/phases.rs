//! Where the time of one interactivity computation goes, phase by phase, on the files of
//! a folder: `cargo run --release -p desier-bench --bin phases -- DIR`.

use desier_core::interactivity::compute;
use desier_core::io::{entities, facilities, offer, procedures};
use desier_core::{output, Diagnostics, Input, InteractivityOptions};
use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: phases DIR");
    let dir = Path::new(&dir);
    let t = Instant::now();
    let mut lap = {
        let mut last = t;
        move |what: &str| {
            let now = Instant::now();
            eprintln!("{what:>24}: {:8.1} ms", (now - last).as_secs_f64() * 1e3);
            last = now;
        }
    };
    let file = |name: &str| Input::from_path(dir.join(name)).expect("readable file");
    let (e, p, f, o) = (
        file("entities.csv"),
        file("procedures.csv"),
        file("facilities.csv"),
        file("offer.csv"),
    );
    lap("read files");
    let mut d = Diagnostics::new();
    let (registry, _) = entities::read_entities(&e, &mut d).unwrap();
    lap("entities");
    let (catalog, _) = procedures::read_procedures(&p, &mut d).unwrap();
    lap("procedures");
    let (fac, _) = facilities::read_facilities(&f, &registry, &mut d).unwrap();
    lap("facilities");
    let (offer, _) = offer::read_offer(&o, &registry, &catalog, &mut d).unwrap();
    lap("offer");
    let years: Vec<i32> = offer.years.keys().copied().collect();
    let options = InteractivityOptions::default();
    let mut result = compute(&registry, &catalog, &fac, &offer, &years, &options);
    lap("score and aggregate");
    result.diagnostics = d.into_sorted();
    lap("sort diagnostics");
    let json = output::to_json(&result).expect("the result serialises");
    lap("to_json");
    let tables = output::tables(&result);
    lap("tables");
    let csv: usize = tables.iter().map(|t| output::to_csv(t).len()).sum();
    lap("to_csv");
    eprintln!(
        "{:>24}: {:8.1} ms ({} bytes of JSON, {} of CSV)",
        "total",
        t.elapsed().as_secs_f64() * 1e3,
        json.len(),
        csv
    );
}

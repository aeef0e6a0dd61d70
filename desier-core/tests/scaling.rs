//! Memory and time stay proportional to the input (issue 7: no quadratic behaviour, memory
//! bounded on a 1 GB input).
//!
//! `make test` runs `linear_in_time_and_memory`: the same generated returns file, messy the
//! way offices send them (valid rows, duplicates, unknown bodies, bad counts, stray quotes,
//! long cells, blank lines, CRLF), at two sizes four times apart; reading, validating and
//! computing the usage index must take about four times the time and memory, not sixteen
//! (quadratic), and the memory beyond the input itself must stay within a small multiple of
//! the input. One test per binary, so that the peak memory of the process (VmHWM, reset
//! through /proc/self/clear_refs) is this test's alone.
//!
//! `a_gigabyte_of_offer` (ignored; `make test-1gb`, release mode) streams a generated
//! ~1 GB offer file of the size of all Italian municipalities over many years to disk,
//! reads it back as the command does, and checks the peak memory of the whole run.

use desier_core::{interactivity, usage, validate, Input, InteractivityOptions, Tables};
use desier_core::{TableKind, UsageOptions};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const SERVICES: [&str; 8] = [
    "registry_certificates",
    "suap",
    "sue",
    "tari",
    "school_meals_enrolment",
    "school_meals_payment",
    "nursery_enrolment",
    "municipal_fines",
];

fn registry(bodies: usize) -> String {
    let mut s = String::from("entity_id,name,kind,population\n");
    for i in 0..bodies {
        let _ = writeln!(s, "{:06},Comune {i},municipality,{}", i + 1, 1000 + i);
    }
    s
}

/// A returns file of about `size` bytes for `bodies` bodies: mostly valid rows, and every
/// kind of row an office sends.
fn returns(size: usize, bodies: usize) -> String {
    let mut s = String::from(
        "year;entity_id;service_id;active;regional_platform;autonomous_platform;national_platform;extra_platform;total\r\n",
    );
    let mut k = 0usize;
    while s.len() < size {
        let body = k % bodies + 1;
        let service = SERVICES[k / bodies % SERVICES.len()];
        let year = 1990 + (k / (bodies * SERVICES.len())) % 100;
        let _ = match k % 20 {
            0 => write!(s, "{year};{body:06};{service};si;10;;;5;1\r\n"), // online > total
            1 => write!(s, "{year};999{body:06};{service};si;1;;;;2\r\n"), // unknown body
            2 => write!(s, "{year};{body:06};{service};si;dieci;;;;20\r\n"), // not a number
            3 => write!(s, "\"{year};{body:06};{service};si;1;;;;2\r\n"), // stray quote
            4 => write!(s, "\r\n;;;;;;;;\r\n"),                           // blank lines
            5 if k % 1000 == 5 => write!(s, "{year};{body:06};{}\r\n", "x".repeat(10_000)),
            _ => write!(
                s,
                "{year};{body:06};{service};si;{};;;{};{}\r\n",
                k % 50,
                k % 7,
                100 + k % 900
            ),
        };
        k += 1;
    }
    s
}

/// The peak resident memory of this process (kB), after resetting it to the current one.
fn reset_peak() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    status("VmHWM")
}

fn status(key: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Time (best of two runs) and peak memory beyond the input (kB) of validating and
/// computing the usage index on a returns file of about `size` bytes.
fn run(size: usize) -> (Duration, Option<u64>, usize) {
    let bodies = 2000;
    let tables = Tables::default()
        .with(
            TableKind::Entities,
            Input::from_text("entities.csv", registry(bodies)),
        )
        .with(
            TableKind::Returns,
            Input::from_text("returns.csv", returns(size, bodies)),
        );
    let input = tables.get(TableKind::Returns).map_or(0, Input::len);
    let mut best = Duration::MAX;
    let mut memory = None;
    for _ in 0..2 {
        let before = reset_peak();
        let started = Instant::now();
        let v = validate(&tables).unwrap();
        let u = usage(&tables, &UsageOptions::default()).unwrap();
        best = best.min(started.elapsed());
        let read = v.tables.last().unwrap();
        assert_eq!(
            read.rows,
            read.accepted + read.accepted_with_warnings + read.rejected
        );
        assert!(read.rejected > 0 && read.accepted > 0 && !u.services.is_empty());
        if let (Some(before), Some(peak)) = (before, status("VmHWM")) {
            let extra = peak.saturating_sub(before);
            memory = Some(memory.map_or(extra, |m: u64| m.min(extra)));
        }
        drop((v, u));
    }
    (best, memory, input)
}

#[test]
fn linear_in_time_and_memory() {
    let small = 1 << 20;
    let (t1, m1, n1) = run(small);
    let (t4, m4, n4) = run(4 * small);
    let size_ratio = n4 as f64 / n1 as f64;
    let time_ratio = t4.as_secs_f64() / t1.as_secs_f64();
    eprintln!("{n1} bytes: {t1:?}, {m1:?} kB; {n4} bytes: {t4:?}, {m4:?} kB");
    // Linear is about 4; quadratic would be about 16. Generous for shared machines.
    assert!(
        time_ratio < 2.5 * size_ratio,
        "time grows faster than the input: x{time_ratio:.1} for x{size_ratio:.1} ({t1:?} -> {t4:?})"
    );
    if let (Some(m1), Some(m4)) = (m1, m4) {
        let memory_ratio = m4.max(1) as f64 / m1.max(1) as f64;
        assert!(
            memory_ratio < 2.0 * size_ratio,
            "memory grows faster than the input: x{memory_ratio:.1} ({m1} kB -> {m4} kB)"
        );
        // Beyond the input itself: the rows kept, the diagnostics of the rejected ones.
        assert!(
            m4 * 1024 < 8 * n4 as u64 + (32 << 20),
            "{m4} kB for {n4} bytes of input"
        );
    }
}

/// An offer file of about `size` bytes: all the municipalities of Italy (7,900), a catalog
/// of 140 procedures, as many years as it takes; written to `path` as it is generated.
fn write_offer(path: &std::path::Path, size: u64) -> std::io::Result<(String, String)> {
    use std::io::Write;
    let (bodies, procedures) = (7_900, 140);
    let mut entities = String::from("entity_id,kind,population\n");
    for i in 0..bodies {
        let _ = writeln!(entities, "{:06},municipality,{}", i + 1, 500 + i * 7);
    }
    let mut catalog = String::from("procedure_id,area_id,phases\n");
    for p in 0..procedures {
        let _ = writeln!(catalog, "p{p},area{},request|payment|outcome", p % 12);
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "year,entity_id,procedure_id,online_phases")?;
    let (mut written, mut k) = (0u64, 0u64);
    let phases = [
        "request",
        "request|payment",
        "",
        "request|payment|outcome",
        "payment",
    ];
    while written < size {
        let year = 1950 + k / (bodies * procedures) as u64;
        let body = k % bodies as u64 + 1;
        let p = k / bodies as u64 % procedures as u64;
        let line = format!("{year},{body:06},p{p},{}\n", phases[(k % 5) as usize]);
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
        k += 1;
    }
    out.flush()?;
    Ok((entities, catalog))
}

#[test]
#[ignore = "a gigabyte: run with `make test-1gb` (release mode)"]
fn a_gigabyte_of_offer() {
    let size: u64 = std::env::var("DESIER_1GB_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1 << 30);
    let path = std::env::temp_dir().join(format!("desier-1gb-{}.csv", std::process::id()));
    let (entities, catalog) = write_offer(&path, size).unwrap();
    let before = reset_peak();
    let started = Instant::now();
    let tables = Tables::default()
        .with(
            TableKind::Entities,
            Input::from_text("entities.csv", entities),
        )
        .with(
            TableKind::Procedures,
            Input::from_text("procedures.csv", catalog),
        )
        .with(TableKind::Offer, Input::from_path(&path).unwrap());
    let _ = std::fs::remove_file(&path);
    let r = interactivity(&tables, &InteractivityOptions::default()).unwrap();
    let elapsed = started.elapsed();
    let offer = r.tables.last().unwrap();
    assert_eq!(
        offer.rows,
        offer.accepted + offer.accepted_with_warnings + offer.rejected
    );
    let years = r.aggregates.iter().filter(|a| a.key == "region").count();
    eprintln!(
        "{size} bytes, {} rows, {years} years, {} municipality-years in {elapsed:?}",
        offer.rows,
        r.municipalities.len()
    );
    if let (Some(before), Some(peak)) = (before, status("VmHWM")) {
        let extra = peak.saturating_sub(before) * 1024;
        eprintln!("peak memory beyond the start: {} MB", extra >> 20);
        // The file is held once in memory; the offer of each year is a grid of 7,900 x 140
        // masks (9 MB); the results are 7,900 rows a year.
        assert!(extra < 2 * size + (512 << 20), "{} MB", extra >> 20);
    }
}

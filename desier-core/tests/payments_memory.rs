//! The payment readers stream (issue 13): a file of payment records is read in a bounded
//! buffer, so the peak memory of reading and classifying it does not hold the file. One
//! test per binary, so that the peak memory of the process (VmHWM, reset through
//! /proc/self/clear_refs) is this test's alone.

use desier_core::payments::{payments, PaymentOptions, PaymentSource};
use desier_core::{Input, TableKind, Tables};
use std::io::Write as _;

fn status(key: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_large_file_is_read_in_a_bounded_buffer() {
    // 16,000 records of about 1 kB (a long channel description, the same for all: one
    // unclassified evidence), 16 MB in all.
    let path = std::env::temp_dir().join(format!("desier-payments-mem-{}.csv", std::process::id()));
    let records = 16_000u64;
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(
            f,
            "iuv;creditor;paid_at;importo;category;channel_description"
        )
        .unwrap();
        let long = "x".repeat(1000);
        for i in 0..records {
            writeln!(
                f,
                "{i};01232710374;2021-03-0{};1,{:02};9/0107106SP/;{long}",
                1 + i % 9,
                i % 100
            )
            .unwrap();
        }
    }
    let size = std::fs::metadata(&path).unwrap().len();
    let tables = Tables::default().with(
        TableKind::Entities,
        Input::from_text(
            "entities.csv",
            "entity_id,fiscal_code\n037006,01232710374\n",
        ),
    );
    let have_proc = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status("VmHWM");
    let r = payments(
        &tables,
        &[PaymentSource::from_path(&path)],
        &PaymentOptions::default(),
    )
    .unwrap();
    let peak = status("VmHWM");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(r.returns[0].records.unclassified, records);
    // Cents: sum over i of (100 + i % 100) = 16,000 x 100 + 160 x (0 + ... + 99).
    let cents = records * 100 + (records / 100) * 4950;
    assert_eq!(
        serde_json::to_value(r.returns[0].amounts.total).unwrap(),
        format!("{}.{:02}", cents / 100, cents % 100)
    );
    if let (true, Some(before), Some(peak)) = (have_proc, before, peak) {
        let extra = peak.saturating_sub(before) * 1024;
        eprintln!(
            "peak memory beyond the start: {} kB for {} kB",
            extra >> 10,
            size >> 10
        );
        // The duplicates' keys (24 bytes a record, about 1 MB with their table) and the
        // buffers: far below the 16 MB of the file, which is never held whole.
        assert!(extra < size / 2, "{} MB of {} MB", extra >> 20, size >> 20);
    }
}

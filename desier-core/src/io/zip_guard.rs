//! Workbooks are untrusted input: an .xlsx is a zip archive, and a few kilobytes of it can
//! unpack to gigabytes (a zip bomb), or claim to (a size in its directory the spreadsheet
//! library would reserve memory for). Before the library opens a workbook, the sizes its
//! directory declares are checked against limits, without unpacking anything; a part that
//! unpacks to more than it declares is stopped by the zip reader itself (calamine's, the
//! same crate), which fails with "File is larger than its declared uncompressed size". So a
//! workbook is refused with a clear error in bounded time and memory, whatever it holds.

use crate::error::{Error, Result};
use std::io::Cursor;

/// The largest part of a workbook accepted once unpacked: a sheet of Excel's million rows
/// with the ten columns of a returns table is about 400 MB of XML.
pub(crate) const MAX_PART: u64 = 512 << 20;
/// The largest workbook accepted once unpacked (every part together).
pub(crate) const MAX_TOTAL: u64 = 1 << 30;
/// The most parts a workbook may have (a real one has a few dozen).
const MAX_PARTS: usize = 10_000;

fn refuse(file: &str, why: String) -> Error {
    Error::Unreadable {
        file: file.to_owned(),
        reason: format!(
            "{why}: the workbook is refused (a damaged file, or one made to exhaust the \
             computer's memory); if it is a real survey, save it again from Excel or \
             LibreOffice, or save it as CSV"
        ),
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1 << 20))
}

/// Checks the workbook `bytes` against [`MAX_PART`] and [`MAX_TOTAL`]. An archive that
/// cannot be read as a zip is let through: the spreadsheet library says why it cannot
/// open it.
pub(crate) fn check(file: &str, bytes: &[u8]) -> Result<()> {
    check_with(file, bytes, MAX_PART, MAX_TOTAL)
}

pub(crate) fn check_with(file: &str, bytes: &[u8], max_part: u64, max_total: u64) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > MAX_PARTS {
        return Err(refuse(
            file,
            format!(
                "it has {} parts, a real workbook a few dozen",
                archive.len()
            ),
        ));
    }
    let mut declared_total = 0u64;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(i) else {
            return Ok(());
        };
        let size = part.size();
        declared_total = declared_total.saturating_add(size);
        if size > max_part || declared_total > max_total {
            let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
            return Err(refuse(
                file,
                format!(
                    "its part `{name}` would take {} once unpacked (at most {} are accepted)",
                    megabytes(size),
                    megabytes(max_part)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn parts_larger_than_the_limits_are_refused() {
        let spaces = vec![b' '; 300_000];
        let bytes = zipped(&[("xl/worksheets/sheet1.xml", &spaces)]);
        assert!(bytes.len() < 10_000);
        assert!(check_with("b.xlsx", &bytes, 1 << 20, 1 << 20).is_ok());
        let e = check_with("b.xlsx", &bytes, 100_000, 1 << 20).unwrap_err();
        assert_eq!(e.code(), "unreadable_file");
        assert!(e.to_string().contains("sheet1.xml"), "{e}");
        let two = zipped(&[("a.xml", &spaces), ("b.xml", &spaces)]);
        assert!(check_with("b.xlsx", &two, 1 << 20, 700_000).is_ok());
        let e = check_with("b.xlsx", &two, 1 << 20, 500_000).unwrap_err();
        assert!(e.to_string().contains("refused"), "{e}");
        // Not a zip at all: left to the library.
        assert!(check("x.xlsx", b"PK\x03\x04broken").is_ok());
    }
}

//! What a file really is, before reading it as a table: an Excel workbook, CSV text (UTF-8,
//! or UTF-16 as Excel's "Unicode text" saves it), or something else that offices send
//! under a `.csv` or `.xls` name (an old Excel file, an OpenDocument spreadsheet, a web
//! page, a PDF, an image), which gets a clear error instead of a page of nonsense. And,
//! from its header, which table a file looks like, to say so when it is given as another.

use super::table::{normalise_header, ColumnSpec, TableKind};
use crate::error::{Error, Result};
use std::borrow::Cow;

/// The content of an input file.
pub(crate) enum Content<'a> {
    /// An XLSX workbook.
    Workbook,
    /// Text to split as CSV (UTF-8 BOM removed; UTF-16 decoded). `lossy` is set when some
    /// characters of a UTF-16 file could not be decoded.
    Text { bytes: Cow<'a, [u8]>, lossy: bool },
}

/// Tells what `bytes` hold; an error for the formats that are not tables.
pub(crate) fn sniff<'a>(file: &str, bytes: &'a [u8]) -> Result<Content<'a>> {
    let not_a_table = |what: &str, todo: &str| Error::Unreadable {
        file: file.to_owned(),
        reason: format!("this is {what}, not a CSV file or an Excel workbook (.xlsx): {todo}"),
    };
    let save_as = "open it and save it as .xlsx or as CSV UTF-8";
    if bytes.starts_with(b"PK\x03\x04") {
        if bytes.len() > 38
            && &bytes[30..38] == b"mimetype"
            && find(&bytes[38..bytes.len().min(120)], b"opendocument")
        {
            return Err(not_a_table(
                "an OpenDocument file (.ods, LibreOffice)",
                "in LibreOffice, save it as .xlsx or as CSV UTF-8",
            ));
        }
        return Ok(Content::Workbook);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(not_a_table(
            "an old Excel .xls file",
            "in Excel, save it as .xlsx or as CSV UTF-8",
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(not_a_table(
            "a PDF document",
            "ask for the data as a spreadsheet or CSV file",
        ));
    }
    if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
    {
        return Err(not_a_table(
            "an image",
            "ask for the data as a spreadsheet or CSV file",
        ));
    }
    if let Some(text) = utf16(bytes) {
        return Ok(text);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start: Vec<u8> = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    if start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
        || start.starts_with(b"<table")
    {
        return Err(not_a_table(
            "a web page (HTML), which some programs save with an .xls name",
            save_as,
        ));
    }
    if start.starts_with(b"<?xml") {
        return Err(not_a_table(
            "an XML file (such as an \"XML Spreadsheet 2003\")",
            save_as,
        ));
    }
    Ok(Content::Text {
        bytes: Cow::Borrowed(bytes),
        lossy: false,
    })
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// UTF-16 text (with a byte-order mark, or ASCII with every other byte zero), decoded.
fn utf16(bytes: &[u8]) -> Option<Content<'static>> {
    let (little, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 && a.is_ascii() && b.is_ascii() => (true, bytes),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 && a.is_ascii() && b.is_ascii() => (false, bytes),
        _ => return None,
    };
    let units = body.chunks(2).map(|c| {
        let pair = [c[0], c.get(1).copied().unwrap_or(0)];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut lossy = body.len() % 2 != 0;
    let text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Some(Content::Text {
        bytes: Cow::Owned(text.into_bytes()),
        lossy,
    })
}

/// Whether the normalised header cell `h` names the column `c`.
pub(crate) fn names(c: &ColumnSpec, h: &str) -> bool {
    c.name == h || c.aliases.iter().any(|a| normalise_header(a) == h)
}

/// The table whose columns a header has, when it is not `claimed`: every required column
/// of that table is in the header, and at least `evidence` of them are not columns of the
/// claimed table at all. With several candidates, the one with the most such columns.
pub(crate) fn looks_like(
    headers: &[String],
    claimed: TableKind,
    evidence: usize,
) -> Option<TableKind> {
    let headers: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let own = claimed.columns();
    TableKind::ALL
        .into_iter()
        .filter(|&t| t != claimed)
        .filter_map(|t| {
            let required: Vec<&ColumnSpec> = t.columns().iter().filter(|c| c.required).collect();
            let mut distinctive = 0;
            for c in &required {
                let cell = headers.iter().find(|h| names(c, h))?;
                if !own.iter().any(|o| names(o, cell)) {
                    distinctive += 1;
                }
            }
            (distinctive >= evidence).then_some((distinctive, required.len(), t))
        })
        .max_by_key(|&(d, r, _)| (d, r))
        .map(|(_, _, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        match sniff("f", bytes) {
            Ok(Content::Text { bytes, .. }) => String::from_utf8(bytes.into_owned()).unwrap(),
            Ok(Content::Workbook) => "workbook".into(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn utf16_is_decoded() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a\tè\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text(&le), "a\tè\n");
        let be: Vec<u8> = "ab\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&be), "ab\n");
    }

    #[test]
    fn files_that_are_not_tables_are_named() {
        assert!(text(b"%PDF-1.4").contains("PDF"));
        assert!(text(b"  <HTML><table>").contains("web page"));
        assert!(text(&[0xD0, 0xCF, 0x11, 0xE0, 0]).contains(".xls"));
        assert_eq!(text(b"\xEF\xBB\xBFa,b\n"), "a,b\n");
        assert_eq!(text(b"PK\x03\x04rest"), "workbook");
    }

    #[test]
    fn an_offer_header_looks_like_an_offer() {
        let h = |s: &str| s.split(',').map(String::from).collect::<Vec<_>>();
        let offer = h("year,entity_id,procedure_id,online_phases");
        assert_eq!(
            looks_like(&offer, TableKind::Returns, 1),
            Some(TableKind::Offer)
        );
        assert_eq!(
            looks_like(&offer, TableKind::Entities, 2),
            Some(TableKind::Offer)
        );
        let returns = h("anno;codice;servizio;attivo;piattaforma_regionale;piattaforma_autonoma;piattaforma_nazionale;extra_piattaforma;totale".replace(';', ",").as_str());
        assert_eq!(
            looks_like(&returns, TableKind::Offer, 1),
            Some(TableKind::Returns)
        );
        assert_eq!(looks_like(&returns, TableKind::Returns, 1), None);
        // A registry does not look like anything else.
        assert_eq!(
            looks_like(&h("entity_id,name,kind,year"), TableKind::Entities, 2),
            None
        );
    }
}

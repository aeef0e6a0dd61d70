//! Helpers of the fuzz targets: the fixed tables a reader needs besides the one fuzzed,
//! splitting one fuzz input into several tables, building XLSX workbooks from fuzz input,
//! and the invariants every result must satisfy.

use desier_core::{Diagnostic, Input, Severity, TableKind, TableRead, Tables};
use std::io::Write;

/// The registry of `fixtures/small` (municipalities, a union, a province, an operator).
pub const ENTITIES: &str = include_str!("../../fixtures/small/entities.csv");
/// The catalog of `fixtures/small`.
pub const PROCEDURES: &str = include_str!("../../fixtures/small/procedures.csv");

/// The separator of the tables in one fuzz input of the end-to-end targets.
pub const TABLE_SEPARATOR: &[u8] = b"\n~~~\n";

/// Splits `data` at [`TABLE_SEPARATOR`] into at most `n` parts (missing parts are empty).
pub fn split_tables(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut parts = Vec::with_capacity(n);
    let mut rest = data;
    while parts.len() + 1 < n {
        match find(rest, TABLE_SEPARATOR) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + TABLE_SEPARATOR.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    while parts.len() < n {
        parts.push(&[]);
    }
    parts
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The table selected by a byte.
pub fn table_of(b: u8) -> TableKind {
    TableKind::ALL[usize::from(b) % TableKind::ALL.len()]
}

/// The bytes as an input: as they are, or (when `rows` is set) as in-memory rows the way
/// the bindings pass DataFrames: lines split at `,`, the first line the header.
pub fn input(name: &str, bytes: &[u8], rows: bool) -> Input {
    if !rows {
        return Input::from_bytes(name, bytes.to_vec());
    }
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text
        .split('\n')
        .map(|l| l.split(',').map(String::from).collect());
    let headers = lines.next().unwrap_or_default();
    Input::from_rows(name, headers, lines.collect())
}

/// Checks what must hold of any result: the accounting of every table adds up, every
/// diagnostic is about a table that was read, and its line is within the table.
pub fn check(tables: &[TableRead], diagnostics: &[Diagnostic]) {
    for t in tables {
        assert_eq!(
            t.rows,
            t.accepted + t.accepted_with_warnings + t.rejected,
            "accounting of {t:?}"
        );
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let rejected: u64 = tables.iter().map(|t| t.rejected).sum();
    assert!(
        rejected as usize <= errors,
        "{rejected} rejected, {errors} errors"
    );
    for d in diagnostics {
        assert!(d.line >= 1, "{d}");
        assert!(!d.message.is_empty(), "{d}");
    }
}

/// The tables of an end-to-end input.
pub fn tables(parts: &[(TableKind, &[u8])], rows: bool) -> Tables {
    let mut t = Tables::default();
    for (kind, bytes) in parts {
        t.set(*kind, input(&format!("{}.csv", kind.name()), bytes, rows));
    }
    t
}

/// A minimal XLSX workbook with one sheet `sheet_name` whose worksheet XML is `sheet`,
/// optional shared strings, and styles where cell style 1 is a date (number format 14).
pub fn workbook(sheet_name: &str, sheet: &[u8], shared_strings: Option<&[u8]>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let name = xml_escape(sheet_name);
    let mut parts: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", ROOT_RELS.as_bytes().to_vec()),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            )
            .into_bytes(),
        ),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes().to_vec()),
        ("xl/styles.xml", STYLES.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", sheet.to_vec()),
    ];
    if let Some(s) = shared_strings {
        parts.push(("xl/sharedStrings.xml", s.to_vec()));
    }
    for (path, bytes) in parts {
        zip.start_file(path, opts).expect("zip entry");
        zip.write_all(&bytes).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// Builds a worksheet (and its shared strings) from a small text language, so that the
/// fuzzer explores the kinds of cell a clerk's spreadsheet holds. One line per spreadsheet
/// row, cells separated by `,`:
/// - `=F` a formula without a cached value; `=F:12` a formula whose cached value is 12;
/// - `@45000` a number formatted as a date; `#N/A` an error cell; `T` / `F` booleans;
/// - `'text` a string stored inline; any other text a number when it parses as one,
///   else a shared string;
/// - a line `!merge A2:A5` merges cells; `!skip N` jumps N rows; a cell `^N` jumps N
///   columns (up to the last column of Excel, to catch sheets of huge dimensions).
pub fn sheet_from_text(text: &str) -> (Vec<u8>, Vec<u8>) {
    let mut rows = String::new();
    let mut merges = String::new();
    let mut strings: Vec<String> = Vec::new();
    let mut r: u32 = 0;
    for line in text.split('\n') {
        if let Some(rest) = line.strip_prefix("!merge ") {
            merges.push_str(&format!(
                r#"<mergeCell ref="{}"/>"#,
                xml_escape(rest.trim())
            ));
            continue;
        }
        if let Some(rest) = line.strip_prefix("!skip ") {
            r = r
                .saturating_add(rest.trim().parse::<u32>().unwrap_or(1))
                .min(1_048_575);
            continue;
        }
        r = (r + 1).min(1_048_576);
        let mut c: u32 = 0;
        let mut cells = String::new();
        for cell in line.split(',') {
            if let Some(jump) = cell.strip_prefix('^') {
                c = c
                    .saturating_add(jump.parse::<u32>().unwrap_or(1))
                    .min(16_383);
                continue;
            }
            let reference = format!("{}{r}", column_name(c));
            c = (c + 1).min(16_383);
            if cell.is_empty() {
                continue;
            }
            let xml = if let Some(f) = cell.strip_prefix('=') {
                match f.split_once(':') {
                    Some((f, v)) => format!(
                        r#"<c r="{reference}"><f>{}</f><v>{}</v></c>"#,
                        xml_escape(f),
                        xml_escape(v)
                    ),
                    None => format!(r#"<c r="{reference}"><f>{}</f></c>"#, xml_escape(f)),
                }
            } else if let Some(d) = cell.strip_prefix('@') {
                format!(r#"<c r="{reference}" s="1"><v>{}</v></c>"#, xml_escape(d))
            } else if cell.starts_with('#') {
                format!(
                    r#"<c r="{reference}" t="e"><v>{}</v></c>"#,
                    xml_escape(cell)
                )
            } else if cell == "T" || cell == "F" {
                format!(
                    r#"<c r="{reference}" t="b"><v>{}</v></c>"#,
                    u8::from(cell == "T")
                )
            } else if let Some(s) = cell.strip_prefix('\'') {
                format!(
                    r#"<c r="{reference}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    xml_escape(s)
                )
            } else if cell.parse::<f64>().is_ok() {
                format!(r#"<c r="{reference}"><v>{}</v></c>"#, xml_escape(cell))
            } else {
                strings.push(cell.to_owned());
                format!(
                    r#"<c r="{reference}" t="s"><v>{}</v></c>"#,
                    strings.len() - 1
                )
            };
            cells.push_str(&xml);
        }
        rows.push_str(&format!(r#"<row r="{r}">{cells}</row>"#));
    }
    let merges = if merges.is_empty() {
        String::new()
    } else {
        format!("<mergeCells>{merges}</mergeCells>")
    };
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData>{merges}</worksheet>"#
    );
    let sst: String = strings
        .iter()
        .map(|s| format!("<si><t>{}</t></si>", xml_escape(s)))
        .collect();
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{sst}</sst>"#,
        n = strings.len()
    );
    (sheet.into_bytes(), sst.into_bytes())
}

/// `A`, `B`, ..., `Z`, `AA`, ... for a 0-based column.
pub fn column_name(mut c: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\t' || c == '\n' || c == '\r' || c >= ' ')
        .fold(String::new(), |mut out, c| {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
            out
        })
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

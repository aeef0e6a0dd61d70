"""Writes fixtures/hostile/: files as under-staffed offices send them (cut off, in the wrong
encoding, with stray quotes, NUL bytes, numbers beyond 64 bits, merged cells, formulas
without values, ...), and fixtures/hostile/manifest.json, which says for each file what is
hostile in it and what every interface (the command, Rust, Python, JavaScript) must give:
a structural error with its code, or the exact diagnostics and accounting of the file.

Each file replaces one table of fixtures/small; the other tables are small's. Standard
library only (the workbooks are written as raw XML in a zip).

    python3 tools/make_hostile.py
"""

from __future__ import annotations

import io
import json
import pathlib
import zipfile
from typing import Any, Dict, List, Optional, Sequence

ROOT = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
OUT = ROOT / "hostile"
OUT.mkdir(exist_ok=True)
SMALL_RETURNS = (ROOT / "small" / "returns.csv").read_text(encoding="utf-8")
SMALL_OFFER = (ROOT / "small" / "offer.csv").read_text(encoding="utf-8")
LINES = SMALL_RETURNS.rstrip("\n").split("\n")  # header + 13 rows (lines 1-14)
HEADER = LINES[0]
ROWS = LINES[1:]

cases: List[Dict[str, Any]] = []


def case(name: str, file: str, data: bytes, hostile: str, *, table: str = "returns",
         error: Optional[str] = None, diagnostics: Sequence[Sequence[Any]] = (),
         accounting: Optional[Sequence[int]] = None, same_as_small: bool = False) -> None:
    """Writes one file and its expectation. `diagnostics` are `[line, severity, code]` of
    this file, in the order of the result (by line; one line's in the order found);
    `accounting` is (rows, accepted, accepted_with_warnings, rejected)."""
    (OUT / file).write_bytes(data)
    expect: Dict[str, Any]
    if error is not None:
        expect = {"error": error}
    else:
        assert accounting is not None, name
        rows, accepted, warned, rejected = accounting
        assert rows == accepted + warned + rejected, name
        expect = {
            "diagnostics": [list(d) for d in diagnostics],
            "accounting": {"rows": rows, "accepted": accepted,
                           "accepted_with_warnings": warned, "rejected": rejected},
            "same_usage_as_small": same_as_small,
        }
    cases.append({"name": name, "file": file, "table": table, "hostile": hostile,
                  "expect": expect})


def csv(lines: Sequence[str], eol: str = "\n", final: bool = True) -> bytes:
    text = eol.join(lines) + (eol if final else "")
    return text.encode("utf-8")


# --- CSV -----------------------------------------------------------------------------

case("crlf", "returns_crlf.csv", csv(LINES, "\r\n"),
     "Windows line endings (CRLF) throughout.",
     accounting=(13, 13, 0, 0), same_as_small=True)

eols = ["\n", "\r\n", "\r"]
mixed = "".join(line + eols[i % 3] for i, line in enumerate(LINES + ["2019,000004,nope,yes,1,,,,2"]))
case("mixed_line_endings", "returns_mixed_eol.csv", mixed.encode(),
     "Line endings \\n, \\r\\n and a lone \\r mixed; a bad row on line 15 proves the line "
     "numbers stay exact.",
     diagnostics=[[15, "error", "unknown_service"]], accounting=(14, 13, 0, 1),
     same_as_small=True)

case("truncated_file", "returns_truncated.csv",
     csv(LINES[:-1] + ["2019,BUS,bus_pass_renewal,yes,5"], final=False),
     "The file is cut off in the middle of its last row (no line break, 5 of 9 cells).",
     diagnostics=[[14, "error", "truncated_row"]], accounting=(13, 12, 0, 1))

short = list(LINES)
short[8] = "2019,000003,suap,yes,20"  # line 9 lost its last four cells
case("short_row", "returns_short_row.csv", csv(short),
     "A row with 5 of 9 cells in the middle of the file (its total is lost).",
     diagnostics=[[9, "warning", "field_count"]], accounting=(13, 12, 1, 0))

case("empty_file", "returns_empty.csv", b"", "A file of zero bytes.", error="unreadable_file")

case("blank_file", "returns_blank.csv", b"\n  \r\n;;;;\n\t\n",
     "Only blank lines, spaces and separators.", error="unreadable_file")

case("header_only", "returns_header_only.csv", csv([HEADER]),
     "The header and no row.", accounting=(0, 0, 0, 0))

blank = ["", " ", HEADER, ""] + ROWS[:3] + [",,,,,,,,", ""] + ROWS[3:] + ["2019,000004,suap,yes,dieci,,,,20", ""]
bad_line = blank.index("2019,000004,suap,yes,dieci,,,,20") + 1
case("blank_lines", "returns_blank_lines.csv", csv(blank),
     "Blank lines before the header and between rows, a line of separators only; a bad row "
     f"on line {bad_line} proves the line numbers stay exact.",
     diagnostics=[[bad_line, "error", "invalid_count"]], accounting=(14, 13, 0, 1),
     same_as_small=True)

title = ["Rilevazione utilizzo servizi online 2018-2019,,,,,,,,",
         "Comune di Esempio - ufficio statistica,,,,,,,,"] + LINES
case("title_lines", "returns_title_lines.csv", csv(title),
     "Two title lines above the header, as office spreadsheets have them.",
     diagnostics=[[1, "warning", "title_line"], [2, "warning", "title_line"]],
     accounting=(13, 13, 0, 0), same_as_small=True)

flipped = bytearray(csv(LINES))


def flip(line: int, text: str, replacement: bytes) -> None:
    """Replaces `text` on 1-based `line` by `replacement` (a flipped bit)."""
    global flipped
    lines = bytes(flipped).split(b"\n")
    assert text.encode() in lines[line - 1], (line, text)
    lines[line - 1] = lines[line - 1].replace(text.encode(), replacement, 1)
    flipped = bytearray(b"\n".join(lines))


flip(3, ",100", b",1" + bytes([0x30 ^ 0x40]) + b"0")       # 100 -> 1p0
flip(6, "000001", b"00000" + bytes([0x31 ^ 0x80]))          # 000001 -> 00000\xb1 (not UTF-8)
flip(10, "2019", b"2" + bytes([0x30 ^ 0x04]) + b"19")       # 2019 -> 2419
flip(5, ",10,100", b",10" + bytes([0x2C ^ 0x01]) + b"100")  # a separator became '-'
case("flipped_bytes", "returns_flipped_bytes.csv", bytes(flipped),
     "Single bits flipped: a digit became a letter (line 3), an id byte became invalid UTF-8 "
     "(line 6), a year became 2419 (line 10), a separator became a dash (line 5).",
     diagnostics=[[3, "error", "invalid_count"],
                  [5, "warning", "field_count"], [5, "error", "invalid_count"],
                  [6, "warning", "invalid_encoding"], [6, "error", "unknown_entity"],
                  [10, "error", "invalid_year"]],
     accounting=(13, 9, 0, 4))

bad_utf8 = list(LINES)
bad_utf8[7] = "2019,U1,suap\xff,yes,80,,10,10,200"
data = csv(bad_utf8).replace("suap\xff".encode(), b"suap\xff\xfe\xc3")
case("invalid_utf8", "returns_invalid_utf8.csv", data,
     "Bytes that are not UTF-8 in a service id (line 8): read as Windows-1252 and reported.",
     diagnostics=[[8, "warning", "invalid_encoding"], [8, "error", "unknown_service"]],
     accounting=(13, 12, 0, 1))

latin1 = (ROOT / "small" / "entities.csv").read_text(encoding="utf-8").replace(
    "Alfa,", "Forlì,").replace("Unione Alfa-Beta", "Unione Città-Beta")
case("latin1_registry", "entities_latin1.csv", latin1.encode("cp1252"),
     "A registry saved as Windows-1252 (Latin-1) with accented names on lines 2 and 6: read "
     "correctly, each such row flagged.",
     table="entities",
     diagnostics=[[2, "warning", "invalid_encoding"], [6, "warning", "invalid_encoding"]],
     accounting=(7, 5, 2, 0), same_as_small=True)

quotes = list(LINES)
quotes[4] = '2019,"000001,registry_certificates,yes,,30,,10,100'
quotes[7] = '"2019,U1,suap,yes,80,,10,10,200'
quotes[8] = '2019,000003,suap,yes,20,,,,40"'
case("unbalanced_quotes", "returns_unbalanced_quotes.csv", csv(quotes),
     "A quote never closed (line 5), and a stray quote on line 8 that pairs with one at the "
     "end of line 9, which would hide line 9 inside one cell.",
     diagnostics=[[5, "error", "malformed_row"], [8, "error", "malformed_row"],
                  [9, "error", "invalid_count"]],
     accounting=(13, 10, 0, 3))

case("duplicate_column", "returns_duplicate_column.csv",
     csv([HEADER + ",totale"] + [r + ",1" for r in ROWS]),
     "Two columns meaning the total (`total` and `totale`).", error="duplicate_column")

case("missing_column", "returns_missing_column.csv",
     csv([",".join(line.split(",")[:8]) for line in LINES]),
     "The column `total` is missing.", error="missing_column")

big = list(LINES)
big[1] = "2018,000001,registry_certificates,yes,,18446744073709551616,,10,100"
big[2] = "2018,000002,registry_certificates,yes,,20,,,99999999999999999999999999"
big[4] = "2019,000001,registry_certificates,yes,,1e30,,10,100"
big[5] = "2019,000001,school_meals_enrolment,yes,1.000.000.000,,,,1.000.000.000"
case("numbers_beyond_64_bits", "returns_big_numbers.csv", csv(big),
     "Counts of 2^64, 10^26, 1e30 and one billion (above the largest count, 999.999.999).",
     diagnostics=[[2, "error", "invalid_count"], [3, "error", "invalid_count"],
                  [5, "error", "invalid_count"], [6, "error", "invalid_count"]],
     accounting=(13, 9, 0, 4))

wide = list(LINES)
wide[4] = "２０１９,000001,registry_certificates,yes,,30,,10,100"
wide[5] = "2019,000001,school_meals_enrolment,yes,５０,,,,５０"
case("full_width_digits", "returns_full_width.csv", csv(wide),
     "A year and counts typed with full-width digits (２０１９, ５０), as Japanese or "
     "Chinese input methods write them.",
     diagnostics=[[5, "error", "invalid_year"], [6, "error", "invalid_count"]],
     accounting=(13, 11, 0, 2))

nul = csv(LINES).replace(b"2019,000003,suap,yes,20,,,,40", b"2019,000003,suap,yes,2\x000,,,,40")
nul = nul.replace(b"2019,000004,municipal_fines", b"2019,0000\x004,municipal_fines")
nul += b"\x00\x00\x00\n"
case("nul_bytes", "returns_nul_bytes.csv", nul,
     "NUL bytes inside a count (line 9), inside an id (line 12), and a line of NULs (15).",
     diagnostics=[[9, "error", "invalid_count"], [12, "error", "unknown_entity"],
                  [15, "warning", "field_count"], [15, "error", "invalid_year"]],
     accounting=(14, 11, 0, 3))

utf16 = ("\ufeff" + "\r\n".join(line.replace(",", "\t") for line in LINES) + "\r\n")
case("utf16", "returns_utf16.txt", utf16.encode("utf-16-le"),
     "Excel's \"Unicode text\": UTF-16 little-endian with a byte-order mark, tabs, CRLF.",
     accounting=(13, 13, 0, 0), same_as_small=True)

long_line = csv(LINES + ["2019,000004,suap" + "x" * 1_000_000 + ",yes,1,,,,2"])
case("very_long_line", "returns_long_line.csv", long_line,
     "A 1 MB line (a service id of a million characters) on line 15.",
     diagnostics=[[15, "error", "unknown_service"]], accounting=(14, 13, 0, 1),
     same_as_small=True)

extra = list(LINES)
extra[6] = extra[6] + ",nota del comune,x"
case("extra_cells", "returns_extra_cells.csv", csv(extra),
     "A row with two cells more than the header (line 7).",
     diagnostics=[[7, "warning", "field_count"]], accounting=(13, 12, 1, 0), same_as_small=True)

case("offer_as_returns", "offer_as_returns.csv", SMALL_OFFER.encode(),
     "The offer file given as the returns.", error="wrong_table")

case("returns_as_registry", "returns_as_entities.csv", SMALL_RETURNS.encode(),
     "The returns file given as the registry (its entity_id column would fit).",
     table="entities", error="wrong_table")

case("old_xls", "returns_old.xls", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\x00" * 504,
     "An old Excel .xls (binary) file.", error="unreadable_file")

case("html_as_xls", "returns_html.xls",
     b"<html><body><table><tr><td>year</td><td>entity_id</td></tr></table></body></html>\n",
     "A web page saved with an .xls name, as some programs export.", error="unreadable_file")

# --- workbooks -------------------------------------------------------------------------

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
ROOT_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
WORKBOOK_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
# Cell style 1 is a date (number format 14).
STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'


def col_name(c: int) -> str:
    name = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        name = chr(65 + r) + name
    return name


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def cell_xml(ref: str, v: Any) -> str:
    """A cell: str (inline text), int/float (number), bool, ("date", serial),
    ("formula", text, cached value or None), ("error", "#N/A")."""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    if isinstance(v, str):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(v)}</t></is></c>'
    kind = v[0]
    if kind == "date":
        return f'<c r="{ref}" s="1"><v>{v[1]}</v></c>'
    if kind == "formula":
        value = "" if v[2] is None else f"<v>{v[2]}</v>"
        return f'<c r="{ref}"><f>{esc(v[1])}</f>{value}</c>'
    if kind == "error":
        return f'<c r="{ref}" t="e"><v>{esc(v[1])}</v></c>'
    raise ValueError(v)


def workbook(rows: Dict[int, List[Any]], sheet: str = "returns",
             merged: Sequence[str] = (), raw: str = "") -> bytes:
    """A workbook with one sheet; `rows` maps 1-based row numbers to cell values; `raw` is
    worksheet XML appended to the rows as it is."""
    body = []
    for r in sorted(rows):
        cells = "".join(cell_xml(f"{col_name(c)}{r}", v) for c, v in enumerate(rows[r]))
        body.append(f'<row r="{r}">{cells}</row>')
    body.append(raw)
    merges = ""
    if merged:
        merges = f'<mergeCells count="{len(merged)}">' + "".join(
            f'<mergeCell ref="{m}"/>' for m in merged) + "</mergeCells>"
    sheet_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 f'<sheetData>{"".join(body)}</sheetData>{merges}</worksheet>')
    wb_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook '
              'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
              f'<sheets><sheet name="{esc(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", wb_xml),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/styles.xml", STYLES), ("xl/worksheets/sheet1.xml", sheet_xml)]:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return out.getvalue()


def typed(line: str) -> List[Any]:
    """A CSV line of small/returns.csv as spreadsheet values: numbers as numbers."""
    out: List[Any] = []
    for i, v in enumerate(line.split(",")):
        out.append(int(v) if v.isdigit() and i != 1 else v)
    return out


def sheet_rows(lines: Sequence[str]) -> Dict[int, List[Any]]:
    return {i + 1: (line.split(",") if i == 0 else typed(line)) for i, line in enumerate(lines)}


merged_rows = sheet_rows(LINES)
merged_rows[3][0] = ""  # the year 2018 of row 2, merged over A2:A3
merged_rows[5][2] = ""  # the service of row 4, merged over C4:C5
case("merged_cells", "returns_merged.xlsx", workbook(merged_rows, merged=["A2:A3", "C4:C5"]),
     "The year merged over rows 2-3 (A2:A3) and a service over rows 4-5 (C4:C5), as clerks "
     "merge repeated values: only the first cell of a merged range holds the value.",
     diagnostics=[[3, "warning", "merged_cells"], [3, "error", "invalid_year"],
                  [5, "warning", "merged_cells"], [5, "error", "missing_value"]],
     accounting=(13, 11, 0, 2))

formulas = sheet_rows(LINES)
formulas[2][8] = ("formula", "SUM(F2:H2)+80", 100)       # computed: read as 100
formulas[6][8] = ("formula", "E6", None)                  # never computed
case("formulas", "returns_formulas.xlsx", workbook(formulas),
     "Totals as formulas: one with its computed value (row 2, read as 100), one that the "
     "program writing the file never computed (row 6).",
     diagnostics=[[6, "error", "formula_without_value"]], accounting=(13, 12, 0, 1))

dates = sheet_rows(LINES)
dates[5][0] = ("date", 43466)     # 2019-01-01 typed where the year goes
dates[9][8] = ("date", 45)        # a count of 45 formatted as a date (1900-02-14)
case("dates", "returns_dates.xlsx", workbook(dates),
     "A year typed as the date 01/01/2019 (row 5) and a count formatted as a date (row 9).",
     diagnostics=[[5, "error", "invalid_year"], [9, "error", "invalid_count"]],
     accounting=(13, 11, 0, 2))

as_text = {i + 1: line.split(",") for i, line in enumerate(LINES)}
as_text[2][1] = 1          # an ISTAT code stored as a number: leading zeros lost
as_text[5][5] = " 30 "     # a count with spaces, as text
as_text[10][8] = "1.000"   # Italian thousands, as text
case("numbers_as_text", "returns_numbers_as_text.xlsx", workbook(as_text),
     "Every number stored as text (years, counts: ' 30 ', '1.000'), and an ISTAT code stored "
     "as the number 1 (row 2).",
     diagnostics=[[2, "warning", "entity_id_padded"]], accounting=(13, 12, 1, 0),
     same_as_small=True)

huge = sheet_rows(LINES)
huge[1_048_576] = [""] * 16383 + ["?"]
case("huge_dimension", "returns_stray_cell.xlsx", workbook(huge),
     "A stray value in the last cell of the sheet (XFD1048576): a sheet of 17 billion "
     "cells if read as a grid.",
     diagnostics=[[1_048_576, "warning", "field_count"], [1_048_576, "error", "invalid_year"]],
     accounting=(14, 13, 0, 1), same_as_small=True)

case("beyond_excel", "returns_beyond_excel.xlsx",
     workbook(sheet_rows(LINES), raw='<row r="15"><c r="ZZZZZZ15"><v>1</v></c></row>'),
     "A cell at column ZZZZZZ, far beyond the last column of Excel (XFD): a damaged file.",
     error="unreadable_file")

errors = sheet_rows(LINES)
errors[7][7] = ("error", "#N/A")
errors[8][8] = ("error", "#DIV/0!")
case("error_cells", "returns_error_cells.xlsx", workbook(errors),
     "Excel error values in counts: #N/A (row 7), #DIV/0! (row 8).",
     diagnostics=[[7, "error", "invalid_count"], [8, "error", "invalid_count"]],
     accounting=(13, 11, 0, 2))

offer_lines = SMALL_OFFER.rstrip("\n").split("\n")
case("wrong_sheet", "returns_foglio1.xlsx",
     workbook({i + 1: line.split(",") for i, line in enumerate(offer_lines)}, sheet="Foglio1"),
     "A workbook whose only sheet (Foglio1) is the offer, given as the returns.",
     error="wrong_table")

good = workbook(sheet_rows(LINES))
case("damaged_workbook", "returns_damaged.xlsx", good[: len(good) * 2 // 3],
     "A workbook cut off at two thirds (a broken download).", error="unreadable_file")



def patch_size(data: bytes, part: str, size: int) -> bytes:
    """The workbook with the uncompressed size of `part` rewritten in its local header and
    its central directory entry (what a zip bomb does to look small, or a forger to make
    a reader reserve gigabytes)."""
    out = bytearray(data)
    name = part.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        offset = z.getinfo(part).header_offset
    assert out[offset:offset + 4] == b"PK\x03\x04"
    out[offset + 22:offset + 26] = size.to_bytes(4, "little")
    central = -1
    i = out.find(b"PK\x01\x02")
    while i != -1:
        n = int.from_bytes(out[i + 28:i + 30], "little")
        if out[i + 46:i + 46 + n] == name:
            central = i
            break
        i = out.find(b"PK\x01\x02", i + 4)
    assert central != -1, part
    out[central + 24:central + 28] = size.to_bytes(4, "little")
    return bytes(out)


SHEET = "xl/worksheets/sheet1.xml"
padded = workbook(sheet_rows(LINES), raw=" " * (8 << 20))
with zipfile.ZipFile(io.BytesIO(good)) as z:
    small_sheet = len(z.read(SHEET))
case("zip_bomb", "returns_zip_bomb.xlsx", patch_size(padded, SHEET, small_sheet),
     "A zip bomb: a sheet of a few kilobytes in the archive, declared as "
     f"{small_sheet} bytes, that unpacks to 8 MB (a real bomb: to gigabytes).",
     error="unreadable_file")
case("claims_gigabytes", "returns_claims_gigabytes.xlsx", patch_size(good, SHEET, 0xFFFF_FFF0),
     "A small sheet whose zip directory claims 4 GB once unpacked (what a reader would "
     "reserve memory for).", error="unreadable_file")

ods = io.BytesIO()
with zipfile.ZipFile(ods, "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype", date_time=(2020, 1, 1, 0, 0, 0)),
               "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr(zipfile.ZipInfo("content.xml", date_time=(2020, 1, 1, 0, 0, 0)),
               "<office:document-content/>")
case("opendocument", "returns.ods", ods.getvalue(),
     "A LibreOffice spreadsheet (.ods).", error="unreadable_file")


def main() -> None:
    readme = [
        "# Hostile files",
        "",
        "Files as under-staffed offices send them. Each replaces one table of `fixtures/small`",
        "(the other tables are small's) and must give either a structural error with a stable",
        "code, or exactly the listed diagnostics of that file and its accounting (rows read,",
        "accepted, accepted with warnings, rejected) - never a crash, a hang or a silent loss.",
        "`same usage` marks the files whose accepted rows are exactly small's: the usage",
        "results must then equal small's (no number lost or invented).",
        "",
        "`manifest.json` says the same for machines; the Rust, command, Python and JavaScript",
        "suites all run it. Regenerate with `python3 tools/make_hostile.py`.",
        "",
        "| file | table | what is hostile | expected |",
        "|---|---|---|---|",
    ]
    for c in cases:
        e = c["expect"]
        if "error" in e:
            outcome = f"error `{e['error']}`"
        else:
            d = ", ".join(f"{line} {sev} `{code}`" for line, sev, code in e["diagnostics"])
            a = e["accounting"]
            outcome = (f"{d or 'no diagnostics'}; rows {a['rows']}: {a['accepted']} accepted, "
                       f"{a['accepted_with_warnings']} with warnings, {a['rejected']} rejected")
            if e["same_usage_as_small"]:
                outcome += "; same usage"
        readme.append(f"| `{c['file']}` | {c['table']} | {c['hostile']} | {outcome} |")
    (OUT / "README.md").write_text("\n".join(readme) + "\n", encoding="utf-8")
    manifest = {"base": "small", "cases": cases}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                       encoding="utf-8")


main()

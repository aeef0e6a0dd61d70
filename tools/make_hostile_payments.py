#!/usr/bin/env python3
"""Writes fixtures/hostile/payments/: hostile payment files (issue 13) and manifest.json,
the outcome each must give (desier-core/tests/payments_hostile.rs runs it). The expected
diagnostics are worked out by hand from each file, as the comments say."""
import ast
import json
import os


def hostile_helpers():
    """The workbook writer of tools/make_hostile.py (its functions and constants only,
    without running that script)."""
    path = os.path.join(os.path.dirname(__file__), "make_hostile.py")
    tree = ast.parse(open(path, encoding="utf-8").read())
    wanted = {"CONTENT_TYPES", "ROOT_RELS", "WORKBOOK_RELS", "STYLES", "col_name", "esc", "cell_xml", "workbook"}
    keep = [n for n in tree.body
            if isinstance(n, (ast.Import, ast.ImportFrom))
            or (isinstance(n, ast.FunctionDef) and n.name in wanted)
            or (isinstance(n, ast.Assign) and any(getattr(t, "id", None) in wanted for t in n.targets))]
    scope = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), path, "exec"), scope)
    return scope

HERE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "hostile", "payments")
HEADER = "iuv;creditor;paid_at;importo;category;origin\n"
ROW = "{i};01232710374;2020-02-0{d};10,00;9/0107106SP/;IO\n"

def rows(n):
    return "".join(ROW.format(i=i, d=1 + i % 9) for i in range(n))

REQUEST = """<pafn:paSendRTV2Request xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd">
<idPA>01232710374</idPA><idBrokerPA>02770891204</idBrokerPA><idStation>02770891204_01</idStation>
<receipt><receiptId>R{n}</receiptId><creditorReferenceId>{n}</creditorReferenceId><outcome>OK</outcome>
<transferList><transfer><idTransfer>1</idTransfer><transferAmount>10.00</transferAmount>
<fiscalCodePA>01232710374</fiscalCodePA><transferCategory>9/0107106SP/</transferCategory></transfer></transferList>
<idPSP>P</idPSP><channelDescription>app</channelDescription><paymentDateTime>2020-02-02T10:00:00</paymentDateTime>
</receipt></pafn:paSendRTV2Request>
"""

EVENT = ('{{"receiptId":"E{n}","debtorPosition":{{"iuv":"{n}"}},"creditor":{{"idPA":"01232710374"}},'
         '"paymentInfo":{{"paymentDateTime":"2020-02-02T10:00:00","touchpoint":"app"}},'
         '"transferList":[{{"fiscalCodePA":"01232710374","amount":10.0,"transferCategory":"9/0107106SP/"}}]}}')

CASES = []

def case(name, file, content, hostile, expect):
    path = os.path.join(HERE, file)
    with open(path, "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    CASES.append({"name": name, "file": file, "hostile": hostile, "expect": expect})

def acc(rows, accepted, warned, rejected):
    return {"rows": rows, "accepted": accepted, "accepted_with_warnings": warned, "rejected": rejected}

os.makedirs(HERE, exist_ok=True)

# A DTD with nested entities: refused at the DTD (line 2), nothing expanded.
case("billion_laughs", "receipts_billion_laughs.xml",
     '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
     + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10))
     + ']>\n<paSendRTV2Request><receipt><receiptId>&lol9;</receiptId></receipt></paSendRTV2Request>\n',
     "A billion-laughs DTD: nine levels of entities, each ten of the one before.",
     {"diagnostics": [[2, "error", "unsafe_xml"]], "accounting": acc(0, 0, 0, 0)})
# An external entity reading a local file: refused at the DTD, nothing read.
case("external_entity", "receipts_external_entity.xml",
     '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
     '<paSendRTV2Request><receipt><receiptId>&x;</receiptId></receipt></paSendRTV2Request>\n',
     "An external entity (SYSTEM file:///etc/passwd) in a DTD.",
     {"diagnostics": [[2, "error", "unsafe_xml"]], "accounting": acc(0, 0, 0, 0)})
# Two receipts in a root element, the second cut off: the first is read (1 record), the
# end of the file inside the second is reported on the last line (line 15).
two = "<receipts>\n" + REQUEST.format(n=1) + REQUEST.format(n=2)
cut = two[: two.rindex("<idPSP>")]
case("truncated_receipts", "receipts_truncated.xml", cut,
     "Two receipts, the file cut off inside the second one.",
     {"diagnostics": [[cut.count("\n") + 1, "error", "malformed_xml"]], "accounting": acc(1, 1, 0, 0)})
# A receipt whose transfer has a date that is not a date: the record is rejected on the
# line of its <transfer> (line 5).
bad = REQUEST.format(n=3).replace("2020-02-02T10:00:00", "2020-02-30T10:00:00")
case("receipt_bad_date", "receipts_bad_date.xml", bad,
     "A receipt paid on 30 February.",
     {"diagnostics": [[4, "error", "invalid_date"]], "accounting": acc(1, 0, 0, 1)})
# JSON nested 100,000 levels deep inside the array: refused, no stack overflow.
case("deep_json", "events_deep.json", "[" + "[" * 100_000 + "]" * 100_000 + "]",
     "JSON arrays nested 100,000 deep.",
     {"diagnostics": [[1, "error", "malformed_json"]], "accounting": acc(0, 0, 0, 0)})
# An array of three events, one per line, cut in the third: two records, the error on
# line 4 (where the third event starts).
events = "[\n" + ",\n".join(EVENT.format(n=n) for n in range(3)) + "\n]\n"
case("truncated_events", "events_truncated.json", events[: events.rindex("transferList")],
     "An array of three events cut off inside the third.",
     {"diagnostics": [[4, "error", "malformed_json"]], "accounting": acc(2, 2, 0, 0)})
# Bad values, each on its own line.
case("bad_values", "payments_bad_values.csv",
     HEADER + rows(1)
     + "2;01232710374;31/02/2020;10,00;9/0107106SP/;IO\n"      # line 3: 31 February
     + "3;01232710374;2020-02-01;10,001;9/0107106SP/;IO\n"     # line 4: three decimals
     + "4;01232710374;2020-02-01;-5;9/0107106SP/;IO\n"         # line 5: a sign
     + ";;2020-02-01;10,00;;IO\n",                             # line 6: no iuv, creditor, category
     "Impossible dates, amounts with three decimals or a sign, empty required cells.",
     {"diagnostics": [[3, "error", "invalid_date"], [4, "error", "invalid_amount"], [5, "error", "invalid_amount"],
                      [6, "error", "missing_value"], [6, "error", "missing_value"], [6, "error", "missing_value"]],
      "accounting": acc(5, 1, 0, 4)})
# Windows-1252 bytes in an origin (line 3): read as Latin-1 and flagged.
case("latin1", "payments_latin1.csv",
     (HEADER + rows(1)).encode() + "1;01232710374;2020-02-01;10,00;9/0107106SP/;caff\u00e8\n".encode("cp1252") + rows(3)[len(ROW.format(i=0, d=1)) + len(ROW.format(i=1, d=2)):].encode(),
     "A Windows-1252 byte (è) in a cell.",
     {"diagnostics": [[3, "warning", "invalid_encoding"]], "accounting": acc(3, 2, 1, 0)})
# A quote never closed on line 3; the lines after it are read.
case("unbalanced_quote", "payments_unbalanced_quote.csv",
     HEADER + rows(1) + '1;"01232710374;2020-02-01;10,00;9/0107106SP/;IO\n' + rows(4)[2 * len(ROW.format(i=0, d=1)):],
     "A quote that is never closed.",
     {"diagnostics": [[3, "error", "malformed_row"]], "accounting": acc(4, 3, 0, 1)})
# The file cut off in its last row (3 of 6 cells, no line break).
case("truncated_csv", "payments_truncated.csv", HEADER + rows(2) + "9;01232710374;2020",
     "The file ends in the middle of its last row.",
     {"diagnostics": [[4, "error", "truncated_row"]], "accounting": acc(3, 2, 0, 1)})
# Excel's "Unicode text": UTF-16 LE with a BOM, tabs and CRLF: read whole, no problem.
text = (HEADER + rows(3)).replace(";", "\t").replace("\n", "\r\n")
case("utf16", "payments_utf16.txt", b"\xff\xfe" + text.encode("utf-16-le"),
     "UTF-16 little-endian text with tabs and CRLF.",
     {"diagnostics": [], "accounting": acc(3, 3, 0, 0)})
# A BOM, CRLF, and blank lines between rows.
case("bom_crlf_blank_lines", "payments_bom_crlf.csv",
     ("\ufeff" + HEADER + rows(1) + "\n;;;\n" + rows(2)[len(ROW.format(i=0, d=1)):]).replace("\n", "\r\n"),
     "A UTF-8 BOM, Windows line endings, a blank line and a line of separators.",
     {"diagnostics": [], "accounting": acc(2, 2, 0, 0)})
# Not JSON at all after the opening brace.
case("not_json", "events_garbage.json", "{ this is not json }\n",
     "A file that starts like JSON and is not.",
     {"diagnostics": [[1, "error", "malformed_json"]], "accounting": acc(0, 0, 0, 0)})
# XML elements nested 100,000 deep on one line: refused at the 65th level (line 1).
case("deep_xml", "receipts_deep.xml", "<a>" * 100_000 + "</a>" * 100_000,
     "XML elements nested 100,000 deep.",
     {"diagnostics": [[1, "error", "malformed_xml"]], "accounting": acc(0, 0, 0, 0)})
# A file without a payments header.
case("no_header", "payments_no_header.csv", "a;b;c\n1;2;3\n",
     "A CSV file without the payments columns.",
     {"error": "missing_column"})

# fixtures/payments/records.xlsx: the records of fixtures/payments/records.csv as a
# workbook (sheet "pagamenti"), with paid_at as Excel dates (serials: 43845 = 2020-01-15,
# with 10:00 as .416666..., 44196 = 2020-12-31) and amounts as numbers.
wb = hostile_helpers()["workbook"]
sheet = {
    1: ["iuv", "creditor", "paid_at", "importo", "category", "origin", "idBrokerPA", "payment_method"],
    2: ["1", "01232710374", ("date", 43845.416666666664), 100, "9/0107106SP/", "WISP", "02770891204", ""],
    3: ["2", "01232710374", ("date", 43846.416666666664), 100, "9/0107106SP/", "IO", "", ""],
    4: ["3", "01232710374", ("date", 43847), 50, "9/0107106SP/", "", "", "cash"],
    5: ["4", "80062710373", "2020-12-31T23:30:00Z", 41, "9/0102100SA/", "CHECKOUT", "", ""],
    6: ["5", "80062710373", ("date", 43956), 12.5, "9/0101100IM/", "IO", "", ""],
}
with open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "payments", "records.xlsx"), "wb") as f:
    f.write(wb(sheet, sheet="pagamenti"))

with open(os.path.join(HERE, "manifest.json"), "w") as f:
    json.dump({"base": "payments", "cases": CASES}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"{len(CASES)} cases")

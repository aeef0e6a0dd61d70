"""Writes fixtures/small.xlsx: the tables of fixtures/small/ as one workbook, a sheet per
table, with numbers stored as numbers and one ISTAT code stored as a number (as Excel
does when the column is not formatted as text). Needs openpyxl.

    python3 tools/make_fixture_xlsx.py
"""
import csv
import pathlib

from openpyxl import Workbook

root = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
wb = Workbook()
wb.remove(wb.active)
for table in ["entities", "procedures", "facilities", "offer", "returns"]:
    ws = wb.create_sheet(table)
    with open(root / "small" / f"{table}.csv", newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f)):
            cells = []
            for j, v in enumerate(row):
                # Counts, populations and years as numbers; ids stay text except one.
                if i > 0 and v.isdigit() and not (j <= 1 and len(v) == 6 and v != "000004"):
                    cells.append(int(v))
                else:
                    cells.append(v if v != "" else None)
            ws.append(cells)
wb.save(root / "small.xlsx")

"""Point 4 of issue 14: every result to Excel (`--format xlsx --output FILE`): a sheet per
table, Italian headers, numbers as numbers with their formats, frozen header, filters."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import SMALL, desier_bin, run

COMMANDS = {
    "interactivity": (["interactivity", "--dir", str(SMALL)], "Comuni"),
    "usage": (["usage", "--dir", str(SMALL)], "Servizi"),
    "compare": (["compare", "--dir", str(SMALL), "--from", "2018", "--to", "2019"], "Servizi"),
    "validate": (["validate", "--dir", str(SMALL)], "Righe lette"),
}


def test_every_result_opens_in_excel(tmp_path: Path) -> None:
    import openpyxl

    for name, (args, sheet) in COMMANDS.items():
        out = tmp_path / f"{name}.xlsx"
        run(*args, "--format", "xlsx", "--output", str(out))
        wb = openpyxl.load_workbook(out)
        assert sheet in wb.sheetnames, (name, wb.sheetnames)
        for ws in wb:
            assert ws.freeze_panes == "A2", (name, ws.title)
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), (name, ws.title)
    wb = openpyxl.load_workbook(tmp_path / "usage.xlsx")
    ws = wb["Comuni"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["codice ente", "ente", "anno", "indice"]
    # fixtures/small: 000001 Alfa, index 2019 as in desier-core/tests/fixtures_usage.rs.
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "000001" and r[2].value == 2019)
    assert row[1].value == "Alfa"
    assert isinstance(row[3].value, float) and row[3].number_format == "#,##0.00"
    services = wb["Servizi"]
    h = [c.value for c in services[1]]
    shares = [r[h.index("quota online")] for r in services.iter_rows(min_row=2)]
    given = [c for c in shares if c.value is not None]
    assert given and all(isinstance(c.value, (int, float)) and c.number_format == "0.0%" for c in given)
    rows = wb["Righe lette"]
    assert [c.value for c in rows[1]][:2] == ["tabella", "tabella (descrizione)"]


def test_a_workbook_needs_an_output_file() -> None:
    p = subprocess.run([desier_bin(), "usage", "--dir", str(SMALL), "--format", "xlsx"],
                       capture_output=True, text=True)
    assert p.returncode == 1 and "invalid_option" in p.stderr and "--output" in p.stderr

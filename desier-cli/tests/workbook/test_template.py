"""The survey workbook as an office opens it (openpyxl): only the cells to fill are
editable, they carry data validation, flagged rows are coloured, the header is frozen and
the instructions say what nd means."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA_SHEET, SMALL, run


def test_only_the_cells_to_fill_are_editable(tmp_path: Path) -> None:
    import openpyxl

    payments = tmp_path / "payments.csv"
    payments.write_text(
        "year,entity_id,service_id,active,regional_platform,autonomous_platform,"
        "national_platform,extra_platform,total\n2020,000003,municipal_fines,si,120,,,45,300\n"
    )
    out = tmp_path / "t.xlsx"
    run("template", "--entities", str(SMALL / "entities.csv"), "--year", "2020",
        "--previous", str(SMALL / "returns.csv"), "--payments-counts", str(payments),
        "--output", str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Istruzioni", DATA_SHEET]
    ws = wb[DATA_SHEET]
    assert ws.protection.sheet and wb["Istruzioni"].protection.sheet
    assert ws.freeze_panes == "F2"
    assert ws.max_row == 43
    header = [c.value for c in ws[1]]
    fill = {"Attivo", "Piattaforma regionale", "Piattaforma autonoma", "Piattaforma nazionale",
            "Extra piattaforma", "Totale"}
    fines = next(r for r in range(2, 44)
                 if ws.cell(r, 2).value == "000003" and ws.cell(r, 4).value == "municipal_fines")
    for r in (2, fines):
        for c, h in enumerate(header, start=1):
            cell = ws.cell(r, c)
            preloaded = r == fines and h in {"Piattaforma regionale", "Extra piattaforma"}
            assert cell.protection.locked == (h not in fill or preloaded), (r, h)
    assert (ws.cell(fines, 7).value, ws.cell(fines, 10).value, ws.cell(fines, 11).value) == (120, 45, None)
    assert ws.cell(2, 12).number_format == "0.0%"
    assert str(ws.cell(2, 13).value).startswith("=IF(")
    ranges = sorted(str(v.sqref) for v in ws.data_validations.dataValidation)
    assert ranges == ["F2:F43", "G2:K43"]
    kinds = {v.type for v in ws.data_validations.dataValidation}
    assert kinds == {"list", "custom"}
    rules = [r.formula[0] for cf in ws.conditional_formatting for r in cf.rules]
    assert rules == ['LEFT($M2,6)="Errore"', '$M2<>""']
    text = " ".join(str(c.value) for row in wb["Istruzioni"].iter_rows() for c in row if c.value)
    for words in ("nd significa «non disponibile» e non vale mai 0", "modello 1", "home banking",
                  "Piattaforma regionale", "Totale: tutte le richieste"):
        assert words in text, words

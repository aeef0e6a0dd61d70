"""Point 3 of issue 14: the workbook's own checks agree with desier's validation. The
template is filled with a case for each check (openpyxl), recalculated in LibreOffice
headless, and the rows its `Controlli` formula flags must be exactly the rows desier
flags when the same data is read as returns, with last year's returns; its `Quota online`
must equal desier's share of each row."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA_SHEET, HEADER, SMALL, csv_text, fill, recalculate, run, run_json

MUNICIPALITIES = ["000001", "000002", "000003", "000004"]
SERVICES = [
    "registry_certificates", "nursery_enrolment", "nursery_fees", "school_meals_enrolment",
    "school_meals_payment", "building_scia", "suap", "municipal_fines",
]

# Each case: last year's return (or None) and this year's cells (active, regional,
# autonomous, national, extra, total), and whether desier flags it (hand reading of
# io/returns.rs and validate.rs: SHARE_JUMP 0.5, FAR_LOWER 2, TOTAL_JUMP 10).
CASES: list[tuple[str, list[object] | None, list[object], bool]] = [
    ("clean", None, ["si", 10, "nd", None, 5, 100], False),
    ("online above the total", None, ["si", 60, None, None, 50, 100], True),
    ("total in the platform field, extra given", None, ["si", 100, None, None, 5, 100], True),
    ("total missing (a hint, not a check of desier)", None, ["si", 10, None, None, 5, "nd"], False),
    ("counts on a service declared not active", None, ["no", 10, None, None, 5, 100], True),
    ("active left empty with platform counts", None, [None, 0, 7, None, None, 100], True),
    ("not active, extra and total only", None, ["no", None, None, None, 5, 100], False),
    ("active not known", None, ["nd", 10, None, None, None, 100], True),
    ("active misspelt", None, ["forse", 10, None, None, None, 100], True),
    ("count not a number", None, ["si", "dieci", None, None, None, 100], True),
    ("negative count", None, ["si", -5, None, None, None, 100], True),
    ("fractional count", None, ["si", 2.5, None, None, None, 100], True),
    ("zero total", None, ["si", 0, None, None, 0, 0], False),
    ("platform = total, last year far lower",
     ["si", 40, None, None, None, 100], ["si", 100, None, None, None, 100], True),
    ("platform = total, last year exactly half (not below), share moves exactly 50 points",
     ["si", 50, None, None, None, 100], ["si", 100, None, None, None, 100], False),
    ("platform = total of 101, last year 50 = 101 // 2 (not below), last year not active",
     ["no", 50, None, None, None, 101], ["si", 101, None, None, None, 101], False),
    ("platform = total of 101, last year 49 < 101 // 2",
     ["nd", None, 49, None, None, 120], ["si", None, 101, None, None, 101], True),
    ("share moves 60 points", ["si", 10, None, None, None, 100], ["si", 70, None, None, None, 100], True),
    ("share moves exactly 50 points", ["si", 25, None, None, None, 100], ["si", 75, None, None, None, 100], False),
    ("share moves 45 points", ["si", None, 5, None, 5, 100], ["si", 40, None, None, 15, 100], False),
    ("total 10.1 times last year's", ["si", 1, None, None, None, 10], ["si", 10, None, None, None, 101], True),
    ("total exactly 10 times last year's", ["si", 1, None, None, None, 10], ["si", 10, None, None, None, 100], False),
    ("total a tenth of last year's and less", ["si", 10, None, None, None, 1001], ["si", 10, None, None, None, 100], True),
    ("last year zero total, now positive", ["si", 0, None, None, None, 0], ["si", 5, None, None, None, 100], False),
    ("last year not useful (no platform)", ["si", None, None, None, 5, 100], ["si", 90, None, None, 5, 100], False),
    ("nd everywhere", None, ["si", "nd", "nd", "nd", "nd", "nd"], False),
]


def slots() -> list[tuple[str, str]]:
    return [(e, s) for s in SERVICES for e in MUNICIPALITIES]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("recalc")
    places = slots()[: len(CASES)]
    previous = [
        [2019, e, s, *prev] for (e, s), (_, prev, _, _) in zip(places, CASES) if prev is not None
    ]
    prev_csv = tmp / "returns_2019.csv"
    prev_csv.write_text(csv_text(previous))
    template = tmp / "rilevazione_2020.xlsx"
    entities = str(SMALL / "entities.csv")
    run("template", "--entities", entities, "--year", "2020", "--previous", str(prev_csv),
        "--service", ",".join(SERVICES), "--output", str(template))
    values = {place: now for place, (_, _, now, _) in zip(places, CASES)}
    filled = tmp / "compilato.xlsx"
    rows = fill(template, values, filled)
    [recalculated] = recalculate([filled], tmp / "recalculated", tmp)
    # desier on the same data: last year's rows, then this year's as typed.
    both = tmp / "returns.csv"
    both.write_text(csv_text(previous) + csv_text(rows).split("\n", 1)[1])
    result = run_json("validate", "--entities", entities, "--returns", str(both))
    return {"rows": rows, "recalculated": recalculated, "desier": result, "places": places,
            "first_line": len(previous) + 2, "entities": entities, "tmp": tmp}


def sheet_values(path: Path) -> list[dict[str, object]]:
    import openpyxl

    ws = openpyxl.load_workbook(path, data_only=True)[DATA_SHEET]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


def test_the_workbook_flags_exactly_the_rows_desier_flags(checked: dict) -> None:
    values = sheet_values(checked["recalculated"])
    flagged_by_sheet = {
        (v["Codice ente"], v["Id servizio"]) for v in values if (v["Controlli"] or "").strip()
    }
    lines = {d["line"] for d in checked["desier"]["diagnostics"] if d["line"] >= checked["first_line"]}
    rows = checked["rows"]
    flagged_by_desier = {(rows[l - checked["first_line"]][1], rows[l - checked["first_line"]][2]) for l in lines}
    expected = {place for place, (_, _, _, flag) in zip(checked["places"], CASES) if flag}
    names = {place: name for place, (name, _, _, _) in zip(checked["places"], CASES)}
    # Each side against the hand reading of the rules, then against each other.
    assert {names[p] for p in flagged_by_desier} == {names[p] for p in expected}
    assert {names.get(p, p) for p in flagged_by_sheet} == {names[p] for p in expected}
    assert flagged_by_sheet == flagged_by_desier
    # Errors (rows left out) are the rows the sheet calls "Errore".
    at = [rows[d["line"] - checked["first_line"]] for d in checked["desier"]["diagnostics"]
          if d["severity"] == "error" and d["line"] >= checked["first_line"]]
    errors = {(r[1], r[2]) for r in at}
    sheet_errors = {(v["Codice ente"], v["Id servizio"]) for v in values
                    if (v["Controlli"] or "").startswith("Errore")}
    assert sheet_errors == errors


def test_the_share_column_is_desiers_share(checked: dict) -> None:
    values = {(v["Codice ente"], v["Id servizio"]): v for v in sheet_values(checked["recalculated"])}
    tmp: Path = checked["tmp"]
    compared = 0
    for (entity, service), (name, _, now, _) in zip(checked["places"], CASES):
        # desier's share of this row alone: its service's pooled share over one return.
        one = tmp / f"one_{entity}_{service}.csv"
        one.write_text(HEADER + "\n" + csv_text([[2020, entity, service, *now]]).split("\n", 1)[1])
        usage = run_json("usage", "--year", "2020", "--entities", checked["entities"], "--returns", str(one))
        figures = next(s for s in usage["services"] if s["service_id"] == service)
        rejected = usage["tables"][1]["rejected"] == 1
        want = None if rejected else figures["share"]
        got = values[(entity, service)]["Quota online"]
        got = None if got in ("", None) else got
        if want is None:
            assert got is None, name
        else:
            # LibreOffice stores 15 significant digits in the file: equal up to that.
            assert got == pytest.approx(want, rel=1e-14, abs=0), name
            compared += 1
    # The useful cases: clean, platform = total (x4), share moves (x4), totals (x3), ...
    assert compared >= 12

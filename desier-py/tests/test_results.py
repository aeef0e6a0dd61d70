"""Result objects: DataFrames, to_dict, to_polars, the notebook summary."""

from __future__ import annotations

import pathlib

import pandas as pd
import polars as pl
import pytest

import desier
from conftest import expected, interactivity, without_diagnostics


@pytest.fixture(scope="module")
def result() -> desier.InteractivityResult:
    return interactivity("small")


def test_to_dict_is_the_json_result_and_a_copy(result: desier.InteractivityResult) -> None:
    d = result.to_dict()
    assert list(d) == ["municipalities", "aggregates", "diagnostics", "tables"]
    d["municipalities"].clear()
    assert without_diagnostics(result.to_dict()) == without_diagnostics(expected("small.interactivity"))


def test_municipalities_frame(result: desier.InteractivityResult) -> None:
    m = result.municipalities
    assert list(m.columns) == [
        "entity_id", "name", "year", "index", "procedures_scored", "procedures_na",
        "by_area.anagrafe", "by_area.scuola",
    ]
    assert m["index"].dtype == "float64" and m["year"].dtype == "int64"
    assert list(m["entity_id"]) == ["000001", "000002", "000003", "000004"]


def test_aggregates_and_empty_diagnostics_frames() -> None:
    r = interactivity("small", year=2019)
    assert list(r.aggregates.columns) == ["group", "key", "year", "index", "municipalities"]
    clean = desier.interactivity(
        pd.DataFrame({"entity_id": ["A"], "kind": ["municipality"]}),
        pd.DataFrame({"procedure_id": ["p"], "area_id": ["a"], "phases": ["request"]}),
        pd.DataFrame({"year": [2019], "entity_id": ["A"], "procedure_id": ["p"],
                      "online_phases": ["request"]}),
    )
    assert clean.diagnostics.empty
    assert list(clean.diagnostics.columns) == ["file", "line", "severity", "code", "message"]


def test_undefined_index_is_nan() -> None:
    # Every procedure presupposes a nursery that the municipality lacks: index null.
    r = desier.interactivity(
        pd.DataFrame({"entity_id": ["A"], "kind": ["municipality"]}),
        pd.DataFrame({"procedure_id": ["p"], "area_id": ["a"], "phases": ["request"],
                      "requires_facility": ["nursery"]}),
        pd.DataFrame({"year": [2019], "entity_id": ["A"], "procedure_id": ["p"],
                      "online_phases": ["request"]}),
        pd.DataFrame({"year": [2019], "entity_id": ["A"], "facility": ["nursery"],
                      "present": ["no"]}),
    )
    assert r.to_dict()["municipalities"][0]["index"] is None
    assert r.municipalities["index"].isna().all()


def test_to_polars_has_the_same_tables(result: desier.InteractivityResult) -> None:
    frames = result.to_polars()
    assert list(frames) == ["municipalities", "aggregates", "diagnostics", "tables"]
    for name, frame in frames.items():
        assert isinstance(frame, pl.DataFrame)
        pandas = getattr(result, name)
        assert frame.columns == list(pandas.columns)
        assert frame.to_dicts() == pandas.astype(object).to_dict("records")


def test_notebook_summary(result: desier.InteractivityResult) -> None:
    page = result._repr_html_()
    assert "Interactivity index" in page
    assert "regional interactivity index" in page
    assert f"{(250 / 3 + 62.5 + 37.5) / 4:.2f}" in page
    assert "diagnostics: 1 (0 errors, 1 warnings)" in page
    assert repr(result).startswith("<InteractivityResult municipalities: 4 rows")


def test_results_are_read_only(result: desier.InteractivityResult) -> None:
    with pytest.raises(AttributeError):
        result.municipalities = pd.DataFrame()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        result.extra = 1  # type: ignore[attr-defined]


def test_sample_tables() -> None:
    s = desier.sample()
    assert list(s) == ["entities", "facilities", "procedures", "offer", "returns"]
    entities = s["entities"]
    assert entities["entity_id"].iloc[0] == "033001"  # leading zeros kept
    # Emilia-Romagna in the 2023 registry: the 328 municipalities of 2020 and the two that
    # joined from the Marche in 2021; the same codes as desier.registry(2023, "08").
    municipalities = entities[entities["kind"] == "municipality"]
    assert len(municipalities) == 328 + 2
    assert list(municipalities["entity_id"]) == list(desier.registry(2023, "08")["entity_id"])
    assert "ISTAT" in desier.SAMPLE_ATTRIBUTION


def test_usage_compare_and_validation_results() -> None:
    s = desier.sample()
    u = desier.usage(s["entities"], s["returns"], facilities=s["facilities"])
    assert list(u.to_polars()) == [
        "services", "municipalities", "aggregates", "diagnostics", "tables"]
    assert "channels.extra_platform" in u.services.columns
    assert "name" in u.municipalities.columns
    assert "regional usage index" in u._repr_html_()
    c = desier.compare(s["entities"], s["returns"], from_year=2018, to_year=2019)
    assert list(c.services.columns[:4]) == ["from", "to", "service_id", "comparable_cases"]
    assert "change (pp)" in c._repr_html_()
    assert list(c.to_dict()) == ["from", "to", "services", "diagnostics", "tables"]
    v = desier.validate(**s)
    assert v.has_errors and list(v.to_dict()) == ["diagnostics", "tables"]
    assert "duplicate_row" in v._repr_html_()
    codes = set(v.diagnostics["code"])
    assert {"unknown_service", "phase_not_applicable"} <= codes  # returns and offer checked



def test_to_excel_writes_the_commands_workbook(tmp_path: pathlib.Path) -> None:
    import subprocess

    import openpyxl  # type: ignore[import-untyped]

    from conftest import FIXTURES, desier_bin

    r = interactivity("small")
    path = tmp_path / "risultato.xlsx"
    r.to_excel(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Comuni", "Aggregati", "Diagnostica", "Righe lette"]
    ws = wb["Comuni"]
    assert [c.value for c in ws[1]][:4] == ["codice ente", "ente", "anno", "indice"]
    assert ws["B2"].value == "Alfa" and ws.freeze_panes == "A2"
    command = desier_bin()
    if command is None:
        pytest.skip("the desier command is not built")
    out = tmp_path / "command.xlsx"
    subprocess.run([str(command), "interactivity", "--dir", str(FIXTURES / "small"),
                    "--format", "xlsx", "--output", str(out)], check=False)
    theirs = openpyxl.load_workbook(out)
    # The same workbook as the command's (the accounting names the files as given).
    for name in ("Comuni", "Aggregati"):
        a = [[c.value for c in row] for row in wb[name].iter_rows()]
        b = [[c.value for c in row] for row in theirs[name].iter_rows()]
        assert a == b, name

"""The hostile files of fixtures/hostile/ (cut off, wrong encodings, stray quotes, NUL bytes,
numbers beyond 64 bits, merged cells, formulas without values, ...), run through the
package: each gives the structural error or exactly the diagnostics and accounting that
fixtures/hostile/manifest.json lists, as the Rust, command and JavaScript suites check."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest

import desier
from desier import _errors, _native
from conftest import FIXTURES, TABLES, path

HOSTILE = FIXTURES / "hostile"
MANIFEST: Dict[str, Any] = json.loads((HOSTILE / "manifest.json").read_text("utf-8"))
CASES: List[Dict[str, Any]] = MANIFEST["cases"]


def tables_with(case: Dict[str, Any]) -> Dict[str, str]:
    """The tables of the base dataset (small), with the case's file as its table."""
    base = MANIFEST["base"]
    tables = {t: path(base, t) for t in TABLES if (FIXTURES / base / f"{t}.csv").exists()}
    tables[case["table"]] = str(HOSTILE / case["file"])
    return tables


def numbers(result: desier.Result) -> Dict[str, Any]:
    """The numbers of a result (not its diagnostics and accounting, nor the names of the
    municipalities, which a hostile registry may spell otherwise)."""
    out = {k: v for k, v in result.to_dict().items() if k not in ("diagnostics", "tables")}
    out["municipalities"] = [{k: v for k, v in m.items() if k != "name"}
                             for m in out.get("municipalities", [])]
    return out


def usage_of(tables: Dict[str, str]) -> desier.UsageResult:
    return desier.usage(tables["entities"], tables["returns"],
                        facilities=tables.get("facilities"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_file(case: Dict[str, Any]) -> None:
    tables = tables_with(case)
    file = tables[case["table"]]
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(desier.InputError) as e:
            desier.validate(**tables)
        assert (e.value.code, e.value.file) == (expect["error"], file)
        return
    result = desier.validate(**tables).to_dict()
    found = [[d["line"], d["severity"], d["code"]]
             for d in result["diagnostics"] if d["file"] == file]
    assert found == expect["diagnostics"]
    for d in result["diagnostics"]:
        assert "\x00" not in d["message"] and len(d["message"]) < 600
    (read,) = [t for t in result["tables"] if t["file"] == file]
    assert {k: read[k] for k in expect["accounting"]} == expect["accounting"]
    if expect["same_usage_as_small"]:
        small = tables_with({"table": "returns", "file": "../small/returns.csv"})
        assert numbers(usage_of(tables)) == numbers(usage_of(small))


def test_accounting_adds_up_in_every_result() -> None:
    s = desier.sample()
    results: List[desier.Result] = [
        desier.interactivity(s["entities"], s["procedures"], s["offer"], s["facilities"]),
        desier.usage(s["entities"], s["returns"], facilities=s["facilities"]),
        desier.compare(s["entities"], s["returns"], from_year=2018, to_year=2019),
        desier.validate(**s),
    ]
    for r in results:
        frame = r.tables
        assert list(frame.columns) == [
            "table", "file", "rows", "accepted", "accepted_with_warnings", "rejected"]
        assert not frame.empty
        assert (frame["rows"] == frame["accepted"] + frame["accepted_with_warnings"]
                + frame["rejected"]).all()


def test_every_core_error_code_maps_to_an_exception_class() -> None:
    assert set(_native.ERROR_CODES) == set(_errors._CLASSES), (
        "map every code of desier_core::Error::CODES in desier/_errors.py")
    for code in _native.ERROR_CODES:
        error = _native.NativeError(code, "message", None, None)
        mapped = _errors.from_native(error)
        assert mapped.code == code and isinstance(mapped, desier.DesierError)
        assert type(mapped) is not desier.DesierError, code

"""The shared fixtures: the same numbers as the Rust tests (computed by hand there) and
exactly the expected JSON of fixtures/expected/, from every kind of input."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest

import desier
from conftest import (
    FIXTURES,
    LOADERS,
    basenames,
    expected,
    interactivity,
    path,
    without_diagnostics,
)

# fixtures/small, 2019, stepped rule: see desier-core/tests/fixtures.rs for the hand
# computation. Alfa has no nursery (nido na) and gets cambio from its union U1.
ALFA = 250.0 / 3.0
BY_HAND = {"000001": ALFA, "000002": 62.5, "000003": 37.5, "000004": 0.0}

CASES = [
    ("small.interactivity", {}),
    ("small.interactivity.proportional.population",
     {"rule": "proportional", "weighting": "population"}),
]


def diagnostics(result: desier.Result) -> List[Tuple[str, int, str]]:
    """(file, line, code) of every diagnostic except the leading-zero restorations, which
    typed DataFrames add where a code column became numbers."""
    return [
        (d["file"], d["line"], d["code"])
        for d in result.to_dict()["diagnostics"]
        if d["code"] != "entity_id_padded"
    ]


@pytest.mark.parametrize("loader", list(LOADERS))
def test_small_by_hand(loader: str) -> None:
    r = interactivity("small", LOADERS[loader])
    m = r.municipalities.set_index("entity_id")
    assert m["index"].to_dict() == pytest.approx(BY_HAND)
    assert list(m.loc["000001", ["procedures_scored", "procedures_na"]]) == [3, 1]
    assert m.loc["000001", "by_area.anagrafe"] == 75.0
    assert m.loc["000002", "by_area.scuola"] == 25.0
    assert list(m["name"]) == ["Alfa", "Beta", "Gamma", "Delta"]
    agg = r.aggregates.set_index(["group", "key"])["index"]
    assert agg["region", "region"] == pytest.approx((ALFA + 62.5 + 37.5) / 4)
    assert agg["province", "BB"] == pytest.approx(18.75)
    assert agg["territory", "plain"] == pytest.approx(100.0 / 3)
    assert agg["union", "U1"] == pytest.approx((ALFA + 62.5) / 2)
    assert ("size_class", "medium") not in agg.index


@pytest.mark.parametrize("loader", list(LOADERS))
@pytest.mark.parametrize("name,options", CASES)
def test_small_equals_expected_json(loader: str, name: str, options: Dict[str, Any]) -> None:
    actual = interactivity("small", LOADERS[loader], **options).to_dict()
    want = expected(name)
    assert without_diagnostics(actual) == without_diagnostics(want)
    if loader == "path":
        assert basenames(actual) == want


@pytest.mark.parametrize("loader", list(LOADERS))
def test_small_diagnostics_from_each_input(loader: str) -> None:
    r = interactivity("small", LOADERS[loader])
    # A file is named by its path; a DataFrame by its table, its rows counted from 2.
    file = path("small", "offer") if loader == "path" else "offer"
    assert diagnostics(r) == [(file, 10, "phase_not_applicable")]


def test_messy_italian_file_equals_expected_json() -> None:
    r = interactivity("messy")
    assert basenames(r.to_dict()) == expected("messy.interactivity")
    clean = expected("small.interactivity")
    assert without_diagnostics(r.to_dict()) == without_diagnostics(clean)


def test_workbook_gives_the_same_numbers() -> None:
    book = str(FIXTURES / "small.xlsx")
    r = desier.interactivity(book, book, book, book)
    assert without_diagnostics(r.to_dict()) == without_diagnostics(expected("small.interactivity"))
    codes = [(d["line"], d["code"]) for d in r.to_dict()["diagnostics"]]
    assert codes == [(5, "entity_id_padded"), (10, "phase_not_applicable")]


def test_a_year_without_offer_scores_zero_with_a_warning() -> None:
    r = interactivity("small", year=2021)
    assert set(r.municipalities["index"]) == {0.0}
    assert set(r.municipalities["year"]) == {2021}
    assert "year_not_in_data" in set(r.diagnostics["code"])

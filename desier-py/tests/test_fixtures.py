"""The shared fixtures: the same numbers as the Rust tests (computed by hand there) and
exactly the expected JSON of fixtures/expected/ (every case of its manifest), from every
kind of input."""

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
    keywords,
    manifest,
    path,
    run,
    without_diagnostics,
)

# fixtures/small: see desier-core/tests/fixtures.rs and fixtures_usage.rs for the hand
# computations. Alfa has no nursery and belongs to the union U1 with Beta.
ALFA = 250.0 / 3.0
BY_HAND = {"000001": ALFA, "000002": 62.5, "000003": 37.5, "000004": 0.0}
CASES = manifest()


def diagnostics(result: desier.Result) -> List[Tuple[str, int, str]]:
    """(file, line, code) of every diagnostic except the leading-zero restorations, which
    typed DataFrames add where a code column became numbers."""
    return [
        (d["file"], d["line"], d["code"])
        for d in result.to_dict()["diagnostics"]
        if d["code"] != "entity_id_padded"
    ]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_manifest_case_from_files_equals_expected_json(case: Dict[str, Any]) -> None:
    r = run(case["computation"], case["dataset"], **keywords(case["options"]))
    assert basenames(r.to_dict()) == expected(case["name"])


SMALL_CASES = [c for c in CASES if c["dataset"] == "small"]


@pytest.mark.parametrize("loader", [k for k in LOADERS if k != "path"])
@pytest.mark.parametrize("case", SMALL_CASES, ids=[c["name"] for c in SMALL_CASES])
def test_manifest_case_from_dataframes_equals_expected_json(
    case: Dict[str, Any], loader: str
) -> None:
    r = run(case["computation"], case["dataset"], LOADERS[loader], **keywords(case["options"]))
    want = expected(case["name"])
    assert without_diagnostics(r.to_dict()) == without_diagnostics(want)
    # The same diagnostics, the file named by the table instead of the file.
    assert diagnostics(r) == [
        (d["file"].removesuffix(".csv"), d["line"], d["code"]) for d in want["diagnostics"]
    ]


@pytest.mark.parametrize("loader", list(LOADERS))
def test_small_interactivity_by_hand(loader: str) -> None:
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
def test_small_usage_by_hand(loader: str) -> None:
    r = run("usage", "small", LOADERS[loader])
    assert isinstance(r, desier.UsageResult)
    m = r.municipalities.set_index(["year", "entity_id"])["index"]
    assert m[2019, "000001"] == pytest.approx(100 * 1.9 / 6)  # no nursery: 6 services
    assert m[2019, "000002"] == pytest.approx(6.25)  # SUAP from the union U1
    assert m[2019, "000003"] == pytest.approx(6.375)
    assert m.isna()[2019, "000004"]  # no useful datum: no value, not 0
    assert m[2018, "000002"] == pytest.approx(2.5)
    # (One row; selected by mask, as a non-unique index gives a frame in pandas 2.)
    a = r.aggregates
    region = a[(a["year"] == 2019) & (a["group"] == "region")].iloc[0]
    assert region["municipalities"] == 3
    assert region["index"] == pytest.approx((100 * 1.9 / 6 + 6.25 + 6.375) / 3)
    s = r.services.set_index(["year", "service_id"])
    suap = s.loc[(2019, "suap")]
    assert list(suap[["online", "total", "bodies_offering", "bodies_potential"]]) == [
        120, 240, 3, 4]  # the union's return counts once
    assert suap["channels.regional_platform"] == pytest.approx(100 / 240)
    cert = s.loc[(2019, "registry_certificates")]
    assert (cert["bodies_offering"], cert["bodies_with_data"]) == (2, 1)
    assert cert["availability_rate"] == 0.5
    assert s.loc[(2019, "nursery_enrolment"), "bodies_potential"] == 3


@pytest.mark.parametrize("loader", list(LOADERS))
def test_small_compare_by_hand(loader: str) -> None:
    r = run("compare", "small", LOADERS[loader], from_year=2018, to_year=2019)
    assert isinstance(r, desier.CompareResult)
    assert (r.from_year, r.to_year) == (2018, 2019)
    s = r.services.set_index("service_id")
    cert = s.loc["registry_certificates"]
    assert cert["comparable_cases"] == 1
    assert (cert["from.share"], cert["to.share"]) == pytest.approx((0.2, 0.4))
    assert cert["delta_pp.share"] == pytest.approx(20.0)
    assert cert["delta_pp.autonomous_platform"] == pytest.approx(20.0)
    fines = s.loc["municipal_fines"]
    assert list(fines[["comparable_cases", "from.online", "from.total"]]) == [1, 0, 800]
    assert fines["delta_pp.share"] == pytest.approx(1.0)
    assert s.loc["suap", "comparable_cases"] == 0
    assert set(r.services["from"]) == {2018} and set(r.services["to"]) == {2019}


def test_messy_gives_the_numbers_of_small() -> None:
    for computation in ("interactivity", "usage"):
        messy = run(computation, "messy").to_dict()
        clean = run(computation, "small").to_dict()
        assert without_diagnostics(messy) == without_diagnostics(clean)
    lines = [
        (d["line"], d["code"]) for d in run("usage", "messy").to_dict()["diagnostics"]
        if d["file"].endswith("returns.csv") and d["code"] != "entity_id_padded"
    ]
    assert lines == [(15, "invalid_count"), (16, "invalid_count"),
                     (17, "online_exceeds_total"), (18, "unknown_service"),
                     (19, "duplicate_row")]


def test_validate_reports_every_table() -> None:
    r = run("validate", "messy")
    assert isinstance(r, desier.ValidationResult) and r.has_errors
    files = {f.rsplit("/", 1)[-1] for f in r.diagnostics["file"]}
    assert files == {"entities.csv", "facilities.csv", "offer.csv", "returns.csv"}
    small = run("validate", "small")
    assert isinstance(small, desier.ValidationResult) and not small.has_errors
    assert set(small.diagnostics["code"]) == {"phase_not_applicable"}


def test_workbook_gives_the_same_numbers() -> None:
    book = str(FIXTURES / "small.xlsx")
    r = desier.interactivity(book, book, book, book)
    assert without_diagnostics(r.to_dict()) == without_diagnostics(expected("small.interactivity"))
    codes = [(d["line"], d["code"]) for d in r.to_dict()["diagnostics"]]
    assert codes == [(5, "entity_id_padded"), (10, "phase_not_applicable")]
    u = desier.usage(book, book, facilities=book)
    assert without_diagnostics(u.to_dict()) == without_diagnostics(expected("small.usage"))


def test_a_year_without_offer_scores_zero_with_a_warning() -> None:
    r = interactivity("small", year=2021)
    assert set(r.municipalities["index"]) == {0.0}
    assert set(r.municipalities["year"]) == {2021}
    assert "year_not_in_data" in set(r.diagnostics["code"])


def test_small_diagnostics_from_a_file_name_the_file() -> None:
    assert diagnostics(interactivity("small")) == [
        (path("small", "offer"), 10, "phase_not_applicable")]

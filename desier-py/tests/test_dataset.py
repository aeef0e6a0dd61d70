"""desier.load: the tables read once, computed on many times, with the same results as the
one-shot functions (every case of fixtures/expected/manifest.json) and the diagnostics and
accounting of what was read."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import desier
from conftest import (
    FIXTURES,
    TABLES,
    basenames,
    expected,
    keywords,
    manifest,
    pandas_text,
    run,
)

CASES = manifest()


def compute(data: desier.Dataset, computation: str, **options: Any) -> desier.Result:
    """A manifest computation as a method of the dataset."""
    if computation == "interactivity":
        return data.interactivity(**options)
    if computation == "usage":
        return data.usage(**options)
    if computation == "compare":
        return data.compare(**options)
    assert computation == "validate"
    return data.validate()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_manifest_case_on_a_loaded_folder(case: Dict[str, Any]) -> None:
    # The whole folder, every table read once, whichever computation follows.
    data = desier.load(FIXTURES / case["dataset"])
    options = keywords(case["options"])
    r = compute(data, case["computation"], **options)
    assert basenames(r.to_dict()) == expected(case["name"])
    one_shot = run(case["computation"], case["dataset"], **options)
    assert r.to_dict() == one_shot.to_dict()


def test_one_dataset_of_dataframes_gives_every_result() -> None:
    frames = {
        t: pandas_text("small", t) for t in TABLES if (FIXTURES / "small" / f"{t}.csv").exists()
    }
    data = desier.load(frames)
    for case in (c for c in CASES if c["dataset"] == "small"):
        options = keywords(case["options"])
        r = compute(data, case["computation"], **options)
        one_shot = run(case["computation"], "small", pandas_text, **options)
        assert r.to_dict() == one_shot.to_dict(), case["name"]
    # Names travel with the index results, as with the one-shot functions.
    assert list(data.interactivity().municipalities["name"]) == ["Alfa", "Beta", "Gamma", "Delta"]


def test_the_sample_dict_loads_as_it_is() -> None:
    s = desier.sample()
    data = desier.load(s)
    once = data.usage(year=2019).to_dict()
    assert once == desier.usage(s["entities"], s["returns"], facilities=s["facilities"],
                                year=2019).to_dict()
    i = data.interactivity(rule="proportional")
    assert i.to_dict() == desier.interactivity(
        s["entities"], s["procedures"], s["offer"], s["facilities"], rule="proportional"
    ).to_dict()
    read = data.tables
    assert list(read["table"]) == ["entities", "facilities", "procedures", "offer", "returns"]
    # The sample's registry is the 328 municipalities of Emilia-Romagna and its bodies.
    assert (read["rows"] == read["accepted"] + read["accepted_with_warnings"]
            + read["rejected"]).all()
    assert data.validate() is data.validate(), "validated once"


def test_diagnostics_and_accounting_of_what_was_read() -> None:
    data = desier.load(FIXTURES / "small")
    tables = data.tables.set_index("table")
    assert list(tables.index) == ["entities", "facilities", "procedures", "offer", "returns"]
    # fixtures/small/offer.csv: one doubtful row, line 10 (`payment` is not a phase of
    # `cambio`), kept with a warning.
    offer = tables.loc["offer"]
    assert (offer["accepted_with_warnings"], offer["rejected"]) == (1, 0)
    diags = data.diagnostics
    line_10 = diags[(diags["file"].str.endswith("offer.csv")) & (diags["line"] == 10)]
    assert list(line_10["code"]) == ["phase_not_applicable"]
    # The usage result carries only the diagnostics and accounting of its own tables.
    u = data.usage()
    assert list(u.tables["table"]) == ["entities", "facilities", "returns"]
    assert not (u.diagnostics["code"] == "phase_not_applicable").any()
    # fixtures/small/offer.csv has 9 data rows under its header; no row is rejected.
    assert repr(data).startswith("<Dataset entities: 7 rows, ")
    assert "offer: 9 rows" in repr(data) and repr(data).endswith("; 0 rows rejected>")


def test_keyword_tables_take_precedence_over_the_folder() -> None:
    small = FIXTURES / "small"
    # The comparable fixture's returns instead of the small ones.
    data = desier.load(small, returns=FIXTURES / "comparable" / "returns.csv")
    files = list(data.tables["file"])
    assert files[-1].endswith("comparable/returns.csv")
    assert files[0].endswith("small/entities.csv")


def test_a_computation_without_its_tables_raises_input_error() -> None:
    s = desier.sample()
    data = desier.load(entities=s["entities"], returns=s["returns"])
    with pytest.raises(desier.InputError) as e:
        data.interactivity()
    assert e.value.code == "missing_table"
    assert data.usage().municipalities.shape[0] > 0
    with pytest.raises(desier.InputError) as e:
        desier.load(returns=s["returns"])
    assert e.value.code == "missing_table"
    with pytest.raises(desier.OptionError):
        data.compare(from_year=2019, to_year=2019)
    with pytest.raises(KeyError):
        desier.load({"entities": s["entities"], "offerta": s["offer"]})

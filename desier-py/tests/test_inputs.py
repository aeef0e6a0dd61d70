"""Inputs: file paths, pandas and polars give identical results; a DataFrame's diagnostics
give row position + 2 as the line; every kind of cell converts as a CSV export would."""

from __future__ import annotations

import pathlib
from typing import Any, Dict, List

import pandas as pd
import polars as pl
import pytest

import desier
from conftest import FIXTURES, pandas_text, path

PROCEDURES_COLUMNS: Dict[str, List[Any]] = {
    "procedure_id": ["cert", "nido"],
    "area_id": ["anagrafe", "scuola"],
    "phases": ["request|payment", "request"],
}
ENTITIES_COLUMNS: Dict[str, List[Any]] = {
    "entity_id": ["000001", "000002"],
    "kind": ["municipality"] * 2,
    "population": [10, 20],
}
PROCEDURES = pd.DataFrame(PROCEDURES_COLUMNS)
ENTITIES = pd.DataFrame(ENTITIES_COLUMNS)
# Rows at positions 0-4; positions 1 and 3 are wrong.
OFFER: Dict[str, List[Any]] = {
    "year": [2019, 2019, 2019, "20l9", 2019],
    "entity_id": ["000001", "999999", "000002", "000002", "000001"],
    "procedure_id": ["cert", "cert", "nido", "cert", "nido"],
    "online_phases": ["request", "request", "request", "request", "request"],
}


def lines(result: desier.Result) -> List[Any]:
    return [(d["line"], d["code"]) for d in result.to_dict()["diagnostics"]]


def test_pandas_lines_are_row_position_plus_two() -> None:
    r = desier.interactivity(ENTITIES, PROCEDURES, pd.DataFrame(OFFER))
    assert lines(r) == [(3, "unknown_entity"), (5, "invalid_year")]
    assert set(r.diagnostics["file"]) == {"offer"}


def test_polars_lines_are_row_position_plus_two() -> None:
    offer = pl.DataFrame({k: [str(v) for v in vs] for k, vs in OFFER.items()})
    r = desier.interactivity(pl.DataFrame(ENTITIES_COLUMNS), pl.DataFrame(PROCEDURES_COLUMNS), offer)
    assert lines(r) == [(3, "unknown_entity"), (5, "invalid_year")]
    assert set(r.diagnostics["file"]) == {"offer"}


def test_file_lines_count_the_header_as_line_one(tmp_path: pathlib.Path) -> None:
    offer = tmp_path / "offer.csv"
    pd.DataFrame(OFFER).to_csv(offer, index=False)
    r = desier.interactivity(ENTITIES, PROCEDURES, offer)
    assert lines(r) == [(3, "unknown_entity"), (5, "invalid_year")]
    assert set(r.diagnostics["file"]) == {str(offer)}


def test_a_pandas_index_is_ignored_rows_count_by_position() -> None:
    offer = pd.DataFrame(OFFER, index=[10, 20, 30, 40, 50])
    r = desier.interactivity(ENTITIES, PROCEDURES, offer)
    assert lines(r) == [(3, "unknown_entity"), (5, "invalid_year")]


def test_paths_pandas_and_polars_are_identical_on_the_sample(tmp_path: pathlib.Path) -> None:
    sample = desier.sample()
    files = {}
    for name, frame in sample.items():
        files[name] = tmp_path / f"{name}.csv"
        frame.to_csv(files[name], index=False)
    names = ("entities", "procedures", "offer", "facilities")
    by_path = desier.interactivity(*(files[n] for n in names)).to_dict()
    by_pandas = desier.interactivity(*(sample[n] for n in names)).to_dict()
    by_polars = desier.interactivity(*(pl.read_csv(files[n], infer_schema=False) for n in names)).to_dict()
    for other in (by_pandas, by_polars):
        assert other["municipalities"] == by_path["municipalities"]
        assert other["aggregates"] == by_path["aggregates"]
        assert lines_of(other) == lines_of(by_path)


def lines_of(result: Dict[str, Any]) -> List[Any]:
    return [(d["line"], d["code"], d["message"]) for d in result["diagnostics"]]


def test_cells_convert_as_a_csv_export_would() -> None:
    # Floats: whole ones lose ".0" (a year, a population read as float because of a
    # missing value); others keep their decimals; NaN, None, NA are empty.
    entities = pd.DataFrame(
        {"entity_id": ["000001", "000002", "U1"],
         "kind": ["municipality", "municipality", "union"],
         "population": [1000.0, 60000.0, float("nan")],
         "mountain": [True, False, None],
         "union_id": ["U1", pd.NA, None]}
    )
    offer = pd.DataFrame(
        {"year": [2019.0, 2019.0], "entity_id": ["U1", "000002"],
         "procedure_id": ["cert", "nido"], "online_phases": ["request", None]}
    )
    r = desier.interactivity(entities, PROCEDURES, offer)
    assert r.diagnostics.empty, r.diagnostics.to_dict("records")
    m = r.municipalities.set_index("entity_id")["index"]
    assert m.to_dict() == {"000001": 25.0, "000002": 0.0}  # Alfa gets cert (50) via U1
    agg = r.aggregates.set_index(["group", "key"])["index"]
    assert agg["territory", "mountain"] == 25.0 and agg["size_class", "large"] == 0.0


def test_pathlib_paths_and_polars_lazy_frames() -> None:
    entities = pathlib.Path(path("small", "entities"))
    lazy = pl.scan_csv(FIXTURES / "small" / "offer.csv", infer_schema=False)
    r = desier.interactivity(entities, pandas_text("small", "procedures"), lazy)
    assert len(r.municipalities) == 4


def test_other_objects_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="offer table must be a file path"):
        desier.interactivity(ENTITIES, PROCEDURES, [["year"]])  # type: ignore[arg-type]

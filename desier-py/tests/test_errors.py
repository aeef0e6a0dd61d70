"""Structural problems raise DesierError subclasses chosen by the core's error code;
row-level problems never raise."""

from __future__ import annotations

import pandas as pd
import pytest

import desier
from conftest import FIXTURES, pandas_text, path

PROCEDURES = pandas_text("small", "procedures")
ENTITIES = pandas_text("small", "entities")
OFFER = pandas_text("small", "offer")


def test_missing_column_names_the_table_and_the_column() -> None:
    with pytest.raises(desier.InputError) as e:
        desier.interactivity(ENTITIES, PROCEDURES, OFFER.drop(columns="procedure_id"))
    err = e.value
    assert isinstance(err, ValueError) and isinstance(err, desier.DesierError)
    assert (err.code, err.file, err.column) == ("missing_column", "offer", "procedure_id")
    assert "procedure_id" in str(err)


def test_missing_column_of_a_file_names_the_file() -> None:
    with pytest.raises(desier.InputError) as e:
        desier.interactivity(path("small", "procedures"), PROCEDURES, OFFER)  # not a registry
    assert (e.value.file, e.value.column) == (path("small", "procedures"), "entity_id")


def test_duplicate_column() -> None:
    entities = ENTITIES.assign(codice=ENTITIES["entity_id"])
    with pytest.raises(desier.InputError) as e:
        desier.interactivity(entities, PROCEDURES, OFFER)
    assert (e.value.code, e.value.file, e.value.column) == (
        "duplicate_column", "entities", "entity_id")


def test_unreadable_file() -> None:
    missing = str(FIXTURES / "small" / "nope.csv")
    with pytest.raises(desier.InputError) as e:
        desier.interactivity(missing, PROCEDURES, OFFER)
    assert (e.value.code, e.value.file, e.value.column) == ("unreadable_file", missing, None)


def test_empty_dataframe_is_an_input_error() -> None:
    with pytest.raises(desier.InputError) as e:
        desier.interactivity(ENTITIES, PROCEDURES, pd.DataFrame())
    assert e.value.file == "offer"


def test_missing_required_table() -> None:
    with pytest.raises(desier.InputError) as e:
        desier.interactivity(ENTITIES, PROCEDURES, None)  # type: ignore[arg-type]
    assert e.value.code == "missing_table"


def test_invalid_option() -> None:
    with pytest.raises(desier.OptionError) as e:
        desier.interactivity(ENTITIES, PROCEDURES, OFFER, rule="linear")  # type: ignore[arg-type]
    assert isinstance(e.value, ValueError) and e.value.code == "invalid_option"
    assert "linear" in str(e.value)
    with pytest.raises(TypeError):
        desier.interactivity(ENTITIES, PROCEDURES, OFFER, year="2019")  # type: ignore[arg-type]


def test_bad_rows_never_raise() -> None:
    offer = pd.concat(
        [OFFER, pd.DataFrame([{"year": "dopo", "entity_id": "x", "procedure_id": "?"}])],
        ignore_index=True,
    )
    r = desier.interactivity(ENTITIES, PROCEDURES, offer)
    errors = r.diagnostics[r.diagnostics["severity"] == "error"]
    assert list(errors["line"]) == [len(offer) + 1]


def test_compare_needs_two_different_years() -> None:
    with pytest.raises(desier.OptionError) as e:
        desier.compare(ENTITIES, pandas_text("small", "returns"), from_year=2019, to_year=2019)
    assert e.value.code == "invalid_option"


def test_usage_missing_column() -> None:
    returns = pandas_text("small", "returns").drop(columns="total")
    with pytest.raises(desier.InputError) as e:
        desier.usage(ENTITIES, returns)
    assert (e.value.file, e.value.column) == ("returns", "total")


def test_validate_offer_without_procedures() -> None:
    with pytest.raises(desier.InputError) as e:
        desier.validate(ENTITIES, offer=OFFER)
    assert e.value.code == "missing_table"

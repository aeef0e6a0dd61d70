"""Property: the order of the rows of any table does not change the results."""

from __future__ import annotations

import random
from typing import Any, Dict, List, Tuple

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import desier
from conftest import INTERACTIVITY, pandas_text, run_interactivity

USAGE = {t: pandas_text("small", t) for t in ("entities", "returns", "facilities")}

SMALL = {t: pandas_text("small", t) for t in INTERACTIVITY}
SAMPLE = desier.sample()
# A duplicate row keeps the first one seen, so order matters there by design: leave the
# sample's deliberate duplicates out.
SAMPLE["offer"] = SAMPLE["offer"].drop_duplicates(["year", "entity_id", "procedure_id"])
SAMPLE_TABLES = {t: SAMPLE[t] for t in INTERACTIVITY}


def summary(r: desier.Result) -> Tuple[Any, ...]:
    """The numbers, and the diagnostics as a sorted list of (code, message)."""
    d = r.to_dict()
    codes = sorted((x["code"], x["message"]) for x in d.pop("diagnostics"))
    return rounded(d), codes


def rounded(value: Any) -> Any:
    """Floats to 9 decimals: means summed in another order may differ in the last bits."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def shuffled(frame: pd.DataFrame, order: List[int]) -> pd.DataFrame:
    rows: pd.DataFrame = frame.iloc[order].reset_index(drop=True)
    return rows


SMALL_RESULT = summary(run_interactivity(SMALL))


def usage_and_compare(tables: Dict[str, pd.DataFrame]) -> Tuple[Any, ...]:
    u = desier.usage(tables["entities"], tables["returns"], facilities=tables["facilities"])
    c = desier.compare(tables["entities"], tables["returns"], facilities=tables["facilities"],
                       from_year=2018, to_year=2019)
    return summary(u), summary(c)


USAGE_RESULT = usage_and_compare(USAGE)
SAMPLE_RESULT = summary(run_interactivity(SAMPLE_TABLES))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_row_order_does_not_change_the_small_results(data: st.DataObject) -> None:
    tables = {
        t: shuffled(f, data.draw(st.permutations(list(range(len(f)))), label=t))
        for t, f in SMALL.items()
    }
    assert summary(run_interactivity(tables)) == SMALL_RESULT


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_row_order_does_not_change_usage_or_comparison(data: st.DataObject) -> None:
    tables = {
        t: shuffled(f, data.draw(st.permutations(list(range(len(f)))), label=t))
        for t, f in USAGE.items()
    }
    assert usage_and_compare(tables) == USAGE_RESULT


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_row_order_does_not_change_the_sample_results(seed: int) -> None:
    rnd = random.Random(seed)
    tables = {}
    for t, f in SAMPLE_TABLES.items():
        order = list(range(len(f)))
        rnd.shuffle(order)
        tables[t] = shuffled(f, order)
    assert summary(run_interactivity(tables)) == SAMPLE_RESULT

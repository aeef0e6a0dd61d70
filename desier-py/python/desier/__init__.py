"""desier: the DESI-ER local indicators of the digital public services of municipalities
(Emilia-Romagna method), computed by the Rust core, for pandas and polars.

- :func:`interactivity`: the municipal interactivity index (indice di interattività
  comunale): how much of the municipal administrative work can be done online.
- :func:`sample`: the built-in sample dataset (328 municipalities of Emilia-Romagna).

Every table argument is a file path (CSV or XLSX), a pandas DataFrame or a polars
DataFrame with the columns of FORMATS.md (English names or their Italian aliases, any
case). Structural problems raise :class:`InputError`; problems with single rows never
raise: they are the result's ``diagnostics``.

>>> import desier
>>> s = desier.sample()
>>> r = desier.interactivity(s["entities"], s["procedures"], s["offer"], s["facilities"])
>>> r.aggregates.query("group == 'region'")[["year", "index"]]  # doctest: +SKIP
"""

from __future__ import annotations

import io
import json
import operator
from typing import Any, Callable, Dict, Literal, Optional, Tuple

import pandas as pd

from . import _native
from ._errors import DesierError, InputError, OptionError, from_native
from ._results import InteractivityResult, Result
from ._tables import Table, native_tables
from ._topojson import Topology


__version__: str = _native.__version__

#: The scoring rules of a procedure: 0/50/100 (the method's) or 100 x online / applicable.
Rule = Literal["stepped", "proportional"]
#: The weighting of aggregates: simple mean (the method's) or population-weighted.
Weighting = Literal["simple", "population"]

__all__ = [
    "DesierError",
    "InputError",
    "InteractivityResult",
    "OptionError",
    "Result",
    "Rule",
    "Table",
    "Topology",
    "Weighting",
    "interactivity",
    "sample",
    "SAMPLE_ATTRIBUTION",
]

#: Attribution of the real data in the built-in sample.
SAMPLE_ATTRIBUTION: str = _native.SAMPLE_ATTRIBUTION

_Native = Callable[[Dict[str, Any], str], Tuple[str, Dict[str, str]]]


def interactivity(
    entities: Table,
    procedures: Table,
    offer: Table,
    facilities: Optional[Table] = None,
    *,
    year: Optional[int] = None,
    rule: Rule = "stepped",
    weighting: Weighting = "simple",
) -> InteractivityResult:
    """The municipal interactivity index (indice di interattività comunale).

    Args:
        entities: the registry of bodies (``entity_id``, ``name``, ``kind``, ``province``,
            ``population``, ``mountain``, ``union_id``, optional ``year``).
        procedures: the catalog of procedures (``procedure_id``, ``area_id``, ``phases``,
            ``requires_facility``, ...).
        offer: the surveyed online offer (``year``, ``entity_id``, ``procedure_id``,
            ``online_phases``).
        facilities: physical facilities per year; without it every facility is present.
        year: compute only this year (default: every year of the offer).
        rule: ``"stepped"`` (0 / 50 / 100, the method's rule) or ``"proportional"``.
        weighting: aggregates as ``"simple"`` means (the method's) or ``"population"``
            weighted.

    Returns:
        The result: ``municipalities``, ``aggregates`` and ``diagnostics`` DataFrames.

    Raises:
        InputError: a table cannot be read or lacks a required column.
        OptionError: an option outside its allowed set.
    """
    tables = {"entities": entities, "procedures": procedures, "offer": offer,
              "facilities": facilities}
    options = {"year": _year(year), "rule": rule, "weighting": weighting}
    return InteractivityResult(*_compute(_native.interactivity, tables, options))


def sample() -> Dict[str, pd.DataFrame]:
    """The built-in sample dataset as pandas DataFrames by table name (``entities``,
    ``facilities``, ``procedures``, ``offer``, ``returns``), ready to pass back in.

    The registry of the 328 municipalities of Emilia-Romagna is real (ISTAT, CC BY 3.0
    IT); mountain flags, unions and the catalog are illustrative, the surveys synthetic
    (see :data:`SAMPLE_ATTRIBUTION`). Identifier columns (``*_id``) are text, so that
    ISTAT codes keep their leading zeros.
    """
    out: Dict[str, pd.DataFrame] = {}
    for name, text in _native.sample_files():
        header = text.split("\n", 1)[0].lstrip("\ufeff").split(",")
        ids = {c: str for c in header if c.endswith("_id")}
        out[name] = pd.read_csv(io.StringIO(text), dtype=ids)
    return out


def _year(year: Optional[int]) -> Optional[int]:
    """A year as a plain int (numpy integers accepted), or None."""
    return None if year is None else operator.index(year)


def _compute(
    function: _Native, tables: Dict[str, Optional[Table]], options: Dict[str, Any]
) -> Tuple[Dict[str, Any], Dict[str, str]]:
    """Runs a native computation: the tables as native inputs, the options as JSON, the
    result's JSON parsed; core errors become :class:`DesierError` subclasses by code."""
    native = native_tables(tables)
    try:
        text, names = function(native, json.dumps(options))
    except _native.NativeError as e:
        raise from_native(e) from None
    data: Dict[str, Any] = json.loads(text)
    return data, names

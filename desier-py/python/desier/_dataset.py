"""The loaded dataset: the tables read once by the core, with their diagnostics and the
accounting of their rows, computed on as many times as wanted."""

from __future__ import annotations

import json
import operator
import os
from typing import Any, Callable, Dict, Literal, Mapping, Optional, Tuple, Union

import pandas as pd

from . import _native
from ._errors import from_native
from ._results import CompareResult, InteractivityResult, UsageResult, ValidationResult
from ._tables import Table, native_tables

#: The scoring rules of a procedure: 0/50/100 (the method's) or 100 x online / applicable.
Rule = Literal["stepped", "proportional"]
#: The weighting of aggregates: simple mean (the method's) or population-weighted.
Weighting = Literal["simple", "population"]
#: What :func:`load` takes first: a folder, or tables by name (the dict of ``sample()``).
Source = Union[str, "os.PathLike[str]", Mapping[str, Optional[Table]]]

#: The canonical table names, in reading order.
TABLE_NAMES = ("entities", "facilities", "procedures", "offer", "services", "returns")


class Dataset:
    """The input tables read once (i dati letti), with every diagnostic and the
    accounting of every table read; each computation is a method, whose result carries the
    diagnostics and accounting of the tables it uses (exactly what the one-shot function
    gives on the same tables). Made by :func:`load`.

    >>> import desier
    >>> data = desier.load(desier.sample())
    >>> data.interactivity().aggregates  # doctest: +SKIP
    >>> data.usage(year=2020).municipalities  # doctest: +SKIP
    >>> data.compare(from_year=2019, to_year=2020).services  # doctest: +SKIP
    """

    __slots__ = ("_native", "_validation")

    def __init__(self, native: _native.Dataset) -> None:
        self._native = native
        self._validation: Optional[ValidationResult] = None

    def interactivity(
        self,
        *,
        year: Optional[int] = None,
        rule: Rule = "stepped",
        weighting: Weighting = "simple",
    ) -> InteractivityResult:
        """The municipal interactivity index (indice di interattività comunale); needs
        ``entities``, ``procedures`` and ``offer``. Options as
        :func:`desier.interactivity`."""
        options = {"year": _year(year), "rule": rule, "weighting": weighting}
        return InteractivityResult(*_call(self._native.interactivity, json.dumps(options)))

    def usage(
        self,
        *,
        year: Optional[int] = None,
        weighting: Weighting = "simple",
    ) -> UsageResult:
        """The usage index of interactive services (indice di utilizzo) and the
        per-service figures; needs ``entities`` and ``returns``. Options as
        :func:`desier.usage`."""
        options = {"year": _year(year), "weighting": weighting}
        return UsageResult(*_call(self._native.usage, json.dumps(options)))

    def compare(self, *, from_year: int, to_year: int) -> CompareResult:
        """The change between two years over comparable cases (confronto omogeneo);
        needs ``entities`` and ``returns``. As :func:`desier.compare`."""
        options = {"from_year": operator.index(from_year), "to_year": operator.index(to_year)}
        return CompareResult(*_call(self._native.compare, json.dumps(options)))

    def validate(self) -> ValidationResult:
        """Every row check of every table read, without computing an index: the
        :attr:`diagnostics` and :attr:`tables` accounting (as :func:`desier.validate`)."""
        if self._validation is None:
            self._validation = ValidationResult(*_call(self._native.validate))
        return self._validation

    @property
    def diagnostics(self) -> pd.DataFrame:
        """Every rejected (``error``) or flagged (``warning``) row of the tables read,
        with ``file``, ``line``, ``severity``, ``code`` and ``message``."""
        return self.validate().diagnostics

    @property
    def tables(self) -> pd.DataFrame:
        """The accounting of every table read, in reading order: ``table``, ``file``,
        ``rows`` read, ``accepted``, ``accepted_with_warnings`` and ``rejected``."""
        return self.validate().tables

    @property
    def has_errors(self) -> bool:
        """Whether any row was rejected."""
        return self.validate().has_errors

    def __repr__(self) -> str:
        reads = self.validate().to_dict()["tables"]
        tables = ", ".join(f"{t['table']}: {t['rows']} rows" for t in reads)
        errors = sum(1 for d in self.validate().to_dict()["diagnostics"]
                     if d["severity"] == "error")
        return f"<Dataset {tables}; {errors} rows rejected>"


def load(
    source: Optional[Source] = None,
    /,
    *,
    entities: Optional[Table] = None,
    facilities: Optional[Table] = None,
    procedures: Optional[Table] = None,
    offer: Optional[Table] = None,
    services: Optional[Table] = None,
    returns: Optional[Table] = None,
) -> Dataset:
    """Reads the tables once into a :class:`Dataset`, on which every computation runs.

    Args:
        source: a folder holding the tables under their canonical names
            (``entities.csv``, ``offer.xlsx``, ...), or the tables by name (the dict of
            :func:`desier.sample`); the keyword tables take precedence over it.
        entities: the registry of bodies (required, here or in ``source``).
        facilities, procedures, offer, services, returns: the other tables, each a file
            path (CSV or XLSX), a pandas or a polars DataFrame. ``offer`` needs
            ``procedures``.

    Raises:
        InputError: a table cannot be read, lacks a required column, or is required and
            not given.
    """
    tables: Dict[str, Optional[Table]] = {}
    folder: Optional[str] = None
    if isinstance(source, (str, os.PathLike)):
        folder = os.fsdecode(source)
    elif source is not None:
        unknown = sorted(set(source) - set(TABLE_NAMES))
        if unknown:
            raise KeyError(f"unknown table(s) {unknown}: the tables are {list(TABLE_NAMES)}")
        tables.update(source)
    given = {"entities": entities, "facilities": facilities, "procedures": procedures,
             "offer": offer, "services": services, "returns": returns}
    tables.update({k: v for k, v in given.items() if v is not None})
    try:
        native = _native.load(native_tables(tables), folder)
    except _native.NativeError as e:
        raise from_native(e) from None
    return Dataset(native)


def _year(year: Optional[int]) -> Optional[int]:
    """A year as a plain int (numpy integers accepted), or None."""
    return None if year is None else operator.index(year)


def _call(method: Callable[..., Tuple[str, Dict[str, str]]], *args: str) -> Tuple[Dict[str, Any], Dict[str, str]]:
    """Runs a native computation; its JSON parsed, core errors as :class:`DesierError`
    subclasses by code."""
    try:
        text, names = method(*args)
    except _native.NativeError as e:
        raise from_native(e) from None
    data: Dict[str, Any] = json.loads(text)
    return data, names

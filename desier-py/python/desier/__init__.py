"""desier: the DESI-ER local indicators of the digital public services of municipalities
(Emilia-Romagna method), computed by the Rust core, for pandas and polars.

- :func:`interactivity`: the municipal interactivity index (indice di interattività
  comunale): how much of the municipal administrative work can be done online.
- :func:`usage`: the usage index of interactive services (indice di utilizzo dei servizi
  interattivi) and the per-service figures by channel.
- :func:`compare`: the change between two years over comparable cases (confronto
  omogeneo), in percentage points.
- :func:`validate`: only the diagnostics of every table given.
- :func:`sample`: the built-in sample dataset (330 municipalities of Emilia-Romagna).
- :func:`registry`: the entities table of every Italian municipality (or of one region)
  from the built-in national registry (anagrafe dei comuni, 2022 and 2023).
- :func:`load`: the tables read once into a :class:`Dataset`, whose methods
  (``interactivity()``, ``usage()``, ``compare()``, ``validate()``) compute on them as
  many times as wanted, with the ``diagnostics`` and ``tables`` accounting of what was
  read; the functions above are each ``load(...)`` followed by one method.

Every table argument is a file path (CSV or XLSX), a pandas DataFrame or a polars
DataFrame with the columns of docs/FORMATS.md (English names or their Italian aliases, any
case). Structural problems raise :class:`InputError`; problems with single rows never
raise: they are the result's ``diagnostics``.

>>> import desier
>>> s = desier.sample()
>>> r = desier.interactivity(s["entities"], s["procedures"], s["offer"], s["facilities"])
>>> r.aggregates.query("group == 'region'")[["year", "index"]]  # doctest: +SKIP
>>> u = desier.usage(s["entities"], s["returns"], facilities=s["facilities"])
>>> c = desier.compare(s["entities"], s["returns"], from_year=2018, to_year=2019)
>>> data = desier.load(s)  # every table read once
>>> data.interactivity().aggregates  # doctest: +SKIP
>>> data.usage(year=2019).municipalities  # doctest: +SKIP
"""

from __future__ import annotations

import io
from typing import Any, Dict, Optional

import pandas as pd

from . import _native
from ._dataset import Dataset, Rule, Source, Weighting, _year, load
from ._errors import DesierError, InputError, OptionError, OutputError, from_native
from ._results import (
    CompareResult,
    InteractivityResult,
    Result,
    UsageResult,
    ValidationResult,
)
from ._tables import Table
from ._topojson import Topology


__version__: str = _native.__version__

__all__ = [
    "CompareResult",
    "Dataset",
    "DesierError",
    "InputError",
    "InteractivityResult",
    "OptionError",
    "OutputError",
    "Result",
    "Rule",
    "REGISTRY_ATTRIBUTION",
    "SAMPLE_ATTRIBUTION",
    "Source",
    "Table",
    "Topology",
    "UsageResult",
    "ValidationResult",
    "Weighting",
    "compare",
    "interactivity",
    "load",
    "registry",
    "sample",
    "usage",
    "validate",
]

#: Attribution of the real data in the built-in sample.
SAMPLE_ATTRIBUTION: str = _native.SAMPLE_ATTRIBUTION
#: Attribution of the built-in national registry (Openpolis, ISTAT, CC BY 4.0).
REGISTRY_ATTRIBUTION: str = _native.REGISTRY_ATTRIBUTION


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
            ``online_phases``, optional ``platform``, optional ``platform_kind``).
        facilities: physical facilities per year (``year``, ``entity_id``, ``facility``,
            ``present``); without it every facility is present.
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
    data = load(entities=entities, procedures=procedures, offer=offer, facilities=facilities)
    return data.interactivity(year=year, rule=rule, weighting=weighting)


def usage(
    entities: Table,
    returns: Table,
    services: Optional[Table] = None,
    facilities: Optional[Table] = None,
    *,
    year: Optional[int] = None,
    weighting: Weighting = "simple",
) -> UsageResult:
    """The usage index of interactive services (indice di utilizzo dei servizi
    interattivi) and the per-service figures by channel.

    Args:
        entities: the registry of bodies.
        returns: the usage returns (``year``, ``entity_id``, ``service_id``, ``active``,
            ``regional_platform``, ``autonomous_platform``, ``national_platform``,
            ``extra_platform``, ``total``).
        services: the service catalog (``service_id``, ``service_name``, ``competence``,
            ``extra_platform_channel``, ``requires_facility``); without it, the method's
            built-in catalog.
        facilities: physical facilities per year; without it every facility is present.
        year: compute only this year (default: every year of the returns).
        weighting: aggregates as ``"simple"`` means (the method's) or ``"population"``
            weighted.

    Returns:
        The result: ``services``, ``municipalities``, ``aggregates`` and ``diagnostics``
        DataFrames.

    Raises:
        InputError: a table cannot be read or lacks a required column.
        OptionError: an option outside its allowed set.
    """
    data = load(entities=entities, returns=returns, services=services, facilities=facilities)
    return data.usage(year=year, weighting=weighting)


def compare(
    entities: Table,
    returns: Table,
    services: Optional[Table] = None,
    facilities: Optional[Table] = None,
    *,
    from_year: int,
    to_year: int,
) -> CompareResult:
    """The change of the online shares between two years over comparable cases only
    (confronto omogeneo), per service and channel, in percentage points.

    A return pair is comparable when both years have a total above zero and either
    platform data or the service not active, and the service is active in at least one
    of the two years. Cases are counted in municipalities for municipal services: a
    union's pair counts once in the pooled figures and once for each member without
    returns of its own in either year.

    Args:
        entities: the registry of bodies.
        returns: the usage returns of both years.
        services: the service catalog; without it, the method's built-in catalog.
        facilities: physical facilities per year; without it every facility is present.
        from_year: the earlier year.
        to_year: the later year (not ``from_year``).

    Returns:
        The result: ``services`` (the pooled figures of both years, ``delta_pp.*`` and
        ``comparable_cases``) and ``diagnostics`` DataFrames.

    Raises:
        InputError: a table cannot be read or lacks a required column.
        OptionError: ``to_year`` equals ``from_year``.
    """
    data = load(entities=entities, returns=returns, services=services, facilities=facilities)
    return data.compare(from_year=from_year, to_year=to_year)


def validate(
    entities: Table,
    *,
    facilities: Optional[Table] = None,
    procedures: Optional[Table] = None,
    offer: Optional[Table] = None,
    services: Optional[Table] = None,
    returns: Optional[Table] = None,
) -> ValidationResult:
    """Reads every table given and runs every row check, returning only the diagnostics
    (nothing is computed). ``offer`` needs ``procedures``. ``desier.validate(**tables)``
    accepts the dict of :func:`sample`.

    Raises:
        InputError: a table cannot be read or lacks a required column.
    """
    return load(entities=entities, facilities=facilities, procedures=procedures, offer=offer,
                services=services, returns=returns).validate()


def sample() -> Dict[str, pd.DataFrame]:
    """The built-in sample dataset as pandas DataFrames by table name (``entities``,
    ``facilities``, ``procedures``, ``offer``, ``returns``), ready to pass back in.

    The registry of the 330 municipalities of Emilia-Romagna in 2023 and their resident
    population on 1 January 2023 are real (Openpolis, ISTAT, CC BY 4.0); mountain flags,
    unions and the catalog are illustrative, the surveys synthetic (see
    :data:`SAMPLE_ATTRIBUTION`). Identifier columns (``*_id``) are text, so that
    ISTAT codes keep their leading zeros.
    """
    out: Dict[str, pd.DataFrame] = {}
    for name, text in _native.sample_files():
        header = text.split("\n", 1)[0].lstrip("\ufeff").split(",")
        ids = {c: str for c in header if c.endswith("_id")}
        out[name] = pd.read_csv(io.StringIO(text), dtype=ids)
    return out


def registry(year: Optional[int] = None, region: Optional[str] = None) -> pd.DataFrame:
    """The canonical entities table of the built-in national registry (anagrafe dei comuni
    italiani): every municipality in ``year`` (2022 or 2023; default: the latest) with its
    ISTAT code (text, leading zeros kept), name, ``kind`` ``municipality``, province
    abbreviation and resident population on 1 January (empty when the source has none),
    or only those of ``region`` (ISTAT code such as ``"08"`` or name such as
    ``"Emilia-Romagna"``). ``mountain`` and ``union_id`` are empty: the registry has
    neither, fill them in before relying on the territory and union means. Source:
    :data:`REGISTRY_ATTRIBUTION`.

    Raises:
        OptionError: a year or region the registry does not have.
    """
    try:
        text = _native.registry_entities(_year(year), None if region is None else str(region))
    except _native.NativeError as e:
        raise from_native(e) from None
    dtypes: Dict[str, Any] = {"entity_id": str, "name": str, "kind": str, "province": str,
                              "population": "Int64", "mountain": "boolean", "union_id": str}
    frame: pd.DataFrame = pd.read_csv(io.StringIO(text), dtype=dtypes)
    return frame

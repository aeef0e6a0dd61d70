"""Result objects: small read-only wrappers around the JSON result of docs/FORMATS.md, whose
tables are pandas DataFrames (nested objects become dotted columns, as in the command's
CSV output)."""

from __future__ import annotations

import copy
import html
import json
import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

import pandas as pd

from . import _plot

if TYPE_CHECKING:
    import polars as pl
    from matplotlib.axes import Axes

    from ._plot import Topology

#: Columns of the accounting of the tables read.
ACCOUNTING_COLUMNS = ["table", "file", "rows", "accepted", "accepted_with_warnings", "rejected"]
#: Columns of an empty diagnostics table.
DIAGNOSTIC_COLUMNS = ["file", "line", "severity", "code", "message"]


class Result:
    """Base of the result classes: the JSON result, its tables and its diagnostics."""

    __slots__ = ("_data", "_names")
    #: The top-level lists of the JSON result that are tables, in display order.
    _tables: Tuple[str, ...] = ("diagnostics", "tables")
    #: What the result is, for summaries.
    _title = "desier result"

    def __init__(self, data: Dict[str, Any], names: Optional[Dict[str, str]] = None) -> None:
        self._data = data
        self._names = {k: v for k, v in (names or {}).items() if v}

    def to_dict(self) -> Dict[str, Any]:
        """The result exactly as the JSON of docs/FORMATS.md (a fresh copy)."""
        return copy.deepcopy(self._data)

    @property
    def diagnostics(self) -> pd.DataFrame:
        """Every rejected (``severity`` ``error``) or flagged (``warning``) input row, with
        ``file``, ``line`` (header = line 1; for a DataFrame, row position + 2), ``code``
        and ``message``."""
        return self._frame("diagnostics")

    @property
    def tables(self) -> pd.DataFrame:
        """The accounting of every table read, in reading order: ``table``, ``file``,
        ``rows`` read, ``accepted``, ``accepted_with_warnings`` and ``rejected`` (a row with
        an error diagnostic); ``rows`` is always the sum of the other three."""
        columns, rows = self._records("tables")
        frame: pd.DataFrame = pd.DataFrame.from_records(rows, columns=columns or ACCOUNTING_COLUMNS)
        return frame

    def to_excel(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the result as an Excel workbook (.xlsx) at ``path``: one sheet per table,
        Italian headers and labels of codes, names of bodies and services beside their
        ids, percentages and thousands formatted, header frozen, filters on; the same
        workbook as the command's ``--format xlsx``."""
        from . import _native
        from ._errors import from_native

        try:
            data = _native.to_excel(json.dumps(self._data), self._names)
        except _native.NativeError as e:
            raise from_native(e) from None
        with open(path, "wb") as f:
            f.write(data)

    def to_polars(self) -> Dict[str, pl.DataFrame]:
        """The result's tables as polars DataFrames, by name (needs polars)."""
        import polars as pl

        out: Dict[str, pl.DataFrame] = {}
        for name in self._tables:
            columns, rows = self._records(name)
            data = {c: [r.get(c) for r in rows] for c in columns}
            out[name] = pl.DataFrame(data, strict=False)
        return out

    def _frame(self, name: str) -> pd.DataFrame:
        """One table of the result as a pandas DataFrame."""
        columns, rows = self._records(name)
        frame: pd.DataFrame = pd.DataFrame.from_records(rows, columns=columns)
        return frame

    def _records(self, name: str) -> Tuple[List[str], List[Dict[str, Any]]]:
        """The flat rows of a top-level list and their columns: top-level scalars (the
        years of a comparison) lead every table but diagnostics, nested objects become
        dotted columns, and bodies get their ``name`` after ``entity_id`` when known."""
        scalars = {} if name in ("diagnostics", "tables") else {
            k: v for k, v in self._data.items() if not isinstance(v, (list, dict))
        }
        columns: Dict[str, None] = {}
        rows: List[Dict[str, Any]] = []
        for item in self._data.get(name, []):
            flat: Dict[str, Any] = dict(scalars)
            _flatten("", item, flat)
            if self._names and "entity_id" in flat:
                flat = _with_name(flat, self._names.get(flat["entity_id"]))
            columns.update(dict.fromkeys(flat))
            rows.append(flat)
        if not columns and name == "diagnostics":
            columns = dict.fromkeys(DIAGNOSTIC_COLUMNS)
        return list(columns), rows

    def _counts(self) -> List[Tuple[str, str]]:
        """Label and value of the counts shown in summaries."""
        out = [
            (name, f"{len(self._data.get(name, []))} rows")
            for name in self._tables
            if name not in ("diagnostics", "tables")
        ]
        diags = self._data.get("diagnostics", [])
        errors = sum(1 for d in diags if d.get("severity") == "error")
        out.append(("diagnostics", f"{len(diags)} ({errors} errors, {len(diags) - errors} warnings)"))
        for t in self._data.get("tables", []):
            out.append((
                f"{t['table']} rows read",
                f"{t['rows']} ({t['accepted']} accepted, {t['accepted_with_warnings']} with "
                f"warnings, {t['rejected']} rejected)",
            ))
        return out

    def _headline(self) -> pd.DataFrame:
        """The headline figures of a notebook summary."""
        return _dataframe({})

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}: {v}" for k, v in self._counts())
        return f"<{type(self).__name__} {counts}>"

    def _repr_html_(self) -> str:
        """A compact summary for notebooks: the headline figures and the counts."""
        head = self._headline()
        parts = [f"<div><strong>{html.escape(self._title)}</strong>"]
        if not head.empty:
            parts.append(head.to_html(index=False, float_format=lambda v: f"{v:.2f}", na_rep="-"))
        items = "".join(
            f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in self._counts()
        )
        parts.append(f"<ul>{items}</ul></div>")
        return "".join(parts)


class _IndexResult(Result):
    """A result with a municipal index and its aggregates (interactivity, usage)."""

    __slots__ = ()
    _index_name = "index"

    @property
    def municipalities(self) -> pd.DataFrame:
        """One row per municipality and year: ``entity_id``, ``name`` (when the registry
        gives it), ``year``, ``index`` (0-100, NaN when undefined) and the index's details."""
        return self._frame("municipalities")

    @property
    def aggregates(self) -> pd.DataFrame:
        """Means of the municipal index per year: ``group`` (``region``, ``size_class``,
        ``province``, ``territory``, ``union``), ``key``, ``year``, ``index`` and the number
        of ``municipalities`` that entered the mean."""
        return self._frame("aggregates")

    def _headline(self) -> pd.DataFrame:
        agg = self.aggregates
        if agg.empty:
            return agg
        region = agg[agg["group"] == "region"]
        return _dataframe(
            {
                "year": region["year"],
                f"regional {self._index_name}": region["index"],
                "municipalities with a value": region["municipalities"],
            }
        )

    def plot(
        self,
        by: str = "size_class",
        *,
        year: Optional[int] = None,
        ax: Optional[Axes] = None,
    ) -> Axes:
        """Bar chart of the index by ``size_class``, ``province``, ``territory``,
        ``union`` or ``region``, one bar per year (or only ``year``). Needs matplotlib."""
        return _plot.by_group(self.aggregates, by, year=year, ax=ax, label=self._index_name)

    def plot_map(
        self,
        *,
        year: Optional[int] = None,
        topology: Optional[Topology] = None,
        ax: Optional[Axes] = None,
        cmap: str = "viridis",
    ) -> Axes:
        """Map coloured by the index in ``year`` (default: the latest). ``topology`` is a
        TopoJSON (path or parsed dict) whose geometries carry an ``entity_id`` property;
        by default the project's boundaries of 2023 (Openpolis, ISTAT, CC BY 4.0; read on
        demand from desier-core/data/boundaries or ``$DESIER_BOUNDARIES``): the
        municipalities of the region the data belong to, or Italy by province (coloured
        by the aggregates by province) when they span several regions. Needs matplotlib."""
        return _plot.choropleth(
            self.municipalities, self.aggregates, year=year, topology=topology, ax=ax, cmap=cmap,
            label=self._index_name,
        )


class InteractivityResult(_IndexResult):
    """The municipal interactivity index (indice di interattività comunale).

    Tables: :attr:`municipalities` (with ``procedures_scored``, ``procedures_na`` and the
    area sub-indices as ``by_area.<area_id>`` columns), :attr:`aggregates`,
    :attr:`diagnostics`. :meth:`to_dict` gives the ``interactivity`` JSON of docs/FORMATS.md.
    """

    __slots__ = ()
    _tables = ("municipalities", "aggregates", "diagnostics", "tables")
    _title = "Interactivity index (indice di interattività)"
    _index_name = "interactivity index"


class UsageResult(_IndexResult):
    """The usage index of interactive services (indice di utilizzo dei servizi
    interattivi) and the per-service figures.

    Tables: :attr:`services`, :attr:`municipalities` (with ``useful_services`` and
    ``potential_services``), :attr:`aggregates`, :attr:`diagnostics`. :meth:`to_dict`
    gives the ``usage`` JSON of docs/FORMATS.md.
    """

    __slots__ = ()
    _tables = ("services", "municipalities", "aggregates", "diagnostics", "tables")
    _title = "Usage index (indice di utilizzo)"
    _index_name = "usage index"

    @property
    def services(self) -> pd.DataFrame:
        """One row per service and year, pooled over the bodies with a useful datum:
        ``bodies_offering``, ``bodies_potential``, ``bodies_with_data``,
        ``availability_rate``, ``online``, ``total``, ``share`` and each channel's share
        as ``channels.<channel>`` (fractions in [0, 1], NaN when undefined)."""
        return self._frame("services")

    def plot_channels(self, *, year: Optional[int] = None, ax: Optional[Axes] = None) -> Axes:
        """Stacked bars of each service's share of requests by channel in ``year``
        (default: the latest), the rest of the total shown as offline. Needs matplotlib."""
        return _plot.channels(self.services, year=year, ax=ax)


class CompareResult(Result):
    """The change between two years over comparable cases only (confronto omogeneo).

    Tables: :attr:`services` (``comparable_cases``, the pooled ``from.*`` and ``to.*``
    figures and the changes ``delta_pp.*`` in percentage points; the years lead as the
    ``from`` and ``to`` columns), :attr:`diagnostics`. :meth:`to_dict` gives the
    ``compare`` JSON of docs/FORMATS.md.
    """

    __slots__ = ()
    _tables = ("services", "diagnostics", "tables")
    _title = "Comparison over comparable cases (confronto omogeneo)"

    @property
    def from_year(self) -> int:
        """The earlier year."""
        year: int = self._data["from"]
        return year

    @property
    def to_year(self) -> int:
        """The later year."""
        year: int = self._data["to"]
        return year

    @property
    def services(self) -> pd.DataFrame:
        """One row per service: ``comparable_cases``, ``from.online``, ``from.total``,
        ``from.share``, ``from.channels.<channel>``, the same for ``to``, and
        ``delta_pp.share`` and ``delta_pp.<channel>`` in percentage points."""
        return self._frame("services")

    def _headline(self) -> pd.DataFrame:
        services = self.services
        if services.empty:
            return services
        a, b = self.from_year, self.to_year
        return _dataframe(
            {
                "service": services["service_id"],
                "comparable cases": services["comparable_cases"],
                f"online % {a}": services["from.share"] * 100,
                f"online % {b}": services["to.share"] * 100,
                "change (pp)": services["delta_pp.share"],
            }
        )

    def plot(self, *, ax: Optional[Axes] = None) -> Axes:
        """Bars of each service's online share in both years, with the change in
        percentage points and the number of comparable cases. Needs matplotlib."""
        return _plot.change(self.services, self.from_year, self.to_year, ax=ax)


class ValidationResult(Result):
    """The outcome of :func:`desier.validate`: only :attr:`diagnostics`."""

    __slots__ = ()
    _tables = ("diagnostics", "tables")
    _title = "Validation of the input tables"

    @property
    def has_errors(self) -> bool:
        """Whether any row was rejected."""
        return any(d["severity"] == "error" for d in self._data["diagnostics"])

    def _headline(self) -> pd.DataFrame:
        diags = self.diagnostics
        if diags.empty:
            return diags
        counts: pd.DataFrame = diags.groupby(["severity", "code"]).size().reset_index(name="rows")
        return counts


def _dataframe(columns: Dict[str, Any]) -> pd.DataFrame:
    """A DataFrame from columns (typed for the checker: the stubs' constructor is not)."""
    frame: pd.DataFrame = pd.DataFrame(columns)
    return frame


def _flatten(prefix: str, value: Any, out: Dict[str, Any]) -> None:
    """Nested objects as dotted keys (``by_area.tributi``), as the command's CSV."""
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    else:
        out[prefix] = value


def _with_name(row: Dict[str, Any], name: Optional[str]) -> Dict[str, Any]:
    """The row with ``name`` right after ``entity_id``."""
    out: Dict[str, Any] = {}
    for k, v in row.items():
        out[k] = v
        if k == "entity_id":
            out["name"] = name
    return out

"""The pictures an analyst expects, drawn with matplotlib (imported only when a plot is
asked for, so the package works without it)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple

import pandas as pd

from . import _topojson
from ._topojson import Topology

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Topology", "by_group", "change", "channels", "choropleth"]


def _axes(ax: Optional[Axes], figsize: Tuple[float, float] = (8.0, 4.5)) -> Axes:
    """``ax``, or the axes of a new figure."""
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install matplotlib") from e
    _, new = plt.subplots(figsize=figsize)
    return new


def by_group(
    aggregates: pd.DataFrame, by: str, *, year: Optional[int], ax: Optional[Axes], label: str
) -> Axes:
    """Bars of an index by the keys of one grouping, one series per year."""
    rows = aggregates[aggregates["group"] == by] if not aggregates.empty else aggregates
    if year is not None and not rows.empty:
        rows = rows[rows["year"] == year]
    if rows.empty:
        groups = sorted(set(aggregates["group"])) if not aggregates.empty else []
        raise ValueError(f"no aggregates by {by!r}{_for_year(year)}; groups: {groups}")
    keys = list(dict.fromkeys(rows["key"]))
    table = rows.pivot(index="key", columns="year", values="index").reindex(keys)
    ax = _axes(ax)
    table.plot.bar(ax=ax, rot=0 if len(keys) <= 9 else 90)
    ax.set_title(f"{label[0].upper()}{label[1:]} by {by.replace('_', ' ')}")
    ax.set_xlabel("")
    ax.set_ylabel(f"{label} (0-100)")
    ax.set_ylim(0, 100)
    ax.legend(title="year")
    return ax


def choropleth(
    municipalities: pd.DataFrame,
    aggregates: pd.DataFrame,
    *,
    year: Optional[int],
    topology: Optional[Topology],
    ax: Optional[Axes],
    cmap: str,
    label: str,
) -> Axes:
    """A map coloured by ``index`` in one year (default: the latest); areas without a
    value or without data are grey. Without ``topology``: the municipalities of the region
    the data belong to, or, when they span several regions, Italy by province coloured by
    the aggregates by province (matched on the province's abbreviation or name)."""
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import Normalize
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    rows = _one_year(municipalities, year)
    year = int(rows["year"].iloc[0])
    values = dict(zip(rows["entity_id"], rows["index"]))
    if topology is not None:
        shapes = _topojson.shapes(_topojson.load(topology))
    else:
        code = _topojson.region_of(rows["entity_id"])
        if code is not None:
            shapes = _topojson.shapes(_topojson.region(code))
        else:
            italy = _topojson.italy()
            by_province = _province_values(aggregates, year)
            shapes, values = {}, {}
            for g in italy["objects"]["province"]["geometries"]:
                p = g["properties"]
                key = p["province"] if p["province"] in by_province else p["name"]
                values[p["province_code"]] = by_province.get(key, math.nan)
            shapes = _topojson.shapes(italy, id_property="province_code")
    patches, data = [], []
    for entity_id, polygons in shapes.items():
        rings = [r for p in polygons for r in p if len(r) > 2]
        path = Path.make_compound_path(*(Path(r, closed=True) for r in rings))
        patches.append(PathPatch(path))
        data.append(values.get(entity_id, math.nan))
    ax = _axes(ax, (8.0, 5.0))
    colours = colormaps[cmap].with_extremes(bad="#d9d9d9")
    collection: Any = PatchCollection(
        patches, cmap=colours, norm=Normalize(0, 100), edgecolor="white", linewidth=0.2
    )
    collection.set_array(np.ma.masked_invalid(np.asarray(data, dtype=float)))
    ax.add_collection(collection)
    ax.autoscale_view()
    lat = sum(ax.get_ylim()) / 2
    ax.set_aspect(1 / math.cos(math.radians(lat)))
    ax.set_axis_off()
    ax.set_title(f"{label[0].upper()}{label[1:]}, {year}")
    ax.figure.colorbar(collection, ax=ax, shrink=0.7, label=f"{label} (0-100; grey: no value)")
    if topology is None:
        ax.annotate(
            _topojson.ATTRIBUTION, (1, 0), xycoords="axes fraction", ha="right", va="bottom",
            fontsize=7, color="#555555",
        )
    return ax


def _province_values(aggregates: pd.DataFrame, year: int) -> Dict[str, float]:
    """The index of each province (its key in the aggregates) in one year."""
    if aggregates.empty:
        return {}
    rows = aggregates[(aggregates["group"] == "province") & (aggregates["year"] == year)]
    return dict(zip(rows["key"], rows["index"]))


def channels(services: pd.DataFrame, *, year: Optional[int], ax: Optional[Axes]) -> Axes:
    """Stacked horizontal bars of each service's shares by channel (percent of the
    total) in one year, the rest of the total as offline."""
    rows = _one_year(services, year)
    columns = [c for c in rows.columns if c.startswith("channels.")]
    table = rows.set_index("service_id")[columns] * 100
    table.columns = [c.split(".", 1)[1].replace("_", " ") for c in columns]
    table["offline"] = 100 - rows.set_index("service_id")["share"] * 100
    ax = _axes(ax, (8.0, 0.5 * len(table) + 1.5))
    table.iloc[::-1].plot.barh(stacked=True, ax=ax, width=0.7)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the requests or payments")
    ax.set_ylabel("")
    ax.set_title(f"Channels of each service, {int(rows['year'].iloc[0])}")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=5, fontsize=8, frameon=False)
    return ax


def change(services: pd.DataFrame, a: int, b: int, *, ax: Optional[Axes]) -> Axes:
    """Bars of each service's online share in years ``a`` and ``b`` over comparable
    cases, labelled with the change in percentage points and the number of cases."""
    if services.empty:
        raise ValueError("no services to compare")
    table = services.set_index("service_id")[["from.share", "to.share"]] * 100
    table.columns = [str(a), str(b)]
    ax = _axes(ax, (8.0, 0.6 * len(table) + 1.5))
    table.iloc[::-1].plot.barh(ax=ax, width=0.75)
    for i, (_, row) in enumerate(services.iloc[::-1].iterrows()):
        delta, cases = row["delta_pp.share"], int(row["comparable_cases"])
        text = "no comparable cases" if cases == 0 else f"{delta:+.1f} pp ({cases} cases)"
        ax.annotate(text, (1, i), xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("online share over comparable cases (%)")
    ax.set_ylabel("")
    ax.set_title(f"Online share {a} -> {b} (confronto omogeneo)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=2, fontsize=8, frameon=False)
    return ax


def _one_year(table: pd.DataFrame, year: Optional[int]) -> pd.DataFrame:
    """The rows of ``year`` (default: the latest)."""
    if table.empty:
        raise ValueError("the table is empty")
    year = int(table["year"].max()) if year is None else year
    rows: pd.DataFrame = table[table["year"] == year]
    if rows.empty:
        raise ValueError(f"no rows{_for_year(year)}")
    return rows


def _for_year(year: Optional[int]) -> str:
    return "" if year is None else f" in {year}"

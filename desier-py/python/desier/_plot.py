"""The pictures an analyst expects, drawn with matplotlib (imported only when a plot is
asked for, so the package works without it)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Optional, Tuple

import pandas as pd

from . import _topojson
from ._topojson import Topology

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Topology", "by_group", "choropleth"]


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
    *,
    year: Optional[int],
    topology: Optional[Topology],
    ax: Optional[Axes],
    cmap: str,
    label: str,
) -> Axes:
    """A map of the municipalities coloured by ``index`` in one year (default: the
    latest); municipalities without a value or without data are grey."""
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import Normalize
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    if municipalities.empty:
        raise ValueError("no municipalities to map")
    year = int(municipalities["year"].max()) if year is None else year
    rows = municipalities[municipalities["year"] == year]
    if rows.empty:
        raise ValueError(f"no municipalities{_for_year(year)}")
    values = dict(zip(rows["entity_id"], rows["index"]))
    shapes = _topojson.shapes(_topojson.load(topology))
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


def _for_year(year: Optional[int]) -> str:
    return "" if year is None else f" in {year}"

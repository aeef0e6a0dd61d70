"""Plots (matplotlib, Agg backend) and the TopoJSON decoder of the maps."""

from __future__ import annotations

import subprocess
import sys
from typing import Dict

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PatchCollection

import desier
from desier import _topojson
from conftest import interactivity


@pytest.fixture(scope="module")
def sample_result() -> desier.InteractivityResult:
    s = desier.sample()
    return desier.interactivity(s["entities"], s["procedures"], s["offer"], s["facilities"])


def test_bars_by_size_class_one_series_per_year(sample_result: desier.InteractivityResult) -> None:
    ax = sample_result.plot()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["micro", "small", "medium", "medium_large", "large"]
    assert len(ax.patches) == 5 * 2  # two years
    heights = [p.get_height() for p in ax.patches[:5]]  # type: ignore[attr-defined]
    agg = sample_result.aggregates
    want = agg[(agg["group"] == "size_class") & (agg["year"] == 2019)]["index"]
    assert heights == pytest.approx(list(want))
    plt.close("all")


def test_bars_by_province_for_one_year(sample_result: desier.InteractivityResult) -> None:
    _, ax = plt.subplots()
    assert sample_result.plot("province", year=2020, ax=ax) is ax
    assert len(ax.patches) == 9
    with pytest.raises(ValueError, match="no aggregates by 'district'"):
        sample_result.plot("district")
    plt.close("all")


def test_map_colours_every_municipality(sample_result: desier.InteractivityResult) -> None:
    ax = sample_result.plot_map(year=2020)
    (collection,) = [c for c in ax.collections if isinstance(c, PatchCollection)]
    values = collection.get_array()
    assert values is not None and len(values) == 328
    m = sample_result.municipalities
    by_id = dict(zip(m[m["year"] == 2020]["entity_id"], m[m["year"] == 2020]["index"]))
    assert sorted(values.tolist()) == pytest.approx(sorted(by_id.values()))
    assert "Openpolis" in "".join(t.get_text() for t in ax.texts)
    plt.close("all")


def test_map_with_a_custom_topology_greys_unknown_municipalities() -> None:
    topology = {
        "type": "Topology",
        "arcs": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], [[2, 0], [3, 0], [3, 1], [2, 0]]],
        "objects": {"x": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "properties": {"entity_id": "000001"}},
            {"type": "MultiPolygon", "arcs": [[[1]]], "properties": {"entity_id": "zzz"}},
        ]}},
    }
    ax = interactivity("small").plot_map(topology=topology)
    (collection,) = [c for c in ax.collections if isinstance(c, PatchCollection)]
    values = collection.get_array()
    assert values is not None
    assert values[0] == pytest.approx(250 / 3) and bool(np.ma.getmaskarray(values)[1])
    assert not ax.texts  # no attribution for a map the user brought
    plt.close("all")


def test_bundled_topology_decodes_to_the_registry() -> None:
    topology = _topojson.load(None)
    shapes = _topojson.shapes(topology)
    entities = desier.sample()["entities"]
    assert set(shapes) == set(entities[entities["kind"] == "municipality"]["entity_id"])
    x0, y0, x1, y1 = topology["bbox"]
    points = [p for polys in shapes.values() for poly in polys for ring in poly for p in ring]
    assert all(x0 - 1e-9 <= x <= x1 + 1e-9 and y0 - 1e-9 <= y <= y1 + 1e-9 for x, y in points)
    assert all(ring[0] == pytest.approx(ring[-1]) for polys in shapes.values()
               for poly in polys for ring in poly)


def test_import_does_not_load_matplotlib() -> None:
    code = "import sys, desier; desier.sample(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.fixture(scope="module")
def usage_result() -> desier.UsageResult:
    s = desier.sample()
    return desier.usage(s["entities"], s["returns"], facilities=s["facilities"])


def test_usage_plots(usage_result: desier.UsageResult) -> None:
    ax = usage_result.plot("territory", year=2019)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["mountain", "plain"]
    ax = usage_result.plot_map()
    assert ax.get_title() == "Usage index, 2019"  # the latest year of the returns
    plt.close("all")


def test_channels_stack_to_the_whole_total(usage_result: desier.UsageResult) -> None:
    ax = usage_result.plot_channels(year=2019)
    services = usage_result.services[usage_result.services["year"] == 2019]
    assert len(ax.patches) == len(services) * 5  # four channels and the offline rest
    ends: Dict[float, float] = {}
    for p in ax.patches:
        y = round(p.get_y(), 6)  # type: ignore[attr-defined]
        ends[y] = max(ends.get(y, 0.0), p.get_x() + p.get_width())  # type: ignore[attr-defined]
    assert all(end == pytest.approx(100.0) for end in ends.values() if end > 0)
    plt.close("all")


def test_change_plot_labels_the_change_and_the_cases() -> None:
    s = desier.sample()
    c = desier.compare(s["entities"], s["returns"], from_year=2018, to_year=2019)
    ax = c.plot()
    labels = [t.get_text() for t in ax.texts]
    suap = c.services.set_index("service_id").loc["suap"]
    want = f"{suap['delta_pp.share']:+.1f} pp ({int(suap['comparable_cases'])} cases)"
    assert want in labels and len(labels) == len(c.services)
    assert len(ax.patches) == 2 * len(c.services)
    plt.close("all")

"""Plots (matplotlib, Agg backend) and the TopoJSON decoder of the maps."""

from __future__ import annotations

import pathlib
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
    entities = desier.sample()["entities"]
    municipalities = entities[entities["kind"] == "municipality"]
    # The map of Emilia-Romagna (region 08, 330 municipalities in 2023): one area each.
    assert len(municipalities) == 330
    assert values is not None and len(values) == len(municipalities)
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


def test_the_sample_region_map_has_every_sample_municipality() -> None:
    entities = desier.sample()["entities"]
    ids = set(entities[entities["kind"] == "municipality"]["entity_id"])
    # ISTAT codes 033xxx-040xxx and 099xxx: the provinces of Emilia-Romagna (region 08).
    assert {i[:3] for i in ids} == {"033", "034", "035", "036", "037", "038", "039", "040", "099"}
    assert _topojson.region_of(ids) == "08"
    topology = _topojson.region("08")
    shapes = _topojson.shapes(topology)
    assert set(shapes) == ids
    x0, y0, x1, y1 = topology["bbox"]
    points = [p for polys in shapes.values() for poly in polys for ring in poly for p in ring]
    assert all(x0 - 1e-9 <= x <= x1 + 1e-9 and y0 - 1e-9 <= y <= y1 + 1e-9 for x, y in points)
    assert all(ring[0] == pytest.approx(ring[-1]) for polys in shapes.values()
               for poly in polys for ring in poly)


def test_data_of_several_regions_are_mapped_by_province(tmp_path: pathlib.Path) -> None:
    # Bologna (037006, BO, Emilia-Romagna) and Milano (015146, MI, Lombardia): two regions,
    # so Italy by province, each province coloured by its aggregate; the other 105 grey.
    entities = "entity_id,name,kind,province,population\n037006,Bologna,municipality,BO,390000\n015146,Milano,municipality,MI,1350000\n"
    procedures = "procedure_id,procedure_name,area_id,area_name,phases\np1,P,a,A,request|payment\n"
    # Bologna: both phases online (100); Milano: only the request (50).
    offer = "year,entity_id,procedure_id,online_phases\n2020,037006,p1,request|payment\n2020,015146,p1,request\n"
    files = {"entities": entities, "procedures": procedures, "offer": offer}
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    r = desier.interactivity(*(str(tmp_path / f"{n}.csv") for n in files))
    assert _topojson.region_of(["037006", "015146"]) is None
    ax = r.plot_map()
    (collection,) = [c for c in ax.collections if isinstance(c, PatchCollection)]
    values = collection.get_array()
    assert values is not None and len(values) == 107  # the provinces of 2023
    codes = [g["properties"]["province_code"] for g in _topojson.italy()["objects"]["province"]["geometries"]]
    by_code = dict(zip(codes, values.tolist()))
    assert by_code["037"] == pytest.approx(100.0) and by_code["015"] == pytest.approx(50.0)
    assert int(np.ma.getmaskarray(values).sum()) == 105
    plt.close("all")


def test_boundaries_folder_from_the_environment(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_topojson.ENV, str(tmp_path))
    assert _topojson.directory() == tmp_path
    with pytest.raises(FileNotFoundError):
        _topojson.region("08")


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

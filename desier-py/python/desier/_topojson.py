"""A small TopoJSON decoder (quantized, delta-encoded arcs and their transform) for the
maps of the results, and the choice of the project's boundaries for the data at hand (the
region the municipalities belong to, or Italy by province): no geographic library needed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

Point = Tuple[float, float]
#: One polygon: its outer ring, then its holes.
Polygon = List[List[Point]]
#: A parsed TopoJSON document, or the path of one.
Topology = Union[Dict[str, Any], str, "os.PathLike[str]"]

#: The year of the project's boundaries and their attribution.
YEAR = 2023
ATTRIBUTION = "Boundaries: Openpolis, ISTAT (CC BY 4.0)"
#: The environment variable naming a folder laid out as desier-core/data/boundaries.
ENV = "DESIER_BOUNDARIES"


def directory() -> Path:
    """The folder of the project's boundaries: ``$DESIER_BOUNDARIES``, or
    desier-core/data/boundaries of the checkout this package runs from (they are not in
    the wheel, to keep it small)."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "desier-core" / "data" / "boundaries"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the boundaries of desier are not in this installation: set {ENV} to a copy of "
        "desier-core/data/boundaries, or pass topology="
    )


def _read(name: str) -> Dict[str, Any]:
    path = directory() / str(YEAR) / name
    with open(path, encoding="utf-8") as f:
        parsed: Dict[str, Any] = json.load(f)
        return parsed


def italy() -> Dict[str, Any]:
    """Italy by province (object ``province``; properties ``province_code``, ``province``,
    ``name``, ``region_code``, ``region``)."""
    return _read("italy_provinces.topo.json")


def region(code: str) -> Dict[str, Any]:
    """The municipalities of one region (ISTAT region code, e.g. ``"08"``; object
    ``comuni``, properties ``entity_id``, ``name``, ``province``)."""
    return _read(f"region_{int(code):02d}.topo.json")


def region_of(entity_ids: Iterable[str]) -> Optional[str]:
    """The ISTAT code of the one region all the municipal codes (6 digits, whose first 3
    are the province's) belong to, or ``None`` when they span several regions or none is
    known."""
    provinces = {
        str(g["properties"]["province_code"]): str(g["properties"]["region_code"])
        for g in italy()["objects"]["province"]["geometries"]
    }
    regions = {
        provinces[e[:3]] for e in map(str, entity_ids)
        if len(e) == 6 and e.isdigit() and e[:3] in provinces
    }
    return regions.pop() if len(regions) == 1 else None


def load(topology: Optional[Topology]) -> Dict[str, Any]:
    """The parsed TopoJSON: a dict as is, or the file at a path."""
    if topology is None:
        raise ValueError("no topology given: use region(), italy() or region_of()")
    if isinstance(topology, dict):
        return topology
    with open(os.fsdecode(topology), encoding="utf-8") as f:
        loaded: Dict[str, Any] = json.load(f)
        return loaded


def shapes(
    topology: Dict[str, Any],
    *,
    id_property: str = "entity_id",
    object_name: Optional[str] = None,
) -> Dict[str, List[Polygon]]:
    """The polygons of every (multi)polygon geometry of one object of the topology (the
    first, unless ``object_name``), keyed by the property ``id_property`` (or the
    geometry's ``id``), in longitude/latitude."""
    arcs = [_absolute(arc, topology.get("transform")) for arc in topology["arcs"]]

    def ring(indices: List[int]) -> List[Point]:
        points: List[Point] = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    objects = topology["objects"]
    obj = objects[object_name] if object_name else next(iter(objects.values()))
    geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    out: Dict[str, List[Polygon]] = {}
    for g in geometries:
        if g["type"] == "Polygon":
            polygons = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polygons = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            continue
        key = (g.get("properties") or {}).get(id_property, g.get("id"))
        out.setdefault(str(key), []).extend(polygons)
    return out


def _absolute(arc: List[List[float]], transform: Optional[Dict[str, Any]]) -> List[Point]:
    """An arc's positions: undo the delta encoding and the quantization when quantized."""
    if not transform:
        return [(p[0], p[1]) for p in arc]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    x = y = 0.0
    out: List[Point] = []
    for p in arc:
        x += p[0]
        y += p[1]
        out.append((x * sx + tx, y * sy + ty))
    return out

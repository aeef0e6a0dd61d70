"""A small TopoJSON decoder (quantized, delta-encoded arcs and their transform) for the
maps of the results: no geographic library needed."""

from __future__ import annotations

import json
import os
from importlib import resources
from typing import Any, Dict, List, Optional, Tuple, Union

Point = Tuple[float, float]
#: One polygon: its outer ring, then its holes.
Polygon = List[List[Point]]
#: A parsed TopoJSON document, or the path of one.
Topology = Union[Dict[str, Any], str, "os.PathLike[str]"]

#: The bundled map and its attribution.
BUNDLED = "er_comuni_2020.topo.json"
ATTRIBUTION = "Boundaries: Openpolis, ISTAT (CC BY 4.0)"


def load(topology: Optional[Topology]) -> Dict[str, Any]:
    """The parsed TopoJSON: the bundled map of Emilia-Romagna when ``None``."""
    if topology is None:
        text = resources.files("desier").joinpath("data").joinpath(BUNDLED).read_text("utf-8")
        parsed: Dict[str, Any] = json.loads(text)
        return parsed
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

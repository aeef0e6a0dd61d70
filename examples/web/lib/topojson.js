// A small TopoJSON decoder and SVG path renderer, enough for a choropleth map of
// municipalities: quantized, delta-encoded arcs (with the topology's transform), Polygon and
// MultiPolygon geometries, and an equirectangular projection scaled by cos(latitude).

/** The decoded arcs of a topology: arrays of [longitude, latitude]. */
function decodeArcs(topology) {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    if (!t) return arc.map((p) => [p[0], p[1]]);
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
    });
  });
}

/** A ring from arc indices (a negative index ~i means arc i reversed); shared points
 * between consecutive arcs are kept once. */
function ring(arcs, indices) {
  const points = [];
  for (const i of indices) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    arc.forEach((p, k) => {
      if (k > 0 || points.length === 0) points.push(p);
    });
  }
  return points;
}

/** The polygons of a geometry (each a list of rings), or [] for other types. */
function polygons(arcs, geometry) {
  switch (geometry.type) {
    case "Polygon":
      return [geometry.arcs.map((r) => ring(arcs, r))];
    case "MultiPolygon":
      return geometry.arcs.map((p) => p.map((r) => ring(arcs, r)));
    default:
      return [];
  }
}

/**
 * The features of a topology's object (`name`, or the first object): each with its
 * `properties` and `polygons` in longitude/latitude.
 */
export function features(topology, name) {
  if (!topology || topology.type !== "Topology" || !topology.objects || !Array.isArray(topology.arcs)) {
    throw new Error("il file non è un TopoJSON (manca `type: Topology`, `objects` o `arcs`)");
  }
  const key = name ?? Object.keys(topology.objects)[0];
  const object = topology.objects[key];
  if (!object) throw new Error(`il TopoJSON non contiene l'oggetto «${key}»`);
  const arcs = decodeArcs(topology);
  const geometries = object.type === "GeometryCollection" ? object.geometries : [object];
  return geometries
    .map((g) => ({ properties: g.properties ?? {}, id: g.id, polygons: polygons(arcs, g) }))
    .filter((f) => f.polygons.length > 0);
}

/**
 * A projection fitting the features into a `width` x `height` box: equirectangular, with
 * longitudes scaled by the cosine of the middle latitude. Returns the point function and
 * the height actually used (the box keeps the map's proportions).
 */
export function fit(feats, width, maxHeight) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of feats)
    for (const poly of f.polygons)
      for (const r of poly)
        for (const [x, y] of r) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const w = (x1 - x0) * k || 1;
  const h = y1 - y0 || 1;
  const scale = Math.min(width / w, maxHeight / h);
  const height = Math.ceil(h * scale);
  const dx = (width - w * scale) / 2;
  return {
    height,
    point: ([x, y]) => [dx + (x - x0) * k * scale, (y1 - y) * scale],
  };
}

/** The SVG path data of a feature under a projection. */
export function pathData(feature, point) {
  let d = "";
  for (const poly of feature.polygons) {
    for (const r of poly) {
      r.forEach((p, i) => {
        const [x, y] = point(p);
        d += `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
      });
      d += "Z";
    }
  }
  return d;
}

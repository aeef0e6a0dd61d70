// The choropleth map of the municipalities, coloured by an index, from TopoJSON features.
import { fit, pathData } from "./topojson.js";
import { h, num } from "./format.js";

const PALETTE = ["#eef4fa", "#c4dbee", "#84b6dc", "#3f86c0", "#175a91"];
const NO_DATA = "#dedede";

/**
 * How features name their municipality: the property (or the feature's `id`) whose
 * values match the most `ids`, read as text and, for numbers, also with the leading
 * zeros of a 6-digit ISTAT code restored. Returns a function feature -> id, and how
 * many features matched.
 */
export function matchIds(features, ids) {
  const known = new Set(ids);
  const read = (v) => {
    if (v === null || v === undefined) return null;
    const s = String(v).trim();
    if (known.has(s)) return s;
    const padded = /^\d{1,5}$/.test(s) ? s.padStart(6, "0") : s;
    return known.has(padded) ? padded : null;
  };
  const keys = new Set(["@id"]);
  for (const f of features) for (const k of Object.keys(f.properties)) keys.add(k);
  let best = { key: null, matched: 0 };
  for (const key of keys) {
    const get = (f) => (key === "@id" ? f.id : f.properties[key]);
    const matched = features.filter((f) => read(get(f)) !== null).length;
    if (matched > best.matched) best = { key, matched };
  }
  const key = best.key;
  return {
    matched: best.matched,
    idOf: (f) => (key === null ? null : read(key === "@id" ? f.id : f.properties[key])),
  };
}

/** Up to five classes of the values (quantiles), as ascending upper bounds. */
function breaks(values) {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const bounds = [];
  for (let i = 1; i <= PALETTE.length; i++) {
    const b = sorted[Math.min(sorted.length - 1, Math.ceil((i * sorted.length) / PALETTE.length) - 1)];
    if (bounds.length === 0 || b > bounds[bounds.length - 1]) bounds.push(b);
  }
  return bounds;
}

/**
 * The map: `features` from the TopoJSON, `idOf` naming each feature's municipality,
 * `rows` the municipalities' values (Map id -> { value, name, province }), `title` the
 * index and year shown.
 */
export function choropleth({ features, idOf, rows, title }) {
  const bounds = breaks([...rows.values()].map((r) => r.value));
  const colourOf = (v) => {
    if (v === null || v === undefined) return NO_DATA;
    const k = bounds.findIndex((b) => v <= b);
    return PALETTE[(k < 0 ? bounds.length - 1 : k) + (PALETTE.length - bounds.length)];
  };
  const width = 760;
  const { height, point } = fit(features, width, 560);
  const svg = h("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "img", "aria-label": title });
  const tip = h("div", { class: "tooltip", hidden: true, "data-testid": "map-tooltip" });
  for (const f of features) {
    const id = idOf(f);
    const row = id === null ? undefined : rows.get(id);
    const name = row?.name ?? f.properties.name ?? f.properties.NAME ?? id ?? "—";
    const value = row ? row.value : null;
    const text = `${name}${row?.province ? ` (${row.province})` : ""}: ${row ? num(value, 1) : "non nei dati"}`;
    const path = h(
      "path",
      {
        d: pathData(f, point),
        fill: colourOf(value),
        "data-id": id ?? "",
        "data-value": value ?? "",
      },
      h("title", {}, text),
    );
    path.addEventListener("mousemove", (e) => {
      tip.hidden = false;
      tip.textContent = text;
      const box = svg.parentElement.getBoundingClientRect();
      tip.style.left = `${e.clientX - box.left + 14}px`;
      tip.style.top = `${e.clientY - box.top + 10}px`;
      path.classList.add("hover");
    });
    path.addEventListener("mouseleave", () => {
      tip.hidden = true;
      path.classList.remove("hover");
    });
    svg.append(path);
  }
  const shift = PALETTE.length - bounds.length;
  const items = bounds.map((b, i) => {
    const from = i === 0 ? Math.min(...[...rows.values()].map((r) => r.value).filter((v) => v !== null)) : bounds[i - 1];
    const text = i === 0 ? `${num(from, 1)} – ${num(b, 1)}` : `oltre ${num(from, 1)} – ${num(b, 1)}`;
    return h("li", {}, h("span", { class: "swatch", style: `background:${PALETTE[i + shift]}` }), text);
  });
  items.push(h("li", {}, h("span", { class: "swatch", style: `background:${NO_DATA}` }), "nessun valore"));
  return h(
    "figure",
    { class: "map-figure" },
    h("div", { class: "map-box" }, svg, tip),
    h("figcaption", {}, h("strong", {}, title), h("ul", { class: "legend", "data-testid": "map-legend" }, items)),
  );
}

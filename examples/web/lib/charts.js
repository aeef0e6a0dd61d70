// SVG charts: the per-service shares of online use by channel, and the comparison of two
// years over comparable cases.
import { CHANNELS, SERVICES, label } from "./labels.js";
import { h, pct, pp } from "./format.js";

export const CHANNEL_COLOURS = {
  regional_platform: "#1f5f8b",
  autonomous_platform: "#4f9bd1",
  national_platform: "#a6cde8",
  extra_platform: "#d9963b",
};
const FROM_COLOUR = "#a3acb5";
const TO_COLOUR = "#1f5f8b";

const LEFT = 230; // room for the service names
const WIDTH = 760;
const RIGHT = 90; // room for the values
const PLOT = WIDTH - LEFT - RIGHT;

function axis(y0, height) {
  const g = h("g", { class: "axis" });
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const x = LEFT + t * PLOT;
    g.append(
      h("line", { x1: x, x2: x, y1: y0, y2: y0 + height, class: "grid" }),
      h("text", { x, y: y0 + height + 14, "text-anchor": "middle" }, `${t * 100}%`),
    );
  }
  return g;
}

function legend(items) {
  return h(
    "ul",
    { class: "legend" },
    items.map(([colour, text]) => h("li", {}, h("span", { class: "swatch", style: `background:${colour}` }), text)),
  );
}

/** Stacked bars of the pooled share of each channel, one bar per service of `year`. */
export function channelChart(services) {
  const rowH = 26;
  const top = 6;
  const height = top + services.length * rowH;
  const svg = h("svg", {
    viewBox: `0 0 ${WIDTH} ${height + 22}`,
    class: "chart",
    role: "img",
    "aria-label": "Quota di utilizzo online per servizio e canale",
  });
  svg.append(axis(top - 4, services.length * rowH + 4));
  services.forEach((s, i) => {
    const y = top + i * rowH;
    const g = h("g", { class: "bar", "data-service": s.service_id });
    g.append(h("text", { x: LEFT - 8, y: y + rowH / 2 + 4, "text-anchor": "end" }, label(SERVICES, s.service_id)));
    let x = LEFT;
    for (const c of Object.keys(CHANNELS)) {
      const v = s.channels[c];
      if (!v) continue;
      const w = v * PLOT;
      g.append(
        h(
          "rect",
          { x, y: y + 4, width: Math.max(w, 0.5), height: rowH - 8, fill: CHANNEL_COLOURS[c] },
          h("title", {}, `${label(SERVICES, s.service_id)} – ${CHANNELS[c]}: ${pct(v)}`),
        ),
      );
      x += w;
    }
    const text = s.share === null ? "nessun dato" : pct(s.share);
    g.append(h("text", { x: x + 6, y: y + rowH / 2 + 4, class: "value" }, text));
    svg.append(g);
  });
  return h(
    "figure",
    {},
    svg,
    legend(Object.entries(CHANNELS).map(([c, t]) => [CHANNEL_COLOURS[c], t])),
  );
}

/** Paired bars of the pooled share of online use in the two years, per service, with the
 * change in percentage points and the number of comparable cases. */
export function compareChart(result) {
  const rowH = 40;
  const top = 6;
  const rows = result.services;
  const height = top + rows.length * rowH;
  const svg = h("svg", {
    viewBox: `0 0 ${WIDTH} ${height + 22}`,
    class: "chart",
    role: "img",
    "aria-label": `Confronto ${result.from}–${result.to} sui casi confrontabili`,
  });
  svg.append(axis(top - 4, rows.length * rowH + 4));
  rows.forEach((s, i) => {
    const y = top + i * rowH;
    const g = h("g", { class: "bar", "data-service": s.service_id });
    g.append(
      h("text", { x: LEFT - 8, y: y + 16, "text-anchor": "end" }, label(SERVICES, s.service_id)),
      h("text", { x: LEFT - 8, y: y + 30, "text-anchor": "end", class: "note" }, `${s.comparable_cases} casi confrontabili`),
    );
    [
      [s.from, FROM_COLOUR, result.from, 5],
      [s.to, TO_COLOUR, result.to, 20],
    ].forEach(([fig, colour, year, dy]) => {
      const w = (fig.share ?? 0) * PLOT;
      g.append(
        h(
          "rect",
          { x: LEFT, y: y + dy, width: Math.max(w, 0.5), height: 13, fill: colour },
          h("title", {}, `${label(SERVICES, s.service_id)}, ${year}: ${pct(fig.share)} online (${fig.online} su ${fig.total})`),
        ),
      );
    });
    const end = LEFT + Math.max(s.from.share ?? 0, s.to.share ?? 0) * PLOT;
    g.append(h("text", { x: end + 6, y: y + 22, class: "value" }, pp(s.delta_pp.share)));
    svg.append(g);
  });
  return h(
    "figure",
    {},
    svg,
    legend([
      [FROM_COLOUR, `Quota online ${result.from}`],
      [TO_COLOUR, `Quota online ${result.to}`],
    ]),
  );
}

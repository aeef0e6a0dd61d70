// A sortable table: click a column's header to sort by it, again to reverse.
import { h } from "./format.js";

const collator = new Intl.Collator("it", { numeric: true, sensitivity: "base" });

function compare(a, b) {
  const na = a === null || a === undefined || a === "";
  const nb = b === null || b === undefined || b === "";
  if (na || nb) return na === nb ? 0 : na ? 1 : -1; // missing values last
  return typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
}

/**
 * Renders `rows` into `container` under `columns` ({ key, label, value(row), text(row),
 * numeric }), sorted by `sort` ({ key, dir: 1 | -1 }); `onSort(sort)` is called when a
 * header is clicked. At most `limit` rows are drawn.
 */
export function sortableTable(container, { columns, rows, sort, onSort, limit = Infinity, testid }) {
  const col = columns.find((c) => c.key === sort.key) ?? columns[0];
  const value = col.value ?? ((r) => r[col.key]);
  const sorted = rows
    .map((r, i) => [r, i])
    .sort(([a, i], [b, j]) => {
      const c = compare(value(a), value(b));
      // Missing values stay last whatever the direction; ties keep their order.
      const missing = value(a) === null || value(b) === null;
      return (missing ? c : c * sort.dir) || i - j;
    })
    .map(([r]) => r);
  const head = h(
    "tr",
    {},
    columns.map((c) => {
      const active = c.key === col.key;
      return h(
        "th",
        {
          scope: "col",
          class: c.numeric ? "num" : null,
          "aria-sort": active ? (sort.dir > 0 ? "ascending" : "descending") : "none",
        },
        h(
          "button",
          {
            type: "button",
            onclick: () => onSort({ key: c.key, dir: active ? -sort.dir : c.numeric ? -1 : 1 }),
            title: "Ordina per questa colonna",
          },
          c.label,
          h("span", { class: "arrow", "aria-hidden": "true" }, active ? (sort.dir > 0 ? " ▲" : " ▼") : ""),
        ),
      );
    }),
  );
  const body = sorted.slice(0, limit).map((r) =>
    h(
      "tr",
      {},
      columns.map((c) => {
        const v = (c.value ?? ((x) => x[c.key]))(r);
        const text = c.text ? c.text(r) : v ?? "";
        return h("td", { class: c.numeric ? "num" : null, "data-value": c.numeric ? v ?? "" : null }, text);
      }),
    ),
  );
  container.replaceChildren(
    h("table", { class: "data", "data-testid": testid }, h("thead", {}, head), h("tbody", {}, body)),
  );
}

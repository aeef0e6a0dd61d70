// The page: load the sample or the user's files, compute the indices with the desier
// WebAssembly package (in this browser), and show the diagnostics, the results, the map,
// the charts and the downloads. Every number comes from the package; the page only shows.
import init, * as desier from "./pkg/desier_wasm.js";
import { features as topoFeatures } from "./lib/topojson.js";
import { choropleth, matchIds } from "./lib/map.js";
import { channelChart, compareChart } from "./lib/charts.js";
import { sortableTable } from "./lib/table.js";
import { download, h, num, pct, pp, toCsv } from "./lib/format.js";
import {
  CHANNELS, CODES, GROUPS, INDICES, SERVICES, SEVERITY, SIZE_CLASSES, TABLES, TERRITORIES, byServiceOrder, label,
  setCodeLabels,
} from "./lib/labels.js";

const $ = (id) => document.getElementById(id);
const MAX_DIAGNOSTICS_PER_FILE = 200;
// The project's boundaries (desier-core/data/boundaries, copied here by `make web-assets`),
// fetched only when the loaded data need them: one file per region, Italy by province.
const BOUNDARIES = "data/boundaries/2023/";

const state = {
  files: [], // { name, data: string | Uint8Array, tables: TableName[], detected: TableName[] }
  results: null, // { interactivity, usage, validation, groups: Map, errors: [] , ms }
  index: "interactivity",
  year: null,
  servicesYear: null,
  compare: { from: null, to: null },
  filters: { province: "", size_class: "", territory: "", union: "", q: "" },
  sort: { key: "index", dir: -1 },
  topology: null, // { features, name, custom, level: "municipality" | "province", key }
};

// ---------------------------------------------------------------- files and tables

function addFiles(files) {
  for (const f of files) {
    const detected = desier.detectTables(f.name, f.data);
    // A new file replaces an earlier one with the same name.
    state.files = state.files.filter((g) => g.name !== f.name);
    state.files.push({ ...f, detected, tables: detected.slice() });
  }
  renderFiles();
  compute();
}

async function readFiles(fileList) {
  const files = [];
  for (const file of fileList) {
    files.push({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
  }
  addFiles(files);
}

function loadSample() {
  state.files = [];
  addFiles(Object.entries(desier.sample()).map(([table, text]) => ({ name: `${table}.csv`, data: text })));
}

/** The `tables` argument of the package: each table from the last file assigned to it. */
function tablesOf() {
  const tables = {};
  for (const f of state.files) for (const t of f.tables) tables[t] = { name: f.name, data: f.data };
  return tables;
}

function renderFiles() {
  const box = $("files");
  $("clear-files").hidden = state.files.length === 0;
  if (state.files.length === 0) {
    box.replaceChildren();
    return;
  }
  const taken = new Map();
  for (const f of state.files) for (const t of f.tables) taken.set(t, f.name);
  const rows = state.files.map((f, i) => {
    let which;
    if (f.detected.length > 1) {
      which = h("span", {}, `cartella Excel con i fogli: ${f.detected.map((t) => TABLES[t]).join(", ")}`);
    } else {
      const select = h(
        "select",
        {
          "aria-label": `Tabella del file ${f.name}`,
          onchange: (e) => {
            f.tables = e.target.value ? [e.target.value] : [];
            renderFiles();
            compute();
          },
        },
        h("option", { value: "" }, "— indicare la tabella —"),
        Object.entries(TABLES).map(([t, text]) => h("option", { value: t, selected: f.tables[0] === t }, text)),
      );
      which = select;
    }
    const overridden = f.tables.filter((t) => taken.get(t) !== f.name);
    return h(
      "tr",
      {},
      h("td", {}, f.name),
      h("td", {}, which, overridden.length ? h("span", { class: "note" }, ` (sostituita da un file successivo)`) : null),
      h(
        "td",
        {},
        h(
          "button",
          {
            type: "button",
            class: "link",
            "aria-label": `Togli ${f.name}`,
            onclick: () => {
              state.files.splice(i, 1);
              renderFiles();
              compute();
            },
          },
          "togli",
        ),
      ),
    );
  });
  box.replaceChildren(
    h(
      "table",
      { class: "files" },
      h("thead", {}, h("tr", {}, h("th", {}, "File"), h("th", {}, "Tabella"), h("th", {}, ""))),
      h("tbody", {}, rows),
    ),
  );
}

// ---------------------------------------------------------------- computing

/** Runs `f`, returning its value, or recording its error (a DesierError) under `what`. */
function attempt(errors, what, f) {
  try {
    return f();
  } catch (e) {
    errors.push({ what, code: e.code ?? "internal_error", message: e.message ?? String(e) });
    return null;
  }
}

function yearsOf(result) {
  return result ? [...new Set(result.municipalities.map((m) => m.year))].sort((a, b) => a - b) : [];
}

/** The tables of `names` that are given, for reading a computation's tables alone. */
function only(tables, names) {
  return Object.fromEntries(names.filter((n) => tables[n]).map((n) => [n, tables[n]]));
}

const INTERACTIVITY_TABLES = ["entities", "facilities", "procedures", "offer"];
const USAGE_TABLES = ["entities", "facilities", "services", "returns"];

function compute() {
  const tables = tablesOf();
  state.results?.data?.free();
  if (state.files.length === 0) {
    state.results = null;
    render();
    return;
  }
  const start = performance.now();
  const errors = [];
  // Every table parsed once; each result below is computed on the loaded dataset. When a
  // table cannot be read at all, each index still reads its own tables alone, so that a
  // broken returns file does not hide the interactivity index.
  const data = attempt(errors, "Controllo dei dati", () => desier.load(tables));
  const made = new Set([data]);
  const loaded = (what, names) => {
    const d = data ?? attempt(errors, what, () => desier.load(only(tables, names)));
    made.add(d);
    return d;
  };
  const validation = data ? data.validate() : null;
  const iData = tables.procedures || tables.offer ? loaded(INDICES.interactivity, INTERACTIVITY_TABLES) : null;
  const interactivity = iData ? attempt(errors, INDICES.interactivity, () => iData.interactivity()) : null;
  const uData = tables.returns ? loaded(INDICES.usage, USAGE_TABLES) : null;
  const usage = uData ? attempt(errors, INDICES.usage, () => uData.usage()) : null;
  const years = [...new Set([...yearsOf(interactivity), ...yearsOf(usage)])];
  const groups = new Map();
  if (years.length) {
    const reg = attempt(errors, "Anagrafica", () => loaded("Anagrafica", ["entities"])?.registry({ years }));
    for (const m of reg?.municipalities ?? []) groups.set(`${m.year}|${m.entity_id}`, m);
  }
  // The comparison is computed again on the usage tables when its years change; the rest
  // of the WebAssembly memory is given back now.
  for (const d of made) if (d && d !== uData) d.free();
  state.results = { tables, data: uData, validation, interactivity, usage, groups, errors, ms: performance.now() - start };
  // Keep the choices that still make sense.
  if (!state.results[state.index]) state.index = interactivity ? "interactivity" : "usage";
  const idxYears = yearsOf(state.results[state.index]);
  if (!idxYears.includes(state.year)) state.year = idxYears.at(-1) ?? null;
  const usageYears = yearsOf(usage);
  if (!usageYears.includes(state.servicesYear)) state.servicesYear = usageYears.at(-1) ?? null;
  if (!usageYears.includes(state.compare.from) || !usageYears.includes(state.compare.to)) {
    state.compare = { from: usageYears.at(-2) ?? null, to: usageYears.at(-1) ?? null };
  }
  computeCompare();
  render();
}

function computeCompare() {
  const r = state.results;
  r.comparison = null;
  r.compareError = null;
  const { from, to } = state.compare;
  if (!r.usage || !r.data || from === null || to === null) return;
  try {
    r.comparison = r.data.compare(from, to);
  } catch (e) {
    r.compareError = e;
  }
}

// ---------------------------------------------------------------- rendering

function options(select, values, selected, text = (v) => String(v)) {
  select.replaceChildren(...values.map((v) => h("option", { value: v, selected: v === selected }, text(v))));
}

function render() {
  const r = state.results;
  $("risultati").hidden = !r || (!r.interactivity && !r.usage);
  $("status").textContent = r
    ? `Calcolato in ${num(r.ms, 0)} ms su ${state.files.length} file.`
    : "";
  renderErrors();
  renderDiagnostics();
  if ($("risultati").hidden) return;
  const indices = ["interactivity", "usage"].filter((k) => r[k]);
  options($("index-select"), indices, state.index, (k) => INDICES[k]);
  options($("year-select"), yearsOf(r[state.index]), state.year);
  renderSummary();
  renderMunicipalities();
  renderMap();
  renderServices();
  renderCompare();
  renderDownloads();
}

function renderErrors() {
  const errors = state.results?.errors ?? [];
  $("errors").replaceChildren(
    ...errors.map((e) =>
      h(
        "div",
        { class: "alert", role: "alert", "data-code": e.code },
        h("strong", {}, `${e.what}: impossibile calcolare. `),
        e.message,
        h("span", { class: "code" }, ` [${e.code}]`),
      ),
    ),
  );
}

function renderDiagnostics() {
  const box = $("diagnostics");
  const diags = state.results?.validation?.diagnostics;
  if (!diags) {
    box.replaceChildren(h("p", { class: "empty" }, state.results ? "Controllo non eseguito (vedi sopra)." : "Caricate dei dati per vedere le righe scartate o segnalate."));
    return;
  }
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.length - errors;
  const summary = h(
    "p",
    { class: errors ? "summary bad" : "summary good", "data-testid": "diagnostics-summary" },
    diags.length === 0
      ? "Nessun problema: tutte le righe sono state accettate."
      : `${errors} ${errors === 1 ? "riga scartata" : "righe scartate"} (errori) e ${warnings} ${warnings === 1 ? "riga segnalata" : "righe segnalate"} (avvisi, righe tenute).`,
  );
  const byFile = new Map();
  for (const d of diags) {
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    byFile.get(d.file).push(d);
  }
  const files = [...byFile].map(([file, list]) =>
    h(
      "details",
      { open: true, class: "diag-file" },
      h("summary", {}, h("strong", {}, file), ` — ${list.length} ${list.length === 1 ? "riga" : "righe"}`),
      h(
        "ol",
        { class: "diagnostics" },
        list.slice(0, MAX_DIAGNOSTICS_PER_FILE).map((d) =>
          h(
            "li",
            { class: d.severity, "data-file": d.file, "data-line": d.line, "data-code": d.code },
            h("span", { class: "where" }, `riga ${d.line}`),
            h("span", { class: "severity" }, SEVERITY[d.severity]),
            h("span", { class: "what" }, label(CODES, d.code)),
            h("span", { class: "message" }, d.message),
          ),
        ),
      ),
      list.length > MAX_DIAGNOSTICS_PER_FILE
        ? h("p", { class: "note" }, `… e altre ${list.length - MAX_DIAGNOSTICS_PER_FILE} righe (tutte nel file scaricabile).`)
        : null,
    ),
  );
  box.replaceChildren(summary, ...files);
}

function groupName(group, key) {
  if (group === "size_class") return label(SIZE_CLASSES, key);
  if (group === "territory") return label(TERRITORIES, key);
  if (group === "union") {
    for (const m of state.results.groups.values()) if (m.union_id === key && m.union_name) return m.union_name;
  }
  if (group === "region") return "Regione";
  return key;
}

function renderSummary() {
  const r = state.results;
  const indices = ["interactivity", "usage"].filter((k) => r[k]);
  const years = [...new Set(indices.flatMap((k) => yearsOf(r[k])))].sort((a, b) => a - b);
  const regional = h(
    "table",
    { class: "data compact", "data-testid": "regional-indices" },
    h("caption", {}, "Indice regionale (media dei comuni con un valore)"),
    h("thead", {}, h("tr", {}, h("th", {}, ""), years.map((y) => h("th", { class: "num", scope: "col" }, String(y))))),
    h(
      "tbody",
      {},
      indices.map((k) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, INDICES[k]),
          years.map((y) => {
            const a = r[k].aggregates.find((a) => a.group === "region" && a.year === y);
            return h(
              "td",
              {
                class: "num big",
                "data-testid": `region-${k}-${y}`,
                "data-value": a?.index ?? "",
                title: a ? `${a.municipalities} comuni con un valore` : "",
              },
              a ? num(a.index, 2) : "—",
            );
          }),
        ),
      ),
    ),
  );
  const aggregates = r[state.index].aggregates.filter((a) => a.year === state.year);
  const tables = ["size_class", "province", "territory", "union"].map((g) => {
    const rows = aggregates.filter((a) => a.group === g);
    if (rows.length === 0) return null;
    const table = h(
      "table",
      { class: "data compact" },
      h("caption", {}, GROUPS[g]),
      h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", { class: "num" }, "Indice"), h("th", { class: "num" }, "Comuni"))),
      h(
        "tbody",
        {},
        rows.map((a) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, groupName(g, a.key)),
            h("td", { class: "num", "data-value": a.index ?? "" }, num(a.index, 2)),
            h("td", { class: "num" }, String(a.municipalities)),
          ),
        ),
      ),
    );
    return g === "union"
      ? h("details", { class: "unions" }, h("summary", {}, `Unioni di comuni (${rows.length})`), table)
      : table;
  });
  $("summary").replaceChildren(
    regional,
    h("p", { class: "note" }, `${INDICES[state.index]}, ${state.year}, per gruppo di comuni:`),
    h("div", { class: "aggregates" }, tables),
  );
}

/** The selected index's municipalities of the selected year, with names and groups. */
function municipalityRows() {
  const r = state.results;
  return r[state.index].municipalities
    .filter((m) => m.year === state.year)
    .map((m) => {
      const g = r.groups.get(`${m.year}|${m.entity_id}`) ?? {};
      return { ...m, name: g.name ?? "", province: g.province ?? null, size_class: g.size_class ?? null, territory: g.territory ?? null, union_id: g.union_id ?? null, union_name: g.union_name ?? null };
    });
}

function renderFilters(rows) {
  const f = state.filters;
  const distinct = (key) => [...new Set(rows.map((r) => r[key]).filter((v) => v !== null))].sort();
  const select = (key, title, values, text) => {
    if (!values.includes(f[key])) f[key] = "";
    return h(
      "label",
      {},
      title,
      h(
        "select",
        {
          "data-filter": key,
          onchange: (e) => {
            f[key] = e.target.value;
            renderMunicipalities();
          },
        },
        h("option", { value: "" }, "tutte"),
        values.map((v) => h("option", { value: v, selected: v === f[key] }, text(v))),
      ),
    );
  };
  const sizeOrder = Object.keys(SIZE_CLASSES);
  const sizes = distinct("size_class").sort((a, b) => sizeOrder.indexOf(a) - sizeOrder.indexOf(b));
  const unions = [...new Map(rows.filter((r) => r.union_id).map((r) => [r.union_id, r.union_name ?? r.union_id]))]
    .sort((a, b) => a[1].localeCompare(b[1], "it"));
  $("filters").replaceChildren(
    select("province", "Provincia", distinct("province"), (v) => v),
    select("size_class", "Classe demografica", sizes, (v) => label(SIZE_CLASSES, v)),
    select("territory", "Territorio", distinct("territory"), (v) => label(TERRITORIES, v)),
    select("union", "Unione", unions.map(([id]) => id), (id) => unions.find(([u]) => u === id)[1]),
    h(
      "label",
      {},
      "Cerca comune",
      h("input", {
        type: "search",
        value: f.q,
        placeholder: "nome o codice",
        "data-filter": "q",
        oninput: (e) => {
          f.q = e.target.value;
          renderMunicipalityTable(rows);
        },
      }),
    ),
  );
}

function renderMunicipalities() {
  const rows = municipalityRows();
  renderFilters(rows);
  renderMunicipalityTable(rows);
}

function renderMunicipalityTable(all) {
  const f = state.filters;
  const q = f.q.trim().toLowerCase();
  const rows = all.filter(
    (r) =>
      (!f.province || r.province === f.province) &&
      (!f.size_class || r.size_class === f.size_class) &&
      (!f.territory || r.territory === f.territory) &&
      (!f.union || r.union_id === f.union) &&
      (!q || r.name.toLowerCase().includes(q) || r.entity_id.includes(q)),
  );
  $("count").textContent = `${rows.length} di ${all.length} comuni (${INDICES[state.index].toLowerCase()}, ${state.year}).`;
  const extra =
    state.index === "interactivity"
      ? [
          { key: "procedures_scored", label: "Procedimenti valutati", numeric: true },
          { key: "procedures_na", label: "Non applicabili", numeric: true },
        ]
      : [
          { key: "useful_services", label: "Servizi con dato utile", numeric: true },
          { key: "potential_services", label: "Servizi attivabili", numeric: true },
        ];
  const columns = [
    { key: "entity_id", label: "Codice ISTAT" },
    { key: "name", label: "Comune" },
    { key: "province", label: "Provincia" },
    { key: "size_class", label: "Classe", value: (r) => r.size_class, text: (r) => label(SIZE_CLASSES, r.size_class ?? "") },
    { key: "territory", label: "Territorio", text: (r) => label(TERRITORIES, r.territory ?? "") },
    { key: "union_name", label: "Unione", text: (r) => r.union_name ?? "" },
    { key: "index", label: "Indice", numeric: true, text: (r) => num(r.index, 1) },
    ...extra,
  ];
  sortableTable($("municipalities"), {
    columns,
    rows,
    sort: state.sort,
    testid: "municipalities-table",
    onSort: (sort) => {
      state.sort = sort;
      renderMunicipalityTable(all);
    },
  });
}

const boundaryFiles = new Map(); // file name -> Promise of its features

/** The features of one file of the project's boundaries, fetched once. */
function boundaryFeatures(file) {
  if (!boundaryFiles.has(file)) {
    const loading = fetch(BOUNDARIES + file).then(async (response) => {
      if (!response.ok) throw new Error(`confini non trovati (${file}: ${response.status})`);
      return topoFeatures(await response.json());
    });
    loading.catch(() => boundaryFiles.delete(file)); // tried again next time
    boundaryFiles.set(file, loading);
  }
  return boundaryFiles.get(file);
}

/** Every municipal code of the results. */
function resultIds() {
  const r = state.results;
  const ids = new Set();
  for (const k of ["interactivity", "usage"]) for (const m of r?.[k]?.municipalities ?? []) ids.add(m.entity_id);
  return [...ids];
}

/**
 * The project's map for the municipal codes `ids`: the municipalities of their region when
 * all the ISTAT codes (whose first three digits are the province's) lie in one region,
 * otherwise Italy by province.
 */
async function defaultTopology(ids) {
  const provinces = await boundaryFeatures("italy_provinces.topo.json");
  const byCode = new Map(provinces.map((f) => [f.properties.province_code, f.properties]));
  const regions = new Map();
  for (const id of ids) {
    const p = /^\d{6}$/.test(id) ? byCode.get(id.slice(0, 3)) : undefined;
    if (p) regions.set(p.region_code, p.region);
  }
  if (regions.size === 1) {
    const [[code, name]] = regions;
    const features = await boundaryFeatures(`region_${code}.topo.json`);
    return { features, name: `Comuni: ${name} (confini 2023)`, custom: false, level: "municipality", key: code };
  }
  return { features: provinces, name: "Italia per provincia (confini 2023)", custom: false, level: "province", key: "italy" };
}

/** Loads the map the data need (unless the user brought one) and redraws it if it changed. */
async function ensureTopology() {
  if (state.topology?.custom || !state.results) return;
  try {
    const topology = await defaultTopology(resultIds());
    if (state.topology?.custom || state.topology?.key === topology.key) return;
    state.topology = topology;
    if (state.results) renderMap();
  } catch (e) {
    $("topo-status").textContent = `Confini non disponibili: ${e.message}`;
  }
}

/** The areas' values: municipalities, or the aggregates by province for Italy by province. */
function mapRows(level) {
  if (level === "province") {
    const aggregates = state.results[state.index].aggregates.filter((a) => a.group === "province" && a.year === state.year);
    return new Map(aggregates.map((a) => [a.key, { value: a.index }]));
  }
  return new Map(municipalityRows().map((r) => [r.entity_id, { ...r, value: r.index }]));
}

function renderMap() {
  const box = $("map");
  ensureTopology();
  if (!state.topology) {
    box.replaceChildren(h("p", { class: "note" }, "Caricamento dei confini…"));
    return;
  }
  const level = state.topology.level ?? "municipality";
  const rows = mapRows(level);
  const { idOf, matched } = matchIds(state.topology.features, [...rows.keys()]);
  const of = level === "province" ? "alle province dei dati (media dei comuni)" : "ai comuni dei dati";
  $("topo-status").textContent = `${state.topology.name}: ${matched} di ${state.topology.features.length} aree collegate ${of}.`;
  $("topo-reset").hidden = !state.topology.custom;
  if (matched === 0) {
    box.replaceChildren(
      h("p", { class: "alert" }, "Nessuna area del TopoJSON corrisponde ai codici dei comuni nei dati: servono codici ISTAT (es. 037006) in una proprietà delle aree."),
    );
    return;
  }
  box.replaceChildren(
    choropleth({
      features: state.topology.features,
      idOf,
      rows,
      title: `${INDICES[state.index]}, ${state.year}`,
    }),
  );
}

function renderServices() {
  const r = state.results;
  const box = $("services");
  const years = yearsOf(r.usage);
  $("services-year").parentElement.hidden = years.length === 0;
  if (!r.usage) {
    box.replaceChildren(h("p", { class: "note" }, "Serve la rilevazione dell'utilizzo."));
    return;
  }
  options($("services-year"), years, state.servicesYear);
  const services = r.usage.services.filter((s) => s.year === state.servicesYear).sort(byServiceOrder);
  const table = h(
    "table",
    { class: "data compact", "data-testid": "services-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Servizio", "Enti che lo offrono", "Enti potenziali", "Con dato utile", "Disponibilità del dato", "Quota online", ...Object.values(CHANNELS)].map(
          (t, i) => h("th", { class: i ? "num" : null, scope: "col" }, t),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      services.map((s) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label(SERVICES, s.service_id)),
          h("td", { class: "num" }, String(s.bodies_offering)),
          h("td", { class: "num" }, String(s.bodies_potential)),
          h("td", { class: "num" }, String(s.bodies_with_data)),
          h("td", { class: "num" }, pct(s.availability_rate, 0)),
          h("td", { class: "num", "data-value": s.share ?? "" }, pct(s.share)),
          Object.keys(CHANNELS).map((c) => h("td", { class: "num" }, pct(s.channels[c]))),
        ),
      ),
    ),
  );
  box.replaceChildren(channelChart(services), h("div", { class: "scroll" }, table));
}

function renderCompare() {
  const r = state.results;
  const box = $("compare");
  const years = yearsOf(r.usage);
  if (years.length < 2) {
    box.replaceChildren(h("p", { class: "note" }, "Servono dati di utilizzo di almeno due anni."));
    return;
  }
  options($("compare-from"), years, state.compare.from);
  options($("compare-to"), years, state.compare.to);
  if (r.compareError) {
    box.replaceChildren(h("p", { class: "alert" }, `${r.compareError.message} [${r.compareError.code}]`));
    return;
  }
  const c = { ...r.comparison, services: r.comparison.services.slice().sort(byServiceOrder) };
  const table = h(
    "table",
    { class: "data compact", "data-testid": "compare-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Servizio", "Casi confrontabili", `Quota online ${c.from}`, `Quota online ${c.to}`, "Variazione", ...Object.values(CHANNELS).map((t) => `Var. ${t}`)].map(
          (t, i) => h("th", { class: i ? "num" : null, scope: "col" }, t),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      c.services.map((s) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label(SERVICES, s.service_id)),
          h("td", { class: "num" }, String(s.comparable_cases)),
          h("td", { class: "num" }, pct(s.from.share)),
          h("td", { class: "num" }, pct(s.to.share)),
          h("td", { class: "num", "data-value": s.delta_pp.share ?? "" }, pp(s.delta_pp.share)),
          Object.keys(CHANNELS).map((k) => h("td", { class: "num" }, pp(s.delta_pp[k]))),
        ),
      ),
    ),
  );
  box.replaceChildren(compareChart(c), h("div", { class: "scroll" }, table));
}

function renderDownloads() {
  const r = state.results;
  const named = (rows) =>
    rows.map(({ entity_id, ...rest }) => {
      const g = r.groups.get(`${rest.year}|${entity_id}`);
      return { entity_id, name: g?.name ?? "", ...rest };
    });
  const json = (x) => JSON.stringify(x, null, 2) + "\n";
  const items = [];
  const add = (text, file, content, type) =>
    items.push(h("button", { type: "button", "data-file": file, onclick: () => download(file, content(), type) }, text));
  const csv = "text/csv;charset=utf-8";
  const js = "application/json";
  const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const names = {};
  for (const g of r.groups.values()) if (g?.entity_id && g.name) names[g.entity_id] = g.name;
  // "Scarica Excel": the package writes the workbook (a sheet per table), as the command does.
  const excel = (what, file, result) => add(`Scarica Excel: ${what}`, file, () => desier.toExcel(result, names), xlsx);
  if (r.interactivity) {
    add("Interattività (JSON)", "interattivita.json", () => json(r.interactivity), js);
    add("Interattività, comuni (CSV)", "interattivita_comuni.csv", () => toCsv(named(r.interactivity.municipalities)), csv);
    add("Interattività, aggregati (CSV)", "interattivita_aggregati.csv", () => toCsv(r.interactivity.aggregates), csv);
    excel("interattività", "interattivita.xlsx", r.interactivity);
  }
  if (r.usage) {
    add("Utilizzo (JSON)", "utilizzo.json", () => json(r.usage), js);
    add("Utilizzo, comuni (CSV)", "utilizzo_comuni.csv", () => toCsv(named(r.usage.municipalities)), csv);
    add("Utilizzo, servizi (CSV)", "utilizzo_servizi.csv", () => toCsv(r.usage.services), csv);
    add("Utilizzo, aggregati (CSV)", "utilizzo_aggregati.csv", () => toCsv(r.usage.aggregates), csv);
    excel("utilizzo", "utilizzo.xlsx", r.usage);
  }
  if (r.comparison) {
    const c = r.comparison;
    add(`Confronto ${c.from}–${c.to} (JSON)`, `confronto_${c.from}_${c.to}.json`, () => json(c), js);
    add(
      `Confronto ${c.from}–${c.to} (CSV)`,
      `confronto_${c.from}_${c.to}.csv`,
      () => toCsv(c.services.map((s) => ({ from: c.from, to: c.to, ...s }))),
      csv,
    );
  }
  if (r.tables.entities) {
    // The survey workbook of the next year for the bodies loaded, last year's returns beside.
    const years = (r.usage?.services ?? []).map((s) => s.year);
    const year = years.length ? Math.max(...years) + 1 : new Date().getFullYear();
    add(`Modello di rilevazione ${year} (Excel)`, `rilevazione_${year}.xlsx`, () => desier.template(r.tables, { year }), xlsx);
  }
  if (r.validation) {
    add("Controllo dei dati (CSV)", "controllo.csv", () => toCsv(r.validation.diagnostics), csv);
    excel("controllo dei dati", "controllo.xlsx", r.validation);
  }
  $("downloads").replaceChildren(...items);
}

// ---------------------------------------------------------------- wiring

function wire() {
  $("load-sample").addEventListener("click", loadSample);
  $("file-input").addEventListener("change", (e) => {
    const files = [...e.target.files]; // the FileList empties when the input is reset
    e.target.value = "";
    readFiles(files);
  });
  $("clear-files").addEventListener("click", () => {
    state.files = [];
    renderFiles();
    compute();
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    readFiles(e.dataTransfer.files);
  });
  $("index-select").addEventListener("change", (e) => {
    state.index = e.target.value;
    const years = yearsOf(state.results[state.index]);
    if (!years.includes(state.year)) state.year = years.at(-1);
    render();
  });
  $("year-select").addEventListener("change", (e) => {
    state.year = Number(e.target.value);
    render();
  });
  $("services-year").addEventListener("change", (e) => {
    state.servicesYear = Number(e.target.value);
    renderServices();
  });
  for (const end of ["from", "to"]) {
    $(`compare-${end}`).addEventListener("change", (e) => {
      state.compare[end] = Number(e.target.value);
      computeCompare();
      renderCompare();
      renderDownloads();
    });
  }
  $("topo-input").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    try {
      state.topology = { features: topoFeatures(JSON.parse(await file.text())), name: file.name, custom: true };
    } catch (err) {
      $("topo-status").textContent = `${file.name}: ${err.message}`;
      return;
    }
    if (state.results) renderMap();
  });
  $("topo-reset").addEventListener("click", () => {
    state.topology = null;
    if (state.results) renderMap();
  });
}

async function main() {
  await init();
  setCodeLabels(desier.codes());
  $("version").textContent = `desier ${desier.version()}`;
  wire();
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("status").textContent = `Impossibile avviare il calcolo nel browser: ${e.message}`;
});

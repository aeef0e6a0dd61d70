// The shape of the JavaScript API: inputs accepted, plain-object results, the helpers
// the page uses (registry, detectTables, sample), and the speed on the sample.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./helpers.cjs");

const { desier } = h;

/** Every object in a value is a plain object or an array (no Map, no class instance) and
 * no value is `undefined`. */
function assertPlain(value, where = "result") {
  if (value === null || typeof value !== "object") {
    assert.notEqual(value, undefined, where);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlain(v, `${where}[${i}]`));
    return;
  }
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${where} is a plain object`);
  for (const [k, v] of Object.entries(value)) assertPlain(v, `${where}.${k}`);
}

test("results are plain objects with null for undefined values", () => {
  const t = h.dataset("small");
  for (const r of [
    desier.interactivity(t),
    desier.usage(t),
    desier.compare(t, 2018, 2019),
    desier.validate(t),
    desier.registry(t),
  ]) {
    assertPlain(r);
  }
  const usage = desier.usage(t, { year: 2019 });
  const delta = usage.municipalities.find((m) => m.entity_id === "000004");
  assert.equal(delta.index, null, "no useful datum: null, not 0 and not undefined");
  assert.deepStrictEqual(Object.keys(usage), [
    "services",
    "municipalities",
    "aggregates",
    "diagnostics",
    "tables",
  ]);
});

test("tables may be text, bytes, a Buffer, an ArrayBuffer or { name, data }", () => {
  const small = h.dataset("small");
  const reference = desier.interactivity(small);
  const encode = (s) => new TextEncoder().encode(s);
  const variants = [
    (t) => t.data,
    (t) => encode(t.data),
    (t) => Buffer.from(t.data),
    (t) => encode(t.data).buffer,
    (t) => ({ name: null, data: t.data }),
    (t) => ({ data: encode(t.data) }),
  ];
  for (const v of variants) {
    const tables = Object.fromEntries(Object.entries(small).map(([k, t]) => [k, v(t)]));
    const r = desier.interactivity(tables);
    assert.deepStrictEqual(r.municipalities, reference.municipalities);
    assert.deepStrictEqual(h.byBasename(r).diagnostics, h.byBasename(reference).diagnostics);
  }
  // Without a name, a table is named by the canonical name and what the bytes are.
  assert.equal(desier.interactivity({ ...small, offer: small.offer.data }).diagnostics[0].file, "offer.csv");
});

/** The municipality rows of the sample's entities table, counted from its CSV text. */
function sampleMunicipalities(s) {
  return s.entities.split("\n").filter((l) => l.split(",")[2] === "municipality").length;
}

test("sample() is the built-in sample: 330 municipalities of Emilia-Romagna", () => {
  const s = desier.sample();
  assert.deepStrictEqual(Object.keys(s).sort(), ["entities", "facilities", "offer", "procedures", "returns"]);
  for (const v of Object.values(s)) assert.equal(typeof v, "string");
  // The 330 of the 2023 registry (328 in 2020, two more from the Marche in 2021).
  const n = sampleMunicipalities(s);
  assert.equal(n, 330);
  const r = desier.interactivity(s, { year: 2020 });
  assert.equal(r.municipalities.length, n);
  assert.equal(r.aggregates.find((a) => a.group === "region").municipalities, n);
});

test("italyRegistry() is the entities table of the national registry", () => {
  const all = desier.italyRegistry().trimEnd().split("\n");
  assert.equal(all[0], "entity_id,name,kind,province,population,mountain,union_id");
  assert.equal(all.length - 1, 7899); // 2023
  assert.ok(all[1].startsWith("001001,Agliè,municipality,TO,"));
  assert.equal(desier.italyRegistry({ year: 2022 }).trimEnd().split("\n").length - 1, 7904);
  const er = desier.italyRegistry({ region: "Emilia-Romagna" });
  assert.equal(er, desier.italyRegistry({ year: 2023, region: "08" }));
  const rows = er.trimEnd().split("\n").slice(1).map((l) => l.split(","));
  assert.equal(rows.length, 330);
  assert.ok(rows.every((c) => c[5] === "" && c[6] === "")); // mountain, union_id: the analyst's
  // The sample's municipalities, codes and populations are Emilia-Romagna's in 2023.
  const sample = desier.sample().entities.split("\n").map((l) => l.split(",")).filter((c) => c[2] === "municipality");
  assert.deepStrictEqual(rows.map((c) => [c[0], c[4]]), sample.map((c) => [c[0], c[4]]));
  assert.throws(() => desier.italyRegistry({ year: 2019 }), (e) => e.code === "invalid_option");
  assert.throws(() => desier.italyRegistry({ region: "Padania" }), (e) => e.code === "invalid_option");
  assert.throws(() => desier.italyRegistry({ regione: "08" }), (e) => e.code === "invalid_option");
});

test("registry() gives names and groups keyed as the aggregates are", () => {
  const s = desier.sample();
  const { municipalities, diagnostics } = desier.registry(s, { years: [2019] });
  // The two municipalities the 2023 registry has no population for (Montecopiolo and
  // Sassofeltrio): each warned once, on its line of entities.csv (header = line 1).
  const lines = s.entities.split("\n");
  const noPopulation = lines
    .map((l, i) => [l.split(","), i + 1])
    .filter(([c]) => c[2] === "municipality" && c[4] === "")
    .map(([, line]) => line);
  assert.equal(noPopulation.length, 2);
  assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.line]), noPopulation.map((l) => ["missing_population", l]));
  assert.equal(municipalities.length, sampleMunicipalities(s));
  const bologna = municipalities.find((m) => m.entity_id === "037006");
  assert.equal(bologna.name, "Bologna");
  assert.equal(bologna.province, "BO");
  assert.equal(bologna.size_class, "large");
  assert.equal(bologna.year, 2019);
  // Counting the municipalities of each group gives the aggregates' counts (every
  // municipality has an interactivity index in the sample).
  const result = desier.interactivity(s, { year: 2019 });
  const field = { size_class: "size_class", province: "province", territory: "territory", union: "union_id" };
  for (const a of result.aggregates.filter((a) => a.group !== "region")) {
    const n = municipalities.filter((m) => m[field[a.group]] === a.key).length;
    assert.equal(n, a.municipalities, `${a.group} ${a.key}`);
  }
  const undated = desier.registry(s).municipalities;
  assert.equal(undated[0].year, null);
});

test("detectTables() tells which tables a file holds", () => {
  assert.deepStrictEqual(desier.detectTables("Offerta 2019.csv", "anno;codice\n"), ["offer"]);
  assert.deepStrictEqual(desier.detectTables("dati/enti.csv", new Uint8Array()), ["entities"]);
  assert.deepStrictEqual(desier.detectTables("dati.csv", ""), []);
  const book = fs.readFileSync(path.join(h.fixtures, "small.xlsx"));
  assert.deepStrictEqual(desier.detectTables("cartella.xlsx", book), [
    "entities",
    "facilities",
    "procedures",
    "offer",
    "returns",
  ]);
});

test("version() is the crate's version", () => {
  const cargo = fs.readFileSync(path.join(h.root, "Cargo.toml"), "utf8");
  assert.equal(desier.version(), cargo.match(/^version = "([^"]+)"/m)[1]);
});

test("the package.json of pkg/node says CommonJS and ships the declarations", () => {
  const dir = path.join(h.root, "desier-wasm/pkg/node");
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  assert.equal(pkg.type, "commonjs");
  assert.equal(pkg.types, "desier_wasm.d.ts");
  const dts = fs.readFileSync(path.join(dir, pkg.types), "utf8");
  assert.match(dts, /export function interactivity\(tables: Tables, options\?: InteractivityOptions\): InteractivityResult;/);
});

test("the sample is computed in well under a second", () => {
  const s = desier.sample();
  const start = performance.now();
  desier.validate(s);
  desier.interactivity(s);
  desier.usage(s);
  desier.compare(s, 2018, 2019);
  desier.registry(s, { years: [2018, 2019, 2020] });
  const ms = performance.now() - start;
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});

test("the README's JavaScript quickstart runs", () => {
  const readme = fs.readFileSync(path.join(h.root, "README.md"), "utf8");
  const section = readme.split("## Quickstart: JavaScript / browser")[1];
  const code = section.match(/```js\n([\s\S]*?)```/)[1];
  const out = require("node:child_process").execFileSync(process.execPath, ["-e", code], {
    cwd: h.root,
    encoding: "utf8",
  });
  const lines = out.trim().split("\n");
  assert.equal(lines.at(-1), "missing_table");
  assert.equal(Number(lines[0]), desier.interactivity(desier.sample(), { year: 2020 }).aggregates[0].index);
});

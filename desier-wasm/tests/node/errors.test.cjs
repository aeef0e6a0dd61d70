// What the package throws (a real Error with a stable `code`) and what it reports as
// diagnostics (rejected or flagged rows: the computation goes on).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./helpers.cjs");

const { desier } = h;
const small = () => h.dataset("small");
const text = (t) => small()[t].data;

/** Asserts that `f` throws a DesierError with `code`, and returns it. */
function throwsCode(f, code, extra = {}) {
  let error;
  assert.throws(f, (e) => {
    error = e;
    return true;
  });
  assert.ok(error instanceof Error, "a real Error");
  assert.equal(error.name, "DesierError");
  assert.equal(error.code, code, error.message);
  assert.ok(error.message.length > 10, "a message a person can read");
  for (const [k, v] of Object.entries(extra)) assert.equal(error[k], v, k);
  return error;
}

test("a table the computation needs is missing: missing_table", () => {
  throwsCode(() => desier.interactivity({ entities: text("entities") }), "missing_table");
  throwsCode(() => desier.usage({ entities: text("entities") }), "missing_table");
  throwsCode(() => desier.compare({ entities: text("entities") }, 2018, 2019), "missing_table");
  throwsCode(() => desier.validate({}), "missing_table");
  throwsCode(() => desier.registry({ returns: text("returns") }), "missing_table");
  // null and undefined entries are "not given".
  throwsCode(() => desier.validate({ entities: null, offer: undefined }), "missing_table");
});

test("a required column is missing or given twice", () => {
  const e = throwsCode(
    () => desier.validate({ entities: { name: "anagrafica.csv", data: "nome,tipo\nAlfa,comune\n" } }),
    "missing_column",
    { file: "anagrafica.csv", column: "entity_id" },
  );
  assert.match(e.message, /entity_id/);
  throwsCode(() => desier.validate({ entities: "entity_id,codice\n1,1\n" }), "duplicate_column", {
    file: "entities.csv",
    column: "entity_id",
  });
});

test("a file that cannot be read: unreadable_file", () => {
  throwsCode(() => desier.validate({ entities: "" }), "unreadable_file", { file: "entities.csv" });
  const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
  const e = throwsCode(() => desier.validate({ entities: xls }), "unreadable_file");
  assert.match(e.message, /xlsx/);
  const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
  throwsCode(() => desier.validate({ entities: brokenZip }), "unreadable_file", {
    file: "entities.xlsx",
  });
});

test("bad options: invalid_option", () => {
  const t = small();
  assert.match(throwsCode(() => desier.interactivity(t, { yaer: 2019 }), "invalid_option").message, /yaer/);
  throwsCode(() => desier.interactivity(t, { rule: "half" }), "invalid_option");
  throwsCode(() => desier.interactivity(t, { year: 2019.5 }), "invalid_option");
  throwsCode(() => desier.interactivity(t, { year: "2019" }), "invalid_option");
  throwsCode(() => desier.usage(t, { weighting: "Population" }), "invalid_option");
  throwsCode(() => desier.usage(t, { rule: "stepped" }), "invalid_option"); // not a usage option
  throwsCode(() => desier.interactivity(t, { size_classes: [{ key: "all" }] }), "invalid_option");
  throwsCode(() => desier.compare(t, 2019, 2019), "invalid_option");
  throwsCode(() => desier.compare(t, 2018, 2019, { weighting: "simple" }), "invalid_option");
  throwsCode(() => desier.registry(t, { years: 2019 }), "invalid_option");
});

test("options given as undefined, null or {} mean the defaults", () => {
  const t = small();
  const plain = desier.interactivity(t);
  assert.deepStrictEqual(desier.interactivity(t, undefined), plain);
  assert.deepStrictEqual(desier.interactivity(t, null), plain);
  assert.deepStrictEqual(desier.interactivity(t, {}), plain);
  assert.deepStrictEqual(desier.interactivity(t, { year: undefined, rule: undefined }), plain);
  assert.deepStrictEqual(desier.interactivity(t, { year: null, rule: "stepped" }), plain);
  assert.deepStrictEqual(desier.compare(t, 2018, 2019, {}), desier.compare(t, 2018, 2019));
});

test("bad arguments: invalid_argument", () => {
  for (const bad of [undefined, null, "entities.csv", 42, [], [text("entities")], new Uint8Array(3)]) {
    throwsCode(() => desier.validate(bad), "invalid_argument");
  }
  assert.match(throwsCode(() => desier.validate({ entites: "x" }), "invalid_argument").message, /entites/);
  for (const bad of [42, true, {}, { data: 42 }, { name: "x.csv" }, [1, 2], new Date()]) {
    throwsCode(() => desier.validate({ entities: bad }), "invalid_argument");
  }
  throwsCode(() => desier.validate({ entities: { name: 7, data: "entity_id\n1\n" } }), "invalid_argument");
  throwsCode(() => desier.interactivity(small(), "2019"), "invalid_argument");
  for (const [from, to] of [["2018", 2019], [2018.5, 2019], [NaN, 2019], [2018, undefined], [2018, 1e12]]) {
    throwsCode(() => desier.compare(small(), from, to), "invalid_argument");
  }
  throwsCode(() => desier.detectTables("x.csv", 42), "invalid_argument");
});

test("bad rows are diagnostics, and the computation goes on", () => {
  const t = small();
  t.offer = {
    name: "offerta.csv",
    data: text("offer") + '2019,000004,cert,"request\n2019,999999,cert,request\n',
  };
  const r = desier.interactivity(t);
  assert.equal(r.municipalities.length, 4);
  const found = r.diagnostics.filter((d) => d.file === "offerta.csv").map((d) => [d.line, d.severity, d.code]);
  assert.deepStrictEqual(found, [
    [10, "warning", "phase_not_applicable"], // as in fixtures/small
    [11, "error", "malformed_row"],
    [12, "error", "unknown_entity"],
  ]);

  t.offer.data = text("offer") + "2019,999999,cert,request\n";
  const unknown = desier.interactivity(t).diagnostics.find((d) => d.code === "unknown_entity");
  assert.deepStrictEqual([unknown.file, unknown.line, unknown.severity], ["offerta.csv", 11, "error"]);
  assert.match(unknown.message, /999999/);
});

test("validate() lists the rows of every table, sorted by file and line", () => {
  const t = small();
  t.returns = text("returns") + "2019,000004,suap,si,abc,,,,10\n2019,000004,registry_certificates,si,,120,,,100\n";
  const { diagnostics } = desier.validate(t);
  assert.deepStrictEqual(
    diagnostics.map((d) => [h.byBasename({ diagnostics: [d] }).diagnostics[0].file, d.line, d.severity, d.code]),
    [
      ["offer.csv", 10, "warning", "phase_not_applicable"],
      ["returns.csv", 15, "error", "invalid_count"],
      ["returns.csv", 16, "error", "online_exceeds_total"],
    ],
  );
});

test("text that is not UTF-8 is read as Latin-1, with a warning", () => {
  const latin1 = Buffer.from("entity_id,name\n037006,Forl\xec\n", "latin1");
  const r = desier.registry({ entities: new Uint8Array(latin1) });
  assert.equal(r.municipalities[0].name, "Forlì");
  assert.deepStrictEqual(r.diagnostics.map((d) => [d.line, d.code]), [[2, "invalid_encoding"]]);
});

test("codes(): every diagnostic code with its Italian description, as docs/CODES.md lists it", () => {
  const fs = require("node:fs");
  const path = require("node:path");
  const doc = fs.readFileSync(path.resolve(__dirname, "../../../docs/CODES.md"), "utf8");
  // The diagnostics table of the document: | `code` | severity | meaning | in italiano |
  const section = doc.split("## Diagnostics")[1].split("\n## ")[0];
  const rows = section
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) => l.split(" | ").map((c) => c.replace(/^\| /, "").replace(/ \|$/, "")));
  const codes = desier.codes();
  assert.deepEqual(
    codes.map((c) => [`\`${c.code}\``, c.severities.join(", "), c.description, c.description_it]),
    rows,
  );
  // The codes the page once had no label for are there, in Italian.
  const it = Object.fromEntries(codes.map((c) => [c.code, c.description_it]));
  for (const code of ["title_line", "truncated_row", "merged_cells", "formula_without_value"]) {
    assert.ok(it[code] && it[code].length > 10, code);
  }
});

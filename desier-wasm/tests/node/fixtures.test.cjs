// The shared fixtures: every case of fixtures/expected/manifest.json must give exactly the
// expected JSON, as in the Rust and Python tests.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./helpers.cjs");

for (const c of h.manifest()) {
  test(`${c.name}: the expected JSON`, () => {
    const result = h.run(c.computation, h.dataset(c.dataset), c.options);
    assert.deepStrictEqual(h.byBasename(result), h.expected(c.name));
  });
}

test("the workbook small.xlsx gives the numbers of small/", () => {
  const book = h.workbook();
  assert.deepStrictEqual(Object.keys(book).sort(), [
    "entities",
    "facilities",
    "offer",
    "procedures",
    "returns",
  ]);
  for (const c of h.manifest().filter((c) => c.dataset === "small")) {
    const { diagnostics: _b, tables: _tb, ...fromBook } = h.run(c.computation, book, c.options);
    const { diagnostics: _c, tables: _tc, ...fromCsv } = h.run(
      c.computation,
      h.dataset("small"),
      c.options,
    );
    assert.deepStrictEqual(fromBook, fromCsv, c.name);
  }
  // Same doubtful row at the same spreadsheet row, plus Delta's code stored as a number
  // (as the Rust test says).
  const diags = h.desier.interactivity(book).diagnostics;
  assert.deepStrictEqual(
    diags.map((d) => [d.file, d.line, d.code]),
    [
      ["entities.xlsx", 5, "entity_id_padded"],
      ["offer.xlsx", 10, "phase_not_applicable"],
    ],
  );
});

test("the messy Italian files give the numbers of the clean ones", () => {
  for (const computation of ["interactivity", "usage"]) {
    const { diagnostics: _m, tables: _tm, ...messy } = h.run(computation, h.dataset("messy"));
    const { diagnostics: _s, tables: _ts, ...small } = h.run(computation, h.dataset("small"));
    assert.deepStrictEqual(messy, small, computation);
  }
});

// The hostile files of fixtures/hostile/ (cut off, wrong encodings, stray quotes, NUL bytes,
// numbers beyond 64 bits, merged cells, formulas without values, ...) through the
// WebAssembly package, read as bytes as a page reads a dropped file: each gives the error
// or exactly the diagnostics and accounting of fixtures/hostile/manifest.json, as the
// Rust, command and Python suites check.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./helpers.cjs");

const { desier } = h;
const hostile = path.join(h.fixtures, "hostile");
const manifest = JSON.parse(fs.readFileSync(path.join(hostile, "manifest.json"), "utf8"));

/** The tables of the base dataset, with the case's file (as bytes) as its table. */
function tablesWith(c) {
  const tables = h.dataset(manifest.base);
  const file = path.join(hostile, c.file);
  tables[c.table] = { name: file, data: new Uint8Array(fs.readFileSync(file)) };
  return { tables, file };
}

/** The numbers of a usage result (not its diagnostics and accounting). */
function numbers(tables) {
  const { diagnostics, tables: accounting, ...rest } = desier.usage(tables);
  assert.ok(Array.isArray(diagnostics) && Array.isArray(accounting));
  // The names are data, not numbers: a hostile registry may spell them otherwise.
  rest.municipalities = rest.municipalities.map(({ name, ...m }) => m);
  return rest;
}

for (const c of manifest.cases) {
  test(`hostile file ${c.file}: ${c.hostile}`, () => {
    const { tables, file } = tablesWith(c);
    const expect = c.expect;
    if (expect.error) {
      let error;
      assert.throws(
        () => desier.validate(tables),
        (e) => {
          error = e;
          return true;
        },
      );
      assert.ok(error instanceof Error, "a real Error");
      assert.equal(error.name, "DesierError");
      assert.equal(error.code, expect.error, error.message);
      assert.equal(error.file, file);
      return;
    }
    const result = desier.validate(tables);
    const found = result.diagnostics
      .filter((d) => d.file === file)
      .map((d) => [d.line, d.severity, d.code]);
    assert.deepEqual(found, expect.diagnostics);
    for (const d of result.diagnostics) {
      assert.ok(!d.message.includes("\u0000") && d.message.length < 600, d.message);
    }
    const read = result.tables.find((t) => t.file === file);
    assert.ok(read, "the file is accounted for");
    for (const [k, n] of Object.entries(expect.accounting)) assert.equal(read[k], n, k);
    if (expect.same_usage_as_small) {
      assert.deepEqual(numbers(tables), numbers(h.dataset(manifest.base)));
    }
  });
}

test("the accounting of every result adds up", () => {
  const s = desier.sample();
  const results = [
    desier.interactivity(s),
    desier.usage(s),
    desier.compare(s, 2018, 2019),
    desier.validate(s),
    desier.registry(s),
  ];
  for (const r of results) {
    assert.ok(r.tables.length > 0);
    for (const t of r.tables) {
      assert.equal(t.rows, t.accepted + t.accepted_with_warnings + t.rejected, t.table);
    }
  }
});

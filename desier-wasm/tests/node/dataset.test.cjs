// desier.load: the tables read once, computed on many times, with exactly the results of
// the one-shot functions on every case of fixtures/expected/manifest.json (and so the
// expected JSON the Rust and Python suites check), and the diagnostics and accounting of
// what was read.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./helpers.cjs");

/** One manifest computation as a method of a loaded dataset. */
function compute(data, computation, options = {}) {
  switch (computation) {
    case "interactivity":
      return data.interactivity(options);
    case "usage":
      return data.usage(options);
    case "compare": {
      const { from_year, to_year, ...rest } = options;
      return data.compare(from_year, to_year, rest);
    }
    case "validate":
      return data.validate();
    default:
      throw new Error(`unknown computation ${computation}`);
  }
}

test("every manifest case on one dataset per folder equals the one-shot function", () => {
  const loaded = new Map();
  for (const c of h.manifest()) {
    if (!loaded.has(c.dataset)) loaded.set(c.dataset, h.desier.load(h.dataset(c.dataset)));
    const result = compute(loaded.get(c.dataset), c.computation, c.options);
    assert.deepStrictEqual(result, h.run(c.computation, h.dataset(c.dataset), c.options), c.name);
    assert.deepStrictEqual(h.byBasename(result), h.expected(c.name), c.name);
  }
});

test("the sample loads as sample() returns it, and gives the one-shot registry", () => {
  const sample = h.desier.sample();
  const data = h.desier.load(sample);
  assert.deepStrictEqual(
    data.tables.map((t) => t.table),
    ["entities", "facilities", "procedures", "offer", "returns"],
  );
  for (const t of data.tables) {
    assert.equal(t.rows, t.accepted + t.accepted_with_warnings + t.rejected, t.table);
  }
  const years = data.years;
  assert.ok(years.length > 0 && years.every((y, i) => i === 0 || y > years[i - 1]));
  assert.deepStrictEqual(
    data.registry({ years: [years[0]] }),
    h.desier.registry(sample, { years: [years[0]] }),
  );
  assert.deepStrictEqual(data.validate(), h.desier.validate(sample));
  assert.deepStrictEqual(data.diagnostics, h.desier.validate(sample).diagnostics);
});

test("each result carries the diagnostics and accounting of the tables it uses", () => {
  const data = h.desier.load(h.dataset("small"));
  // fixtures/small/offer.csv, line 10: `payment` is not a phase of `cambio` (kept).
  const line10 = (d) => d.file.endsWith("offer.csv") && d.line === 10;
  assert.deepStrictEqual(
    data.diagnostics.filter(line10).map((d) => d.code),
    ["phase_not_applicable"],
  );
  const usage = data.usage();
  assert.deepStrictEqual(
    usage.tables.map((t) => t.table),
    ["entities", "facilities", "returns"],
  );
  assert.equal(usage.diagnostics.filter(line10).length, 0);
  const offer = data.tables.find((t) => t.table === "offer");
  assert.deepStrictEqual([offer.rows, offer.accepted_with_warnings], [9, 1]);
});

test("a computation without its tables throws missing_table; bad options invalid_option", () => {
  const { entities, returns } = h.desier.sample();
  const data = h.desier.load({ entities, returns });
  assert.throws(() => data.interactivity(), { code: "missing_table" });
  assert.ok(data.usage().municipalities.length > 0);
  assert.throws(() => data.usage({ yaer: 2019 }), { code: "invalid_option" });
  assert.throws(() => data.compare(2019, 2019), { code: "invalid_option" });
  assert.throws(() => h.desier.load({ returns }), { code: "missing_table" });
  assert.throws(() => h.desier.load({ entities, offerta: "x" }), { code: "invalid_argument" });
});

// The package gives exactly the JSON of the `desier` command on the same data: the
// built-in sample and the shared fixtures, with and without options.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const h = require("./helpers.cjs");

const sampleDir = fs.mkdtempSync(path.join(os.tmpdir(), "desier-sample-"));
test.after(() => fs.rmSync(sampleDir, { recursive: true, force: true }));
execFileSync(h.commandPath(), ["sample", "--out", sampleDir], { stdio: "ignore" });

const cases = [
  ["interactivity", [], {}],
  ["interactivity", ["--year", "2020", "--rule", "proportional", "--weighting", "population"],
    { year: 2020, rule: "proportional", weighting: "population" }],
  ["usage", [], {}],
  ["usage", ["--year", "2019", "--weighting", "population"], { year: 2019, weighting: "population" }],
  ["compare", ["--from-year", "2018", "--to-year", "2019"], { from_year: 2018, to_year: 2019 }],
  ["validate", [], {}],
];

test("the sample() tables are the files `desier sample` writes", () => {
  const tables = h.desier.sample();
  for (const [name, text] of Object.entries(tables)) {
    assert.equal(text, fs.readFileSync(path.join(sampleDir, `${name}.csv`), "utf8"), name);
  }
});

for (const [computation, args, options] of cases) {
  const label = [computation, ...args].join(" ");
  test(`sample: desier ${label}`, () => {
    const fromCommand = h.command([computation, "--dir", sampleDir, ...args]);
    const fromWasm = h.run(computation, h.desier.sample(), options);
    assert.deepStrictEqual(h.byBasename(fromWasm), h.byBasename(fromCommand));
  });
  for (const dataset of ["small", "messy"]) {
    test(`${dataset}: desier ${label}`, () => {
      const dir = path.join(h.fixtures, dataset);
      const fromCommand = h.command([computation, "--dir", dir, ...args]);
      const fromWasm = h.run(computation, h.dataset(dataset), options);
      assert.deepStrictEqual(h.byBasename(fromWasm), h.byBasename(fromCommand));
    });
  }
}

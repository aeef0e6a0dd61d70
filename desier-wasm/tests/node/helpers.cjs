// Shared helpers of the Node tests: the package under test, the repository's fixtures
// (the same as the Rust and Python tests) and the `desier` command.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "../../..");
const fixtures = path.join(root, "fixtures");
const desier = require(path.join(root, "desier-wasm/pkg/node/desier_wasm.js"));
const TABLES = ["entities", "facilities", "procedures", "offer", "services", "returns"];

/** The tables of `fixtures/<name>/` as `{ name, data }` (CSV text), named by their path. */
function dataset(name) {
  const tables = {};
  for (const t of TABLES) {
    const file = path.join(fixtures, name, `${t}.csv`);
    if (fs.existsSync(file)) tables[t] = { name: file, data: fs.readFileSync(file, "utf8") };
  }
  return tables;
}

/** `fixtures/small.xlsx` (one sheet per table) given for every table it holds. */
function workbook() {
  const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, "small.xlsx")));
  return Object.fromEntries(desier.detectTables("small.xlsx", bytes).map((t) => [t, bytes]));
}

function expected(name) {
  return JSON.parse(fs.readFileSync(path.join(fixtures, "expected", `${name}.json`), "utf8"));
}

/** The cases of `fixtures/expected/manifest.json`. */
function manifest() {
  return expected("manifest");
}

/** A result with the `file` of each diagnostic and of each table's accounting reduced to
 * its last path component, since every interface names the files its own way. */
function byBasename(result) {
  const out = { ...result };
  for (const key of ["diagnostics", "tables"]) {
    if (Array.isArray(result[key])) {
      out[key] = result[key].map((d) => ({ ...d, file: path.basename(d.file) }));
    }
  }
  return out;
}

/** Runs one computation of the manifest through the package. */
function run(computation, tables, options = {}) {
  switch (computation) {
    case "interactivity":
      return desier.interactivity(tables, options);
    case "usage":
      return desier.usage(tables, options);
    case "compare": {
      const { from_year, to_year, ...rest } = options;
      return desier.compare(tables, from_year, to_year, rest);
    }
    case "validate":
      return desier.validate(tables);
    default:
      throw new Error(`unknown computation ${computation}`);
  }
}

/** The `desier` command (DESIER_BIN, else target/release or target/debug). */
function commandPath() {
  const candidates = process.env.DESIER_BIN
    ? [process.env.DESIER_BIN]
    : ["release", "debug"].map((p) => path.join(root, "target", p, "desier"));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error(
      `the desier command is needed to compare with its JSON: build it (cargo build -p desier-cli) or set DESIER_BIN (looked for ${candidates.join(", ")})`,
    );
  }
  return found;
}

/** The JSON the command writes for `args` (exit status 1, rows rejected, is fine). */
function command(args) {
  let out;
  try {
    out = execFileSync(commandPath(), [...args, "--format", "json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  return JSON.parse(out);
}

module.exports = {
  desier,
  root,
  fixtures,
  TABLES,
  dataset,
  workbook,
  expected,
  manifest,
  byBasename,
  run,
  command,
  commandPath,
};

// The in-memory work of `benches/src/bin/in_memory.rs`, in Node with the WebAssembly
// package (desier-wasm/pkg/node): the tables of a folder read into memory once (bytes),
// then `interactivity` and `usage` computed RUNS times each, results returned to
// JavaScript as objects; prints the median times as JSON.
//   node benches/wasm/bench.cjs DIR RUNS
// DESIER_WASM_PKG names another build of the package (e.g. one built for speed).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const pkg = process.env.DESIER_WASM_PKG || path.join(root, "desier-wasm/pkg/node");
const desier = require(path.join(pkg, "desier_wasm.js"));
const [dir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const tables = {};
for (const t of ["entities", "facilities", "procedures", "offer", "services", "returns"]) {
  const file = path.join(dir, `${t}.csv`);
  if (fs.existsSync(file)) tables[t] = { name: `${t}.csv`, data: new Uint8Array(fs.readFileSync(file)) };
}

function medianMs(f) {
  f(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const i = medianMs(() => desier.interactivity(tables));
const u = medianMs(() => desier.usage(tables));
console.log(JSON.stringify({ interactivity_ms: i, usage_ms: u, runs }));

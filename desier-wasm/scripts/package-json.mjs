// Writes the package.json of a built package directory (make wasm):
//   node package-json.mjs <dir> <commonjs|module>
// pkg/node is CommonJS (`require`), pkg/web an ES module for browsers and bundlers.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, type] = process.argv.slice(2);
if (!dir || !["commonjs", "module"].includes(type)) {
  console.error("usage: node package-json.mjs <dir> <commonjs|module>");
  process.exit(2);
}
const root = new URL("../../", import.meta.url);
const cargo = readFileSync(new URL("Cargo.toml", root), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, "m"))?.[1];
const pkg = {
  name: "desier-wasm",
  version: field("version"),
  description:
    "The DESI-ER indicators of municipal digital services (interactivity and usage indices), computed in WebAssembly",
  license: field("license"),
  type,
  main: "desier_wasm.js",
  types: "desier_wasm.d.ts",
  files: readdirSync(dir).filter((f) => f !== "package.json" && f !== ".gitignore").sort(),
};
if (type === "module") pkg.sideEffects = ["./snippets/*"];
writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

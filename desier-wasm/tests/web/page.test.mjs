// The page (examples/web) in headless Chromium (Debian's package) driven by playwright-core:
// load the sample, check that the regional indices shown are those the `desier` command
// computes, load a malformed CSV and find its diagnostic, hover the map, save a screenshot
// under target/web/. The page is served by a static server started here on 127.0.0.1.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const { command, commandPath } = require("../node/helpers.cjs");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const webDir = path.join(root, "examples/web");
const shots = path.join(root, "target/web");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".md": "text/plain; charset=utf-8",
};

/** A static server of `dir` on 127.0.0.1 (a free port). */
function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, "") || "index.html";
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const italian = (v) => new Intl.NumberFormat("it-IT", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);

test("the page computes the sample as the command does, and lists a malformed file's diagnostics", async (t) => {
  assert.ok(fs.existsSync(path.join(webDir, "pkg/desier_wasm_bg.wasm")), "run `make web-assets` first");
  assert.ok(fs.existsSync(executablePath), `no Chromium at ${executablePath}`);
  fs.mkdirSync(shots, { recursive: true });

  const sampleDir = fs.mkdtempSync(path.join(os.tmpdir(), "desier-page-sample-"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "desier-chromium-"));
  const server = await serve(webDir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1200, height: 900 },
  });
  t.after(async () => {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(sampleDir, { recursive: true, force: true });
  });

  const page = context.pages()[0] ?? (await context.newPage());
  const outside = [];
  const problems = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) outside.push(r.url());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));

  await page.goto(`${origin}/`);
  await page.waitForSelector("body[data-ready=true]");

  // --- the sample, against the command
  const started = Date.now();
  await page.click("#load-sample");
  await page.waitForSelector("[data-testid=regional-indices]");
  const elapsed = Date.now() - started;
  execFileSync(commandPath(), ["sample", "--out", sampleDir], { stdio: "ignore" });
  let checked = 0;
  for (const index of ["interactivity", "usage"]) {
    const expected = command([index, "--dir", sampleDir]).aggregates.filter((a) => a.group === "region");
    assert.ok(expected.length >= 2, `${index}: the command gives regional indices`);
    for (const a of expected) {
      const cell = page.locator(`[data-testid=region-${index}-${a.year}]`);
      assert.equal(Number(await cell.getAttribute("data-value")), a.index, `${index} ${a.year}`);
      assert.equal((await cell.textContent()).trim(), italian(a.index), `${index} ${a.year} as shown`);
      checked++;
    }
  }
  assert.equal(checked, 4);
  const status = await page.textContent("#status");
  const ms = Number(status.match(/in ([\d.]+) ms/)[1].replace(".", ""));
  assert.ok(ms < 1000, `computed in ${ms} ms (${elapsed} ms with the display)`);

  // The per-municipality table, filtered and sorted: one row per municipality of the
  // sample's entities file (330: Emilia-Romagna in the 2023 registry).
  const municipalities = fs
    .readFileSync(path.join(sampleDir, "entities.csv"), "utf8")
    .split("\n")
    .filter((l) => l.split(",")[2] === "municipality").length;
  assert.equal(municipalities, 330);
  assert.equal(await page.locator("[data-testid=municipalities-table] tbody tr").count(), municipalities);
  await page.selectOption("select[data-filter=province]", "BO");
  assert.equal(await page.locator("[data-testid=municipalities-table] tbody tr").count(), 55);
  await page.selectOption("select[data-filter=size_class]", "large");
  const large = await page.locator("[data-testid=municipalities-table] tbody tr td:nth-child(2)").allTextContents();
  assert.ok(large.includes("Bologna") && large.length < 10, large.join(", "));
  await page.selectOption("select[data-filter=size_class]", "");
  await page.selectOption("select[data-filter=province]", "");

  // The map of the data's region, fetched on demand: one area per municipality, the value
  // on hover.
  await page.waitForFunction(() => document.getElementById("topo-status").textContent.startsWith("Comuni: Emilia-Romagna"));
  assert.equal(await page.locator("svg.map path").count(), municipalities);
  assert.match(await page.textContent("#topo-status"), new RegExp(`${municipalities} di ${municipalities} aree`));
  await page.locator('svg.map path[data-id="037006"]').hover();
  const tip = await page.textContent("[data-testid=map-tooltip]");
  assert.match(tip, /^Bologna \(BO\): \d+,\d$/);
  assert.ok((await page.locator("[data-testid=map-legend] li").count()) >= 3);

  // The charts: shares by channel and the comparison of two years.
  assert.ok((await page.locator("#services svg.chart g.bar").count()) >= 8);
  assert.ok((await page.locator("#compare svg.chart g.bar").count()) >= 8);

  // "Scarica Excel": the workbook the package writes, offered as a download.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-file="utilizzo.xlsx"]'),
  ]);
  assert.equal(download.suggestedFilename(), "utilizzo.xlsx");
  const xlsx = fs.readFileSync(await download.path());
  assert.deepEqual([...xlsx.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  assert.ok(xlsx.length > 10000, `${xlsx.length} bytes`);
  // The survey workbook of the year after the sample's returns (2018, 2019).
  const [blank] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-file="rilevazione_2020.xlsx"]'),
  ]);
  const survey = fs.readFileSync(await blank.path());
  assert.deepEqual([...survey.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  await page.screenshot({ path: path.join(shots, "page-sample.png"), fullPage: true });
  await page.locator("#mappa").scrollIntoViewIfNeeded();
  await page.locator("#map").screenshot({ path: path.join(shots, "map.png") });

  // --- a malformed CSV: its diagnostic appears with file and line
  const fixture = (f) => fs.readFileSync(path.join(root, "fixtures/small", f));
  const offer = Buffer.concat([fixture("offer.csv"), Buffer.from('2019,000004,cert,"request\n')]);
  await page.click("#clear-files");
  await page.waitForSelector("#risultati", { state: "hidden" });
  await page.setInputFiles("#file-input", [
    { name: "enti.csv", mimeType: "text/csv", buffer: fixture("entities.csv") },
    { name: "procedimenti.csv", mimeType: "text/csv", buffer: fixture("procedures.csv") },
    { name: "offerta.csv", mimeType: "text/csv", buffer: offer },
  ]);
  const item = page.locator('li[data-file="offerta.csv"][data-code="malformed_row"]');
  await item.waitFor();
  assert.equal(await item.getAttribute("data-line"), "11");
  // The Italian description is the core's (Code::description_it of malformed_row).
  assert.match(
    await item.textContent(),
    /riga 11.*Errore: riga scartata.*Riga CSV che non si può dividere in celle \(virgolette non chiuse\)/,
  );
  assert.match(await page.textContent("[data-testid=diagnostics-summary]"), /1 riga scartata/);
  await page.locator("#controllo").screenshot({ path: path.join(shots, "diagnostics.png") });

  // --- a workbook with a sheet per table: the numbers of fixtures/small
  await page.click("#clear-files");
  await page.setInputFiles("#file-input", [
    { name: "cartella.xlsx", mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(root, "fixtures/small.xlsx")) },
  ]);
  const expected = JSON.parse(fs.readFileSync(path.join(root, "fixtures/expected/small.interactivity.json"), "utf8"));
  const region = expected.aggregates.find((a) => a.group === "region");
  const cell = page.locator(`[data-testid=region-interactivity-${region.year}]`);
  await cell.waitFor();
  assert.equal(Number(await cell.getAttribute("data-value")), region.index);
  assert.match(await page.textContent("#files"), /cartella Excel con i fogli/);

  // --- data of several regions: Italy by province, each province coloured by its mean
  await page.click("#clear-files");
  await page.setInputFiles("#file-input", [
    {
      name: "enti.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("entity_id,name,kind,province,population\n037006,Bologna,municipality,BO,390000\n015146,Milano,municipality,MI,1350000\n"),
    },
    { name: "procedimenti.csv", mimeType: "text/csv", buffer: Buffer.from("procedure_id,procedure_name,area_id,area_name,phases\np1,P,a,A,request|payment\n") },
    // Bologna: both phases online (100); Milano: the request only (50).
    { name: "offerta.csv", mimeType: "text/csv", buffer: Buffer.from("year,entity_id,procedure_id,online_phases\n2020,037006,p1,request|payment\n2020,015146,p1,request\n") },
  ]);
  await page.waitForFunction(() => document.getElementById("topo-status").textContent.startsWith("Italia per provincia"));
  assert.match(await page.textContent("#topo-status"), /2 di 107 aree collegate alle province/);
  assert.equal(await page.locator("svg.map path").count(), 107);
  await page.locator('svg.map path[data-id="BO"]').hover();
  assert.match(await page.textContent("[data-testid=map-tooltip]"), /^Bologna: 100,0$/);
  assert.equal(await page.locator('svg.map path[data-id="MI"]').getAttribute("data-value"), "50");
  await page.locator("#map").screenshot({ path: path.join(shots, "map-italy.png") });

  // --- a TopoJSON of one's own (here the region's boundaries under another name)
  await page.click("#load-sample");
  await page.waitForSelector("[data-testid=region-usage-2019]");
  await page.setInputFiles("#topo-input", [
    {
      name: "confini.topojson",
      mimeType: "application/json",
      buffer: fs.readFileSync(path.join(root, "desier-core/data/boundaries/2023/region_08.topo.json")),
    },
  ]);
  await page.waitForFunction(() => document.getElementById("topo-status").textContent.startsWith("confini.topojson"));
  assert.match(await page.textContent("#topo-status"), new RegExp(`${municipalities} di ${municipalities} aree`));

  assert.deepStrictEqual(outside, [], "the page loads nothing from outside");
  assert.deepStrictEqual(problems, [], "no errors in the page");
});

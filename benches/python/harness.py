"""The benchmark harness of `make bench`: generates the datasets, checks that the pandas
and polars baselines give the same numbers as desier, times them side by side (desier
natively, through its Python package and in WebAssembly when those are built), collects
the criterion results and writes `benches/RESULTS.md`.

    python harness.py [--quick] [--scales region,italy] [--desier PATH]
                      [--generate-only | --no-generate | --check-only]

Ratios are from one run on one machine: absolute times drift on shared machines, ratios
much less. Every process is timed separately; its peak memory is the maximum resident
set size the kernel reports for it (`wait4`)."""

import argparse
import csv
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = HERE.parent
ROOT = BENCHES.parent
DESIER = ROOT / "target" / "release" / "desier"
# The small dataset of --check-only.
TINY = ["--municipalities", "80", "--procedures", "30", "--years", "3", "--seed", "7"]
DATA = BENCHES / "data"
OUT = DATA / "out"
INDICES = ["interactivity", "usage"]
INPUTS = {
    "interactivity": ["entities", "facilities", "procedures", "offer"],
    "usage": ["entities", "facilities", "returns"],
}
# Repetitions per scale and implementation.
REPS = {"region": {"desier": 10, "desier-py": 5, "polars": 5, "pandas": 3},
        "italy": {"desier": 3, "desier-py": 2, "polars": 2, "pandas": 1}}
QUICK_REPS = {"region": {"desier": 3, "desier-py": 2, "polars": 2, "pandas": 1},
              "italy": {"desier": 1, "desier-py": 1, "polars": 1, "pandas": 1}}
TOLERANCE = 1e-9
# The shipped WebAssembly package (built for size), and the same built for speed by
# `make bench` (opt-level 3).
WASM_PKGS = {"shipped (opt-level z)": ROOT / "desier-wasm" / "pkg" / "node",
             "opt-level 3": ROOT / "target" / "wasm-o3-pkg" / "node"}
IN_MEMORY = ROOT / "target" / "release" / "in_memory"
# Repetitions of the in-memory runs (native and WebAssembly) per scale.
WASM_RUNS = {"region": 10, "italy": 3}


def measured(cmd):
    """Runs `cmd` under a tiny helper that reports the child's wall time and peak memory."""
    helper = ("import os,sys,time,json,subprocess;"
              "t=time.perf_counter();p=subprocess.Popen(sys.argv[1:],stdout=subprocess.PIPE,"
              "stderr=subprocess.DEVNULL);out=p.stdout.read();_,st,ru=os.wait4(p.pid,0);"
              "w=time.perf_counter()-t;print(json.dumps({'wall':w,'peak_kb':ru.ru_maxrss,"
              "'status':os.waitstatus_to_exitcode(st),'out':out.decode()}))")
    res = subprocess.run([sys.executable, "-c", helper, *map(str, cmd)], capture_output=True,
                         text=True, check=True)
    r = json.loads(res.stdout)
    if r["status"] not in (0, 1):
        sys.exit(f"{' '.join(map(str, cmd))} failed with status {r['status']}")
    return r


def generate(scale, run=True):
    d = DATA / scale
    if run or not (d / "offer.csv").is_file():
        args = TINY if scale == "tiny" else ["--preset", scale]
        subprocess.run([DESIER, "generate", *args, "--out", d], check=True,
                       stderr=subprocess.DEVNULL)
    return d


def input_bytes(d, index):
    return sum((d / f"{t}.csv").stat().st_size for t in INPUTS[index])


def time_desier(d, index, out):
    r = measured([DESIER, index, "--dir", d, "--format", "csv", "--output", out])
    return r["wall"], r["peak_kb"]


def time_python(impl, d, index, out):
    r = measured([sys.executable, HERE / "run.py", impl, index, d, out])
    return json.loads(r["out"].strip().splitlines()[-1])["seconds"], r["peak_kb"]


def wasm_vs_native(scales, quick):
    """The same in-memory work natively and in WebAssembly (Node), for each package built:
    {(scale, index): (native seconds, {package: seconds})}."""
    pkgs = {k: p for k, p in WASM_PKGS.items() if (p / "desier_wasm.js").is_file()}
    if not (pkgs and IN_MEMORY.is_file()):
        return {}
    out = {}
    for scale in scales:
        d = DATA / scale
        runs = str(1 if quick else WASM_RUNS.get(scale, 3))
        native = json.loads(subprocess.run([IN_MEMORY, d, runs], capture_output=True,
                                           text=True, check=True).stdout)
        wasm = {}
        for name, pkg in pkgs.items():
            env = dict(os.environ, DESIER_WASM_PKG=str(pkg))
            wasm[name] = json.loads(subprocess.run(
                ["node", BENCHES / "wasm" / "bench.cjs", d, runs], capture_output=True,
                text=True, check=True, env=env).stdout)
        for index in INDICES:
            n = native[f"{index}_ms"] / 1000
            out[(scale, index)] = (n, {k: v[f"{index}_ms"] / 1000 for k, v in wasm.items()})
            for k, v in out[(scale, index)][1].items():
                print(f"{scale:>6} {index:>13} in memory: native {fmt_s(n)}, WebAssembly "
                      f"{k} {fmt_s(v)} ({v / n:.2f}x)", flush=True)
    return out


def desier_python_available():
    try:
        import desier  # noqa: F401
        return hasattr(desier, "interactivity")
    except ImportError:
        return False


def read_table(path, key):
    with open(path, newline="") as f:
        return {tuple(r[k] for k in key): r for r in csv.DictReader(f)}


def same_number(a, b):
    if a == "" or b == "":
        return a == b or (a in ("", "nan") and b in ("", "nan"))
    try:
        x, y = float(a), float(b)
    except ValueError:  # a text column (the municipality's name): the same text
        return a == b
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return abs(x - y) <= TOLERANCE * max(1.0, abs(x))


def compare(reference, other):
    """Differences between two result folders (municipalities and aggregates)."""
    problems = []
    for name, key in [("municipalities", ("year", "entity_id")),
                      ("aggregates", ("group", "key", "year"))]:
        a = read_table(reference / f"{name}.csv", key)
        b = read_table(other / f"{name}.csv", key)
        if a.keys() != b.keys():
            missing, extra = a.keys() - b.keys(), b.keys() - a.keys()
            problems.append(f"{name}: {len(missing)} rows missing, {len(extra)} extra "
                            f"(e.g. {sorted(missing)[:2]} {sorted(extra)[:2]})")
            continue
        cols = [c for c in next(iter(a.values()), {}) if c not in key
                and c in next(iter(b.values()), {})]
        bad = [(k, c, a[k][c], b[k][c]) for k in a for c in cols
               if not same_number(a[k][c], b[k][c])]
        if bad:
            problems.append(f"{name}: {len(bad)} cells differ, e.g. {bad[:3]}")
        if not cols:
            problems.append(f"{name}: no column in common")
    return problems


def fmt_s(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def mb(kb):
    return kb / 1024


def criterion_results():
    """Median times of the criterion benches, by id (`group/scale/bench`)."""
    base = ROOT / "target" / "criterion"
    out = {}
    for est in sorted(base.glob("**/new/estimates.json")):
        bench = json.loads((est.parent / "benchmark.json").read_text())
        e = json.loads(est.read_text())
        out[bench["full_id"]] = e["median"]["point_estimate"] / 1e9
    return out


def node_version():
    try:
        return "Node " + subprocess.run(["node", "--version"], capture_output=True,
                                        text=True).stdout.strip()
    except OSError:
        return "Node"


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import pandas
    import polars
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB; {platform.system()} "
            f"{platform.release()}; {rustc}; Python {platform.python_version()}, "
            f"pandas {pandas.__version__}, polars {polars.__version__}")


IMPLS = ["desier", "desier-py", "polars", "pandas"]


def main():
    global DESIER
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--check-only", action="store_true",
                    help="only the equality checks, on a small dataset")
    ap.add_argument("--generate-only", action="store_true", help="only write the datasets")
    ap.add_argument("--no-generate", action="store_true",
                    help="use the datasets already written")
    ap.add_argument("--scales", default="region,italy")
    ap.add_argument("--desier", default=str(DESIER), help="the desier command")
    ap.add_argument("--results", default=str(BENCHES / "RESULTS.md"))
    args = ap.parse_args()
    DESIER = Path(args.desier).resolve()
    scales = ["tiny"] if args.check_only else args.scales.split(",")
    if args.generate_only:
        for scale in scales:
            generate(scale)
        return
    reps = QUICK_REPS if args.quick else REPS
    impls = [i for i in IMPLS if i != "desier-py" or desier_python_available()]
    rows, checks = [], []
    for scale in scales:
        d = generate(scale, run=not args.no_generate)
        for index in INDICES:
            res = {"scale": scale, "index": index, "input_mb": input_bytes(d, index) / 2**20}
            out = {impl: OUT / scale / index / impl for impl in impls}
            samples = {}
            for impl in impls:
                n = 1 if args.check_only else reps[scale][impl]
                times, peaks = [], []
                for _ in range(n):
                    if impl == "desier":
                        t, p = time_desier(d, index, out[impl])
                    else:
                        t, p = time_python(impl, d, index, out[impl])
                    times.append(t)
                    peaks.append(p)
                samples[impl] = (statistics.median(times), max(peaks), n)
                print(f"{scale:>6} {index:>13} {impl:>9}: {fmt_s(samples[impl][0])} "
                      f"(n={n}), peak {mb(max(peaks)):.0f} MiB", flush=True)
            for impl in impls[1:]:
                problems = compare(out["desier"], out[impl])
                checks.append((scale, index, impl, problems))
                status = "same numbers" if not problems else "DIFFERENT: " + "; ".join(problems)
                print(f"{scale:>6} {index:>13} desier vs {impl}: {status}", flush=True)
            res.update(samples=samples)
            rows.append(res)
    failed = [c for c in checks if c[3]]
    wasm = {} if args.check_only else wasm_vs_native(scales, args.quick)
    if args.check_only:
        print(f"bench-check: {len(checks) - len(failed)} passed, {len(failed)} failed")
        sys.exit(1 if failed else 0)
    write_results(Path(args.results), rows, checks, criterion_results(), impls, wasm)
    print(f"wrote {args.results}")
    sys.exit(1 if failed else 0)


def write_results(path, rows, checks, crit, impls, wasm):
    L = []
    w = L.append
    w("# desier benchmarks\n")
    w("Written by `make bench` (`benches/python/harness.py`); do not edit by hand: the "
      "analysis is in [`NOTES.md`](NOTES.md). Ratios are from one run on one machine.\n")
    w(f"Machine: {machine()}.\n")
    w("## End to end: CSV files to result files\n")
    w("Each implementation reads the generated CSV files (`desier generate --preset region` "
      "or `italy`), computes the index of every municipality and year (with the area "
      "sub-indices for interactivity) and the aggregates (region, size class, province, "
      "territory, union), and writes `municipalities.csv` and `aggregates.csv`. **desier** "
      "is the release `desier` command (`--format csv`), timed as a whole process, start "
      "to exit; **desier (Python)** is the Python package given the file paths, its "
      "DataFrames written with pandas; **pandas** and **polars** are the baselines in "
      "`benches/python/`. The Python ones are timed inside Python from the first read to "
      "the last write (interpreter start and imports left out, in their favour). Median of "
      "n runs; peak = the process's maximum resident set size (`wait4`), Python's "
      "interpreter and libraries included.\n")
    has_py = "desier-py" in impls
    head = ["scale", "index", "input", "desier"] + (["desier (Python)"] if has_py else []) + [
        "pandas", "polars", "pandas / desier", "polars / desier", "peak desier",
        "peak pandas", "peak polars", "desier peak / input"]
    w("| " + " | ".join(head) + " |")
    w("|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|")
    for r in rows:
        s = r["samples"]
        t = {k: v[0] for k, v in s.items()}
        cells = [r["scale"], r["index"], f"{r['input_mb']:.1f} MiB",
                 f"{fmt_s(t['desier'])} (n={s['desier'][2]})"]
        if has_py:
            cells.append(f"{fmt_s(t['desier-py'])} (n={s['desier-py'][2]})")
        cells += [f"{fmt_s(t['pandas'])} (n={s['pandas'][2]})",
                  f"{fmt_s(t['polars'])} (n={s['polars'][2]})",
                  f"**{t['pandas'] / t['desier']:.1f}x**", f"**{t['polars'] / t['desier']:.1f}x**",
                  f"{mb(s['desier'][1]):.0f} MiB", f"{mb(s['pandas'][1]):.0f} MiB",
                  f"{mb(s['polars'][1]):.0f} MiB",
                  f"{mb(s['desier'][1]) / r['input_mb']:.2f}"]
        w("| " + " | ".join(cells) + " |")
    w("")
    by = {(r["scale"], r["index"]): r for r in rows}
    if all(("region", i) in by and ("italy", i) in by for i in INDICES):
        w("## From region to Italy\n")
        w("How time grows from the region (328 municipalities, 2 years) to Italy (7,904 "
          "municipalities, 10 years). The input grows by the factor in the first column; a "
          "time that grows by the same factor is a flat cost per row (a smaller factor: "
          "fixed costs such as process start weigh on the small case).\n")
        w("| index | input growth | " + " | ".join(impls) + " |")
        w("|---|---:|" + "---:|" * len(impls))
        for i in INDICES:
            a, b = by[("region", i)], by[("italy", i)]
            g = b["input_mb"] / a["input_mb"]
            cells = [f"{b['samples'][k][0] / a['samples'][k][0]:.0f}x" for k in impls]
            w(f"| {i} | {g:.0f}x | " + " | ".join(cells) + " |")
        w("")
    w("## Targets (issue 6)\n")
    w("| target | measured | met |")
    w("|---|---|---|")
    for i in INDICES:
        r = by.get(("italy", i))
        if r:
            t = {k: v[0] for k, v in r["samples"].items()}
            x = t["pandas"] / t["desier"]
            w(f"| {i}, Italy: at least 10x faster than pandas | {x:.1f}x | "
              f"{'yes' if x >= 10 else '**no**'} |")
            y = t["polars"] / t["desier"]
            w(f"| {i}, Italy: faster than polars (2 cores) | {y:.1f}x | "
              f"{'yes' if y > 1 else '**no**'} |")
            m = mb(r["samples"]["desier"][1]) / r["input_mb"]
            w(f"| {i}, Italy: peak memory within 2x the input files | {m:.2f}x | "
              f"{'yes' if m <= 2 else '**no**'} |")
    for k, label in [("interactivity/italy/score_one_year", "interactivity"),
                     ("usage/italy/compute_one_year", "usage")]:
        if k in crit:
            w(f"| {label}: in-memory scoring of one national year well under 100 ms | "
              f"{fmt_s(crit[k])} | {'yes' if crit[k] < 0.05 else '**no**'} |")
    for (scale, index), (n, xs) in wasm.items():
        if scale == "italy":
            for k, x in xs.items():
                w(f"| {index}: WebAssembly (Node) within 2x of native on the same in-memory "
                  f"work, Italy, package {k} | {x / n:.2f}x | "
                  f"{'yes' if x / n <= 2 else '**no**'} |")
    if not wasm:
        w("| WebAssembly within 2x of native (Node) | not measured: `make wasm` not built | "
          "pending |")
    w("")
    if wasm:
        names = list(next(iter(wasm.values()))[1])
        w("## WebAssembly (Node) and native, same in-memory work\n")
        w("The CSV files of the dataset read into memory once; then the whole computation "
          "(reading the tables from memory, scoring, aggregates, diagnostics) repeated, "
          "median time. Native: `target/release/in_memory` (`benches/src/bin/in_memory.rs`); "
          "WebAssembly: the package in Node "
          f"({node_version()}), `benches/wasm/bench.cjs`, whose time also includes handing "
          "the result to JavaScript as objects. The shipped package "
          "(`desier-wasm/pkg/node`, `make wasm`) is built for size (`opt-level = \"z\"`); "
          "`make bench` also builds the same crate with `opt-level = 3` "
          "(`target/wasm-o3-pkg/node`).\n")
        w("| scale | index | native | " + " | ".join(f"WebAssembly {k}" for k in names)
          + " | " + " | ".join(f"ratio {k}" for k in names) + " |")
        w("|---|---|---:|" + "---:|" * (2 * len(names)))
        for (scale, index), (n, xs) in wasm.items():
            w(f"| {scale} | {index} | {fmt_s(n)} | "
              + " | ".join(fmt_s(xs[k]) for k in names) + " | "
              + " | ".join(f"{xs[k] / n:.2f}x" for k in names) + " |")
        w("")
    w("## Equality checks\n")
    w("Before the timings are trusted, the harness compares every number of each result "
      "with the desier command's (relative tolerance "
      f"{TOLERANCE:g}): municipalities (index, area sub-indices, counts) and aggregates.\n")
    for scale, index, impl, problems in checks:
        w(f"- {scale}, {index}, desier vs {impl}: "
          + ("same numbers" if not problems else "**DIFFERENT**: " + "; ".join(problems)))
    w("")
    if crit:
        w("## Criterion benchmarks (in memory)\n")
        w("`cargo bench -p desier-bench` (`make bench-criterion`): the median of the "
          "criterion samples (10 samples at Italy scale). `read/*`: one table from CSV or "
          "XLSX text in memory into the model (the XLSX offer only at region scale: a sheet "
          "holds at most 1,048,576 rows); `*/score*` and `*/compute*`: the index from "
          "loaded data; `*/aggregate*`: the means of one year; `*/end_to_end_in_memory`: "
          "CSV text in memory to the result; `command/*`: the `desier` process on the "
          "files.\n")
        w("| benchmark | median |")
        w("|---|---:|")
        for k, v in crit.items():
            w(f"| `{k}` | {fmt_s(v) if v >= 1e-3 else f'{v * 1e6:.0f} µs'} |")
        w("")
    path.write_text("\n".join(L) + "\n")


if __name__ == "__main__":
    main()

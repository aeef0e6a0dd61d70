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

# ---- The oldest and the newest supported Python (issue: the versions the package claims)
# One abi3 wheel, built once, installed into a venv of each version from pyenv (these
# machines have CPython 3.9 to 3.13 under $(PYENV_ROOT)); the suite runs there without the
# notebook and type checks, which the main venv runs.
PYENV_ROOT ?= $(HOME)/.pyenv
PY_VERSIONS ?= 3.9 3.13
WHEEL_DIR := target/wheels
TEST_TARGETS += test-python-versions

.PHONY: wheel test-python-versions

## wheel: the abi3 wheel of the Python package in target/wheels
wheel: $(VENV)/.requirements
	rm -rf $(WHEEL_DIR) && $(VENV)/bin/maturin build --release --locked --quiet \
		-m desier-py/Cargo.toml -o $(WHEEL_DIR)

.venv-py%/.requirements: desier-py/requirements-oldest.txt desier-py/requirements-newest.txt
	@py=$$(ls -d $(PYENV_ROOT)/versions/$*.* 2>/dev/null | sort -V | tail -1)/bin/python; \
	  [ -x "$$py" ] || { echo "python $*: not found under $(PYENV_ROOT)/versions" >&2; exit 1; }; \
	  req=desier-py/requirements-newest.txt; [ "$*" = "$(firstword $(PY_VERSIONS))" ] && req=desier-py/requirements-oldest.txt; \
	  rm -rf .venv-py$* && $$py -m venv .venv-py$* && \
	  .venv-py$*/bin/python -m pip install --quiet --disable-pip-version-check -r $$req
	touch $@

## test-python-versions: the Python suite on the oldest and the newest supported Python
test-python-versions: wheel $(foreach v,$(PY_VERSIONS),.venv-py$(v)/.requirements)
	$(CARGO) build --quiet --locked -p desier-cli
	@for v in $(PY_VERSIONS); do \
	  echo "python $$v: $$(.venv-py$$v/bin/python --version)"; \
	  .venv-py$$v/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(WHEEL_DIR)/*.whl || exit 1; \
	  DESIER_BIN=$(abspath target/debug/desier) .venv-py$$v/bin/python -m pytest -q -p no:cacheprovider \
	    --ignore=desier-py/tests/test_docs.py desier-py/tests || exit 1; \
	done

# The survey workbook (`desier template`, issue 14): filled with openpyxl, read back, and
# recalculated in LibreOffice headless, whose checks must flag exactly the rows desier
# flags. LibreOffice (Debian's libreoffice-calc) is installed when missing.
TEST_TARGETS += test-workbook
SOFFICE ?= soffice
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: test-workbook libreoffice

## libreoffice: install LibreOffice Calc (headless recalculation) when it is missing
libreoffice:
	@command -v $(SOFFICE) >/dev/null 2>&1 || { \
		echo "make: installing libreoffice-calc (for the workbook recalculation test)"; \
		$(SUDO) apt-get install -y --no-install-recommends libreoffice-calc >/dev/null; }

## test-workbook: the survey workbook round trip and its LibreOffice recalculation (one start)
test-workbook: $(VENV)/.requirements libreoffice
	$(CARGO) build --quiet --locked -p desier-cli
	DESIER_BIN=$(abspath target/debug/desier) SOFFICE=$(SOFFICE) \
		$(VENV_PY) -m pytest -q -p no:cacheprovider desier-cli/tests/workbook

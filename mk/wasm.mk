# The WebAssembly package (desier-wasm) and the browser page (examples/web).
# How WebAssembly builds on these machines: scripts/wasm-toolchain.sh (header comment).
#
#   make wasm       desier-wasm/pkg/node (CommonJS) and desier-wasm/pkg/web (ES module)
#   make web        the page on http://127.0.0.1:$(WEB_PORT)/ (static files, computed in the browser)
#   make test-wasm  the Node test suite on pkg/node and the TypeScript check of the declarations
#   make test-web   the page in headless Chromium (Debian's package) driven by playwright-core

WASM_CRATE      := desier-wasm
WASM_TARGET_DIR ?= target/wasm
WASM_PROFILE    ?= wasm-release
WASM_PKG        := desier-wasm/pkg
WASM_TOOLCHAIN  := scripts/wasm-toolchain.sh
JS_DIR          := desier-wasm
JS_DEPS_STAMP   := $(JS_DIR)/node_modules/.desier-installed
WEB_DIR         := examples/web
WEB_PORT        ?= 8765
CHROMIUM        ?= /usr/bin/chromium
DESIER_BIN      := target/debug/desier

TEST_TARGETS += test-wasm test-web

.PHONY: wasm web web-assets test-wasm test-web chromium

## wasm: build the WebAssembly package (installs the toolchain the first time)
wasm:
	@$(WASM_TOOLCHAIN) setup
	@echo "wasm: building $(WASM_CRATE) for wasm32 (profile $(WASM_PROFILE))"
	@$(WASM_TOOLCHAIN) build $(WASM_CRATE) $(WASM_TARGET_DIR) $(WASM_PROFILE) > /dev/null
	@rm -rf $(WASM_PKG)/node $(WASM_PKG)/web
	@$(WASM_TOOLCHAIN) bindgen $(WASM_CRATE) $(WASM_TARGET_DIR) $(WASM_PKG)/node nodejs $(WASM_PROFILE)
	@$(WASM_TOOLCHAIN) bindgen $(WASM_CRATE) $(WASM_TARGET_DIR) $(WASM_PKG)/web web $(WASM_PROFILE)
	@node $(JS_DIR)/scripts/package-json.mjs $(WASM_PKG)/node commonjs
	@node $(JS_DIR)/scripts/package-json.mjs $(WASM_PKG)/web module
	@wasm=$(WASM_PKG)/web/desier_wasm_bg.wasm; \
	  echo "wasm: $(WASM_PKG)/node and $(WASM_PKG)/web ready; desier_wasm_bg.wasm is $$(wc -c < $$wasm) bytes, $$(gzip -9c $$wasm | wc -c) gzipped"

# The page's copy of the ES-module package and of the boundaries it loads on demand
# (desier-core/data/boundaries, written by `make reference-data`; both git-ignored).
BOUNDARIES_DIR := desier-core/data/boundaries
web-assets: wasm
	@rm -rf $(WEB_DIR)/pkg && mkdir -p $(WEB_DIR)/pkg
	@cp $(WASM_PKG)/web/desier_wasm.js $(WASM_PKG)/web/desier_wasm_bg.wasm $(WEB_DIR)/pkg/
	@rm -rf $(WEB_DIR)/data/boundaries && mkdir -p $(WEB_DIR)/data
	@cp -R $(BOUNDARIES_DIR) $(WEB_DIR)/data/boundaries

## web: serve the page on localhost (Ctrl-C to stop)
web: web-assets
	@echo "web: open http://127.0.0.1:$(WEB_PORT)/ (Ctrl-C to stop)"
	@python3 -m http.server $(WEB_PORT) --bind 127.0.0.1 --directory $(WEB_DIR)

# typescript and playwright-core from npm, at the versions of package-lock.json.
$(JS_DEPS_STAMP): $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	@echo "npm: installing the test tools of $(JS_DIR) (npm ci)"
	@cd $(JS_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test-wasm: wasm $(JS_DEPS_STAMP)
	@$(CARGO) build --quiet --locked -p desier-cli
	DESIER_BIN=$(CURDIR)/$(DESIER_BIN) node --test --test-reporter=spec $(JS_DIR)/tests/node/
	cd $(JS_DIR) && node_modules/.bin/tsc --noEmit -p tests/types

# Debian's Chromium, installed when missing (apt-get update only if the install needs it).
chromium:
	@[ -x $(CHROMIUM) ] || { \
	  echo "chromium: installing Debian's chromium with apt-get"; \
	  sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get install -y -q --no-install-recommends chromium > /dev/null 2>&1 \
	  || { $$sudo apt-get update -q > /dev/null && $$sudo apt-get install -y -q --no-install-recommends chromium > /dev/null; }; }
	@[ -x $(CHROMIUM) ] || { echo "chromium: $(CHROMIUM) is still missing" >&2; exit 1; }

test-web: web-assets $(JS_DEPS_STAMP) chromium
	@$(CARGO) build --quiet --locked -p desier-cli
	DESIER_BIN=$(CURDIR)/$(DESIER_BIN) CHROMIUM=$(CHROMIUM) node --test --test-reporter=spec $(JS_DIR)/tests/web/

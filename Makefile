# possuite: `make run` sets up and starts the app, `make test` sets up and runs every test.
# Set-up (Debian packages when root, .venv, `pip install -e .[test]`) lives in scripts/setup.sh
# and does nothing when everything is already in place.

SHELL := /bin/bash
VENV ?= .venv
SETUP := VENV=$(VENV) bash scripts/setup.sh
# Extra arguments: make run ARGS="--db /tmp/shop.sqlite3"   make test PYTEST_ARGS="tests/unit -x"
ARGS ?=
PYTEST_ARGS ?=

.PHONY: run test lint setup translations translations-update

# The screen's catalogs (docs/architecture.md §9): the .ts files are the source, committed; the .qm
# files are compiled from them here (never committed, never hand-edited).
TS_FILES := $(wildcard resources/translations/possuite_*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

## run: set up, then start the app on its embedded default database (or ARGS="--db PATH")
run:
	@$(SETUP) run
	@$(MAKE) --no-print-directory translations
	$(VENV)/bin/possuite $(ARGS)

## test: set up, then run the whole test suite headless (fails when any test fails)
test:
	@$(SETUP) test
	@$(MAKE) --no-print-directory translations
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

## translations: compile resources/translations/*.ts into .qm with pyside6-lrelease (run, test and dist do it)
translations: $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

## translations-update: extract every tr()/translate() string of src/possuite/ui into the .ts catalogs
translations-update:
	$(VENV)/bin/python scripts/update_translations.py

## lint: ruff over the code and the tests
lint:
	@$(SETUP) lint
	$(VENV)/bin/ruff check .

## setup: only the set-up step of `make test` (and the translations it builds)
setup:
	@$(SETUP) test
	@$(MAKE) --no-print-directory translations

# --- targets from other issues (dist, dist-test: issue 8; bench: issue 6) go below -----------

# --- issue 8: installers (installer/README.md) --------------------------------------------------
.PHONY: dist dist-test
DIST_STAMP := $(VENV)/.possuite-dist-stamp

## dist: build the Linux bundle dist/possuite/ and dist/possuite-<version>-linux-<arch>.tar.gz
dist:
	@$(SETUP) run
	@$(MAKE) --no-print-directory translations
	@$(MAKE) --no-print-directory $(DIST_STAMP)
	PYTHON=$(VENV)/bin/python bash installer/build_linux.sh

$(DIST_STAMP): pyproject.toml setup.py
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test,dist]"
	touch $@

## dist-test: build the bundle, then smoke-test it headless: --version, sell, print to a file
##            printer, the till window, install/upgrade/uninstall keeping data, size < 200 MB
dist-test:
	@$(SETUP) test
	@$(MAKE) --no-print-directory dist
	POSSUITE_DIST=dist/possuite POSSUITE_DIST_TARBALL="$$(ls -t dist/possuite-*-linux-*.tar.gz | head -1)" \
	  QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest tests/dist -v -s

# --- issue 6: speed at shop scale (README "Benchmarks") ------------------------------------------
.PHONY: bench
SCALE ?= shop
BENCH_ARGS ?=

## bench: set up, then `possuite bench --scale $(SCALE)` (small: ~2 min, shop: ~4 min, large: hours) on a
##        synthetic store in a temporary file; every figure also in bench-$(SCALE).json.
##        Keep the store for the next run: make bench BENCH_ARGS="--keep /tmp/possuite-bench-shop.sqlite3"
bench:
	@$(SETUP) run
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/possuite bench --scale $(SCALE) --out bench-$(SCALE).json $(BENCH_ARGS)

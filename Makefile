# possuite: `make run` sets up and starts the app, `make test` sets up and runs every test.
# Set-up (Debian packages when root, .venv, `pip install -e .[test]`) lives in scripts/setup.sh
# and does nothing when everything is already in place.

SHELL := /bin/bash
VENV ?= .venv
SETUP := VENV=$(VENV) bash scripts/setup.sh
# Extra arguments: make run ARGS="--db /tmp/shop.sqlite3"   make test PYTEST_ARGS="tests/unit -x"
ARGS ?=
PYTEST_ARGS ?=

.PHONY: run test lint setup

## run: set up, then start the app on its embedded default database (or ARGS="--db PATH")
run:
	@$(SETUP) run
	$(VENV)/bin/possuite $(ARGS)

## test: set up, then run the whole test suite headless (fails when any test fails)
test:
	@$(SETUP) test
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

## lint: ruff over the code and the tests
lint:
	@$(SETUP) lint
	$(VENV)/bin/ruff check .

## setup: only the set-up step of `make test`
setup:
	@$(SETUP) test

# --- targets from other issues (dist, dist-test: issue 8; bench: issue 6) go below -----------

# Löften: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.DEFAULT_GOAL := help
.PHONY: help run serve test test-all test-fast coverage lint fmt typecheck messages check-migrations lock bench clean

help:
	@echo "make run    install, migrate, load example data and serve (with the worker) on http://$(HOST):$(PORT)"
	@echo "make test   install test tools and run the test suite, without the tests that start processes"
	@echo "make test-all   the whole test suite, with the tests that start processes (what CI runs)"
	@echo "make coverage   the whole test suite with a coverage report"
	@echo "make lint   ruff lint + format check;  make fmt   format the code"
	@echo "make lock   recompute requirements/*.txt from pyproject.toml"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-main: requirements/main.txt pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/main.txt
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/dev.txt
	$(PIP) install --no-deps -e .
	@touch $@ $(VENV)/.installed-main

var:
	@mkdir -p var

run: $(VENV)/.installed-main | var
	$(BIN)/loften migrate --no-input
	$(BIN)/loften load_example_data
	$(BIN)/loften collectstatic --no-input -v 0
	@$(BIN)/loften example_logins
	@echo "Löften is served at http://$(HOST):$(PORT)/ with the background worker beside it (stop both with Ctrl-C)"
	$(BIN)/loften serve $(HOST):$(PORT)

# The tests marked `processes` start servers, workers and fresh databases, which
# is slow; `make test` leaves them out, `make test MARKERS=` (what `make test-all`
# and CI run) takes them too.
MARKERS ?= not processes

test: $(VENV)/.installed-dev | var
	$(BIN)/pytest -n auto --dist loadgroup -m "$(MARKERS)" $(PYTEST_ARGS)

test-all:
	$(MAKE) test MARKERS=

# `make test` with line coverage of loften/ (tests included), as a table;
# `make coverage MARKERS=` takes the tests that start processes too.
coverage:
	$(MAKE) test PYTEST_ARGS="--cov --cov-report=term:skip-covered $(PYTEST_ARGS)"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy loften config

check-migrations: $(VENV)/.installed-dev
	$(BIN)/loften makemigrations --check --dry-run

APPS_WITH_TEXT := $(patsubst loften/%/apps.py,%,$(wildcard loften/*/apps.py))

# Extract the UI texts of every app into loften/<app>/locale/sv and compile them.
messages: $(VENV)/.installed-dev
	for app in $(APPS_WITH_TEXT); do \
	  (cd loften/$$app && mkdir -p locale && DJANGO_SETTINGS_MODULE=config.settings PYTHONPATH=../.. \
	    ../../$(BIN)/django-admin makemessages -l sv --no-obsolete --no-location -v 0) || exit 1; \
	done
	$(BIN)/loften compilemessages -v 0 --ignore=.venv --ignore=node_modules

lock:
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --no-emit-find-links --no-emit-index-url --allow-unsafe -o requirements/main.txt pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --no-emit-find-links --no-emit-index-url --allow-unsafe --extra dev -o requirements/dev.txt pyproject.toml

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/*.sqlite3* staticfiles .pytest_cache .ruff_cache .mypy_cache

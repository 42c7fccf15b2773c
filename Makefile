# incidentdb developer entry points. `make demo` and `make test` work on a fresh clone (they run setup first).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= sqlite:///demo.sqlite

.PHONY: setup demo test lint bench clean browser

setup: $(STAMP) browser

# Debian's Chromium for the Playwright browser tests (Playwright's own browser download needs the internet).
browser:
	@command -v /usr/bin/chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# Reinstall only when pyproject.toml changed since the last install (the stamp file records it).
# flock (when present) keeps two concurrent `make` runs from installing into the same venv at once.
LOCK   := $(shell command -v flock >/dev/null 2>&1 && echo "flock $(VENV)/.install.lock")

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(LOCK) $(BIN)/python -m pip install --quiet --upgrade pip
	$(LOCK) $(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/incidentdb --db $(DB) demo
	@echo "Open the UI on the demo database: $(BIN)/incidentdb serve --db $(DB) --public   (then http://127.0.0.1:8000/; to review, add yourself with: $(BIN)/incidentdb user add NAME --role editor --db $(DB))"

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

bench: setup
	@if [ -f bench/run.py ]; then $(BIN)/python bench/run.py; else echo "no bench/run.py yet"; fi

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache demo.sqlite
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +

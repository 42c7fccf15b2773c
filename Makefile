# incidentdb developer entry points. `make demo` and `make test` work on a fresh clone (they run setup first).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= sqlite:///demo.sqlite

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

# Reinstall only when pyproject.toml changed since the last install (the stamp file records it).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/incidentdb --db $(DB) demo

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

# serpshield: two commands for people (make demo, make test) and a few for developers.
# Works on a machine with only Python 3.11, pip and make: everything else goes into .venv.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_WORKSPACE ?= demo-workspace
PORT ?= 8501

.PHONY: install demo test lint typecheck pytest bench clean

install: $(STAMP)

# Reinstall when the project's dependencies change.
$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## make demo: build the demo workspace (once: `serpshield demo --force` rebuilds it) and open
## the dashboard on it.
demo: install
	@test -f $(DEMO_WORKSPACE)/.serpshield-demo.json || $(BIN)/serpshield demo --workspace $(DEMO_WORKSPACE)
	$(BIN)/serpshield --workspace $(DEMO_WORKSPACE) dashboard --port $(PORT)

## make test: every check CI runs (lint, types, tests).
test: lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info

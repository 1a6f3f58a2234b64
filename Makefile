# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.fls-kit-installed

.PHONY: demo test lint lab app bench clean wheel-smoke mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/fls-kit demo --out build/demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

app: $(STAMP)
	$(BIN)/fls-kit app

# Build the sdist and the wheel, install the wheel into a fresh venv outside the checkout and run
# the commands an educator runs there (never the editable .venv; see .ci/wheel-smoke.sh).
wheel-smoke:
	PYTHON=$(PYTHON) .ci/wheel-smoke.sh

bench: $(STAMP)
	$(BIN)/python benchmarks/framework_load.py
	$(BIN)/python benchmarks/scoring.py
	$(BIN)/python benchmarks/import_ratings.py
	$(BIN)/python benchmarks/form_responsiveness.py
	$(BIN)/python benchmarks/reports.py

# Mutation testing of the core rules (benchmarks/mutation.py): prints a score per module and a
# total. A benchmark, not a CI gate. 40 mutants per module take about half an hour on two cores;
# MUTATION_ARGS="--sample 0" checks every mutant (hours).
MUTATION_ARGS ?= --sample 40
mutation: $(STAMP)
	$(BIN)/python benchmarks/mutation.py $(MUTATION_ARGS)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache mutants

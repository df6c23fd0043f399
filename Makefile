# Two commands on a fresh machine with Python 3.11+:
#   make example   runs the Plan 77 example
#   make test      runs lint, type checks, the test suite with coverage and the docs build
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: example test lint typecheck pytest docs bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

example: $(VENV)/.installed
	$(BIN)/python examples/vinhlong_plan77.py

test: lint typecheck pytest docs

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests examples docs benchmarks
	$(BIN)/ruff format --check src tests examples docs benchmarks

typecheck: $(VENV)/.installed
	$(BIN)/mypy
	$(BIN)/mypy --strict tests/typing

pytest: $(VENV)/.installed
	$(BIN)/python -m pytest --cov --cov-report=term

docs: $(VENV)/.installed
	$(BIN)/sphinx-build -q -n -W --keep-going -b html docs docs/_build/html
	$(BIN)/sphinx-build -q -n -W --keep-going -b doctest docs docs/_build/doctest

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_evaluate.py

clean:
	rm -rf $(VENV) docs/_build .coverage .mypy_cache .pytest_cache .ruff_cache

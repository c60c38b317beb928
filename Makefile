# opcwatch — two commands on a fresh machine:  make demo   |   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint airflow bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Offline demo on the embedded default (SQLite under var/demo): day 1, then day 2.
demo: $(STAMP)
	$(BIN)/opcwatch demo

## The whole test suite, including the slow end-to-end tests; starts local services if needed.
test: $(STAMP)
	bash scripts/services.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## Airflow 3 standalone on SQLite with these DAGs (UI on http://127.0.0.1:8080).
airflow: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH AIRFLOW_HOME=$(CURDIR)/airflow_home AIRFLOW__CORE__DAGS_FOLDER=$(CURDIR)/dags \
	AIRFLOW__CORE__LOAD_EXAMPLES=False $(BIN)/airflow standalone

bench: $(STAMP)
	$(BIN)/python bench/cycle.py

clean:
	rm -rf $(VENV) var airflow_home

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
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --durations=30

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## Airflow 3 standalone on SQLite with these DAGs: UI and API on http://127.0.0.1:$(PORT).
## make airflow PORT=8081 moves the API (and its base URL, which the task runners call back on)
## and the two log servers with it (worker 8793 and triggerer 8794 at PORT=8080, +2 per port
## above), so a second instance, or another service, does not clash.
PORT            ?= 8080
WORKER_LOG_PORT ?= $(shell expr 8793 + 2 \* \( $(PORT) - 8080 \))
TRIGGER_LOG_PORT ?= $(shell expr 8794 + 2 \* \( $(PORT) - 8080 \))
AIRFLOW_HOME_DIR ?= $(CURDIR)/airflow_home
airflow: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH AIRFLOW_HOME=$(AIRFLOW_HOME_DIR) AIRFLOW__CORE__DAGS_FOLDER=$(CURDIR)/dags \
	AIRFLOW__CORE__LOAD_EXAMPLES=False \
	AIRFLOW__API__HOST=127.0.0.1 AIRFLOW__API__PORT=$(PORT) AIRFLOW__API__BASE_URL=http://127.0.0.1:$(PORT) \
	AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=$(WORKER_LOG_PORT) \
	AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT=$(TRIGGER_LOG_PORT) \
	$(BIN)/airflow standalone

## P1-P6 in one table (bench/all.py); make bench QUICK=1 for the short variants.
bench: $(STAMP)
	$(BIN)/python bench/all.py $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) var airflow_home

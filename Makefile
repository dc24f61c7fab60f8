# Longcheng — the two commands: `make run` and `make test`. Both bootstrap .venv and are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

HOST ?= 127.0.0.1
PORT ?= 8000
MQTT_PORT ?= 1883
SIMULATE ?= 100
DATA_DIR ?= data

.PHONY: run test lint typecheck contracts unit bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/longcheng run --host $(HOST) --port $(PORT) --mqtt-port $(MQTT_PORT) --simulate $(SIMULATE) --data-dir $(DATA_DIR)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

contracts: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck contracts unit

bench: $(STAMP)
	$(BIN)/python bench/ingest.py --reps 3
	$(BIN)/python bench/models.py --reps 3

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

# Teilhabe — the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run setup venv test test-fast lint format bench messages clean

$(BIN)/teilhabe: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-virtualenv -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

venv: $(BIN)/teilhabe

setup: venv
	$(BIN)/teilhabe migrate --noinput
	$(BIN)/teilhabe demo --if-empty

run: setup
	@$(BIN)/teilhabe demo-logins --url http://$(HOST):$(PORT)/
	$(BIN)/teilhabe runserver $(HOST):$(PORT)

test: venv
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: venv
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/teilhabe_bench} \
	  DJANGO_SETTINGS_MODULE=config.settings.bench $(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache

# Teilhabe — the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run serve topology setup venv test test-fast lint types format bench messages clean

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

# The worker runs background tasks (OParl sync, its schedule) next to the server and stops with it.
run: setup
	@$(BIN)/teilhabe demo-logins --url http://$(HOST):$(PORT)/
	$(BIN)/teilhabe db_worker --no-reload --interval 2 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/teilhabe runserver $(HOST):$(PORT)

# Production: settings from the environment (docs/production.md lists them: SECRET_KEY,
# SITE_URL, ALLOWED_HOSTS, DATABASE_URL, CACHE_URL, TRUSTED_PROXIES …). Static files are collected
# and migrations applied first; then gunicorn and one task worker, which stop together.
SERVE_SETTINGS ?= config.settings.production
serve: venv
	DJANGO_SETTINGS_MODULE=$(SERVE_SETTINGS) $(BIN)/teilhabe collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=$(SERVE_SETTINGS) $(BIN)/teilhabe migrate --noinput
	DJANGO_SETTINGS_MODULE=$(SERVE_SETTINGS) $(BIN)/teilhabe worker --no-reload --interval 2 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DJANGO_SETTINGS_MODULE=$(SERVE_SETTINGS) BIND=$${BIND:-$(HOST):$(PORT)} \
	  $(BIN)/gunicorn -c config/gunicorn.py config.wsgi

test: venv
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: venv
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# What mypy checks (core, documents, every app's services) is [tool.mypy] in pyproject.toml.
types: venv
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/teilhabe_bench} \
	  DJANGO_SETTINGS_MODULE=config.settings.bench $(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python scripts/topology/run.py $(if $(findstring --quick,$(BENCH_ARGS)),--short,)

# Several machines on this one's loopback: haproxy, two app servers, two task workers,
# PostgreSQL with a streaming replica, Redis; load, a killed server and worker, failover,
# backup and restore (scripts/topology/run.py; Debian packages haproxy, redis-server,
# postgresql). TOPOLOGY_ARGS=--short is the CI variant.
topology: venv
	$(BIN)/python scripts/topology/run.py $(TOPOLOGY_ARGS)

# Interface translations of the public portal. The back office (/verwaltung/), the login and
# the parsers stay German only, so their files are left out of extraction and demand no
# translations; model labels are extracted (the portal shows choice labels), and so are the
# shared templates and reports/. Compiling uses polib (scripts/compile_messages.py), so a
# machine without GNU gettext can still build the .mo files; extraction needs xgettext.
MESSAGE_LOCALES := -l en -l tr -l ar -l uk -l de_X-ls
# .svg: the chart templates carry their titles.
MESSAGE_EXTENSIONS := --extension=html,txt,py,svg
MESSAGE_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules --ignore=bench \
	--ignore=*/tests/* --ignore=*/migrations/* \
	--ignore=teilhabe/backoffice/* --ignore=*/backoffice/* --ignore=*/views_backoffice/* \
	--ignore=teilhabe/templates/backoffice/* \
	--ignore=teilhabe/templates/auth/* --ignore=teilhabe/documents/* \
	--ignore=teilhabe/*/management/*

messages: venv
	$(BIN)/teilhabe makemessages $(MESSAGE_LOCALES) $(MESSAGE_EXTENSIONS) $(MESSAGE_IGNORE) --add-location=file --no-obsolete
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var .pytest_cache

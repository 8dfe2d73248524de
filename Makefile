# 科技大市场 — developer commands. `make run` and `make test` are the two a new user needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install run test lint format migrate seed serve worker clean

help:
	@echo "make run    - create the virtualenv, install, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   - ruff (lint + format check) and the pytest suite (SQLite, or DATABASE_URL if set)"
	@echo "make worker - run a background-task worker (only needed with TASK_BACKEND=database)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

seed: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py search_index ensure

serve: install
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

run: seed serve

worker: install
	$(BIN)/python manage.py db_worker

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache *.egg-info

# OpenFisca Bangladesh. `make test` and `make serve` work from a fresh clone with Python 3.11+.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install test lint pytest yaml-test serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the packaging files change; the install is editable, so code changes need none.
$(VENV)/.installed: $(BIN)/python pyproject.toml setup.py
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest: install
	$(BIN)/pytest

# Only the YAML files: given the folder, `openfisca test` would also collect the pytest modules.
yaml-test: install
	$(BIN)/openfisca test $$(find tests -name '*.yaml' | sort) --country-package policy_bd

test: lint pytest yaml-test

serve: install
	@echo "Serving OpenFisca Bangladesh on http://$(HOST):$(PORT)/ (spec: http://$(HOST):$(PORT)/spec)"
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config web_api/gunicorn_conf.py 'policy_bd.web_api.wsgi:app'

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

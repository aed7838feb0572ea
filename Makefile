# OpenFisca Bangladesh. `make test` and `make serve` work from a fresh clone with Python 3.11+.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install test lint pytest yaml-test serve bench clean assets browser-deps browser-test

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

# The web app's JavaScript libraries, pinned in package.json/package-lock.json, copied into the
# static folder the pages serve (no CDN: the app works offline). axe-core stays in node_modules
# for the browser tests.
VENDOR := web_api/pages/static/vendor
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chart.umd.min.js
	cp node_modules/chart.js/LICENSE.md $(VENDOR)/chart.js-LICENSE.md
	touch $@

assets: $(VENDOR)/.installed

# Debian's chromium and chromedriver for the browser tests (as root in CI; sudo otherwise).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && $$SUDO apt-get install -y chromium chromium-driver; \
	fi

pytest: install assets browser-deps
	$(BIN)/pytest

browser-test: install assets browser-deps
	$(BIN)/pytest tests/browser

# Only the YAML files: given the folder, `openfisca test` would also collect the pytest modules.
yaml-test: install
	$(BIN)/openfisca test $$(find tests -name '*.yaml' | sort) --country-package policy_bd

test: lint pytest yaml-test

serve: install assets
	@echo "Serving OpenFisca Bangladesh on http://$(HOST):$(PORT)/ (web app: http://$(HOST):$(PORT)/app, spec: http://$(HOST):$(PORT)/spec)"
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config web_api/gunicorn_conf.py 'policy_bd.web_api.wsgi:app'

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache node_modules $(VENDOR)

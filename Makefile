# Everything runs inside a virtual environment that this Makefile creates and fills from the package index.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Tools the conformance tests drive (tests/conformance): Prism from npm into .tools/, Debian's chromium.
TOOLS := .tools
PRISM_VERSION := 5.14.2
PRISM := $(TOOLS)/prism/node_modules/.bin/prism
CHROMIUM := /usr/bin/chromium
SUDO := $(shell test "$$(id -u)" = 0 || echo sudo)

.PHONY: install demo test regen regen-check lint typecheck bench clean tools prism chromium

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,sandbox]'
	touch $(INSTALLED)

install: $(INSTALLED)

demo: $(INSTALLED)
	FINATIC_DEMO_BROWSER=$(BROWSER) $(PY) examples/demo.py

test: $(INSTALLED) regen-check lint typecheck tools
	FINATIC_REQUIRE_TOOLS=1 $(PY) -m pytest

tools: prism chromium

prism: $(PRISM)

$(PRISM):
	npm install --prefix $(TOOLS)/prism --no-audit --no-fund --loglevel=error @stoplight/prism-cli@$(PRISM_VERSION)
	touch $(PRISM)

chromium:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium; }

regen: $(INSTALLED)
	$(PY) codegen.py

regen-check: $(INSTALLED)
	$(PY) codegen.py --check

lint: $(INSTALLED)
	$(VENV)/bin/ruff check finatic_server tests examples bench codegen.py

typecheck: $(INSTALLED)
	$(VENV)/bin/mypy finatic_server

bench: $(INSTALLED)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) dist build $(TOOLS)

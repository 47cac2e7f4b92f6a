# Everything runs inside a virtual environment that this Makefile creates and fills from the package index.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: install demo test regen regen-check lint typecheck bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,sandbox]'
	touch $(INSTALLED)

install: $(INSTALLED)

demo: $(INSTALLED)
	FINATIC_DEMO_BROWSER=$(BROWSER) $(PY) examples/demo.py

test: $(INSTALLED) regen-check lint typecheck
	$(PY) -m pytest

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
	rm -rf $(VENV) dist build

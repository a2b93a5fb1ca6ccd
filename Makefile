# Short commands for the course. `make help` lists them.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: help lab instructor test lint unit notebooks bench screenshots clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The course's JupyterLab defaults (no news prompt), installed into the venv as Binder does.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
$(LAB_SETTINGS): jupyterlab-settings/overrides.json postBuild $(STAMP)
	NB_PYTHON_PREFIX=$(abspath $(VENV)) ./postBuild

# JupyterLab refuses to start as root unless told; containers often run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP) $(LAB_SETTINGS)  ## set up, then open the course in JupyterLab at the start page
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00-start-here.ipynb

instructor: $(STAMP) $(LAB_SETTINGS)  ## open the instructor notebook: author, validate, release, grade
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/instructor/grading-a-class.ipynb

test: $(STAMP)  ## set up, then run every test: ruff, layering contracts, unit tests, notebooks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)  ## ruff and the layering contracts (import-linter) only
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

unit: $(STAMP)  ## the unit tests only (no notebooks)
	$(PY) -m pytest tests

notebooks: $(STAMP)  ## every notebook under nbval only
	$(PY) -m pytest notebooks

bench: $(STAMP)  ## run the benchmarks in bench/ and print their tables
	for b in bench/bench_*.py; do $(PY) $$b || exit 1; done

screenshots: $(STAMP)  ## every notebook run in a real JupyterLab (chromium), screenshots in screenshots/e2e/
	$(PY) -m pytest tests/e2e/test_notebooks_browser.py -p no:randomly -q

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) *.egg-info .pytest_cache

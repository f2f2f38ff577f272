# Colibri — the two commands a new user needs: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck clean

$(STAMP): pyproject.toml
	@test -x $(PY) || { PYBIN=$$(scripts/find-python) && echo "Creating $(VENV) with $$PYBIN" && $$PYBIN -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## venv + pinned dependencies; leaves .venv/bin/colibri ready
	@echo "Installed: $(VENV)/bin/colibri"

run: install  ## migrate SQLite under ./var, create a coordinator, import data, start web + worker + ingest
	$(VENV)/bin/colibri run

test: install  ## whole suite on SQLite and PostgreSQL, plus ruff and mypy
	scripts/test

lint: install
	$(VENV)/bin/ruff check colibri tests bench
	$(VENV)/bin/ruff format --check colibri tests bench

typecheck: install
	$(VENV)/bin/mypy colibri

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache .mypy_cache .ruff_cache

# Colibri — the two commands a new user needs: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Every dependency, direct and indirect, pinned with its hashes (`make lock` writes it).
LOCK := requirements.lock
# The tool that writes the lock, itself installed from hashes (requirements-lock-tool.txt).
LOCK_TOOLS := .venv-lock
UV_VERSION := 0.13.8

.PHONY: install lock run test lint typecheck clean

# Re-installs when pyproject.toml or the lock changes. Only hashed files are installed: the lock
# (pip and the build backend included), then Colibri itself with no dependency resolution at all.
$(STAMP): pyproject.toml $(LOCK) requirements-build.in
	@PYBIN=$$(scripts/find-python) && $$PYBIN scripts/check-lock
	@test -x $(PY) || { PYBIN=$$(scripts/find-python) && echo "Creating $(VENV) with $$PYBIN" && $$PYBIN -m venv $(VENV); }
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The triage core compiled with mypyc (scripts/build-core): again whenever one of its sources changes.
# A machine without a C compiler runs the pure modules: the build says so and the install goes on.
NATIVE := colibri/core/compiled.sha256
NATIVE_SOURCES := $(wildcard colibri/core/*.py) colibri/native.py scripts/build-core

$(NATIVE): $(STAMP) $(NATIVE_SOURCES)
	@$(PY) scripts/build-core
	@touch $(NATIVE)

install: $(STAMP) $(NATIVE)  ## venv + pinned dependencies + compiled triage core; leaves .venv/bin/colibri ready
	@echo "Installed: $(VENV)/bin/colibri"

lock:  ## rewrite requirements.lock from pyproject.toml (+ requirements-build.in) after a dependency change
	@test -x $(LOCK_TOOLS)/bin/uv || { PYBIN=$$(scripts/find-python) && $$PYBIN -m venv $(LOCK_TOOLS) && \
	  $(LOCK_TOOLS)/bin/pip install --quiet --require-hashes -r requirements-lock-tool.txt; }
	$(LOCK_TOOLS)/bin/uv pip compile --quiet --generate-hashes --extra dev --universal --python-version 3.12 \
	  -o $(LOCK) pyproject.toml requirements-build.in

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
	-test -x $(PY) && $(PY) scripts/build-core --drop
	rm -rf $(VENV) $(LOCK_TOOLS) var/*.sqlite3 .pytest_cache .mypy_cache .ruff_cache

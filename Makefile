# The commands a newcomer needs: `make run`, `make check` while working, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint setup clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

## Start the server on SQLite (instance/roundtable.db) and print the address to open.
run: $(STAMP)
	mkdir -p instance
	$(BIN)/python run.py

## Set up and run every test: unit, live socket, real server, cluster and browser.
## PostgreSQL: ROUNDTABLE_TEST_POSTGRES_URL, or else the local test database that
## .ci/run creates (role roundtable, database roundtable_test) when it answers.
test: $(STAMP)
	@url="$${ROUNDTABLE_TEST_POSTGRES_URL:-$$(pg_lsclusters -h 2>/dev/null | awk '$$4 == "online" {print "postgresql://roundtable:roundtable@127.0.0.1:" $$3 "/roundtable_test"; exit}')}"; \
	if [ -n "$$url" ] && ! $(BIN)/python -c 'import sys, psycopg2; psycopg2.connect(sys.argv[1], connect_timeout=3).close()' "$$url" 2>/dev/null; then \
	  echo "make test: PostgreSQL at $$url does not answer." >&2; url=""; \
	fi; \
	if [ -z "$$url" ]; then \
	  echo "make test: no PostgreSQL for the tests, so tests/cluster will fail. Run 'bash .ci/run'" >&2; \
	  echo "  once as root (it installs and starts PostgreSQL and redis-server and creates the" >&2; \
	  echo "  roundtable role and roundtable_test database), or set ROUNDTABLE_TEST_POSTGRES_URL." >&2; \
	fi; \
	ROUNDTABLE_TEST_POSTGRES_URL="$$url" $(BIN)/python -m pytest

## Lint the Python code (rules in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .

## Lint and the fast layers (unit and live socket, on SQLite): under a minute, while working.
check: lint
	ROUNDTABLE_TEST_POSTGRES_URL= $(BIN)/python -m pytest -q tests/unit tests/live

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

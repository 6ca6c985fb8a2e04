# The commands a newcomer needs: `make run`, `make check` while working, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint setup clean translations

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
## .ci/services first installs and starts what they need (Chromium, PostgreSQL, Redis;
## as root, or it says the command to run) and gives the PostgreSQL test database's URL.
test:
	@url=$$(.ci/services) && $(MAKE) -s setup && \
	  ROUNDTABLE_TEST_POSTGRES_URL="$$url" $(BIN)/python -m pytest

## Lint the Python code (rules in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .

## Lint and the fast layers (unit and live socket, on SQLite): under a minute, while working.
check: lint
	ROUNDTABLE_TEST_POSTGRES_URL= $(BIN)/python -m pytest -q tests/unit tests/live

## Bring the message catalogues up to date with the code, and compile them
## (how to mark and translate words: translations/README.md).
translations: $(STAMP)
	$(BIN)/python -m workshop.catalogues

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

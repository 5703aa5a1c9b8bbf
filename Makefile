# Qorgau: `make run` serves the app on its embedded default; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
CHROMIUM ?= /usr/bin/chromium
export FLASK_APP := app:create_app

.PHONY: run install translations messages migrate seed test test-sqlite test-postgresql test-browser lint db-check postgres chromium clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The interface's catalogs (app/translations/*/LC_MESSAGES/messages.po) compiled for gettext.
translations: install
	$(BIN)/pybabel compile -d app/translations

# After changing the interface's text: extract it and merge it into the catalogs to translate.
messages: install
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k _l -k Phrase -k plural_message:1,2 --add-location=file --sort-by-file --project=Qorgau \
	  -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching

migrate: translations
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed

run: seed
	@echo "Serving Qorgau on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/bandit -q -r app config.py --severity-level medium

db-check: install
	QORGAU_INSTANCE=$$(mktemp -d) sh -c '$(BIN)/flask db upgrade >/dev/null && $(BIN)/flask db check'

test: install lint db-check postgres chromium
	$(MAKE) --no-print-directory test-sqlite test-postgresql

test-sqlite: translations
	QORGAU_TEST_DB=sqlite CHROMIUM=$(CHROMIUM) $(BIN)/pytest

test-postgresql: translations postgres
	QORGAU_TEST_DB=postgresql CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m "not browser"

# The PostgreSQL server the tests use: started if it is installed but not running.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
	  for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	  pg_isready -h 127.0.0.1 -p 5432; }

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

clean:
	rm -rf $(VENV) instance .pytest_cache

# One entry point for everything a person does with Lived. See README.md.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
VENDOR := lived/static/vendor/nhsuk
NHSUK_DIST := node_modules/nhsuk-frontend/dist/nhsuk

.PHONY: run setup demo test test-sqlite test-postgres lint format lock bench clean serve worker audit

## make run: set everything up, load the demo data and serve http://127.0.0.1:$(PORT) with a background worker
# run_dev is the development server with a worker beside it; Ctrl+C stops both (lived/jobs, ADR 0015).
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) print_demo_accounts
	$(MANAGE) run_dev 127.0.0.1:$(PORT)

## make setup: install only (virtual environment from the lock file, front-end assets)
setup: $(VENV)/.installed $(VENDOR)/.copied

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The precompiled NHS.UK CSS, JS and assets are copied into static (not committed). The NHS typeface's
# @font-face rules are taken out: the fonts live on assets.nhs.uk, and every page asks no other server
# for anything (the content security policy is 'self'); Lived is not an NHS service. Text falls back to
# Arial, the NHS.UK fallback.
# Their source-map comments are taken out too (the .map files are not copied): the stylesheet is
# changed above, so its map would point at the wrong places, and the manifest storage of production
# (collectstatic) fails on a comment naming a file that is not there. The sources are in node_modules.
$(VENDOR)/.copied: node_modules/.package-lock.json Makefile
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)
	cp $(NHSUK_DIST)/nhsuk-frontend.min.css $(NHSUK_DIST)/nhsuk-frontend.min.js $(VENDOR)/
	perl -pi -e 's/\@font-face\{[^}]*\}//g' $(VENDOR)/nhsuk-frontend.min.css
	perl -pi -e 's{/\*# sourceMappingURL=[^*]*\*/}{}g; s{//# sourceMappingURL=\S*}{}g' $(VENDOR)/nhsuk-frontend.min.css $(VENDOR)/nhsuk-frontend.min.js
	cp -r $(NHSUK_DIST)/assets $(VENDOR)/assets
	cp node_modules/nhsuk-frontend/package.json $(VENDOR)/package.json
	touch $@

## make demo: (re)load the fictional demo data only
demo: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) print_demo_accounts

## make serve: production settings against DATABASE_URL: migrate, cache table, collectstatic, then gunicorn
## (lived/config/gunicorn.conf.py; docs/deployment.md lists every variable). Needs SECRET_KEY, ALLOWED_HOSTS.
serve worker: export DJANGO_SETTINGS_MODULE := lived.config.settings.production
serve: setup
	@[ -n "$$DATABASE_URL$$DATABASE_URL_FILE" ] || { echo "Set DATABASE_URL (or DATABASE_URL_FILE): see docs/deployment.md" >&2; exit 1; }
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --noinput -v 0
	exec $(BIN)/gunicorn -c lived/config/gunicorn.conf.py

## make worker: the background job worker (django-tasks' database backend), production settings
worker: setup
	@[ -n "$$DATABASE_URL$$DATABASE_URL_FILE" ] || { echo "Set DATABASE_URL (or DATABASE_URL_FILE): see docs/deployment.md" >&2; exit 1; }
	exec $(MANAGE) db_worker --queue-name '*' --no-reload

## make audit: bandit (high severity) on the code, pip-audit on the lock file (skipped, loudly, offline)
audit: setup
	$(BIN)/bandit -q -r lived -lll
	$(BIN)/python .ci/pip_audit.py

## make test: every test (unit, integration, browser) on SQLite, and on PostgreSQL too when DATABASE_URL is set
test: setup lint audit
	env -u DATABASE_URL $(MANAGE) makemigrations --check --dry-run
	@if [ -n "$$DATABASE_URL" ]; then \
	  $(MAKE) test-sqlite SQLITE_MARKS="not processes and not browser" && $(MAKE) test-postgres; \
	else \
	  echo "DATABASE_URL is not set: PostgreSQL run skipped (CI sets it); browser tests run on SQLite."; \
	  $(MAKE) test-sqlite; \
	fi

# Tests that start gunicorn or job workers against PostgreSQL (marker "processes") run once, in the
# PostgreSQL run: they do not depend on the suite's own database. When there is a PostgreSQL run, the
# browser tests (marker "browser", the slowest third of the suite, one at a time) run once too, there,
# against the database production uses; without one they run on SQLite, so a laptop still walks them.
SQLITE_MARKS ?= not processes
test-sqlite: setup
	env -u DATABASE_URL $(BIN)/pytest -n 2 --dist loadgroup -p no:cacheprovider -m "$(SQLITE_MARKS)"

test-postgres: setup
	$(BIN)/pytest -n 2 --dist loadgroup -p no:cacheprovider

## make backup: a consistent backup of the database while Lived runs, into ./backups (or FILE=...)
## (SQLite: the online backup API; PostgreSQL via DATABASE_URL: pg_dump -Fc). docs/deployment.md.
## make restore FILE=...: replace the database with a backup (stop the web and job processes first)
## make restore-drill [FILE=...]: restore into a scratch database; check row counts and the audit trail
.PHONY: backup restore restore-drill
backup: setup
	$(MANAGE) backup_db $(if $(FILE),--output "$(FILE)")
restore: setup
	@[ -n "$(FILE)" ] || { echo "Say which backup: make restore FILE=backups/lived-....sqlite3" >&2; exit 1; }
	$(MANAGE) restore_db "$(FILE)" --yes
restore-drill: setup
	$(MANAGE) restore_drill $(if $(FILE),"$(FILE)")

## make lint: ruff lint and format check, then the import contracts (layer order, no app imports
## another's views: pyproject.toml [tool.importlinter], ADR 0018)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make lock: regenerate requirements.lock after changing pyproject.toml
lock: setup
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --group dev -o requirements.lock --python-version 3.11 --no-header

## make bench: run the benchmarks and print their results
bench: setup
	@ls benchmarks/*.py >/dev/null 2>&1 && for b in benchmarks/*.py; do $(BIN)/python $$b; done || echo "No benchmarks yet."

clean:
	rm -rf $(VENV) node_modules $(VENDOR) db.sqlite3 db.sqlite3-shm db.sqlite3-wal

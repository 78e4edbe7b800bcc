.DEFAULT_GOAL := help
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: help run test test-fast fuzz bench stop install check format migrations messages vendor-css clean

help: ## List every target
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

run: ## Install, start the local PostgreSQL, migrate, load demo data and serve on 127.0.0.1:8000
	@scripts/run.sh

test: ## Install, ensure Chromium, run the static checks and the whole test suite on a throwaway PostgreSQL
	@scripts/test.sh $(PYTEST_ARGS)

test-fast: ## The tests to run in a loop while working: all but the browser, production-shape and slow ones
	@scripts/bootstrap.sh
	@env -u CELERY_BROKER_URL .venv/bin/python -m pytest -n auto --dist loadfile --no-loadscope-reorder -m "not browser and not production_shape and not slow" $(PYTEST_ARGS)

fuzz: ## Random form fuzzing for longer than `make test` does (FUZZ_EXAMPLES per form, default 100)
	@scripts/bootstrap.sh
	@FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-100} .venv/bin/python -m pytest tests/test_form_fuzzing.py -p no:cacheprovider --timeout=3600

bench: ## Benchmark at municipality scale (10,000 dossiers, then 100,000 for growth) against the Django admin baseline; report in bench/results/
	@scripts/bench.sh $(BENCH_ARGS)

stop: ## Stop the project's local PostgreSQL clusters
	@python3 scripts/localdb.py stop --all

install: ## Install the locked dependencies into .venv
	@scripts/bootstrap.sh

check: install ## Static checks: ruff lint and format, migrations in step with the models, bandit (high)
	@scripts/check.sh

format: install ## Fix lint findings and format the code
	@.venv/bin/ruff check --fix .
	@.venv/bin/ruff format .

migrations: install ## Create migrations for model changes
	@$(PY) scripts/localdb.py start dev --database inburgering >/dev/null
	@$(PY) manage.py makemigrations

messages: install ## Update the Dutch translations (locale/nl) and compile them
	@$(PY) manage.py makemessages -l nl --no-location --no-obsolete -i ".venv/*" -i ".tools/*" -i "bench/*"
	@$(PY) manage.py compilemessages -l nl -i ".venv" -i ".tools"

vendor-css: ## Refresh the vendored NL Design System (Utrecht) CSS
	@scripts/vendor-css.sh

clean: stop ## Remove the virtualenv and the local databases
	@python3 scripts/localdb.py destroy dev || true
	@python3 scripts/localdb.py destroy test || true
	@rm -rf .venv .tools staticfiles

# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip
CONSTRAINTS := requirements/constraints.txt
PURE_MODULES := assessments/scoring.py assessments/task_rules.py lessons/analysis/*.py badges/credentials courses/cpd.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test lint bench migrate seed messages lock clean

$(BIN)/activate:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[test,lint]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo "Serving the portal on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Runs the whole suite. With INTEGRATION=1 (set by .ci/run, which points DATABASE_URL at
# PostgreSQL and CELERY_BROKER_URL at Redis) the integration tests run too.
test: install-test
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0 2>/dev/null || true
	$(PY) -m pytest $(if $(INTEGRATION),,-m "not integration") $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --check accounts assessments lessons courses badges portal --extension html
	$(BIN)/djlint --lint accounts assessments lessons courses badges portal --extension html
	# The pure modules (no Django) are typed strictly.
	$(BIN)/mypy --strict --ignore-missing-imports $(PURE_MODULES)

bench: install-test
	@for script in benches/*.py; do \
		[ -e "$$script" ] || continue; \
		echo "== $$script"; $(PY) "$$script" || exit 1; \
	done

messages: install
	$(PY) manage.py makemessages --ignore=.venv --ignore=var -l zh_Hant -l zh_Hans
	$(PY) manage.py compilemessages --ignore=.venv

# Re-pin every dependency (run after changing pyproject.toml, then commit the result).
lock: $(BIN)/activate
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet '.[test,lint]'
	.lock-venv/bin/pip freeze --exclude tdl-portal | sed '/^-e /d' > $(CONSTRAINTS)
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) var/static

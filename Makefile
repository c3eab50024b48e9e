# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= warta.duckdb

.PHONY: demo test lint bench clean serve chromium web-assets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[web]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,web]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/warta run examples/ --db $(DB)
	$(BIN)/warta events --db $(DB)
	@echo
	@echo "To see these events on a map, run:"
	@echo "    $(BIN)/warta serve --db $(DB)"
	@echo "and open http://127.0.0.1:8000/ in a browser (or run: make serve)."

serve: $(VENV)/.installed
	$(BIN)/warta serve --db $(DB)

# The browser tests drive Debian's Chromium; playwright (a dev extra) never downloads a browser.
chromium:
	@chromium="$${WARTA_CHROMIUM:-/usr/bin/chromium}"; \
	if [ ! -x "$$chromium" ]; then \
		echo "$$chromium is missing: installing Debian's chromium for the browser tests"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -q && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	fi

# Leaflet, its cluster plugin and Natural Earth outlines, from the versions pinned in
# webassets/package-lock.json, copied into src/warta/web/static/ (committed, so pip users
# get them without npm).
web-assets:
	cd webassets && npm ci --no-audit --no-fund && node build.mjs

test: $(VENV)/.installed-dev chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks

# The benchmarks read ../shared/eval; benchmarks/train_name_tagger.py (retrains the shipped
# model) and benchmarks/ner_data.py (a helper module) are not benchmarks.
BENCHMARKS := boilerplate indosum geoparse actors events

bench: $(VENV)/.installed-dev
	for b in $(BENCHMARKS); do $(BIN)/python benchmarks/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) $(DB) $(DB).wal

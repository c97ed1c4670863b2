# One entry point for the book. `make book` builds the site, `make test` runs every check.
# Both set themselves up on a fresh machine (venv, pip, npm assets; chromium for the tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ASSETS := assets/site/vendor
SITE   := _build/html
CISITE := _build/ci/_build/html
PORT   ?= 8000
# Same kernel numbers on every machine: one BLAS thread (2 shared cores are noisy with more).
export OPENBLAS_NUM_THREADS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help venv assets book book-check serve test test-unit test-notebooks test-browser workbooks i18n clean

help:
	@echo "make book   build the site, English and Chinese (under zh/), into $(SITE)"
	@echo "make serve  build, then serve the site on http://127.0.0.1:$(PORT)"
	@echo "make test   unit tests, every notebook under nbval, a warning-free forced build, browser check"
	@echo "make i18n   update the Chinese catalogues (locales/zh_CN) from the English sources"

venv: $(STAMP)
$(STAMP): requirements.txt binder/requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# MathJax, the ipywidgets embed manager, RequireJS and Thebe, from npm (a committed lockfile;
# Thebe's tarball checked against the hash in assets/packed.json), copied where Sphinx's
# html_extra_path serves them: the site then needs no CDN. The icon SVGs (Font Awesome) and
# axe-core (the browser check's accessibility rules) are read from assets/node_modules.
assets: $(ASSETS)/.copied
$(ASSETS)/.copied: assets/package.json assets/package-lock.json assets/widgets-config.js \
		assets/packed.json assets/unpack.py assets/thebe-mathjax-bridge.js
	cd assets && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -rf $(ASSETS) && mkdir -p $(ASSETS)/mathjax
	cp assets/node_modules/requirejs/require.js $(ASSETS)/require.js
	cp assets/node_modules/@jupyter-widgets/html-manager/dist/embed-amd.js $(ASSETS)/embed-amd.js
	cp assets/widgets-config.js $(ASSETS)/widgets-config.js
	mkdir -p $(ASSETS)/html-manager
	cp assets/node_modules/@jupyter-widgets/html-manager/dist/*.woff* assets/node_modules/@jupyter-widgets/html-manager/dist/*.ttf \
	   assets/node_modules/@jupyter-widgets/html-manager/dist/*.eot assets/node_modules/@jupyter-widgets/html-manager/dist/*.svg $(ASSETS)/html-manager/
	cp assets/node_modules/mathjax/es5/tex-mml-chtml.js $(ASSETS)/mathjax/
	cp -r assets/node_modules/mathjax/es5/input assets/node_modules/mathjax/es5/output \
	      assets/node_modules/mathjax/es5/ui assets/node_modules/mathjax/es5/a11y \
	      assets/node_modules/mathjax/es5/sre assets/node_modules/mathjax/es5/adaptors $(ASSETS)/mathjax/
	cp assets/node_modules/mathjax/LICENSE $(ASSETS)/mathjax/LICENSE
	$(PYTHON) assets/unpack.py
	cp assets/thebe-mathjax-bridge.js $(ASSETS)/thebe/mathjax-bridge.js
	touch $@

# The English edition at the site's root, then the Chinese one (same sources, translated through
# locales/zh_CN, the English execution cache: no notebook runs twice) copied into $(SITE)/zh.
book: venv assets
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python tools/i18n.py build -- -W -n --keep-going
	@echo "Open $(abspath $(SITE))/index.html, or run 'make serve'."

serve: book
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

# A fresh output folder means no execution cache: every notebook runs against today's nnkit.
book-check: venv assets
	rm -rf _build/ci
	$(BIN)/jupyter-book build . --path-output _build/ci -W -n --keep-going
	$(BIN)/python tools/i18n.py build --path-output _build/ci -- -W -n --keep-going

# Tests that read the built site (run after the build).
SITE_TESTS = tests/browser tests/test_exercise_pages.py tests/test_i18n.py

test: venv assets
	bash tools/ensure_chromium.sh
	$(BIN)/python tools/workbooks.py --check
	$(BIN)/ruff check nnkit nnbook
	@# The site build runs in one process: the tests that need no built site use the other core
	@# meanwhile (the build's log follows theirs); then the tests of the built site.
	mkdir -p _build
	$(MAKE) --no-print-directory book-check > _build/book-check.log 2>&1 & build=$$!; \
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax -p no:cacheprovider --durations=25 \
	    tests $(wildcard exercises/ex*.ipynb) $(addprefix --ignore=,$(SITE_TESTS)); tests=$$?; \
	wait $$build; built=$$?; cat _build/book-check.log; test $$built -eq 0 -a $$tests -eq 0
	$(BIN)/python -m pytest -n 2 --dist load -p no:cacheprovider --durations=25 $(SITE_TESTS) --site $(CISITE)

test-unit: venv
	$(BIN)/python -m pytest -n 2 --dist loadfile -p no:cacheprovider tests --ignore tests/browser

test-notebooks: venv
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax -p no:cacheprovider chapters exercises

test-browser: venv assets
	bash tools/ensure_chromium.sh
	$(BIN)/python -m pytest -p no:cacheprovider tests/browser --site $(SITE) --screenshots full

workbooks: venv
	$(BIN)/python tools/workbooks.py

# New or changed English text becomes new or fuzzy entries in locales/zh_CN/LC_MESSAGES/*.po.
# The pages' text is extracted without execution; the texts that code displays are read from the
# English site's outputs, so the English edition is built first (from the cache when it is fresh).
i18n: venv assets
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python tools/i18n.py extract --site $(SITE)

clean:
	rm -rf _build assets/site assets/node_modules

# The two commands of the README: `make run` and `make test`. Both set up everything on a
# fresh machine: Debian packages (chromium for browser tests), .venv, the package.
VENV   := .venv
PY     := $(VENV)/bin/python
CG     := $(VENV)/bin/careergraph
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install system-deps validate bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests use; installed only when missing (needs root, as on CI).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

validate: install
	$(CG) validate --quiet

run: validate
	$(CG) serve --host $(HOST) --port $(PORT)

test: install system-deps validate
	$(PY) -m pytest

bench: install
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) build .pytest_cache

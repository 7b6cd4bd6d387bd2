PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint corpus score bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	mkdir -p out
	$(VENV)/bin/govreport convert corpus/real/town-2019.txt -o out/town-2019.json
	$(VENV)/bin/govreport show corpus/real/town-2019.txt

test: $(VENV)/.installed
	$(VENV)/bin/ruff check govreport tests corpus bench fuzz examples
	$(VENV)/bin/mypy
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check govreport tests corpus bench fuzz examples
	$(VENV)/bin/mypy

corpus: $(VENV)/.installed
	$(PY) corpus/generate.py

score: $(VENV)/.installed
	$(PY) corpus/score.py

bench: $(VENV)/.installed
	$(PY) bench/bench.py --format all

clean:
	rm -rf $(VENV) build *.egg-info

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint corpus score bench clean

# The ocr extra's rapidocr-onnxruntime pulls opencv-python, whose cv2 needs libGL (absent
# on servers and CI machines); the headless build then replaces it with the same cv2.
$(VENV)/.installed: pyproject.toml setup.py $(wildcard govreport/*.c govreport/readers/pdf/*.c govreport/readers/pdf/*.h)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,ocr]'
	$(PY) -m pip uninstall -q -y opencv-python
	$(PY) -m pip install -q --force-reinstall --no-deps opencv-python-headless
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

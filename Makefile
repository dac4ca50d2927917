# Two entry points (see README): `make demo` runs the product on bundled samples; `make test` runs CI.
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
PY := $(VENV)/bin/python

.PHONY: demo test install

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

install: $(PY)
	$(PY) -m pip install -q -e '.[test]'

demo: $(PY)
	$(PY) -m pip install -q -e .
	bash frontend/build.sh
	$(VENV)/bin/shuanglian demo --host $(HOST) --port $(PORT)

test:
	bash scripts/test.sh

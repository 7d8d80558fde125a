# The README's two commands: `make demo` (the main job) and `make test` (what CI runs).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install test lint format demo bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,flower,export]'
	touch $@

install: $(BIN)/.installed

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/pytest -q

demo: install
	$(BIN)/python -m producer.demo

bench: install
	$(BIN)/python -m bench.mocksite_throughput
	$(BIN)/python -m bench.parse_speed

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

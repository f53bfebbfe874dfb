# Two commands for a fresh clone (python3 and make are all it needs):
#   make run    install into .venv and open the TUI on the bundled AWS deck
#   make test   install into .venv and run ruff and every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/exam-sim

test: $(STAMP)
	$(BIN)/ruff check exam_sim tests benchmarks scripts
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/history.py
	$(BIN)/python benchmarks/startup.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Two commands for a fresh clone (python3 and make are all it needs):
#   make run    install into .venv and open the TUI on the bundled AWS deck
#   make test   install into .venv; ruff, mypy --strict, the import contracts, every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench clean

$(STAMP): pyproject.toml
	@echo "exam-sim: installing into $(VENV) (first run, or pyproject.toml changed; about 30 s)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)
	@echo "exam-sim: installed; the command is also .venv/bin/exam-sim"

install: $(STAMP)

run: $(STAMP)
	$(BIN)/exam-sim

# The suite runs on every core (pytest-xdist): each test has its own EXAM_SIM_HOME. Python
# may cache compiled modules even where PYTHONDONTWRITEBYTECODE is set: the suite starts
# exam-sim in about 140 subprocesses, each 0.3 s slower when it compiles every module.
test: $(STAMP)
	$(BIN)/ruff check exam_sim tests benchmarks scripts
	$(BIN)/ruff format --check exam_sim tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n auto --dist worksteal

bench: $(STAMP)
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/made_numbers.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/history.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/keypress.py
	$(BIN)/python benchmarks/help_open.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache

# Two commands for a fresh clone: `make demo` and `make test`. Each installs what it needs
# into .venv itself; the stamp files make the second run instant.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint eval bench install dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed
	$(BIN)/commentwatch demo

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

# Accuracy on the shared development corpus (absent from a user's clone).
CORPUS ?= ../shared/corpus
eval: $(VENV)/.installed
	$(BIN)/commentwatch eval $(CORPUS)/dev/comments.jsonl
	$(BIN)/commentwatch eval $(CORPUS)/ham-health/texts.jsonl --only contacts,verdicts
	$(BIN)/commentwatch eval $(CORPUS)/tubespam/TubeSpam_test.csv --only verdicts
	$(BIN)/python -m crawler.evaluation $(CORPUS)/html/cases.jsonl

bench: $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info commentwatch.db reports-out

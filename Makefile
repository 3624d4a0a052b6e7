# Two commands for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint setup dev-setup bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install -q -e .

dev-setup: $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"

run: setup
	$(BIN)/ansinh migrate --noinput -v0
	$(BIN)/ansinh collectstatic --noinput -v0
	$(BIN)/ansinh demo
	$(BIN)/ansinh report 2024Q1 --unit 94 --date 2024-04-15 --format docx --out out/bao-cao-2024Q1.docx
	$(BIN)/ansinh report 2024Q1 --unit 94 --date 2024-04-15 --format xlsx --out out/phu-luc-2024Q1.xlsx
	-$(BIN)/ansinh report 2024Q1 --unit 94 --date 2024-04-15 --format pdf --out out/bao-cao-2024Q1.pdf
	@echo "Báo cáo quý I/2024: $(CURDIR)/out/bao-cao-2024Q1.docx (PDF: out/bao-cao-2024Q1.pdf, phụ lục: out/phu-luc-2024Q1.xlsx)"
	$(BIN)/ansinh serve --host $(HOST) --port $(PORT)

lint: dev-setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: dev-setup
	$(BIN)/ansinh collectstatic --noinput -v0
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: dev-setup
	$(BIN)/python bench/import_people.py
	$(BIN)/python bench/search_people.py
	$(BIN)/python bench/report_and_dashboard.py
	$(BIN)/python bench/payroll.py
	$(BIN)/python bench/desk.py
	$(BIN)/python bench/merit_recalc.py
	$(BIN)/python bench/merit_decisions.py
	$(BIN)/python bench/desk_load.py

clean:
	rm -rf $(VENV) var out

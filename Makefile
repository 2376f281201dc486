# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
MODEL_INPUTS := config.yml domain.yml $(wildcard data/*.yml)
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false
export PYTHONHASHSEED := 0

.PHONY: install train run run-prod shell actions test check lint validate widget console bench-nlu bench-intent-cv bench-catalog bench-triage bench-advice bench-conversations bench-load bench-turn bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $$(scripts/find_python310.sh) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

WIDGET_JS := bot/widget/node_modules/socket.io-client/dist/socket.io.min.js
# The widget's one npm dependency, pinned in bot/widget/package-lock.json.
$(WIDGET_JS): bot/widget/package.json bot/widget/package-lock.json
	npm ci --prefix bot/widget --no-audit --no-fund
	@touch $@

widget: $(WIDGET_JS)
	$(PY) -m bot.widget.serve

console: $(STAMP)
	$(PY) -m bot.console serve

# Rasa skips training when the fingerprint of config, domain and data is unchanged.
train: $(STAMP)
	$(RASA) train --quiet --num-threads 2

validate: $(STAMP)
	$(PY) -m catalog validate
	$(RASA) data validate --max-history 5

run: train $(WIDGET_JS)
	@scripts/run.sh

# The production shape: nginx in front of two Rasa servers and two action servers, on PostgreSQL, Redis and
# RabbitMQ (127.0.0.1 by default; scripts/run_prod.sh names every setting).
run-prod: train $(WIDGET_JS)
	@scripts/ensure_package.sh nginx-light /usr/sbin/nginx "the load balancer of make run-prod"
	@scripts/run_prod.sh

shell: train
	@scripts/run.sh shell

actions: $(STAMP)
	$(RASA) run actions --port 5055

# The full suite: lint, Rasa's data validation, unit tests and the end-to-end tests on the trained model.
test: train lint $(WIDGET_JS)
	scripts/ensure_package.sh chromium /usr/bin/chromium "the browser tests"
	scripts/ensure_package.sh nginx-light /usr/sbin/nginx "the load balancer of make run-prod and its tests"
	$(RASA) data validate --max-history 5
	$(PY) -m pytest -q --durations=15

# The fast lane for your own loop: lint and every test that needs no trained model or running server (< 1 min).
check: lint
	$(PY) -m pytest -q -m "not e2e"

lint: $(STAMP)
	$(VENV)/bin/ruff check bot actions catalog tests benchmarks

bench-nlu: $(STAMP)
	$(PY) -m benchmarks.nlu

bench-intent-cv: $(STAMP)
	$(PY) -m benchmarks.intent_cv

# Whole conversations by an independent writer, over REST against the trained model, with and without O*NET.
bench-conversations: train
	$(PY) -m benchmarks.conversations

bench-catalog: $(STAMP)
	$(PY) -m benchmarks.catalog

bench-triage: train
	$(PY) -m benchmarks.triage

# Pathways for an independent panel of learners, checked as a counsellor reads them (no trained model needed).
bench-advice: $(STAMP)
	$(PY) -m benchmarks.advice

# Many learners at once on the production shape, one Rasa server and two, in one run (needs what run-prod needs).
bench-load: train
	$(PY) -m benchmarks.load

# A full learner turn (the README conversation) against a bare `rasa init` bot with one custom action, side by side.
bench-turn: train
	$(PY) -m benchmarks.turn --like-for-like

bench: bench-nlu bench-conversations bench-intent-cv bench-catalog bench-triage bench-advice bench-load bench-turn

clean:
	rm -rf results var/*.db .pytest_cache

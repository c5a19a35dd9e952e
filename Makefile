# Reseller Center — the two commands that matter: `make run` and `make test`.
# Every step installs what it needs (idempotently, into the git-ignored .tools/ and node_modules/).

SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT        := $(CURDIR)
TOOLS       := $(ROOT)/.tools
CARGO       := cargo
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TRUNK_VER   := 0.22.1
WASM_SPLIT_VER := 0.2.4
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WBG_VER     := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p}' Cargo.lock)
TOOL_PATH   := $(TOOLS)/bin:$(ROOT)/frontend/node_modules/.bin:$(PATH)
APT_PKGS    := chromium chromium-driver fonts-noto-cjk wrk brotli
PG_ADMIN    ?= postgres://postgres@127.0.0.1:5432/postgres
DIST        := frontend/dist
SERVER_BIN  := target/release/reseller-center
DATABASE_URL ?= sqlite://data/reseller-center.db
BIND        ?= 127.0.0.1:8080

export CARGO_TERM_COLOR := never

.PHONY: help run test build build-web build-server setup setup-web setup-s3 setup-e2e system-deps pg-up \
        redis-up fmt fmt-check lint unit-test it-sqlite it-postgres wasm-check e2e spec bench clean

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F ':.*?## ' '{printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

# ---------------------------------------------------------------- the two commands

run: build ## Set up, build, migrate, seed the demo marketplace (first run) and serve it
	@mkdir -p data
	DATABASE_URL='$(DATABASE_URL)' $(SERVER_BIN) migrate
	DATABASE_URL='$(DATABASE_URL)' $(SERVER_BIN) seed --demo
	@echo ""
	@echo "  Reseller Center:  http://$(BIND)/"
	@echo "  API docs:         http://$(BIND)/api/docs/"
	@echo ""
	DATABASE_URL='$(DATABASE_URL)' BIND='$(BIND)' STATIC_DIR=$(DIST) exec $(SERVER_BIN) serve

test: setup setup-e2e pg-up redis-up fmt-check lint unit-test it-sqlite it-postgres wasm-check e2e ## Set up, then fmt, clippy, unit + integration tests on SQLite and PostgreSQL, spec drift, wasm checks, e2e
	@echo "make test: all checks passed"

# ---------------------------------------------------------------- setup

setup: setup-web setup-s3 ## Install the build tools (wasm target, trunk, wasm-bindgen-cli, npm packages, local S3 server)

setup-web:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@[ -x $(TOOLS)/bin/trunk ] || CARGO_INSTALL_ROOT=$(TOOLS) $(CARGO) install --locked trunk --version $(TRUNK_VER) --ignore-rust-version
	@[ "$$($(TOOLS)/bin/wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" = "$(WBG_VER)" ] || \
		CARGO_INSTALL_ROOT=$(TOOLS) $(CARGO) install --force wasm-bindgen-cli --version $(WBG_VER)
	@[ -x $(TOOLS)/bin/wasm-split-cli ] || CARGO_INSTALL_ROOT=$(TOOLS) $(CARGO) install --locked wasm_split_cli_support \
		--version $(WASM_SPLIT_VER) --features build-binary
	@[ -x frontend/node_modules/.bin/wasm-opt ] && [ -d frontend/node_modules/bulma ] || (cd frontend && npm ci --no-audit --no-fund)

# moto's S3-compatible server for the object-store upload test, pinned in scripts/requirements-s3.txt.
setup-s3:
	@[ -x $(TOOLS)/venv/bin/moto_server ] || (python3 -m venv $(TOOLS)/venv && \
		$(TOOLS)/venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements-s3.txt)

setup-e2e: system-deps
	@[ -d e2e/node_modules/@playwright/test ] || (cd e2e && npm ci --no-audit --no-fund)

system-deps: ## Debian packages for browser tests and benchmarks (Chromium, CJK fonts, wrk, brotli)
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

pg-up: ## Start the local PostgreSQL cluster if it is down
	@pg_isready -q -h 127.0.0.1 -p 5432 || \
		($(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start && sleep 2 && pg_isready -h 127.0.0.1 -p 5432)

redis-up: ## Start a local Redis (shared rate-limit counters in the tests) if none answers
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || \
		(command -v redis-server >/dev/null || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server)) && \
		(redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no && sleep 1 && redis-cli -h 127.0.0.1 -p 6379 ping))

# ---------------------------------------------------------------- build

build: setup build-web build-server ## Build the SPA (release wasm) and the server (release)

# Three bundles (see frontend/src/lib.rs): the storefront at the root, then the account and console
# bundles below it (each trunk build replaces its own dist folder, so the root one goes first).
# The storefront is then split per route (frontend/src/chunks.rs, scripts/split-storefront.py).
TRUNK_RELEASE := PATH='$(TOOL_PATH)' trunk build --release --cargo-profile wasm-release --locked=true
build-web:
	cd frontend && $(TRUNK_RELEASE) storefront.html --dist dist
	PATH='$(TOOL_PATH)' python3 scripts/split-storefront.py $(DIST) target/wasm32-unknown-unknown/wasm-release/storefront.wasm
	cd frontend && $(TRUNK_RELEASE) account.html --dist dist/bundles/account --public-url /bundles/account/
	cd frontend && $(TRUNK_RELEASE) console.html --dist dist/bundles/console --public-url /bundles/console/

build-server:
	$(CARGO) build --locked --release -p rc-api

# ---------------------------------------------------------------- checks

fmt: ## Format the code
	$(CARGO) fmt --all

fmt-check:
	$(CARGO) fmt --all --check

lint: ## Clippy with -D warnings (server crates and the wasm frontend)
	$(CARGO) clippy --locked --all-targets -- -D warnings
	$(CARGO) clippy --locked -p rc-frontend --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --locked -p rc-frontend --target wasm32-unknown-unknown --features split -- -D warnings

unit-test: ## Unit tests of every crate, the SPA's included
	$(CARGO) test --locked --lib --bins
	$(CARGO) test --locked -p rc-frontend --lib

it-sqlite: setup-s3 redis-up ## Integration tests through the client on SQLite
	RC_TEST_DB=sqlite $(CARGO) test --locked --test it

it-postgres: pg-up redis-up setup-s3 ## Integration tests through the client on PostgreSQL (fresh database per test)
	RC_TEST_DB=postgres RC_TEST_PG_URL='$(PG_ADMIN)' $(CARGO) test --locked --test it

wasm-check: ## The wire types, the client and the SPA build for wasm32
	$(CARGO) check --locked -p rc-types -p rc-client -p rc-frontend --target wasm32-unknown-unknown

e2e: setup-e2e build ## Playwright in Chromium against the release binary on a fresh demo database
	cd e2e && RC_BIN=$(ROOT)/$(SERVER_BIN) E2E_PORT=$${E2E_PORT:-$$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')} npx playwright test

spec: ## Regenerate api-spec/openapi.json from the routes
	$(CARGO) run --locked -q -p rc-api -- openapi --out api-spec/openapi.json

bench: system-deps build ## Load-test list/detail at 10,000 solutions and report SPA wasm sizes
	bash scripts/bench.sh

clean: ## Remove build outputs (keeps .tools and data)
	$(CARGO) clean
	rm -rf $(DIST) e2e/artifacts e2e/test-results

# Reseller Center — the two commands that matter: `make run` and `make test`.
# Every step installs what it needs, idempotently: build tools once per machine into a cache outside
# the clone ($(TOOL_CACHE), one folder per tool and version, shared by every clone and CI run),
# npm packages into node_modules/, the S3 test server into the git-ignored .tools/.

SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT        := $(CURDIR)
TOOLS       := $(ROOT)/.tools
TOOL_CACHE  ?= $(HOME)/.cache/reseller-center/tools
CARGO       := cargo
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TRUNK_VER   := 0.22.1
WASM_SPLIT_VER := 0.2.4
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WBG_VER     := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p}' Cargo.lock)
TRUNK_DIR   := $(TOOL_CACHE)/trunk-$(TRUNK_VER)
WBG_DIR     := $(TOOL_CACHE)/wasm-bindgen-$(WBG_VER)
SPLIT_DIR   := $(TOOL_CACHE)/wasm-split-$(WASM_SPLIT_VER)
TOOL_PATH   := $(WBG_DIR)/bin:$(SPLIT_DIR)/bin:$(TRUNK_DIR)/bin:$(ROOT)/frontend/node_modules/.bin:$(PATH)
# cargo-nextest (on this machine kind) runs each test in its own process, all cores busy; plain
# `cargo test` where it is missing.
CARGO_TEST  := $(shell $(CARGO) nextest --version >/dev/null 2>&1 && echo "nextest run --no-fail-fast" || echo test)
APT_PKGS    := chromium chromium-driver fonts-noto-cjk wrk brotli
PG_ADMIN    ?= postgres://postgres@127.0.0.1:5432/postgres
DIST        := frontend/dist
SERVER_BIN  := target/release/reseller-center
# e2e drives the debug server the integration tests already built (same code, no release build in
# `make test`); `make e2e E2E_BIN=$(SERVER_BIN)` runs it against the release binary.
E2E_BIN     ?= target/debug/reseller-center
DATABASE_URL ?= sqlite://data/reseller-center.db
BIND        ?= 127.0.0.1:8080

export CARGO_TERM_COLOR := never

# Installs crate $(2) version $(3) into the cache folder $(1) unless its binary $(4) is there
# (cargo writes the binary last, so an interrupted install is retried). $(5): extra cargo flags.
define cache_install
	@[ -x $(1)/bin/$(4) ] || CARGO_INSTALL_ROOT=$(1) $(CARGO) install $(2) --version $(3) $(5)
endef

.PHONY: help run dev test build build-web build-server setup setup-web setup-trunk setup-s3 setup-e2e system-deps \
        pg-up redis-up checks e2e-server fmt fmt-check lint unit-test it-sqlite it-postgres wasm-check e2e spec bench clean

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

dev: setup setup-trunk ## The SPA with live reload on :8081 (`trunk serve`; /api goes to a `make run` server on :8080)
	cd frontend && PATH='$(TOOL_PATH)' trunk serve

# The release SPA builds (its LTO links are single-threaded) while the checks run, then e2e.
test: setup setup-e2e pg-up redis-up ## Set up, then fmt, clippy (native and wasm32), unit + integration tests on SQLite and PostgreSQL, spec drift, e2e
	@$(MAKE) --no-print-directory -j2 checks build-web
	@$(MAKE) --no-print-directory e2e
	@echo "make test: all checks passed"

# The Rust checks, one after another (they share target/).
checks:
	@$(MAKE) --no-print-directory -j1 fmt-check lint unit-test it-sqlite it-postgres

# ---------------------------------------------------------------- setup

setup: setup-web setup-s3 ## Install the build tools (wasm target, wasm-bindgen-cli, wasm-split-cli, npm packages, local S3 server)

# wasm-bindgen-cli is installed without --locked: its own lock file pins a yanked webpki-roots.
setup-web:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	$(call cache_install,$(WBG_DIR),wasm-bindgen-cli,$(WBG_VER),wasm-bindgen,)
	$(call cache_install,$(SPLIT_DIR),wasm_split_cli_support,$(WASM_SPLIT_VER),wasm-split-cli,--locked --features build-binary)
	@[ -x frontend/node_modules/.bin/wasm-opt ] && [ -d frontend/node_modules/bulma ] || (cd frontend && npm ci --no-audit --no-fund)

# Only `make dev` needs trunk (release bundles are built by scripts/build-web.py).
setup-trunk:
	$(call cache_install,$(TRUNK_DIR),trunk,$(TRUNK_VER),trunk,--locked --ignore-rust-version)

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

# The SPA and the server build at once, in target dirs of their own (cargo locks a target dir, and
# the SPA's single-threaded LTO links leave a core free); cargo shares make's two job slots.
build: setup-web ## Build the SPA (release wasm) and the server (release)
	@$(MAKE) --no-print-directory -j2 build-web build-server

# Three bundles (see frontend/src/lib.rs): the storefront at the root, split per route
# (frontend/src/chunks.rs), then the account and console bundles below it; cargo, wasm-bindgen,
# wasm-split-cli and wasm-opt run directly (scripts/build-web.py), no trunk.
build-web:
	CARGO_TARGET_DIR='$(ROOT)/target/web' PATH='$(TOOL_PATH)' python3 scripts/build-web.py $(DIST)

build-server:
	$(CARGO) build --locked --release -p rc-api

# ---------------------------------------------------------------- checks

fmt: ## Format the code
	$(CARGO) fmt --all

fmt-check:
	$(CARGO) fmt --all --check

lint: ## Clippy with -D warnings (server crates and the wasm frontend as released, with `split`)
	$(CARGO) clippy --locked --all-targets -- -D warnings
	$(CARGO) clippy --locked -p rc-frontend --target wasm32-unknown-unknown --features split -- -D warnings

unit-test: ## Unit tests of every crate, the SPA's included
	$(CARGO) $(CARGO_TEST) --locked --lib --bins
	$(CARGO) $(CARGO_TEST) --locked -p rc-frontend --lib

it-sqlite: setup-s3 redis-up ## Integration tests through the client on SQLite
	RC_TEST_DB=sqlite $(CARGO) $(CARGO_TEST) --locked --test it

it-postgres: pg-up redis-up setup-s3 ## Integration tests through the client on PostgreSQL (fresh database per test)
	RC_TEST_DB=postgres RC_TEST_PG_URL='$(PG_ADMIN)' $(CARGO) $(CARGO_TEST) --locked --test it

wasm-check: ## The wire types, the client and the SPA build for wasm32
	$(CARGO) check --locked -p rc-types -p rc-client -p rc-frontend --target wasm32-unknown-unknown

e2e: setup-e2e build-web e2e-server ## Playwright in Chromium against the server (E2E_BIN) and the release SPA on a fresh demo database
	cd e2e && RC_BIN=$(ROOT)/$(E2E_BIN) E2E_PORT=$${E2E_PORT:-$$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')} npx playwright test

# The server e2e drives: the debug binary is the one `cargo test --test it` builds (same features).
e2e-server:
ifeq ($(E2E_BIN),$(SERVER_BIN))
	@$(MAKE) --no-print-directory build-server
else
	$(CARGO) test --locked --no-run -p rc-api --test it
endif

spec: ## Regenerate api-spec/openapi.json from the routes
	$(CARGO) run --locked -q -p rc-api -- openapi --out api-spec/openapi.json

bench: system-deps build ## Load-test list/detail at 10,000 solutions and report SPA wasm sizes
	bash scripts/bench.sh

clean: ## Remove build outputs (keeps the tool cache, .tools and data)
	$(CARGO) clean
	rm -rf $(DIST) e2e/artifacts e2e/test-results

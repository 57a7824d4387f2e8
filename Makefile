# Quotewright: build, run, test and benchmark. "make help" lists the targets.
#
# The Wails CLI is a tool dependency of the module: always "go tool wails", never a global install.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# The version stamped into the binary; "make build VERSION=1.2.3" overrides it.
VERSION = $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# Build tags of the desktop binary ("wails build" adds desktop and production itself).
WAILS_TAGS := webkit2_41
BIN := build/bin/quotewright
# Arguments for the program: make run ARGS="--db /tmp/try.db"
ARGS ?=

# Playwright must never download a browser: the tests use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# $(call stage,what): the one header line of a stage.
stage = printf '\n==> %s\n' '$(1)'
# $(call quiet,command): run a chatty command, showing its output only when it fails.
quiet = log=$$(mktemp); if $(1) >"$$log" 2>&1; then rm -f "$$log"; else rc=$$?; cat "$$log"; rm -f "$$log"; exit $$rc; fi

.PHONY: help run build bindings frontend desktop test bench clean

help:
	@echo 'Quotewright make targets:'
	@echo '  make run      build, then start the desktop app (ARGS="--db PATH" or ARGS="serve" to pass arguments)'
	@echo '  make build    bindings, frontend and the desktop binary $(BIN)'
	@echo '  make test     gofmt, go vet, go test, frontend typecheck and unit tests, build, e2e, desktop smoke test'
	@echo '  make bench    build, then the figures (go run ./scripts/bench), Go benchmarks and the large-quote UI timings'
	@echo '  make clean    remove build output, generated bindings and test artifacts'
	@echo 'Parts of build: make bindings, make frontend, make desktop.'
	@echo 'scripts/setup.sh [run|test|bench] installs what is missing (run, test and bench call it).'

run:
	@scripts/setup.sh run
	@$(MAKE) build
	scripts/run.sh $(ARGS)

# Every step always runs: Go's build cache makes an unchanged rebuild quick (about 15 s), and there is no list of
# input files to go stale.
build:
	@$(MAKE) bindings
	@$(MAKE) frontend
	@$(MAKE) desktop

# frontend/wailsjs: the TypeScript bindings of the bound Go services, and the Wails runtime.
bindings:
	@$(call stage,bindings: go tool wails generate module)
	@$(call quiet,go tool wails generate module -nocolour -tags $(WAILS_TAGS))

# frontend/dist/app: the built frontend, which the binary embeds.
frontend:
	@$(call stage,frontend: npm run build)
	@test -d frontend/node_modules || { echo 'frontend/node_modules is missing: run scripts/setup.sh (or make run)'; exit 1; }
	@test -d frontend/wailsjs || { echo 'frontend/wailsjs is missing: run make bindings first'; exit 1; }
	@cd frontend && npm run --silent build

# The desktop binary from the current frontend/dist/app, without rebuilding the frontend or the bindings.
desktop:
	@$(call stage,desktop: go tool wails build -> $(BIN) $(VERSION))
	@test -f frontend/dist/app/index.html || { echo 'frontend/dist/app/index.html is missing: run make frontend first'; exit 1; }
	@$(call quiet,go tool wails build -nocolour -s -skipbindings -m -nosyncgomod -tags $(WAILS_TAGS) -ldflags "-X main.version=$(VERSION)")
	@test -x $(BIN) || { echo '$(BIN) was not written'; exit 1; }
	@ls -l $(BIN)

test:
	@$(call stage,setup: scripts/setup.sh test)
	@scripts/setup.sh test
	@$(call stage,gofmt -l)
	@files=$$(find . \( -name node_modules -o -name .git -o -name testdata -o -name vendor -o -path ./build \) -prune \
		-o -name '*.go' -print | sort | xargs -r gofmt -l); \
	if [[ -n $$files ]]; then echo 'gofmt: these files are not formatted (gofmt -w FILE):'; echo "$$files"; exit 1; fi
	@$(call stage,go vet ./... then the desktop-only files with the desktop tags)
	@go vet ./...
	@go vet -tags desktop,production,$(WAILS_TAGS) .
	@$(call stage,go test ./... (page 1 of each test PDF is kept in artifacts/pdf))
	@mkdir -p artifacts/pdf
	@QW_ARTIFACTS=$(CURDIR)/artifacts/pdf go test ./...
	@# The frontend's typecheck and unit tests import frontend/wailsjs: bindings first.
	@$(MAKE) bindings
	@$(call stage,frontend: npm run typecheck)
	@cd frontend && npm run --silent typecheck
	@$(call stage,frontend: npm test)
	@cd frontend && npm test --silent
	@$(MAKE) frontend
	@$(MAKE) desktop
	@$(call stage,frontend e2e: npm run e2e)
	@if [[ -d frontend/e2e ]]; then cd frontend && npm run --silent e2e; else echo 'no frontend/e2e yet: skipped'; fi
	@$(call stage,desktop smoke test: scripts/desktop-smoke.sh)
	@scripts/desktop-smoke.sh
	@$(call stage,make test: all passed)

bench:
	@scripts/setup.sh bench
	@$(MAKE) build
	@$(call stage,benchmarks: go run ./scripts/bench)
	@go run ./scripts/bench $(ARGS)
	@$(call stage,Go benchmarks: go test -bench ./backend/...)
	@go test -run '^$$' -bench . ./backend/...
	@$(call stage,the builder on the large quote in Chromium: e2e/large.spec.ts (timings reported and not asserted))
	@cd frontend && npx playwright test e2e/large.spec.ts --reporter=line | grep -E 'figures|passed|failed'

clean:
	rm -rf build/bin frontend/dist/app frontend/wailsjs artifacts frontend/test-results frontend/playwright-report
	@rmdir build 2>/dev/null || true

# Proximité. Two commands on a fresh machine: `make demo` and `make test`.
# Go, a C compiler (cgo, for DuckDB) and npm (build-time assets) are needed.

GO      ?= go
BIN     := bin/proximite
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
SCALE   ?= 1
PAIRS   ?= 3

# ARROW=1 builds with the duckdb_arrow tag, which compiles the DuckDB
# driver's Arrow interface: ingest then hands its rows to DuckDB as Arrow
# record batches filled on a reader goroutine. Measured at scale 10 it gains
# no clear time over the row-by-row Appender (116.6 s against 121.3 s wall,
# a fifth more CPU), so the default build keeps the Appender (which alone
# reads the record files ahead: 66.8 s wall, 112 s CPU, median of three on
# 2026-12-04 after migration 0017; the same day, before it, side by side on
# a busy machine, ARROW=1 took 163 s CPU against 139 s; after 0017, twelve
# months of the scale-10 fixture, 3.0 M rows, three runs each alternated:
# ARROW=1 13.4-14.1 s wall, 18.2-19.2 s CPU, against 8.4-9.6 s and
# 13.8-15.5 s CPU); `make test` runs the ingest tests a second time with
# the tag, so both paths stay tested.
ARROW   ?=
ifeq ($(ARROW),1)
export GOFLAGS := $(strip $(GOFLAGS) -tags=duckdb_arrow)
endif
ARROW_TESTS := Arrow|Batch|Ingest|Hostile|Supersede|Reexport|ReExport

include reports/assets.mk

.PHONY: all build demo test bench lint golden clean

all: build

build: assets
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/proximite

## demo: build, then generate the demo territory, load, compute and render into out/
demo: build
	./$(BIN) demo --out out

## test: vet and run every test (CI runs this)
test: assets
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 15m ./...
	$(GO) test -count=1 -timeout 10m -tags=duckdb_arrow -run '$(ARROW_TESTS)' ./queries ./pipeline

## bench: ingest/compute/report throughput on a SCALE million-activity fixture (SCALE=10 for 10 M)
bench: build
	./$(BIN) bench --scale $(SCALE) --pairs $(PAIRS) --dir .cache/bench

## lint: formatting and vet
lint: assets
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

## golden: rewrite the golden files after an intended change (never in CI)
golden: assets
	$(GO) test ./... -update

clean: clean-assets
	rm -rf bin out .cache

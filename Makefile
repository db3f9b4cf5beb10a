# nl — build and test. `make test` is the one command that runs every test;
# it installs the system packages the tests need when they are missing.
GO      ?= go
BIN     ?= bin/nl
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: all build test deps vet bench fuzz clean

all: build

build:
	$(GO) build -ldflags "-X main.Version=$(VERSION)" -o $(BIN) ./cmd/nl

deps:
	@bash scripts/ensure-deps.sh

vet:
	$(GO) vet ./...

test: deps vet
	$(GO) test -count=1 -timeout 30m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin

# silhouette — make demo | make test | make bench | make check-deps
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
BIN := .build/debug/silhouette
RELEASE_BIN := .build/release/silhouette
SHARED ?= ../shared

.PHONY: all build release demo test bench check-deps clean check-full

all: build

check-deps:
	@scripts/install-deps

build: check-deps
	$(SWIFT) build $(BUILD_FLAGS)

release: check-deps
	$(SWIFT) build -c release $(BUILD_FLAGS)

# One build of everything (tests included), then the suites that run against it.
test: check-deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	scripts/with-postgres $(SWIFT) test --skip-build
	@scripts/post-test-checks $(BIN)

demo: release
	@scripts/demo $(RELEASE_BIN)

bench: release
	@scripts/bench $(RELEASE_BIN)

clean:
	rm -rf .build out

# Heavier versions of the checks (stress sizes); each module appends its script.
check-full: test
	scripts/check-full-fleet

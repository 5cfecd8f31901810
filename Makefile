# silhouette — make demo | make test | make bench | make check-deps
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
BIN := .build/debug/silhouette
RELEASE_BIN := .build/release/silhouette
SHARED ?= ../shared

.PHONY: all build release demo test bench check-deps clean check-full fuzz

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
	$(SWIFT) test --skip-build
	@scripts/post-test-checks $(BIN)

demo: release
	@scripts/demo $(RELEASE_BIN)

bench: release
	@scripts/bench $(RELEASE_BIN)

clean:
	rm -rf .build out

# The heavy checks, after the lean `make test`.
check-full: test
	@scripts/check-full-verify $(BIN)

# libFuzzer harnesses (swiftc -sanitize=fuzzer): the verification content audit.
fuzz:
	@scripts/fuzz-content

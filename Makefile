# silhouette — make demo | make test | make bench | make check-deps
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
BIN := .build/debug/silhouette
RELEASE_BIN := .build/release/silhouette
SHARED ?= ../shared

.PHONY: all build release demo test bench check-deps clean fuzz check-full

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

# libFuzzer on every parser of untrusted input, a few minutes (FUZZ_SECONDS per target).
fuzz: check-deps
	@scripts/fuzz
	@scripts/fuzz-content               # the verification content audit (unpackers, parsers)

# The full checks (every example × format, whole adversarial suites, stress sizes): run before
# resolving an issue; each module appends its script below.
check-full: test
	@scripts/check-full-docs $(BIN)     # every example × document × format × language (PDF, DOCX, ODT)
	@scripts/check-full-redact $(BIN)   # every exposure-benchmark clip, long versions
	@scripts/check-full-verify $(BIN)   # the whole adversarial engine suite, with and without strace
	@scripts/check-full-fleet           # fleet and store stress sizes (issue #22; starts its own PostgreSQL)

clean:
	rm -rf .build out

# The activity-weight duality pipeline: manifest -> runs -> archives -> figures/report.
#   make reproduce   setup, build, the quick end-to-end pipeline (archives in runs/, figures in figures/)
#   make test        setup, build, all tests
SHELL := /bin/bash
.DEFAULT_GOAL := reproduce

SWIFT_FLAGS ?= -c release
BIN_DIR = $(shell swift build $(SWIFT_FLAGS) --show-bin-path 2>/dev/null)
AWD = $(BIN_DIR)/awd
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: setup data build test reproduce clean

setup:
	@bash scripts/setup.sh

data:
	@bash scripts/fetch-data.sh

build: setup
	swift build $(SWIFT_FLAGS) --product awd

test: setup
	swift build --build-tests
	swift test --skip-build 2>&1 | tee .test-output.log; exit $${PIPESTATUS[0]}

clean:
	rm -rf .build runs figures/out

# The activity-weight duality pipeline: manifest -> runs -> archives -> summaries -> figures/report.
#
#   make reproduce   setup, build, the quick end-to-end pipeline (runs/ and figures/quick/)
#   make test        setup, build, all tests
#   make figures     the full paper set: MNIST (figures/mnist/), Fashion-MNIST (figures/fmnist/) and the
#                    multi-learner study (figures/learners-mnist/, figures/learners-fmnist/)
#   make figures-learners        the multi-learner study alone; figures-quick-learners its quick variant
#   make figures-quick-fmnist   the quick sweeps on Fashion-MNIST (figures/quick-fmnist/)
#   make bench       benchmarks against NumPy references (benchmarks/)
#
# Each manifest experiments/NAME.yaml gives runs/NAME/*.h5 (one archive per run; `awd run` skips
# complete ones), runs/NAME/summary.csv (rewritten only when its content changes), and the sweep
# figures FIG/NAME-{gap,sharpness,size,correlation}.{png,pdf,svg}. runs-* targets train; figure and
# report files only read archives (a figure target never trains); figures-* sets do both, in order.
# Safe under make -j (every target writes its own files).
SHELL := /bin/bash
.DEFAULT_GOAL := reproduce
.DELETE_ON_ERROR:

# One set of build flags for the tool and the tests, so that neither rebuilds the other's products.
# The tests run optimised (the numerical kernels are 10-100x slower unoptimised) with testable imports.
SWIFT_CONFIG ?= release
SWIFT_FLAGS := -c $(SWIFT_CONFIG) -Xswiftc -enable-testing
AWD := .build/$(SWIFT_CONFIG)/awd
RUNS ?= runs
# Processes: a set's runs (runs-*, figures-*) are one `awd run` queue over all its manifests, with
# one progress line and time estimate, on all cores (SET_JOBS). A single manifest's stamp
# (runs/NAME/.complete) uses all cores when make runs one job at a time, 1 under make -jN (JOBS).
NPROC := $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$((n > 256 ? 256 : n)))
JOBS ?= $(if $(filter -j% j% --jobserver%,$(MAKEFLAGS)),1,$(NPROC))
SET_JOBS ?= $(NPROC)
export OPENBLAS_NUM_THREADS := 1

# Manifests of a set, the slowest first (in one queue the long width sweep then overlaps the others
# instead of running alone at the end; Fashion-MNIST's longer epoch bounds next).
SLOW := %width %train_size fmnist-batch_size fmnist-learning_rate
manifests = $(foreach p,$(SLOW),$(filter $(p),$(1))) $(filter-out $(SLOW),$(1))
QUICK  := $(call manifests,$(sort $(basename $(notdir $(wildcard experiments/quick-mnist-*.yaml)))))
QUICK_FMNIST := $(call manifests,$(sort $(basename $(notdir $(wildcard experiments/quick-fmnist-*.yaml)))))
MNIST  := $(call manifests,$(sort $(basename $(notdir $(wildcard experiments/mnist-*.yaml)))))
FMNIST := $(call manifests,$(sort $(basename $(notdir $(wildcard experiments/fmnist-*.yaml)))))
# The multi-learner study (docs/LEARNERS.md): its own report per dataset (`awd learners`).
LEARNERS_MNIST := learners-mnist-lr learners-mnist-count learners-mnist-controls
LEARNERS_FMNIST := learners-fmnist-lr learners-fmnist-count learners-fmnist-controls
QUICK_LEARNERS := quick-learners-mnist
SWEEP_KINDS := gap sharpness size correlation
OVERVIEW_KINDS := duality gap-estimate size-norm spectrum means

sweep_pngs = $(foreach m,$(2),$(foreach k,$(SWEEP_KINDS),$(1)/$(m)-$(k).png))
summaries = $(foreach m,$(1),$(RUNS)/$(m)/summary.csv)

.PHONY: setup data build test reproduce figures figures-mnist figures-fmnist figures-quick figures-quick-fmnist \
        runs-quick runs-quick-fmnist runs-mnist runs-fmnist runs-paper bench clean help \
        runs-learners runs-quick-learners figures-learners figures-quick-learners

help:
	@sed -n '1,14p' Makefile

setup:
	@bash scripts/setup.sh

data:
	@bash scripts/fetch-data.sh

build: setup
	swift build $(SWIFT_FLAGS) --product awd

# The awd end-to-end tests run the awd binary built beside them.
test: setup
	python3 scripts/check-module-graph.py
	swift build $(SWIFT_FLAGS) --build-tests
	swift test $(SWIFT_FLAGS) --skip-build 2>&1 | tee .test-output.log; exit $${PIPESTATUS[0]}

# --- runs: train + analyse + archive (the only targets that train) --------------------------
stamps = $(foreach m,$(1),$(RUNS)/$(m)/.complete)

$(RUNS)/%/.complete: experiments/%.yaml | build
	$(AWD) run $< --jobs $(JOBS) --out $(RUNS)
	@touch $@

# A set: one queue over its manifests (awd skips complete archives), then every stamp of the set.
yamls = $(foreach m,$(1),experiments/$(m).yaml)
define RUN_SET
	$(AWD) run $(call yamls,$(1)) --jobs $(SET_JOBS) --out $(RUNS)
	@mkdir -p $(foreach m,$(1),$(RUNS)/$(m)) && touch $(call stamps,$(1))
endef
runs-quick: build
	$(call RUN_SET,$(QUICK))
runs-quick-fmnist: build
	$(call RUN_SET,$(QUICK_FMNIST))
runs-mnist: build
	$(call RUN_SET,$(MNIST))
runs-fmnist: build
	$(call RUN_SET,$(FMNIST))
runs-learners: build
	$(call RUN_SET,$(LEARNERS_MNIST) $(LEARNERS_FMNIST))
runs-quick-learners: build
	$(call RUN_SET,$(QUICK_LEARNERS))
# Both halves of the paper set and the multi-learner study in one queue (make figures): one
# progress line over about 850 runs.
runs-paper: build
	$(call RUN_SET,$(call manifests,$(MNIST) $(FMNIST)) $(LEARNERS_MNIST) $(LEARNERS_FMNIST))

# --- summaries: from archives only (rewritten only when their content changes) --------------------
.SECONDEXPANSION:
$(RUNS)/%/summary.csv: $$(wildcard $(RUNS)/$$*/*.h5) | build
	$(AWD) export experiments/$*.yaml --out $(RUNS)

# Every stamp and summary is named here, so make treats none of them as an intermediate file (it
# would delete the stamps after a build, or skip a missing one).
ALL_MANIFESTS := $(QUICK) $(QUICK_FMNIST) $(MNIST) $(FMNIST) $(LEARNERS_MNIST) $(LEARNERS_FMNIST) $(QUICK_LEARNERS)
$(call stamps,$(ALL_MANIFESTS)) $(call summaries,$(ALL_MANIFESTS)):

# --- figures: from archives only; a figure target never trains (without archives it stops with
# an error that names the `awd run` to do) ------------------------------------------------------
define FIGURE_SET
# $(1) = output folder, $(2) = manifests
$(1)/%-gap.png $(1)/%-sharpness.png $(1)/%-size.png $(1)/%-correlation.png: $(RUNS)/%/summary.csv | build
	$(AWD) figures $$* --runs $(RUNS) --out $(1) --no-overview

$(foreach k,$(OVERVIEW_KINDS),$(1)/overview-$(k).png) &: $(call summaries,$(2)) | build
	$(AWD) figures $(2) --runs $(RUNS) --out $(1) --no-sweeps

$(1)/REPORT.md: $(call summaries,$(2)) | build
	$(AWD) report $(2) --runs $(RUNS) --out $(1) --no-figures

$(1)/.all: $(call sweep_pngs,$(1),$(2)) $(foreach k,$(OVERVIEW_KINDS),$(1)/overview-$(k).png) $(1)/REPORT.md
	@touch $$@
endef

$(eval $(call FIGURE_SET,figures/quick,$(QUICK)))
$(eval $(call FIGURE_SET,figures/quick-fmnist,$(QUICK_FMNIST)))
$(eval $(call FIGURE_SET,figures/mnist,$(MNIST)))
$(eval $(call FIGURE_SET,figures/fmnist,$(FMNIST)))

# The multi-learner report and its four figures (<folder name>-{rates,learners,spectra,consensus}).
define LEARNER_SET
$(1)/REPORT.md: $(call summaries,$(2)) | build
	$(AWD) learners $(2) --runs $(RUNS) --out $(1)

$(1)/.all: $(1)/REPORT.md
	@touch $$@
endef
$(eval $(call LEARNER_SET,figures/learners-mnist,$(LEARNERS_MNIST)))
$(eval $(call LEARNER_SET,figures/learners-fmnist,$(LEARNERS_FMNIST)))
$(eval $(call LEARNER_SET,figures/quick-learners,$(QUICK_LEARNERS)))

# The sets: first the runs (which train), then, in a new make that sees the new archives, the figures.
figures-quick: runs-quick
	$(MAKE) --no-print-directory figures/quick/.all
figures-quick-fmnist: runs-quick-fmnist
	$(MAKE) --no-print-directory figures/quick-fmnist/.all
figures-mnist: runs-mnist
	$(MAKE) --no-print-directory figures/mnist/.all
figures-fmnist: runs-fmnist
	$(MAKE) --no-print-directory figures/fmnist/.all
figures-learners: runs-learners
	$(MAKE) --no-print-directory figures/learners-mnist/.all figures/learners-fmnist/.all
figures-quick-learners: runs-quick-learners
	$(MAKE) --no-print-directory figures/quick-learners/.all
figures: runs-paper
	$(MAKE) --no-print-directory figures/mnist/.all figures/fmnist/.all figures/learners-mnist/.all figures/learners-fmnist/.all

# The main job: setup, build, the quick pipeline end to end on the default data.
reproduce: build
	$(MAKE) --no-print-directory figures-quick
	@$(AWD) verify $(addprefix $(RUNS)/,$(QUICK)) > $(RUNS)/verify-quick.txt; s=$$?; \
	  if [ $$s -ne 0 ]; then grep -v "^ok" $(RUNS)/verify-quick.txt; else tail -n 1 $(RUNS)/verify-quick.txt; fi; exit $$s
	@echo "archives: $(RUNS)/quick-mnist-*/   figures and report: figures/quick/ (REPORT.md)"

# --- benchmarks -----------------------------------------------------------------------------------
# Each fragment runs the NumPy reference and the Swift side in the same invocation and prints ratios.
include benchmarks/training/bench.mk benchmarks/analysis/bench.mk
bench: bench-training bench-analysis

clean:
	rm -rf .build $(RUNS) figures/quick figures/quick-fmnist figures/mnist figures/fmnist .test-output.log

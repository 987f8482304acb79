# Analysis benchmark (issue 4): the full duality analysis at the paper's sizes and beyond.
# Include from the top-level Makefile:  include benchmarks/analysis/bench.mk
#
#   make bench-analysis      Swift (hidden `awd bench analysis`: AWBenchmarks.AnalysisBenchmark, report JSON on
#                            stdout, progress on stderr) and the
#                            NumPy/SciPy reference (benchmarks/analysis/reference.py) on the same
#                            counter-based data, one BLAS thread each; compare.py checks that the values
#                            agree and prints the NumPy/Swift time ratios and the targets.
# Cases: paper-900 (784-30-30-10, layer 2, dense, target 0.7 s), width50-2500 (784-50-50-10, layer 2,
# dense, 5 s), first-layer-23520 (784-30-30-10, layer 1, top-20 Lanczos, 120 s), wide-262144
# (784-512-512-10, layer 2, top-20 Lanczos, 120 s). The reference runs the two dense cases and an
# ARPACK check of the first-layer case's top eigenvalues.
BENCH_ANALYSIS_DIR ?= benchmarks/out/analysis
BENCH_ANALYSIS_REPEATS ?= 3
BENCH_ANALYSIS_PYTHON ?= python3

.PHONY: bench-analysis bench-analysis-reference

bench-analysis: build bench-analysis-reference
	@mkdir -p $(BENCH_ANALYSIS_DIR)
	OPENBLAS_NUM_THREADS=1 $(AWD) bench analysis --repeats $(BENCH_ANALYSIS_REPEATS) > $(BENCH_ANALYSIS_DIR)/swift.json
	$(BENCH_ANALYSIS_PYTHON) benchmarks/analysis/compare.py $(BENCH_ANALYSIS_DIR)/swift.json $(BENCH_ANALYSIS_DIR)/numpy.json

bench-analysis-reference:
	@mkdir -p $(BENCH_ANALYSIS_DIR)
	OPENBLAS_NUM_THREADS=1 $(BENCH_ANALYSIS_PYTHON) benchmarks/analysis/reference.py --cases paper-900,width50-2500 --repeats $(BENCH_ANALYSIS_REPEATS) --lanczos --json $(BENCH_ANALYSIS_DIR)/numpy.json

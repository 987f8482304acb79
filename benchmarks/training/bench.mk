# Training benchmarks: the Swift trainer (AWNetwork) against the NumPy reference doing the identical
# computation (benchmarks/training/reference.py), one BLAS thread each. Included from the main Makefile.
#
#   make bench-training    -> benchmarks/out/training/{numpy-*.json, swift.json, summary.json} and a table
#
# The Swift side is the hidden `awd bench training` subcommand (release build). Both sides report wall time and the thread's CPU time; the ratios use CPU
# time (robust when other processes share the cores), wall-time ratios are listed beside them.
BENCH_TRAINING_OUT ?= benchmarks/out/training
BENCH_TRAINING_REPS ?= 5
BENCH_TRAINING_PY ?= python3

.PHONY: bench-training
bench-training: build
	@mkdir -p $(BENCH_TRAINING_OUT)
	OPENBLAS_NUM_THREADS=1 $(BENCH_TRAINING_PY) benchmarks/training/reference.py throughput --reps $(BENCH_TRAINING_REPS) > $(BENCH_TRAINING_OUT)/numpy-small.json
	OPENBLAS_NUM_THREADS=1 $(BENCH_TRAINING_PY) benchmarks/training/reference.py throughput --widths 784,512,512,10 --batch 128 --epochs 1 --reps 3 > $(BENCH_TRAINING_OUT)/numpy-wide.json
	OPENBLAS_NUM_THREADS=1 $(BENCH_TRAINING_PY) benchmarks/training/reference.py gemm --widths 784,512,512,10 --batch 128 --reps $(BENCH_TRAINING_REPS) > $(BENCH_TRAINING_OUT)/numpy-gemm-wide.json
	@if [ -f data/mnist/train-images-idx3-ubyte ]; then \
	  for s in 0 1 2; do OPENBLAS_NUM_THREADS=1 $(BENCH_TRAINING_PY) benchmarks/training/reference.py paper --data data/mnist --seed $$s; done > $(BENCH_TRAINING_OUT)/numpy-paper.json; \
	else echo "bench-training: data/mnist absent (make data): no paper run"; rm -f $(BENCH_TRAINING_OUT)/numpy-paper.json; fi
	OPENBLAS_NUM_THREADS=1 $(AWD) bench training --repeats $(BENCH_TRAINING_REPS) > $(BENCH_TRAINING_OUT)/swift.json
	$(BENCH_TRAINING_PY) benchmarks/training/compare.py $(BENCH_TRAINING_OUT)

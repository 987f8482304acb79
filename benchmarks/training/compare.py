#!/usr/bin/env python3
"""Ratios of the Swift trainer to the NumPy reference from the JSON files of `make bench-training`.

Usage: compare.py OUT_DIR   (reads numpy-small.json, numpy-wide.json, numpy-gemm-wide.json,
numpy-paper.json (one JSON object per line, optional) and swift.json; writes summary.json and
prints a table). Speed-up = NumPy time / Swift time; CPU-time ratios are the primary numbers.
"""
import json
import os
import statistics
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/out/training"
    sw = load(os.path.join(out, "swift.json"))[0]
    small = load(os.path.join(out, "numpy-small.json"))[0]
    wide = load(os.path.join(out, "numpy-wide.json"))[0]
    gemm = load(os.path.join(out, "numpy-gemm-wide.json"))[0]
    rows = []

    def row(name, numpy_value, swift_value, target, unit, higher_is_better=False):
        ratio = (swift_value / numpy_value) if higher_is_better else (numpy_value / swift_value)
        rows.append({"name": name, "numpy": numpy_value, "swift": swift_value, "ratio": ratio,
                     "target": target, "unit": unit, "met": ratio >= target})

    row("784-30-30-10 batch 25: us per step (CPU)", small["cpu_step_microseconds"],
        sw["small_cpu_step_microseconds"], 2.0, "us")
    row("784-30-30-10 batch 25: us per step (wall)", small["step_microseconds"],
        sw["small_step_microseconds"], 2.0, "us")
    row("784-512-512-10 batch 128: us per step (CPU)", wide["cpu_step_microseconds"],
        sw["wide_cpu_step_microseconds"], 1.0, "us")
    row("784-512-512-10 batch 128: us per step (wall)", wide["step_microseconds"],
        sw["wide_step_microseconds"], 1.0, "us")
    rows.append({"name": "wide net: trainer FLOP rate / GEMM-only rate (Swift, CPU)", "numpy": None,
                 "swift": sw["wide_cpu_fraction_of_gemm"], "ratio": sw["wide_cpu_fraction_of_gemm"],
                 "target": 0.6, "unit": "fraction", "met": sw["wide_cpu_fraction_of_gemm"] >= 0.6})
    rows.append({"name": "wide net step GEMMs: GFLOP/s (CPU)", "numpy": gemm["cpu_gflops"],
                 "swift": sw["wide_gemm_cpu_gflops"], "ratio": sw["wide_gemm_cpu_gflops"] / gemm["cpu_gflops"],
                 "target": None, "unit": "GFLOP/s", "met": None})
    paper_path = os.path.join(out, "numpy-paper.json")
    if os.path.exists(paper_path) and "paper0_cpu_seconds" in sw:
        np_runs = load(paper_path)
        sw_runs = [{k[len(f"paper{i}_"):]: v for k, v in sw.items() if k.startswith(f"paper{i}_")}
                   for i in range(3) if f"paper{i}_cpu_seconds" in sw]
        np_cpu = statistics.median(r["cpu_seconds"] for r in np_runs)
        sw_cpu = statistics.median(r["cpu_seconds"] for r in sw_runs)
        row("paper run 784-30-30-10, 4000 MNIST, batch 25, lr 0.1, to the stop rule: s (CPU, median of 3 seeds)",
            np_cpu, sw_cpu, 2.0, "s")
        row("paper run: s per epoch (CPU, median)", statistics.median(r["cpu_seconds_per_epoch"] for r in np_runs),
            statistics.median(r["cpu_seconds_per_epoch"] for r in sw_runs), 2.0, "s")
        row("paper run: s (wall, median)", statistics.median(r["seconds"] for r in np_runs),
            statistics.median(r["seconds"] for r in sw_runs), 2.0, "s")
        rows.append({"name": "paper run epochs (numpy seeds / swift seeds)", "numpy": [r["epochs"] for r in np_runs],
                     "swift": [int(r["epochs"]) for r in sw_runs], "ratio": None, "target": None, "unit": "epochs",
                     "met": None})
    if "learners_dpsgd_over_ssgd" in sw:
        n, b = int(sw["learners_learners"]), int(sw["learners_batch"])
        for key, label, target in [("dpsgd_over_ssgd", "ring DPSGD / SSGD", 2.0), ("dpsgd_over_sgd", "ring DPSGD / SGD batch n b", 2.0),
                                   ("ssgd_over_sgd", "SSGD / SGD batch n b", None)]:
            ratio = sw["learners_" + key]
            rows.append({"name": f"{n} learners x batch {b}, 784-50-50-10: CPU s per epoch, {label} (Swift only; target <= 2)",
                         "numpy": None, "swift": ratio, "ratio": ratio, "target": None, "unit": "ratio",
                         "met": None if target is None else ratio <= target})
        for arm in ["sgd", "ssgd", "dpsgd"]:
            rows.append({"name": f"  {arm}: CPU s per epoch (median)", "numpy": None,
                         "swift": sw[f"learners_{arm}_cpu_seconds_per_epoch"], "ratio": None, "target": None,
                         "unit": "s", "met": None})
    summary = {"rows": rows, "swift_threads": sw.get("blas_threads"), "numpy_threads": small.get("threads"),
               "small_sparse_input_kernel": sw.get("small_sparse_input_kernel"),
               "wide_sparse_input_kernel": sw.get("wide_sparse_input_kernel")}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    for r in rows:
        fmt = lambda v: ("%.4g" % v) if isinstance(v, float) else str(v)
        status = "" if r["met"] is None else ("  OK" if r["met"] else "  BELOW TARGET")
        target = "" if r["target"] is None else " (target >= %g)" % r["target"]
        if r["unit"] == "ratio" and r["met"] is not None:
            target = " (target <= 2)"
        print("%-100s numpy %-12s swift %-12s ratio %s%s%s" % (r["name"], fmt(r["numpy"]), fmt(r["swift"]),
              fmt(r["ratio"]) if r["ratio"] is not None else "-", target, status))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compare the Swift analysis benchmark (AnalysisBenchmark JSON, from `awd bench analysis`) with the
NumPy/SciPy reference (reference.py JSON): the values must agree (same counter-based data, same
algorithm, float64), and the time ratios are printed.

Usage: compare.py SWIFT.json NUMPY.json   (exit status 1 when a value disagrees or a target is missed)
"""
import json
import sys

REL, ABS = 1e-8, 1e-12


def close(a, b):
    return abs(a - b) <= max(ABS, REL * max(abs(a), abs(b)))


def main(swift_path, numpy_path):
    s = json.load(open(swift_path))
    n = json.load(open(numpy_path))
    ok = True
    print(f"Swift: {s['blasLibrary']} core {s['blasCore']}, {s['blasThreads']} thread(s); "
          f"NumPy {n['numpy']} / SciPy {n['scipy']}, {n['threads']} thread(s)")
    print(f"{'case':20s} {'weights':>8s} {'method':>8s} {'Swift s':>9s} {'(CPU)':>8s} {'NumPy s':>9s} {'(CPU)':>8s} {'NumPy/Swift':>11s} target")
    for r in s["results"]:
        best = min(r["runs"])
        cpu = min(r.get("cpuRuns") or [float("nan")])
        ref = next((x for x in n["results"] if x["name"] == r["name"]), None)
        measured = best if r["eigenMethod"] == "dense" else r["timings"]["eigen"]
        target = f"{'met' if r['withinTarget'] else 'MISSED'} ({measured:.3f} <= {r['targetSeconds']} s)"
        ok &= r["withinTarget"]
        if ref is None:
            print(f"{r['name']:20s} {r['weightCount']:8d} {r['eigenMethod']:>8s} {best:9.3f} {cpu:8.3f} {'-':>9s} {'':8s} {'-':>11s} {target}")
        else:
            nb, nc = min(ref["runs"]), min(ref["cpuRuns"])
            print(f"{r['name']:20s} {r['weightCount']:8d} {r['eigenMethod']:>8s} {best:9.3f} {cpu:8.3f} {nb:9.3f} {nc:8.3f} {nb / best:11.2f} {target}")
            for key, v in r["values"].items():
                w = ref["values"].get(key)
                if w is None:
                    continue
                if isinstance(v, list):
                    bad = [i for i, (x, y) in enumerate(zip(v, w)) if not close(x, y)]
                    if bad or len(v) != len(w):
                        ok = False
                        print(f"  MISMATCH {key}: {v} vs {w}")
                elif key == "pairChecksum":
                    if v != w:
                        ok = False
                        print(f"  MISMATCH {key}: {v} vs {w}")
                elif key in ("dualityResidualMax",):
                    if v > 1e-12 or w > 1e-12:
                        ok = False
                        print(f"  duality residual too large: {v} / {w}")
                elif not close(v, w):
                    ok = False
                    print(f"  MISMATCH {key}: {v!r} vs {w!r}")
        print("  stages (s): " + ", ".join(f"{k} {v:.3f}" for k, v in r["timings"].items() if k != "total"))
    if "arpack" in n:
        a = n["arpack"]
        r = next((x for x in s["results"] if x["name"] == a["name"]), None)
        if r is not None:
            m = len(r["values"]["topEigenvalues"])
            d = max(abs(x - y) / abs(y) for x, y in zip(r["values"]["topEigenvalues"], a["topEigenvalues"][:m]))
            print(f"{a['name']}: Swift Lanczos top-{m} vs ARPACK max relative difference {d:.2e} "
                  f"(Swift eigen stage {r['timings']['eigen']:.2f} s, ARPACK {a['seconds']:.2f} s)")
            ok &= d <= 1e-8
    print("values agree" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))

#!/usr/bin/env python3
"""Per sweep point: how many seeds met the stop rule (stop_reason converged) and the median final
train loss, from the summaries `awd export` writes (runs/<manifest>/summary.csv). For choosing
and checking a protocol's epoch bounds (issue 11).
Usage: python3 tools/convergence_table.py [runs folder] [manifest prefix]"""
import collections
import csv
import glob
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "runs"
prefix = sys.argv[2] if len(sys.argv) > 2 else ""
for path in sorted(glob.glob(os.path.join(root, prefix + "*", "summary.csv"))):
    rows = list(csv.DictReader(open(path)))
    if not rows:
        continue
    swept = [k for k in rows[0] if k.split(".")[0] in ("dataset", "model", "training", "analysis")]
    points = collections.OrderedDict()
    for r in rows:
        points.setdefault(tuple(r[k] for k in swept), []).append(r)
    cells = []
    for values, runs in points.items():
        converged = sum(r["stop_reason"] == "converged" for r in runs)
        losses = sorted(float(r["train_loss"]) for r in runs if r["train_loss"])
        median = losses[len(losses) // 2] if losses else float("nan")
        cells.append(f"{', '.join(values)}: {converged}/{len(runs)} converged, median L_train {median:.2g}")
    print(f"{rows[0]['manifest']}: " + "; ".join(cells))

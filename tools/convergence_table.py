#!/usr/bin/env python3
"""Per sweep point: how many seeds met the stop rule (stop_reason converged), the median final
train loss and the median and largest epoch count, from the summaries `awd export` writes
(runs/<manifest>/summary.csv). For choosing and checking a protocol's epoch bounds (issue 11,
docs/PROTOCOL.md). A point is comparable when at least half of its seeds converged (the report's
rule); a network "did not fit" when its final train loss is above 10 x stop_loss (0.001 here).
Usage: python3 tools/convergence_table.py [runs folder] [manifest prefix] [--markdown]"""
import collections
import csv
import glob
import os
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
markdown = "--markdown" in sys.argv[1:]
root = args[0] if args else "runs"
prefix = args[1] if len(args) > 1 else ""


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else float("nan")


if markdown:
    print("| sweep | point | met the stop rule | median L_train | epochs: median (max) | note |")
    print("|---|---|---:|---:|---:|---|")
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
        loss = median(float(r["train_loss"]) for r in runs if r["train_loss"])
        epochs = [int(r["epochs"]) for r in runs if r["epochs"]]
        note = "" if 2 * converged >= len(runs) else "not comparable"
        if loss > 0.01:
            note = "did not fit" if not note else note + ", did not fit"
        point = ", ".join(f"{k.split('.')[-1]} = {v}" for k, v in zip(swept, values))
        if markdown:
            print(f"| `{rows[0]['manifest']}` | {point} | {converged}/{len(runs)} | {loss:.2g} | "
                  f"{median(epochs) if epochs else ''} ({max(epochs) if epochs else ''}) | {note} |")
        else:
            cells.append(f"{', '.join(values)}: {converged}/{len(runs)} converged, median L_train {loss:.2g}")
    if not markdown:
        print(f"{rows[0]['manifest']}: " + "; ".join(cells))

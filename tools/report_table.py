#!/usr/bin/env python3
"""Print the compact results table (claim, sweep, statistic, value, runs, verdict) of a generated
REPORT.md, as quoted in the README. Usage: report_table.py figures/quick/REPORT.md"""
import re
import sys


def main(path):
    print("| claim | sweep | statistic | value [95% CI] | runs (excluded) | all runs | verdict |")
    print("|---|---|---|---|---:|---|---|")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("| ") and "**" in line:
                c = [x.strip() for x in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
                # REPORT.md columns: Claim | Manifest | Statistic | Value [95% CI] | n runs (excluded) | All runs | Verdict | Why
                print(f"| {c[0]} | {c[1]} | {c[2]} | {c[3]} | {c[4]} | {c[5]} | {c[6]} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "figures/quick/REPORT.md")

#!/usr/bin/env python3
"""Checks that Package.swift's dependency list of every target equals what its sources import.

For each .target / .executableTarget / .testTarget in Package.swift, the set of modules its Swift
files import (package targets, system-library shims and products such as Yams or ArgumentParser)
must equal the set the target declares. Standard modules (Foundation, Glibc, Testing, ...) are
ignored. Prints each mismatch and exits 1; `make test` runs it.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
STANDARD = {"Foundation", "FoundationXML", "Glibc", "Darwin", "Dispatch", "Testing", "XCTest", "FoundationEssentials", "Musl"}
PRODUCTS = {"Yams": "Yams", "ArgumentParser": "ArgumentParser"}
# Any attribute (@testable, @preconcurrency, @_spi(X), ...) or access level, then `import [kind] Module`.
IMPORT = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+|(?:public|package|internal|fileprivate|private)\s+)*import\s+'
                    r'(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?(\w+)')
# The layering the design promises (docs/DESIGN.md): these modules never depend on those.
ENGINE = {"AWLinearAlgebra", "AWData", "AWNetwork", "AWAnalysis", "AWHDF5", "AWArchive", "AWPlot", "AWRunner", "AWFigures"}
FORBIDDEN = {
    "AWManifest": ENGINE,  # the manifest language and run identity: no engine dependency
    "AWCore": ENGINE | {"AWManifest", "AWBenchmarks"},
    "AWFigures": {"AWRunner", "AWData", "AWNetwork", "AWBenchmarks"},  # figures read archives, never run
    "AWRunner": {"AWFigures", "AWPlot", "AWBenchmarks"},
}


def targets(package_text):
    """(kind, name, dependencies, path) of every target declared in Package.swift."""
    out = []
    # A target declaration starts its own line (`.target(name: "X"` used as a dependency does not).
    pattern = re.compile(r'^\s*\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"', re.M)
    starts = [(m.start(), m.group(1), m.group(2)) for m in pattern.finditer(package_text)]
    for i, (start, kind, name) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(package_text)
        body = package_text[start:end]
        deps = set()
        m = re.search(r'dependencies:\s*\[(.*?)\]\s*(,\s*\w+:|\)\s*,?)', body, re.S)
        if m:
            block = m.group(1)
            deps |= set(re.findall(r'\.product\(name:\s*"([^"]+)"', block))
            block = re.sub(r'\.product\([^)]*\)', '', block)
            deps |= set(re.findall(r'"([^"]+)"', block))
        path = re.search(r'path:\s*"([^"]+)"', body)
        folder = path.group(1) if path else ("Tests/" + name if kind == "testTarget" else "Sources/" + name)
        out.append((kind, name, deps, folder))
    return out


def imports(folder):
    found = set()
    for f in (ROOT / folder).rglob("*.swift"):
        for line in f.read_text(encoding="utf-8").splitlines():
            m = IMPORT.match(line)
            if m:
                found.add(m.group(1))
    return found


def main():
    declared = targets((ROOT / "Package.swift").read_text(encoding="utf-8"))
    known = {name for _, name, _, _ in declared} | set(PRODUCTS)
    problems = 0
    for kind, name, deps, folder in declared:
        if kind == "systemLibrary":
            continue
        for m in sorted(deps & FORBIDDEN.get(name, set())):
            print(f"Package.swift: target {name} depends on {m}, which the layering forbids (docs/DESIGN.md)")
            problems += 1
        used = {m for m in imports(folder) if m not in STANDARD}
        unknown = {m for m in used if m not in known}
        used -= unknown
        for m in sorted(used - deps):
            print(f"Package.swift: target {name} imports {m} but does not list it")
            problems += 1
        for m in sorted(deps - used):
            print(f"Package.swift: target {name} lists {m} but no file in {folder} imports it")
            problems += 1
        for m in sorted(unknown):
            print(f"{folder}: imports {m}, which is neither a target nor a known product")
            problems += 1
    if problems:
        print(f"module graph: {problems} mismatches between Package.swift and the imports")
        return 1
    print(f"module graph: {sum(1 for d in declared if d[0] != 'systemLibrary')} targets, dependency lists equal their imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())

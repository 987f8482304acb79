#!/usr/bin/env python3
"""Independent reader of an awd run archive: opens it with h5py and checks that every name
required by docs/ARCHIVE.md is present with the documented type and shape.
Usage: check_archive.py ARCHIVE.h5 ...   Exit status 0 when all are fine, 1 otherwise."""
import hashlib
import sys

import h5py
import numpy as np

ROOT_ATTRS = ["format", "format_version", "run_id", "config", "config_sha256", "seed", "status",
              "software_version", "git_commit", "hdf5_version", "blas", "blas_library", "blas_core",
              "blas_threads", "manifest", "replicate", "swept"]
DATA = {"train_indices": np.int64, "train_labels": np.int64, "clean": np.uint8, "test_indices": np.int64}
METRICS = ["train_loss", "test_loss", "gap", "train_accuracy", "test_accuracy", "layer_norm", "total_norm"]
ANALYSIS_ATTRS = ["layer", "pairing", "sharp_count", "estimated_gap", "measured_gap", "second_order_gap",
                  "duality_residual_max"]
ANALYSIS_SETS = ["pair_train_row", "delta_loss", "eigenvalues", "direction_eigenvalue", "sigma_w", "sigma_g",
                 "mean_w", "mean_g", "c"]


def check(path):
    problems = []
    with h5py.File(path, "r") as f:
        for a in ROOT_ATTRS:
            if a not in f.attrs:
                problems.append(f"root attribute {a} missing")
        fmt = f.attrs.get("format")
        fmt = fmt.decode() if isinstance(fmt, bytes) else fmt
        if fmt != "awd.run":
            problems.append(f"format is {fmt!r}")
        status = f.attrs.get("status")
        status = status.decode() if isinstance(status, bytes) else status
        for name, dtype in DATA.items():
            if f"data/{name}" not in f:
                problems.append(f"/data/{name} missing")
            elif f[f"data/{name}"].dtype != dtype:
                problems.append(f"/data/{name} has dtype {f['data/' + name].dtype}")
        if "dataset" not in f["data"].attrs:
            problems.append("/data attribute dataset missing")
        widths = list(f["model"].attrs["widths"])
        for l in range(1, len(widths)):
            d = f.get(f"model/layer{l}")
            if d is None or list(d.shape) != [widths[l], widths[l - 1]]:
                problems.append(f"/model/layer{l} missing or misshapen")
        for a in ["widths", "activation", "bias", "dtype"]:
            if a not in f["model"].attrs:
                problems.append(f"/model attribute {a} missing")
        for name in ["train_loss", "train_accuracy"]:
            if f"training/{name}" not in f:
                problems.append(f"/training/{name} missing")
        for a in ["epochs", "stop_reason"]:
            if a not in f["training"].attrs:
                problems.append(f"/training attribute {a} missing")
        if status == "complete":
            for a in METRICS:
                if "metrics" not in f or a not in f["metrics"].attrs:
                    problems.append(f"/metrics attribute {a} missing")
            if "analysis" in f:
                g = f["analysis"]
                for a in ANALYSIS_ATTRS:
                    if a not in g.attrs:
                        problems.append(f"/analysis attribute {a} missing")
                for name in ANALYSIS_SETS:
                    if name not in g:
                        problems.append(f"/analysis/{name} missing")
                n = len(g["sigma_g"])
                for name in ["direction_eigenvalue", "sigma_w", "mean_w", "mean_g", "c"]:
                    if name in g and len(g[name]) != n:
                        problems.append(f"/analysis/{name} has length {len(g[name])}, sigma_g has {n}")
                if len(g["pair_train_row"]) != len(g["delta_loss"]):
                    problems.append("/analysis/pair_train_row and delta_loss differ in length")
        # Per-dataset checksums (archives written before them have none): SHA-256 of the
        # little-endian element bytes, recomputed here with numpy and hashlib.
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and "sha256" in obj.attrs:
                expected = obj.attrs["sha256"]
                expected = expected.decode() if isinstance(expected, bytes) else str(expected)
                data = np.asarray(obj[()])
                actual = hashlib.sha256(data.astype(data.dtype.newbyteorder("<")).tobytes()).hexdigest()
                if actual != expected:
                    problems.append(f"/{name}: data do not match its sha256 attribute")
        f.visititems(visit)
        # Attribute checksums of the root and every group (RunArchive+Integrity.swift's encoding).
        def groups(name, obj):
            if isinstance(obj, h5py.Group):
                check_attributes("/" + name, obj)
        def check_attributes(label, obj):
            if "attributes_sha256" not in obj.attrs:
                return
            expected = obj.attrs["attributes_sha256"]
            expected = expected.decode() if isinstance(expected, bytes) else str(expected)
            if attributes_digest(obj) != expected:
                problems.append(f"{label}: attributes do not match its attributes_sha256")
        check_attributes("/", f)
        f.visititems(groups)
    return problems


def attributes_digest(obj):
    """SHA-256 of an object's attributes: names sorted by UTF-8 bytes; name, NUL, a type tag
    (s string, i int64, d float64, I int64 array, D float64 array), the value little-endian."""
    h = hashlib.sha256()
    names = sorted((n for n in obj.attrs if n != "attributes_sha256"), key=lambda n: n.encode())
    for name in names:
        v = obj.attrs[name]
        h.update(name.encode() + b"\0")
        if isinstance(v, (bytes, str, np.bytes_, np.str_)):
            text = v.encode() if isinstance(v, (str, np.str_)) else bytes(v)
            h.update(b"s" + text + b"\0")
        elif isinstance(v, np.ndarray):
            tag, dtype = (b"D", "<f8") if v.dtype.kind == "f" else (b"I", "<i8")
            h.update(tag + np.uint64(len(v)).astype("<u8").tobytes() + v.astype(dtype).tobytes())
        elif isinstance(v, (float, np.floating)):
            h.update(b"d" + np.float64(v).astype("<f8").tobytes())
        else:
            h.update(b"i" + np.int64(v).astype("<i8").tobytes())
    return h.hexdigest()


def main():
    bad = 0
    for path in sys.argv[1:]:
        problems = check(path)
        if problems:
            bad += 1
            print(f"{path}: " + "; ".join(problems))
        else:
            print(f"{path}: ok")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

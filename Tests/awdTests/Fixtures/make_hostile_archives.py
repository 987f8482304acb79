#!/usr/bin/env python3
"""Writes malformed variants of one good awd archive, for the hostile-input battery
(Tests/awdTests/HostileInputBatteryTests.swift). Each variant is a copy changed with h5py in one way
a crafted or damaged file could be; where values change, the dataset's sha256 attribute is
recomputed as awd writes it (SHA-256 of the little-endian element bytes), so that the variant gets
past the checksum and reaches the check it is meant for.
Usage: make_hostile_archives.py GOOD.h5 OUTDIR    (prints the names written, one per line)"""
import hashlib
import os
import shutil
import sys

import h5py
import numpy as np


def digest(values):
    a = np.asarray(values)
    return hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()


def replace(group, name, values, dtype=None, **kw):
    """Re-creates dataset `name` with `values` and a matching sha256 attribute."""
    del group[name]
    d = group.create_dataset(name, data=np.asarray(values, dtype=dtype), **kw)
    d.attrs["sha256"] = digest(d[()])
    return d


def variants():
    def huge_declared(f):  # 10^12 float64 declared, nothing stored
        del f["training/train_loss"]
        d = f["training"].create_dataset("train_loss", shape=(10**12,), dtype="f8", chunks=(1024,))
        d.attrs["sha256"] = "0" * 64

    def huge_compressed(f):  # a 10^6 x 10^6 gzip dataset that stores one chunk
        del f["model/layer1"]
        d = f["model"].create_dataset("layer1", shape=(10**6, 10**6), dtype="f8", chunks=(64, 64), compression="gzip")
        d[0:64, 0:64] = 1.0
        d.attrs["sha256"] = "0" * 64

    def widths_empty(f): f["model"].attrs["widths"] = np.zeros(0, dtype=np.int64)
    def widths_one(f): f["model"].attrs["widths"] = np.array([784], dtype=np.int64)
    def widths_huge(f): f["model"].attrs["widths"] = np.array([784, 2**40, 10], dtype=np.int64)
    def widths_negative(f): f["model"].attrs["widths"] = np.array([784, -6, 5, 10], dtype=np.int64)

    def pair_lengths(f):
        g = f["analysis"]
        replace(g, "delta_loss", g["delta_loss"][()][: len(g["delta_loss"]) // 2])

    def direction_lengths(f):
        g = f["analysis"]
        replace(g, "sigma_w", np.concatenate([g["sigma_w"][()], [1.0, 2.0]]))

    def density_lengths(f):
        g = f["analysis"]
        replace(g, "density_weights", g["density_weights"][()][:1])

    def layer_zero(f): f["analysis"].attrs["layer"] = np.int64(0)
    def layer_huge(f): f["analysis"].attrs["layer"] = np.int64(10**9)
    def status_unknown(f): f.attrs["status"] = "weird"
    def format_future(f): f.attrs["format_version"] = np.int64(99)
    def format_other(f): f.attrs["format"] = "something.else"

    def group_for_dataset(f):
        del f["model/layer1"]
        f["model"].create_group("layer1")

    def strings_for_ints(f):
        del f["data/train_indices"]
        f["data"].create_dataset("train_indices", data=np.array([b"x"] * 10))

    def two_d_for_one_d(f):
        g = f["data"]
        replace(g, "clean", g["clean"][()].reshape(-1, 1))

    def transposed_layer(f):
        g = f["model"]
        replace(g, "layer2", g["layer2"][()].T.copy())

    def negative_direction_index(f):
        g = f["analysis"]
        replace(g, "direction_index", np.full(len(g["direction_index"]), -5, dtype=np.int64))

    def nan_metrics(f):
        for a in [n for n in f["metrics"].attrs if n != "attributes_sha256"]:
            f["metrics"].attrs[a] = np.float64("nan")

    def missing_group(f): del f["training"]
    def missing_attribute(f): del f.attrs["run_id"]
    def wrong_checksum(f): f["model/layer1"].attrs["sha256"] = "f" * 64

    def changed_values(f):  # values changed, old checksum kept: must be detected
        d = f["model/layer1"]
        v = d[()]
        v[0, 0] += 1.0
        d[...] = v

    def external_link_fifo(f):  # a link out of the file, to a FIFO: opening it would block
        del f["model/layer1"]
        f["model/layer1"] = h5py.ExternalLink(os.path.join(os.path.dirname(f.filename), "fifo.h5"), "/x")

    def soft_link_loop(f):
        del f["model/layer1"]
        f["model/layer1"] = h5py.SoftLink("/model/layer1")

    def huge_string_attr(f):  # a 12 MB string where a short one belongs
        f.attrs["config"] = "x" * (12 << 20)

    def big_attr_array(f):  # 2^21 widths (dense attribute storage)
        f["model"].attrs.create("widths", np.ones(2**21, dtype=np.int64))

    return {k: v for k, v in locals().items() if callable(v)}


def main():
    good, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, change in variants().items():
        path = os.path.join(out, name + ".h5")
        shutil.copyfile(good, path)
        try:
            with h5py.File(path, "r+", libver=("earliest", "latest")) as f:
                change(f)
        except Exception as e:  # a variant this h5py cannot make is left out, with why
            os.remove(path)
            print(f"# {name}: not made ({e})", file=sys.stderr)
            continue
        print(name)


if __name__ == "__main__":
    main()

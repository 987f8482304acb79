#!/usr/bin/env python3
"""Prints the SHA-256 of the decompressed IDX files of MNIST and Fashion-MNIST under data/ (the
reference values of Sources/AWData/KnownDatasetFiles.swift). scripts/fetch-data.sh first checks
the files against their publishers' MD5 sums (data/<name>/.verified-md5), so these digests are of
the official files. Usage: python3 tools/dataset_checksums.py [data folder]"""
import gzip, hashlib, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else "data"
for dataset in ["mnist", "fashion-mnist"]:
    for split in ["train", "t10k"]:
        for kind, dims in [("images", 3), ("labels", 1)]:
            base = os.path.join(root, dataset, f"{split}-{kind}-idx{dims}-ubyte")
            data = open(base, "rb").read() if os.path.exists(base) else gzip.open(base + ".gz").read()
            print(dataset, split, kind, len(data), hashlib.sha256(data).hexdigest())

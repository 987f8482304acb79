#!/usr/bin/env python3
"""NumPy/SciPy reference for the AWAnalysis duality analysis: the identical computation, one BLAS thread.

The problem is generated from the SAME counter-based hash as Swift's `SyntheticDigits` (SplitMix64's
finalizer of stream + (index + 1) * golden ratio), so pixels and weights are bit-identical to the
Swift benchmark (`AnalysisBenchmark`, run by the hidden `awd bench analysis`), and the values printed
here (losses, gaps, top eigenvalues, pairing checksum) must agree with Swift's to rounding.

Analysis steps (as in Swift): forward passes in float64; same-class nearest neighbours among the
training rows by a float32 GEMM screen |x|^2 + |y|^2 - 2 x.y with a rigorous error bound, then an
exact float64 re-check of every candidate inside the bound, ties to the lower index; dual weights
dW_k = (W da_k) a_k^T / |a_k|^2 and the duality check with each W + dW_k formed explicitly; the layer
Hessian in Kronecker form H = (1/N) sum_k M_k (x) a_k a_k^T with M_k = d^2 l_k / dz_k^2 built by the
backward recursion of small matrices, assembled with ONE GEMM G = Pm^T Qa over packed upper
triangles (Pm[k, j<=j'] = M_k[j, j'], Qa[k, i<=i'] = a_k[i] a_k[i']) and a gather; eigh (LAPACK
syevd); projections as one GEMM; population moments; ranking by sigma_g; totals; Tr(W C W^T).

Usage: reference.py [--cases paper-900,width50-2500] [--repeats 3] [--json PATH] [--lanczos]
  --lanczos also runs scipy.sparse.linalg.eigsh (ARPACK) on matrix-free Hessian-vector products for
  the first-layer case (23,520 weights) as an independent check of Swift's top-20 Lanczos values.
"""
import os
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_v] = os.environ.get("AWD_REF_THREADS", "1")

import argparse
import json
import sys
import time

import numpy as np
import scipy
import scipy.linalg

M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15

CASES = {
    "paper-900": dict(widths=[784, 30, 30, 10], layer=1, target=0.7),
    "width50-2500": dict(widths=[784, 50, 50, 10], layer=1, target=5.0),
    "first-layer-23520": dict(widths=[784, 30, 30, 10], layer=0, target=120.0),
}


# ---------------------------------------------------------------- counter-based data (= SyntheticDigits)
def hash_scalar(stream, i):
    z = (stream + ((i + 1) * GOLDEN & M64)) & M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def uniform(stream, idx):
    """idx: uint64 array. Wrapping uint64 arithmetic, identical to Swift's &+ / &*."""
    with np.errstate(over="ignore"):
        z = np.uint64(stream) + (idx + np.uint64(1)) * np.uint64(GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def synthetic(widths, train_count=4000, test_count=1000, seed=0, init_scale=1.0):
    d, classes = widths[0], widths[-1]
    s_proto, s_keep, s_int, s_back = (hash_scalar(seed, c) for c in (1, 2, 3, 4))
    ink = (uniform(s_proto, np.arange(classes * d, dtype=np.uint64)) < 0.19).reshape(classes, d)

    def make(first, count):
        g = np.arange(first, first + count, dtype=np.uint64)
        idx = g[:, None] * np.uint64(d) + np.arange(d, dtype=np.uint64)[None, :]
        labels = np.arange(count) % classes
        u_int = uniform(s_int, idx)
        ink_v = np.where(uniform(s_keep, idx) >= 0.2, np.floor(255 * (0.5 + 0.5 * u_int)), 0.0)
        back_v = np.where(uniform(s_back, idx) < 0.02, np.floor(255 * u_int), 0.0)
        v = np.where(ink[labels], ink_v, back_v)
        return (v / 255).astype(np.float32), labels

    ws = []
    for l in range(len(widths) - 1):
        ni, no = widths[l], widths[l + 1]
        u = uniform(hash_scalar(seed, 10 + l), np.arange(no * ni, dtype=np.uint64))
        ws.append((((2 * u - 1) * (1 / np.sqrt(float(ni)))) * init_scale).astype(np.float32).reshape(no, ni))
    return ws, make(0, train_count), make(train_count, test_count)


# ---------------------------------------------------------------- analysis
def trace(ws, x):
    inputs, pre = [x], []
    a = x
    for l, w in enumerate(ws):
        z = a @ w.T
        pre.append(z)
        if l < len(ws) - 1:
            a = np.maximum(z, 0)
            inputs.append(a)
    return inputs, pre


def ce(logits, y):
    m = logits.max(axis=1)
    return m + np.log(np.exp(logits - m[:, None]).sum(axis=1)) - logits[np.arange(len(y)), y]


def softmax(f):
    e = np.exp(f - f.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def nearest(q, ql, c, cl):
    """Nearest same-label candidate row for each query (float32 screen + exact float64 re-check)."""
    d = q.shape[1]
    qn = np.einsum("ij,ij->i", q, q)
    cn = np.einsum("ij,ij->i", c, c)
    gamma = (d + 8) * 2.0 ** -23
    out = np.full(len(q), -1, dtype=np.int64)
    for lab in np.unique(ql):
        qi = np.nonzero(ql == lab)[0]
        ci = np.nonzero(cl == lab)[0]
        if len(ci) == 0:
            continue
        s = (q[qi].astype(np.float32) @ c[ci].astype(np.float32).T).astype(np.float64)
        screened = qn[qi][:, None] + cn[ci][None, :] - 2 * s
        mins = screened.min(axis=1)
        bound = 2 * gamma * (np.sqrt(qn[qi]) + np.sqrt(cn[ci].max())) ** 2
        for r in range(len(qi)):
            cand = ci[screened[r] <= mins[r] + bound[r]]
            diff = c[cand] - q[qi[r]]
            exact = np.einsum("ij,ij->i", diff, diff)
            out[qi[r]] = cand[np.argmin(exact)]          # first minimum: the lower index
    return out


def layer_hessian(ws, layer, inputs, pre, p):
    """Dense Kronecker-form Hessian of the mean CE w.r.t. ws[layer] (ReLU, bias-free)."""
    n = inputs[0].shape[0]
    a = inputs[layer]
    s = p[:, :, None] * np.eye(p.shape[1])[None] - p[:, :, None] * p[:, None, :]   # A_k
    for m in range(len(ws) - 1, layer, -1):
        w = ws[m]
        s = np.matmul(np.matmul(w.T[None], s), w[None])                             # W^T S W
        dphi = (pre[m - 1] > 0).astype(np.float64)
        s *= dphi[:, :, None] * dphi[:, None, :]
    no, ni = ws[layer].shape
    iu_o, iu_i = np.triu_indices(no), np.triu_indices(ni)
    pm = s[:, iu_o[0], iu_o[1]]
    qa = a[:, iu_i[0]] * a[:, iu_i[1]]
    g = pm.T @ qa
    g /= n
    map_o = np.zeros((no, no), dtype=np.int64); map_o[iu_o] = np.arange(len(iu_o[0])); map_o.T[iu_o] = np.arange(len(iu_o[0]))
    map_i = np.zeros((ni, ni), dtype=np.int64); map_i[iu_i] = np.arange(len(iu_i[0])); map_i.T[iu_i] = np.arange(len(iu_i[0]))
    h = g[map_o[:, None, :, None], map_i[None, :, None, :]].reshape(no * ni, no * ni)
    return h


def analyze(ws32, train, test, layer, sharp_count=10, timings=None):
    t = {} if timings is None else timings
    t0 = time.perf_counter(); tl = t0

    def lap(name):
        nonlocal tl
        now = time.perf_counter(); t[name] = now - tl; tl = now

    ws = [w.astype(np.float64) for w in ws32]
    xtr, ytr = train[0].astype(np.float64), train[1]
    xte, yte = test[0].astype(np.float64), test[1]
    in_tr, pre_tr = trace(ws, xtr)
    in_te, pre_te = trace(ws, xte)
    l_tr, l_te = ce(pre_tr[-1], ytr), ce(pre_te[-1], yte)
    lap("forward")

    pair = nearest(xte, yte, xtr, ytr)
    lap("pairing")

    w = ws[layer]
    a = in_tr[layer][pair]
    da = in_te[layer] - a
    u = da @ w.T
    asq = np.einsum("ij,ij->i", a, a)
    wk = w[None] + u[:, :, None] * a[:, None, :] / asq[:, None, None]             # each W + dW_k
    z = np.einsum("kji,ki->kj", wk, a)
    for m in range(layer + 1, len(ws)):
        z = np.maximum(z, 0) @ ws[m].T
    dual_loss = ce(z, ytr[pair])
    dl = l_te - l_tr[pair]
    resid = np.abs(l_te - dual_loss)
    lap("dual")

    h = layer_hessian(ws, layer, in_tr, pre_tr, softmax(pre_tr[-1]))
    lap("hessian")
    evals, evecs = scipy.linalg.eigh(h, driver="evd", overwrite_a=True, check_finite=False)
    evals, evecs = evals[::-1], evecs[:, ::-1]
    lap("eigen")

    k, p = len(dl), w.size
    dw = (u[:, :, None] * a[:, None, :] / asq[:, None, None]).reshape(k, p)
    dwsq = np.einsum("ij,ij->i", dw, dw)
    scale = np.where(dwsq > 0, dl / np.where(dwsq > 0, dwsq, 1), 0.0)
    proj = dw @ evecs
    g = scale[:, None] * proj
    mw, mg = proj.mean(axis=0), g.mean(axis=0)
    sw, sg = proj.std(axis=0), g.std(axis=0)
    cov = ((g - mg) * (proj - mw)).mean(axis=0)
    c = np.where((sw > 0) & (sg > 0), cov / np.where((sw > 0) & (sg > 0), sw * sg, 1), 0.0)
    rank = np.argsort(-sg, kind="stable")
    terms = c * sg * sw
    dn = da / np.sqrt(asq)[:, None]
    cmat = dn.T @ dn / k
    awn = float(np.einsum("ji,ji->", w @ cmat, w))
    lap("decomposition")
    t["total"] = time.perf_counter() - t0
    return dict(
        trainLoss=float(l_tr.mean()), testLoss=float(l_te.mean()), measuredGap=float(l_te.mean() - l_tr.mean()),
        estimatedGap=float(terms.sum() + (mg * mw).sum()), covarianceTotal=float(terms.sum()), meanTotal=float((mg * mw).sum()),
        sharpPart=float(terms[rank[:sharp_count]].sum()), secondOrderGap=float((evals * (sw ** 2 + mw ** 2) / 2).sum()),
        sigmaWSquaredSum=float((sw ** 2).sum()), activityWeightedNorm=awn, dualityResidualMax=float(resid.max()),
        topEigenvalues=[float(v) for v in evals[:10]], topSigmaG=[float(v) for v in sg[rank[:10]]],
        pairChecksum=int(((np.arange(len(pair)) + 1) * pair).sum()), meanDeltaLoss=float(dl.mean()))


def lanczos_check(ws32, train, layer, k=20):
    """Top-k eigenvalues by ARPACK on Kronecker-form Hessian-vector products (first-layer case)."""
    from scipy.sparse.linalg import LinearOperator, eigsh
    ws = [w.astype(np.float64) for w in ws32]
    x, y = train[0].astype(np.float64), train[1]
    inputs, pre = trace(ws, x)
    p = softmax(pre[-1])
    s = p[:, :, None] * np.eye(p.shape[1])[None] - p[:, :, None] * p[:, None, :]
    for m in range(len(ws) - 1, layer, -1):
        s = np.matmul(np.matmul(ws[m].T[None], s), ws[m][None])
        dphi = (pre[m - 1] > 0).astype(np.float64)
        s *= dphi[:, :, None] * dphi[:, None, :]
    a = inputs[layer]
    no, ni = ws[layer].shape
    n = a.shape[0]

    def mv(v):
        uu = a @ v.reshape(no, ni).T
        r = np.einsum("kjl,kl->kj", s, uu)
        return (r.T @ a / n).ravel()

    t0 = time.perf_counter()
    vals = eigsh(LinearOperator((no * ni, no * ni), matvec=mv, dtype=np.float64), k=k, which="LA", tol=1e-10,
                 return_eigenvectors=False)
    return sorted((float(v) for v in vals), reverse=True), time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", default="paper-900,width50-2500")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="write the report here (default: stdout)")
    ap.add_argument("--lanczos", action="store_true", help="also ARPACK top-20 on the first-layer case")
    args = ap.parse_args()
    report = dict(numpy=np.__version__, scipy=scipy.__version__, threads=os.environ["OPENBLAS_NUM_THREADS"],
                  seed=args.seed, results=[])
    for name in [c for c in args.cases.split(",") if c]:
        case = CASES[name]
        ws, train, test = synthetic(case["widths"], seed=args.seed)
        if case["layer"] == 0 and name.startswith("first"):
            continue
        runs, cpus, best = [], [], None
        for i in range(args.repeats + 1):
            timings = {}
            c0 = time.process_time()
            values = analyze(ws, train, test, case["layer"], timings=timings)
            cpu = time.process_time() - c0
            if i == 0:
                continue                                  # warm-up
            runs.append(timings["total"]); cpus.append(cpu)
            if best is None or timings["total"] < best[0]["total"]:
                best = (timings, values)
            print(f"{name} run {len(runs)}: {timings['total']:.3f} s wall, {cpu:.3f} s CPU "
                  + " ".join(f"{k} {v:.3f}" for k, v in timings.items() if k != "total"), file=sys.stderr)
        report["results"].append(dict(name=name, widths=case["widths"], layer=case["layer"], runs=runs, cpuRuns=cpus,
                                      timings=best[0], values=best[1]))
    if args.lanczos:
        case = CASES["first-layer-23520"]
        ws, train, _ = synthetic(case["widths"], seed=args.seed)
        vals, secs = lanczos_check(ws, train, case["layer"])
        print(f"first-layer-23520 ARPACK top-20: {secs:.2f} s", file=sys.stderr)
        report["arpack"] = dict(name="first-layer-23520", topEigenvalues=vals, seconds=secs)
    text = json.dumps(report, indent=2, sort_keys=True)
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()

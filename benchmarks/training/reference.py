#!/usr/bin/env python3
"""NumPy reference for the AWNetwork trainer: the identical computation, one BLAS thread.

Same architecture (dense, bias-free, ReLU, linear logits), same init law
(U(-1/sqrt(fan_in), 1/sqrt(fan_in)) times the init scale), float32, plain SGD with a constant
learning rate, minibatches reshuffled every epoch (last partial batch kept), softmax
cross-entropy with mean reduction, optional inverted dropout on the first hidden layer's output.
The random streams are NumPy's own (not the Swift xoshiro streams), so trajectories agree in
law, not bit for bit.

Modes (JSON on stdout):
  throughput  samples/s of training steps (no evaluation pass) on synthetic data, median of reps
  gemm        GFLOP/s of exactly the GEMMs of one training step (forward, weight gradients,
              input gradients except the first layer), median of reps
  paper       the default paper run on MNIST (first --per-class images of each class in file
              order), training to the stop rule with a full evaluation pass over the training set
              after every epoch; reports epochs and wall time of training
"""
import os
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_v] = os.environ.get("AWD_REF_THREADS", "1")

import argparse
import json
import sys
import time

import numpy as np


def init_weights(widths, scale, rng, dtype):
    ws = []
    for l in range(len(widths) - 1):
        bound = 1.0 / np.sqrt(widths[l])
        w = rng.uniform(-bound, bound, size=(widths[l + 1], widths[l])) * scale
        ws.append(w.astype(dtype))
    return ws


def forward_eval(ws, x):
    a = x
    for l, w in enumerate(ws):
        z = a @ w.T
        if l < len(ws) - 1:
            np.maximum(z, 0, out=z)
        a = z
    return a


def eval_loss_acc(ws, x, y):
    f = forward_eval(ws, x).astype(np.float64)
    m = f.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(f - m).sum(axis=1))
    loss = float(np.mean(lse - f[np.arange(len(y)), y]))
    acc = float(np.mean(np.argmax(f, axis=1) == y))
    return loss, acc


def sgd_epoch(ws, x, y, batch, lr, rng, dropout=0.0):
    """One epoch of plain SGD; returns the mean minibatch loss (for divergence checks)."""
    n = x.shape[0]
    order = rng.permutation(n)
    nl = len(ws)
    total = 0.0
    for s in range(0, n, batch):
        idx = order[s:s + batch]
        xb = x[idx]
        yb = y[idx]
        b = xb.shape[0]
        inputs = [xb]
        masks = [None] * nl
        a = xb
        for l in range(nl):
            z = a @ ws[l].T
            if l < nl - 1:
                np.maximum(z, 0, out=z)
                if l == 0 and dropout > 0:
                    m = (rng.random(z.shape) >= dropout).astype(z.dtype) / (1 - dropout)
                    z = z * m
                    masks[1] = m
                inputs.append(z)
            a = z
        f = a
        f = f - f.max(axis=1, keepdims=True)
        e = np.exp(f)
        p = e / e.sum(axis=1, keepdims=True)
        total += float(-np.log(p[np.arange(b), yb]).sum())
        p[np.arange(b), yb] -= 1
        delta = p / b
        for l in range(nl - 1, -1, -1):
            gw = delta.T @ inputs[l]
            if l > 0:
                da = delta @ ws[l]
                if masks[l] is not None:
                    da *= masks[l]
                delta = da * (inputs[l] > 0)
            ws[l] -= lr * gw
    return total / n


def synthetic(n, features, classes, rng, dtype):
    x = rng.random((n, features)).astype(dtype)
    x[x < 0.8] = 0  # about as sparse as MNIST pixels
    y = rng.integers(0, classes, size=n)
    return x, y


def step_gemms(ws, batch, dtype, rng):
    """The GEMMs of one training step, on preallocated operands (out=)."""
    nl = len(ws)
    widths = [ws[0].shape[1]] + [w.shape[0] for w in ws]
    ins = [rng.random((batch, widths[l])).astype(dtype) for l in range(nl)]
    zs = [np.empty((batch, widths[l + 1]), dtype) for l in range(nl)]
    gs = [np.empty_like(w) for w in ws]
    ds = [np.empty((batch, widths[l]), dtype) for l in range(nl)]
    flops = 0
    for l in range(nl):
        flops += 2 * batch * widths[l] * widths[l + 1] * (3 if l > 0 else 2)

    def run():
        for l in range(nl):
            np.matmul(ins[l], ws[l].T, out=zs[l])
        for l in range(nl - 1, -1, -1):
            np.matmul(zs[l].T, ins[l], out=gs[l])
            if l > 0:
                np.matmul(zs[l], ws[l], out=ds[l])
    return run, flops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["throughput", "gemm", "paper"])
    ap.add_argument("--widths", default="784,30,30,10")
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--samples", type=int, default=4000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--dropout", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", default="data/mnist")
    ap.add_argument("--per-class", type=int, default=400)
    ap.add_argument("--max-epochs", type=int, default=1000)
    ap.add_argument("--stop-loss", type=float, default=1e-3)
    ap.add_argument("--stop-accuracy", type=float, default=0.99)
    ap.add_argument("--stop-window", type=int, default=9)
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    args = ap.parse_args()
    dtype = np.dtype(args.dtype)
    widths = [int(v) for v in args.widths.split(",")]
    rng = np.random.default_rng(args.seed)
    out = {"implementation": "numpy", "numpy": np.__version__, "mode": args.mode,
           "widths": widths, "batch": args.batch, "dtype": args.dtype,
           "threads": int(os.environ["OPENBLAS_NUM_THREADS"])}

    if args.mode == "throughput":
        x, y = synthetic(args.samples, widths[0], widths[-1], rng, dtype)
        rates, cpu = [], []
        for _ in range(args.reps):
            ws = init_weights(widths, 1.0, rng, dtype)
            # a small learning rate keeps the synthetic run finite; speed does not depend on it
            t0, c0 = time.perf_counter(), time.thread_time()
            for _ in range(args.epochs):
                sgd_epoch(ws, x, y, args.batch, 0.01, rng, args.dropout)
            dt, dc = time.perf_counter() - t0, time.thread_time() - c0
            rates.append(args.samples * args.epochs / dt)
            cpu.append(args.samples * args.epochs / dc)
        out.update(samples=args.samples, epochs=args.epochs, reps=args.reps,
                   samples_per_second=float(np.median(rates)), samples_per_second_best=float(max(rates)),
                   cpu_samples_per_second=float(np.median(cpu)), cpu_samples_per_second_best=float(max(cpu)),
                   step_microseconds=float(1e6 * args.batch / np.median(rates)),
                   cpu_step_microseconds=float(1e6 * args.batch / np.median(cpu)))
    elif args.mode == "gemm":
        ws = init_weights(widths, 1.0, rng, dtype)
        run, flops = step_gemms(ws, args.batch, dtype, rng)
        iters = max(10, int(2e9 / flops))
        rates, cpu = [], []
        for _ in range(args.reps):
            t0, c0 = time.perf_counter(), time.thread_time()
            for _ in range(iters):
                run()
            dt, dc = time.perf_counter() - t0, time.thread_time() - c0
            rates.append(flops * iters / dt / 1e9)
            cpu.append(flops * iters / dc / 1e9)
        out.update(gflops=float(np.median(rates)), gflops_best=float(max(rates)),
                   cpu_gflops=float(np.median(cpu)), cpu_gflops_best=float(max(cpu)), flops_per_step=flops)
    else:
        x, y = load_mnist(args.data, args.per_class, dtype)
        ws = init_weights(widths, 1.0, rng, dtype)
        losses, accs = [], []
        stop = "max_epochs"
        t0, c0 = time.perf_counter(), time.thread_time()
        for epoch in range(1, args.max_epochs + 1):
            mb = sgd_epoch(ws, x, y, args.batch, args.lr, rng, args.dropout)
            if not np.isfinite(mb):
                stop = "diverged"
                break
            loss, acc = eval_loss_acc(ws, x, y)
            losses.append(loss)
            accs.append(acc)
            if loss < args.stop_loss and np.mean(accs[-args.stop_window:]) > args.stop_accuracy:
                stop = "converged"
                break
        dt, dc = time.perf_counter() - t0, time.thread_time() - c0
        out.update(samples=int(x.shape[0]), epochs=len(losses), stop=stop, seconds=dt,
                   seconds_per_epoch=dt / max(1, len(losses)), cpu_seconds=dc,
                   cpu_seconds_per_epoch=dc / max(1, len(losses)), final_loss=losses[-1] if losses else None,
                   final_accuracy=accs[-1] if accs else None, lr=args.lr)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


def load_mnist(folder, per_class, dtype):
    """The first `per_class` training images of each class, in file order, pixels / 255."""
    with open(os.path.join(folder, "train-images-idx3-ubyte"), "rb") as f:
        raw = f.read()
    images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)
    with open(os.path.join(folder, "train-labels-idx1-ubyte"), "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
    idx = np.concatenate([np.flatnonzero(labels == c)[:per_class] for c in range(10)])
    idx.sort()
    return (images[idx].astype(np.float64) / 255.0).astype(dtype), labels[idx]


if __name__ == "__main__":
    main()

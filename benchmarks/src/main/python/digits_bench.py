#!/usr/bin/env python3
"""The peers for benchmarks/DigitsCompare: the digits recipe in scikit-learn's MLPClassifier and in
PyTorch, on exactly the rows nn-dsl's Dataset.split(0.2, 42) gives (DigitsCompare writes them).

The recipe: standardised inputs (StandardScaler fitted on the training rows) -> 64 ReLU units ->
10 logits, cross-entropy, Adam lr 1e-3 (betas 0.9, 0.999, eps 1e-8), shuffled batches of 32 (the
last one partial), a fixed number of epochs, no L2, no early stopping.

  python3 digits_bench.py --data digits.csv --rows rows.txt --epochs 200 --once sklearn|torch64|torch32
      one fit, the first in this process; prints "seconds accuracy"
  python3 digits_bench.py --data digits.csv --rows rows.txt --epochs 200 --serve
      answers lines on stdin: "caps" -> what imports; "check" -> row counts and sums of the
      training and validation rows (features, labels); "fit sklearn|torch64|torch32 [seed]" -> "seconds accuracy"
      (seed 0 by default: scikit-learn's random_state, torch.manual_seed, the shuffle generator seed + 1)

Timed: fitting the scaler, scaling the training rows and training. Not timed: imports, reading the
file, scaling and predicting the validation rows. Threads: --threads N (default 1) sets
torch.set_num_threads; the caller sets OPENBLAS_NUM_THREADS / OMP_NUM_THREADS to the same.
"""
import argparse
import sys
import time
import warnings

import numpy as np


def load(data, rows):
    table = np.loadtxt(data, delimiter=",", skiprows=1)
    x, y = table[:, :-1], table[:, -1].astype(np.int64)
    parts = {}
    with open(rows) as f:
        for line in f:
            name, values = line.split(":")
            parts[name.strip()] = np.array([int(v) for v in values.split(",")], dtype=np.int64)
    t, v = parts["train"], parts["validation"]
    return x[t], y[t], x[v], y[v]


def fit_sklearn(xt, yt, xv, yv, epochs, seed=0):
    from sklearn.exceptions import ConvergenceWarning  # imported by main() already: not timed
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    start = time.perf_counter()
    scaler = StandardScaler().fit(xt)
    model = MLPClassifier(hidden_layer_sizes=(64,), activation="relu", solver="adam",
                          learning_rate_init=1e-3, batch_size=32, max_iter=epochs, alpha=0.0,
                          tol=0.0, n_iter_no_change=10**9, shuffle=True, early_stopping=False,
                          random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached: as intended
        model.fit(scaler.transform(xt), yt)
    seconds = time.perf_counter() - start
    accuracy = float(np.mean(model.predict(scaler.transform(xv)) == yv))
    return seconds, accuracy


def fit_torch(xt, yt, xv, yv, epochs, dtype_name, seed=0):
    import torch  # imported by main() already: not timed

    dtype = torch.float64 if dtype_name == "torch64" else torch.float32
    start = time.perf_counter()
    torch.manual_seed(seed)
    mean = xt.mean(axis=0)
    std = xt.std(axis=0)              # population std, as StandardScaler and nn-dsl
    std[std == 0] = 1.0               # a constant column divides by 1
    x = torch.tensor((xt - mean) / std, dtype=dtype)
    y = torch.tensor(yt)
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).to(dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    shuffle = torch.Generator().manual_seed(seed + 1)
    n = x.shape[0]
    for _ in range(epochs):
        order = torch.randperm(n, generator=shuffle)
        for i in range(0, n, 32):
            batch = order[i:i + 32]
            optimizer.zero_grad()
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        predicted = model(torch.tensor((xv - mean) / std, dtype=dtype)).argmax(dim=1).numpy()
    return seconds, float(np.mean(predicted == yv))


def fit(kind, data, epochs, seed=0):
    if kind == "sklearn":
        return fit_sklearn(*data, epochs, seed)
    if kind in ("torch64", "torch32"):
        return fit_torch(*data, epochs, kind, seed)
    raise ValueError("unknown peer " + kind)


def caps():
    have = ["numpy " + np.__version__]
    try:
        import sklearn
        have.append("sklearn " + sklearn.__version__)
    except ImportError:
        pass
    try:
        import torch
        have.append("torch " + torch.__version__ + " threads " + str(torch.get_num_threads()))
    except ImportError:
        pass
    have.append(openblas_core())
    return ", ".join(have)


def openblas_core():
    """The kernel the loaded OpenBLAS chose (Prescott is its fallback for an unknown CPU model)."""
    import ctypes
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if "libopenblas" in path and path.startswith("/"):
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return "OpenBLAS core " + lib.openblas_get_corename().decode()
    return "no OpenBLAS"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--rows", required=True)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--once")
    p.add_argument("--serve", action="store_true")
    a = p.parse_args()
    # every import before any timing: a cold fit is the first fit, not the first import
    try:
        import sklearn.exceptions, sklearn.neural_network, sklearn.preprocessing  # noqa: F401
    except ImportError:
        pass
    try:
        import torch
        torch.set_num_threads(a.threads)
    except ImportError:
        pass
    data = load(a.data, a.rows)
    if a.once:
        seconds, accuracy = fit(a.once, data, a.epochs)
        print(f"{seconds!r} {accuracy!r}")
        return
    for line in sys.stdin:
        request = line.split()
        if not request:
            continue
        if request[0] == "caps":
            print(caps(), flush=True)
        elif request[0] == "check":  # the rows as read here, for the caller to compare with its own
            xt, yt, xv, yv = data
            print(f"{len(yt)} {len(yv)} {float(xt.sum())!r} {int(yt.sum())} {float(xv.sum())!r} {int(yv.sum())}", flush=True)
        elif request[0] == "fit":
            seed = int(request[2]) if len(request) > 2 else 0
            seconds, accuracy = fit(request[1], data, a.epochs, seed)
            print(f"{seconds!r} {accuracy!r}", flush=True)
        else:
            print("unknown request " + line.strip(), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The peers for benchmarks/Compare: the exercise's NumPy train_xor (the same code as
samples/src/test/python/xor_reference.py), a NumPy 784-256-10 MLP step, and, when PyTorch imports,
the same two in PyTorch (float64, one intra-op thread, or its defaults with
NNDSL_TORCH_THREADS=default).

  python3 xor_bench.py --once numpy|torch     train XOR once and print the loss (whole-process timing)
  python3 xor_bench.py --serve                answer lines on stdin with seconds on stdout:
                                              caps | xor | mlp N | torch-xor | torch-mlp N
"""
import os
import re
import sys
import time

import numpy as np


# ---- the exercise's reference, verbatim from samples/src/test/python/xor_reference.py ----

def linear_forward(x, W, b):
    return x @ W + b


def relu(x):
    return np.maximum(0, x)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)


def sigmoid(x):
    out = np.empty_like(x, dtype=np.float64)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_backward(grad_out, s):
    return grad_out * s * (1 - s)


def mse_loss(p, t):
    return np.mean((p - t) ** 2)


def mse_loss_backward(p, t):
    return 2 * (p - t) / p.size


def linear_backward(g, x, W):
    return g @ W.T, x.T @ g, g.sum(axis=0)


def sgd_step(params, grads, lr):
    if len(params) != len(grads):
        raise ValueError("length mismatch")
    for p, g in zip(params, grads):
        if p.shape != g.shape:
            raise ValueError("shape mismatch")
    for p, g in zip(params, grads):
        p -= lr * g


def train_xor(seed, hidden=4, lr=0.5, steps=5000):
    rng = np.random.default_rng(seed)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    Y = np.array([[0], [1], [1], [0]], dtype=np.float64)
    W1 = rng.standard_normal((2, hidden)) * 0.5
    b1 = np.zeros(hidden)
    W2 = rng.standard_normal((hidden, 1)) * 0.5
    b2 = np.zeros(1)
    for _ in range(steps):
        z1 = linear_forward(X, W1, b1)
        a1 = relu(z1)
        z2 = linear_forward(a1, W2, b2)
        y = sigmoid(z2)
        dy = mse_loss_backward(y, Y)
        dz2 = sigmoid_backward(dy, y)
        da1, dW2, db2 = linear_backward(dz2, a1, W2)
        dz1 = relu_backward(da1, z1)
        _, dW1, db1 = linear_backward(dz1, X, W1)
        sgd_step([W1, b1, W2, b2], [dW1, db1, dW2, db2], lr)
    return float(mse_loss(y, Y))


# ---- the 784-256-10 MLP step in NumPy: ReLU, softmax + cross-entropy, SGD 0.1, He init ----

class NumpyMlp:
    def __init__(self, seed=0, batch=128):
        rng = np.random.default_rng(seed)
        self.W1 = rng.standard_normal((784, 256)) * np.sqrt(2 / 784)
        self.b1 = np.zeros(256)
        self.W2 = rng.standard_normal((256, 10)) * np.sqrt(2 / 256)
        self.b2 = np.zeros(10)
        self.x = rng.standard_normal((batch, 784))
        self.t = np.eye(10)[rng.integers(0, 10, batch)]

    def step(self, lr=0.1):
        x, t = self.x, self.t
        z1 = x @ self.W1 + self.b1
        a1 = np.maximum(0, z1)
        z = a1 @ self.W2 + self.b2
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        g = (p - t) / x.shape[0]
        dW2 = a1.T @ g
        db2 = g.sum(axis=0)
        da1 = g @ self.W2.T
        dz1 = da1 * (z1 > 0)
        dW1 = x.T @ dz1
        db1 = dz1.sum(axis=0)
        for p_, g_ in ((self.W1, dW1), (self.b1, db1), (self.W2, dW2), (self.b2, db2)):
            p_ -= lr * g_


# ---- PyTorch, when it imports: the same two workloads, float64, one intra-op thread ----

def torch_or_none():
    try:
        import torch
    except Exception:
        return None
    # NNDSL_TORCH_THREADS=default leaves PyTorch at its defaults (intra-op threads = cores, its
    # BLAS's own threads); otherwise one intra-op thread, like for like with one kernel thread
    if os.environ.get("NNDSL_TORCH_THREADS") != "default":
        torch.set_num_threads(1)
    return torch


def torch_blas(torch):
    """The BLAS PyTorch was built against and the one it loaded, from its build config and /proc."""
    found = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    built = found.group(1) if found else "?"
    loaded = sorted({line.split()[-1].rsplit("/", 1)[-1] for line in open("/proc/self/maps")
                     if "blas" in line.lower() and line.split()[-1].startswith("/")})
    return "BLAS_INFO=%s, loaded %s, %s" % (built, "+".join(loaded) or "none", openblas_core())


def openblas_core():
    """The kernel OpenBLAS chose: Debian's 0.3.21 does not know this AVX-512 machine's CPU model
    and falls back to Prescott (a third of the speed) unless OPENBLAS_CORETYPE names the core."""
    import ctypes
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if "libopenblas" in path and path.startswith("/"):
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return "OpenBLAS core " + lib.openblas_get_corename().decode()
    return "no OpenBLAS"


def torch_train_xor(torch, seed=0, hidden=4, lr=0.5, steps=5000):
    torch.manual_seed(seed)
    X = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float64)
    Y = torch.tensor([[0], [1], [1], [0]], dtype=torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, hidden), torch.nn.ReLU(),
                                torch.nn.Linear(hidden, 1), torch.nn.Sigmoid()).double()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.MSELoss()
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        opt.step()
    return float(loss)


class TorchMlp:
    def __init__(self, torch, batch=128):
        torch.manual_seed(0)
        self.torch = torch
        self.model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(),
                                         torch.nn.Linear(256, 10)).double()
        for m in self.model:
            if isinstance(m, torch.nn.Linear):
                torch.nn.init.kaiming_normal_(m.weight)
                torch.nn.init.zeros_(m.bias)
        self.x = torch.randn(batch, 784, dtype=torch.float64)
        self.y = torch.randint(0, 10, (batch,))
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        self.loss_fn = torch.nn.CrossEntropyLoss()

    def step(self):
        self.opt.zero_grad()
        loss = self.loss_fn(self.model(self.x), self.y)
        loss.backward()
        self.opt.step()


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def serve():
    torch = torch_or_none()
    mlp = NumpyMlp()
    tmlp = TorchMlp(torch) if torch is not None else None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        cmd = words[0]
        n = int(words[1]) if len(words) > 1 else 1
        if cmd == "caps":
            caps = ["numpy " + np.__version__]
            if torch is not None:
                caps.append("torch %s (%d intra-op threads, %s)" % (torch.__version__, torch.get_num_threads(),
                                                                      torch_blas(torch)))
            out = ";".join(caps)
        elif cmd == "xor":
            out = repr(timed(lambda: train_xor(0)))
        elif cmd == "mlp":
            # n steps to settle (the caller paused before this), then n timed, as Compare does for ours
            for _ in range(n):
                mlp.step()
            out = repr(timed(lambda: [mlp.step() for _ in range(n)]) / n)
        elif cmd == "torch-xor" and torch is not None:
            out = repr(timed(lambda: torch_train_xor(torch)))
        elif cmd == "torch-mlp" and tmlp is not None:
            for _ in range(n):
                tmlp.step()
            out = repr(timed(lambda: [tmlp.step() for _ in range(n)]) / n)
        else:
            out = "unknown " + cmd
        print(out, flush=True)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--once":
        if sys.argv[2] == "torch":
            torch = torch_or_none()
            if torch is None:
                sys.exit("torch does not import here")
            print("torch", torch_train_xor(torch))
        else:
            print("numpy", train_xor(0))
    elif len(sys.argv) >= 2 and sys.argv[1] == "--serve":
        serve()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

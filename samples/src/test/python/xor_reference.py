#!/usr/bin/env python3
"""The exercise's NumPy reference (build-nn problem 07, train_xor) and the golden losses made with it.

Writes samples/src/test/resources/golden/xor-losses.csv: one row per (seed, hidden, lr, steps) with
the loss that train_xor returns, written with repr() so the Java test reads back the exact double.
steps = 0 is not defined by the exercise (it crashes); nn-dsl returns the loss of the untrained
network there, and so does this script.

Rerun from the repository root:  python3 samples/src/test/python/xor_reference.py
"""
import os
import sys

import numpy as np


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
    if steps == 0:  # not defined by the exercise: the loss of the untrained network
        return float(mse_loss(sigmoid(linear_forward(relu(linear_forward(X, W1, b1)), W2, b2)), Y))
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


def cases():
    for seed in range(0, 40):
        yield seed, 4, 0.5, 5000
    for seed in [0, 1, 2, 7]:
        for hidden in [1, 2, 3, 8, 16]:
            yield seed, hidden, 0.5, 3000
    for seed in [3, 11]:
        for lr in [0.0, 0.05, 0.25, 1.0, 2.0]:
            yield seed, 4, lr, 2000
    for seed in [0, 5]:
        for steps in [0, 1, 2, 10, 20, 100]:
            yield seed, 4, 0.5, steps
    for seed in [2**32 - 1, 2**32, 2**40 + 3, 2**63 - 1]:
        yield seed, 4, 0.5, 1000
    yield 0, 8, 0.5, 3000


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "golden", "xor-losses.csv")
    with open(out, "w") as f:
        f.write("# seed,hidden,lr,steps,loss  (NumPy %s, samples/src/test/python/xor_reference.py)\n" % np.__version__)
        for seed, hidden, lr, steps in cases():
            f.write("%d,%d,%r,%d,%r\n" % (seed, hidden, lr, steps, train_xor(seed, hidden, lr, steps)))
    print("wrote", os.path.normpath(out), file=sys.stderr)


if __name__ == "__main__":
    main()

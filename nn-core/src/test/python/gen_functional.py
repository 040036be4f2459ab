#!/usr/bin/env python3
"""Golden vectors for io.github.nndsl.core.Functional, computed with NumPy exactly as the build-nn
exercise series defines each function.

Writes nn-core/src/test/resources/golden/functional.txt, one record a line:
    tensor NAME RANK DIM... VALUE...     (values with repr(), so they parse back exactly)
    scalar NAME VALUE
Rerun from the repository root:  python3 nn-core/src/test/python/gen_functional.py
"""

import numpy as np

from golden_format import GoldenFile

rng = np.random.default_rng(20261128)
golden = GoldenFile()
tensor = golden.tensor
scalar = golden.scalar


def sigmoid(x):
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


# linear_forward at batch 1, 6x8 and 128x32, each with several output widths
for name, (batch, fan_in, fan_out) in {"lf1": (1, 3, 5), "lf6": (6, 8, 7), "lf128": (128, 32, 16),
                                        "lfcol": (6, 8, 1), "lfxor": (4, 2, 4)}.items():
    x = rng.standard_normal((batch, fan_in))
    w = rng.standard_normal((fan_in, fan_out))
    b = rng.standard_normal(fan_out)
    tensor(name + ".x", x)
    tensor(name + ".w", w)
    tensor(name + ".b", b)
    tensor(name + ".y", x @ w + b)

# linear_backward
for name, (batch, fan_in, fan_out) in {"lb6": (6, 8, 7), "lb128": (128, 32, 16), "lbxor": (4, 2, 4)}.items():
    g = rng.standard_normal((batch, fan_out))
    x = rng.standard_normal((batch, fan_in))
    w = rng.standard_normal((fan_in, fan_out))
    tensor(name + ".g", g)
    tensor(name + ".x", x)
    tensor(name + ".w", w)
    tensor(name + ".dx", g @ w.T)
    tensor(name + ".dw", x.T @ g)
    tensor(name + ".db", g.sum(axis=0))

# relu and its backward, with exact zeros in the input
x = rng.standard_normal((5, 6))
x[0, :3] = 0.0
g = rng.standard_normal((5, 6))
tensor("relu.x", x)
tensor("relu.y", np.maximum(0, x))
tensor("relu.g", g)
tensor("relu.dx", g * (x > 0))

# sigmoid and its backward over a wide range, including the extremes
x = np.concatenate([np.linspace(-40, 40, 401), [-1000.0, -745.0, -700.0, -1e-300, 0.0, 1e-300, 700.0, 1000.0],
                    rng.standard_normal(200) * 3])
tensor("sigmoid.x", x)
tensor("sigmoid.y", sigmoid(x))
g = rng.standard_normal(x.shape)
s = sigmoid(x)
tensor("sigmoid.g", g)
tensor("sigmoid.dx", g * s * (1 - s))

# mse on 1-D and 2-D inputs of several sizes (pairwise summation above 8 and 128 elements)
for name, shape in {"mse4": (4, 1), "mse1d": (13,), "mse6x8": (6, 8), "mse128x32": (128, 32), "mse3x50": (3, 50)}.items():
    p = rng.standard_normal(shape)
    t = rng.standard_normal(shape)
    tensor(name + ".p", p)
    tensor(name + ".t", t)
    scalar(name + ".loss", np.mean((p - t) ** 2))
    tensor(name + ".grad", 2 * (p - t) / p.size)

golden.write("functional.txt", "gen_functional.py")

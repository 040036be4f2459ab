#!/usr/bin/env python3
"""Golden values for nn-core's losses and optimisers, computed with NumPy from the textbook formulas
(independently of the Java code).

Writes nn-core/src/test/resources/golden/engine.txt in the format of functional.txt:
    tensor NAME RANK DIM... VALUE...    /    scalar NAME VALUE
Rerun from the repository root:  python3 nn-core/src/test/python/gen_engine.py
"""

import numpy as np

from golden_format import GoldenFile

rng = np.random.default_rng(7)
golden = GoldenFile()
tensor = golden.tensor
scalar = golden.scalar


# optimisers: 6 steps on a parameter vector of 10, with a fixed sequence of gradients
p0 = rng.standard_normal(10)
grads = rng.standard_normal((6, 10))
tensor("opt.p0", p0)
tensor("opt.grads", grads)

# SGD with momentum (PyTorch): v = mu v + g; p -= lr v        Nesterov: p -= lr (g + mu v)
for name, nesterov in (("momentum", False), ("nesterov", True)):
    p = p0.copy()
    v = np.zeros_like(p)
    lr, mu = 0.1, 0.9
    out = []
    for g in grads:
        v = mu * v + g
        p = p - lr * ((g + mu * v) if nesterov else v)
        out.append(p.copy())
    tensor("opt." + name, np.array(out))

# Adam (Kingma & Ba, Algorithm 1), bias corrections from running products of the betas
p = p0.copy()
m = np.zeros_like(p)
v = np.zeros_like(p)
lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
b1t = b2t = 1.0
out = []
for g in grads:
    b1t *= b1
    b2t *= b2
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    p = p - lr * (m / (1 - b1t)) / (np.sqrt(v / (1 - b2t)) + eps)
    out.append(p.copy())
tensor("opt.adam", np.array(out))

# cross-entropy on logits (softmax fused), on probabilities, and binary cross-entropy
z = rng.standard_normal((5, 3)) * 3
z[0] = [1000.0, -1000.0, 0.0]  # extreme logits must stay finite
t = np.eye(3)[rng.integers(0, 3, 5)]
shifted = z - z.max(axis=1, keepdims=True)
logsumexp = np.log(np.exp(shifted).sum(axis=1))
softmax = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
tensor("ce.z", z)
tensor("ce.t", t)
tensor("ce.softmax", softmax)
scalar("ce.logits.loss", np.mean(logsumexp * t.sum(axis=1) - (t * shifted).sum(axis=1)))
tensor("ce.logits.grad", (softmax * t.sum(axis=1, keepdims=True) - t) / z.shape[0])
p = softmax[1:]
tp = t[1:]
tensor("ce.p", p)
tensor("ce.pt", tp)
scalar("ce.probs.loss", -np.sum(tp * np.log(p)) / p.shape[0])
tensor("ce.probs.grad", -tp / p / p.shape[0])

p = 1 / (1 + np.exp(-rng.standard_normal((4, 2)) * 2))
t = (rng.random((4, 2)) > 0.5).astype(np.float64)
tensor("bce.p", p)
tensor("bce.t", t)
scalar("bce.loss", -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)))
tensor("bce.grad", (p - t) / ((1 - p) * p) / p.size)

golden.write("engine.txt", "gen_engine.py")

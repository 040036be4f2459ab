#!/usr/bin/env python3
"""Reference rows for Dataset.split, by the same algorithm in NumPy (see the Javadoc of Splits).

Writes nn-dsl/src/test/resources/golden/split.txt, one case a block:
    case NAME FRACTION SEED K      K = 0: no classes (plain permutation); else K classes
    labels L0 L1 ...               the class index of each row (K > 0), or the row count (K = 0)
    train R0 R1 ...                the training rows, ascending
    validation R0 R1 ...           the validation rows, ascending
Rerun from the repository root:  python3 nn-dsl/src/test/python/split_reference.py
"""
import math
import os

import numpy as np


def split(labels, k, n, fraction, seed):
    v = math.floor(fraction * n + 0.5)
    rng = np.random.default_rng(seed)
    held = np.zeros(n, dtype=bool)
    if k == 0:
        p = rng.permutation(n)
        held[p[:v]] = True
    else:
        labels = np.asarray(labels)
        counts = np.bincount(labels, minlength=k)
        quota = fraction * counts.astype(np.float64)
        take = np.floor(quota).astype(np.int64)
        remainder = quota - take
        left = max(0, min(k, v - int(take.sum())))
        order = np.argsort(-remainder, kind="stable")
        take[order[:left]] += 1
        for c in range(k):
            members = np.flatnonzero(labels == c)
            p = rng.permutation(len(members))
            held[members[p[:take[c]]]] = True
    return np.flatnonzero(~held), np.flatnonzero(held)


cases = []
data = np.random.default_rng(2024)
cases.append(("plain_10", 0.3, 0, 0, None, 10))
cases.append(("plain_1797", 0.2, 42, 0, None, 1797))
cases.append(("plain_half", 0.5, 7, 0, None, 9))
cases.append(("balanced_3", 0.2, 1, 3, [0, 1, 2] * 10, 30))
skewed = [0] * 50 + [1] * 7 + [2] * 3 + [3] * 1
cases.append(("skewed_4", 0.25, 5, 4, skewed, len(skewed)))
mixed = list(data.integers(0, 10, size=1797))
cases.append(("digits_like", 0.2, 42, 10, mixed, 1797))
cases.append(("empty_class", 0.4, 3, 3, [0, 2, 0, 2, 2, 0, 0], 7))
cases.append(("ties", 0.5, 11, 3, [0, 1, 2, 0, 1, 2, 0], 7))

lines = []
for name, fraction, seed, k, labels, n in cases:
    train, validation = split(labels, k, n, fraction, seed)
    lines.append("case %s %r %d %d" % (name, fraction, seed, k))
    lines.append("labels " + (" ".join(map(str, labels)) if k else str(n)))
    lines.append("train " + " ".join(map(str, train)))
    lines.append("validation " + " ".join(map(str, validation)))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "split.txt")
with open(out, "w") as f:
    f.write("# NumPy %s, nn-dsl/src/test/python/split_reference.py\n" % np.__version__)
    f.write("\n".join(lines) + "\n")

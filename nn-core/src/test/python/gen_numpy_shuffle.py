#!/usr/bin/env python3
"""Golden permutations for NumPyRandom.shuffle/permutation, made by NumPy's Generator.

Writes nn-core/src/test/resources/golden/numpy-shuffle.txt, one record a line:
    perm SEED N V0 V1 ...            rng.permutation(N) from a fresh default_rng(SEED)
    mixed SEED ...                   one generator: permutation(5), random(), permutation(7), state
Rerun from the repository root:  python3 nn-core/src/test/python/gen_numpy_shuffle.py
"""
import os

import numpy as np

lines = []
for seed in [0, 1, 7, 42, 2**32 + 1, 2**63 - 1]:
    for n in [0, 1, 2, 3, 10, 100, 1000]:
        p = np.random.default_rng(seed).permutation(n)
        lines.append("perm %d %d %s" % (seed, n, " ".join(map(str, p))))
    rng = np.random.default_rng(seed)
    a = rng.permutation(5)
    u = rng.random()
    b = rng.permutation(7)
    st = rng.bit_generator.state
    lines.append("mixed %d %s | %r | %s | %d %d %d %d" % (
        seed, " ".join(map(str, a)), u, " ".join(map(str, b)),
        st["state"]["state"], st["state"]["inc"], st["has_uint32"], st["uinteger"]))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "numpy-shuffle.txt")
with open(out, "w") as f:
    f.write("# NumPy %s, nn-core/src/test/python/gen_numpy_shuffle.py\n" % np.__version__)
    f.write("\n".join(lines) + "\n")

#!/usr/bin/env python3
"""Golden column statistics for Layers.standardize and Functional.columnMean / columnStd: NumPy's
x.mean(0) and x.std(0) (ddof 0) of C-ordered float64 matrices, the shapes chosen to take both of
NumPy's summation orders (one column: pairwise over a contiguous vector, including lengths past
the 128-element block; two or more: row by row), and the standardized output with nn-dsl's rule
for constant columns (std 1 where every value is equal or the std is 0).

Each case is "x = rng.standard_normal((rows, cols)) * scale + offset" from default_rng(seed), which
the Java test regenerates with NumPyRandom; small cases also store x and the output y.
Writes nn-core/src/test/resources/golden/standardize.txt (format: golden_format.py).
Rerun from the repository root:  python3 nn-core/src/test/python/gen_standardize.py
"""

import numpy as np

from golden_format import GoldenFile

golden = GoldenFile()

# name: (seed, rows, cols, scale, offset); a large offset makes the summation order show in the bits
CASES = {
    "one": (1, 1, 3, 1.0, 0.0),
    "col7": (2, 7, 1, 3.0, 10.0),
    "col8": (3, 8, 1, 3.0, 10.0),
    "col129": (4, 129, 1, 1e3, 1e6),
    "col1000": (5, 1000, 1, 1e3, 1e6),
    "col4097": (6, 4097, 1, 0.5, -7.25),
    "two": (7, 1000, 2, 1e3, 1e6),
    "five": (8, 300, 5, 2.0, 100.0),
    "wide": (9, 200, 64, 16.0, 8.0),
    "tall": (10, 5000, 3, 1e-3, 1.0),
}

for name, (seed, rows, cols, scale, offset) in CASES.items():
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, cols)) * scale + offset
    mean = x.mean(0)
    std = x.std(0)
    golden.scalar(name + ".seed", seed)
    golden.scalar(name + ".rows", rows)
    golden.scalar(name + ".cols", cols)
    golden.scalar(name + ".scale", scale)
    golden.scalar(name + ".offset", offset)
    golden.tensor(name + ".mean", mean)
    golden.tensor(name + ".std", std)
    if rows * cols <= 1000:
        constant = (x == x[0]).all(0) | (std == 0)
        golden.tensor(name + ".x", x)
        golden.tensor(name + ".y", (x - mean) / np.where(constant, 1.0, std))

# hand-made: a constant column (0.1 ten times: its mean is not exactly 0.1, its std not exactly 0),
# an integer column like the digits' pixels, a column of one value and -0.0, and underflowing squares
x = np.array([[0.1, 0.0, 3.0, 0.0, 1e-300]] * 10)
x[:, 1] = [0, 1, 2, 16, 5, 9, 0, 0, 16, 7]
x[3, 3] = -0.0
x[4, 4] = 2e-300
mean = x.mean(0)
std = x.std(0)
constant = (x == x[0]).all(0) | (std == 0)
golden.tensor("constant.x", x)
golden.tensor("constant.mean", mean)
golden.tensor("constant.std", std)
golden.tensor("constant.divisor", np.where(constant, 1.0, std))
golden.tensor("constant.y", (x - mean) / np.where(constant, 1.0, std))

golden.write("standardize.txt", "gen_standardize.py")

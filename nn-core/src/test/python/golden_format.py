"""The golden-file format shared by gen_functional.py and gen_engine.py (read by Golden.java):

    tensor NAME RANK DIM... VALUE...     (values with repr(), so they parse back exactly)
    scalar NAME VALUE
"""
import os

import numpy as np


class GoldenFile:
    """Collects records, then writes them under nn-core/src/test/resources/golden/."""

    def __init__(self):
        self.records = []

    def tensor(self, name, a):
        a = np.asarray(a, dtype=np.float64)
        self.records.append("tensor %s %d %s %s" % (name, a.ndim, " ".join(map(str, a.shape)),
                                                    " ".join(repr(float(v)) for v in a.ravel())))

    def scalar(self, name, v):
        self.records.append("scalar %s %r" % (name, float(v)))

    def write(self, file_name, script):
        out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", file_name)
        with open(out, "w") as f:
            f.write("# NumPy %s, nn-core/src/test/python/%s\n" % (np.__version__, script))
            f.write("\n".join(self.records) + "\n")

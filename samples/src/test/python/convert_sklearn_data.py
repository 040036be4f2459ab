#!/usr/bin/env python3
"""Converts scikit-learn's bundled digits, iris, wine and breast-cancer files into plain CSVs with a header row.

scikit-learn ships them in sklearn/datasets/data/ in its own layout: a first line of counts and
class names (iris, wine, breast cancer) or no header at all (digits, gzipped), and the class as an index in the
last column. This script writes samples/src/main/resources/data/{digits,iris,wine,breast_cancer}.csv:
    header: the feature names of load_digits/load_iris/load_wine/load_breast_cancer, then the
            label column
    cells:  the feature cells copied verbatim from scikit-learn's file (no float reformatting)
    label:  digits: "label", the digit 0..9; iris, wine and breast cancer: "class", the name
            scikit-learn gives the class index (target_names: setosa/versicolor/virginica,
            class_0/class_1/class_2, malignant/benign)
and checks that every value equals what load_* returns. Needs scikit-learn (Debian's
python3-sklearn for /usr/bin/python3, or any venv with it). Rerun from the repository root:
    /usr/bin/python3 samples/src/test/python/convert_sklearn_data.py
"""
import csv
import gzip
import io
import os

import numpy as np
import sklearn
from sklearn import datasets

SOURCE = os.path.join(os.path.dirname(datasets.__file__), "data")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources", "data")


def rows_of(name):
    path = os.path.join(SOURCE, name)
    if name.endswith(".gz"):
        with gzip.open(path, "rt", newline="") as f:
            return list(csv.reader(f))
    with open(path, newline="") as f:
        return list(csv.reader(f))


def write(out_name, header, rows, bunch, label_of):
    data = np.array([[float(c) for c in row[:-1]] for row in rows])
    target = np.array([int(row[-1]) for row in rows])
    assert np.array_equal(data, bunch.data), out_name + ": features differ from load_*"
    assert np.array_equal(target, bunch.target), out_name + ": classes differ from load_*"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(row[:-1] + [label_of(int(row[-1]))])
    with open(os.path.join(OUT, out_name), "w", newline="") as f:
        f.write(buf.getvalue())
    print("%s: %d rows, %d features (scikit-learn %s)" % (out_name, len(rows), data.shape[1], sklearn.__version__))


digits = datasets.load_digits()
write("digits.csv", list(digits.feature_names) + ["label"], rows_of("digits.csv.gz"), digits, str)

iris = datasets.load_iris()
write("iris.csv", list(iris.feature_names) + ["class"], rows_of("iris.csv")[1:], iris,
      lambda c: str(iris.target_names[c]))

wine = datasets.load_wine()
write("wine.csv", list(wine.feature_names) + ["class"], rows_of("wine_data.csv")[1:], wine,
      lambda c: str(wine.target_names[c]))

cancer = datasets.load_breast_cancer()
write("breast_cancer.csv", list(cancer.feature_names) + ["class"], rows_of("breast_cancer.csv")[1:], cancer,
      lambda c: str(cancer.target_names[c]))

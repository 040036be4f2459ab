#!/usr/bin/env python3
"""Golden values for io.github.nndsl.core.metric.Metrics, computed by scikit-learn itself.

Writes nn-core/src/test/resources/golden/metrics.txt. Classification cases:
    class NAME K ROWS COLS              K classes; COLS = 1 is a column of probabilities
    pred V ...  / target V ...          the tensors, row-major (repr, so they read back exactly)
    names N|N|...                       target_names of the report ("-" for the default 0, 1, ...)
    accuracy V / confusion C ... / precision V ... / recall V ... / f1 V ...
    macro V V V                         macro precision, recall, F1
    report TEXT                         classification_report, newlines written as \\n
Regression cases:
    regress NAME ROWS COLS / pred ... / target ... / rmse V / mae V / r2 V
Needs scikit-learn: Debian's python3-sklearn for /usr/bin/python3 (or any venv with it).
Rerun from the repository root:  /usr/bin/python3 nn-core/src/test/python/gen_metrics.py
"""
import os

import numpy as np
import sklearn
from sklearn import metrics as skm

rng = np.random.default_rng(11)
lines = []


def flat(a):
    return " ".join(repr(float(v)) for v in np.asarray(a, dtype=np.float64).ravel())


def classification(name, pred, target, names=None):
    pred = np.asarray(pred, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    rows, cols = pred.shape
    if cols == 1:
        k = 2
        y_true = target[:, 0].astype(int)
        y_pred = (pred[:, 0] >= 0.5).astype(int)
    else:
        k = cols
        y_true = np.argmax(target, axis=1)
        y_pred = np.argmax(pred, axis=1)  # the first maximum wins
    labels = list(range(k))
    p, r, f, _ = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    report = skm.classification_report(
        y_true, y_pred, labels=labels, target_names=names, digits=2, zero_division=0)
    lines.append("class %s %d %d %d" % (name, k, rows, cols))
    lines.append("pred " + flat(pred))
    lines.append("target " + flat(target))
    lines.append("names " + ("|".join(names) if names else "-"))
    lines.append("accuracy %r" % skm.accuracy_score(y_true, y_pred))
    lines.append("confusion " + " ".join(str(v) for v in skm.confusion_matrix(y_true, y_pred, labels=labels).ravel()))
    lines.append("precision " + flat(p))
    lines.append("recall " + flat(r))
    lines.append("f1 " + flat(f))
    lines.append("macro %r %r %r" % (
        skm.precision_score(y_true, y_pred, labels=labels, average="macro", zero_division=0),
        skm.recall_score(y_true, y_pred, labels=labels, average="macro", zero_division=0),
        skm.f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)))
    lines.append("report " + report.replace("\n", "\\n"))


def one_hot(labels, k):
    return np.eye(k)[np.asarray(labels)]


def regression(name, pred, target):
    pred = np.asarray(pred, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    if pred.ndim == 1:
        pred = pred[:, None]
        target = target[:, None]
    rows, cols = pred.shape
    lines.append("regress %s %d %d" % (name, rows, cols))
    lines.append("pred " + flat(pred))
    lines.append("target " + flat(target))
    lines.append("rmse %r" % skm.mean_squared_error(target, pred, squared=False))
    lines.append("mae %r" % skm.mean_absolute_error(target, pred))
    lines.append("r2 %r" % skm.r2_score(target, pred))


# three classes, scores rounded so that some rows tie (argmax takes the first)
scores = np.round(rng.random((24, 3)), 1)
classification("three_ties", scores, one_hot(rng.integers(0, 3, 24), 3))
# class 2 is never predicted: its precision is 0/0
pred = one_hot([0, 1, 0, 1, 0, 1, 1, 0], 3) * 0.8 + 0.1
classification("never_predicted", pred, one_hot([0, 1, 2, 2, 0, 1, 0, 0], 3))
# class 3 appears nowhere: the report shows "micro avg" instead of "accuracy"
pred = rng.random((12, 4))
pred[:, 3] = -1.0
classification("absent_class", pred, one_hot(rng.integers(0, 3, 12), 4))
# one column of probabilities, 0.5 included (it counts as class 1)
classification("binary", [[0.1], [0.5], [0.49], [0.9], [0.7], [0.2], [0.5], [0.0]],
               [[0], [1], [1], [1], [0], [0], [0], [0]])
# ten classes, like the digits, with names
logits = rng.standard_normal((300, 10))
truth = rng.integers(0, 10, 300)
logits[np.arange(300), truth] += 1.5
classification("ten_classes", logits, one_hot(truth, 10))
classification("named", np.round(rng.random((30, 3)), 2), one_hot(rng.integers(0, 3, 30), 3),
               ["setosa", "versicolor", "a rather long class name"])
classification("perfect", one_hot([0, 1, 2, 1], 3), one_hot([0, 1, 2, 1], 3))
# the example in the Javadoc of Metrics.classificationReport
classification("javadoc", [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]],
               [[1, 0], [0, 1], [1, 0], [1, 0]])

regression("one_column", rng.standard_normal(40), rng.standard_normal(40))
t = rng.standard_normal((25, 3)) * [1.0, 10.0, 0.1]
regression("three_columns", t + rng.standard_normal((25, 3)) * 0.3, t)
regression("constant_exact", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0])
regression("constant_missed", [2.0, 2.5, 2.0], [2.0, 2.0, 2.0])
regression("mixed_columns", [[1.0, 5.0], [2.0, 5.0], [3.5, 5.0]], [[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
regression("worse_than_mean", [3.0, 2.0, 1.0], [1.0, 2.0, 3.0])
regression("javadoc", [1.0, 2.0, 3.0], [1.0, 2.0, 4.0])

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "metrics.txt")
with open(out, "w") as f:
    f.write("# scikit-learn %s, NumPy %s, nn-core/src/test/python/gen_metrics.py\n"
            % (sklearn.__version__, np.__version__))
    f.write("\n".join(lines) + "\n")

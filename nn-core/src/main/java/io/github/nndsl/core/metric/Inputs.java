package io.github.nndsl.core.metric;

import io.github.nndsl.core.Tensor;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Checks a (predictions, targets) pair and reads it: as a (rows, cols) array of values, or as a
 * class index per row. Messages are built only on failure.
 */
final class Inputs {

  final int rows;
  final int cols;
  final double[] predictions;
  final double[] targets;

  private Inputs(int rows, int cols, double[] predictions, double[] targets) {
    this.rows = rows;
    this.cols = cols;
    this.predictions = predictions;
    this.targets = targets;
  }

  /** Checks both tensors: not null, rank 1 or 2, the same shape, at least one row, finite. */
  static Inputs of(@Nullable Tensor predictions, @Nullable Tensor targets) {
    notNull(predictions, "predictions");
    notNull(targets, "targets");
    if (!Arrays.equals(predictions.shape(), targets.shape())) {
      throw new IllegalArgumentException(
          "predictions and targets must have the same shape, but were "
              + Arrays.toString(predictions.shape()) + " and " + Arrays.toString(targets.shape()));
    }
    int rows = predictions.dim(0);
    int cols = predictions.rank() == 1 ? 1 : predictions.dim(1);
    if (rows == 0 || cols == 0) {
      throw new IllegalArgumentException(
          "predictions must hold at least one row and one column, but have shape "
              + Arrays.toString(predictions.shape()));
    }
    double[] p = predictions.toArray();
    double[] t = targets.toArray();
    finite(p, cols, "predictions");
    finite(t, cols, "targets");
    return new Inputs(rows, cols, p, t);
  }

  static void notNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null");
    }
  }

  private static void finite(double[] values, int cols, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + " must be finite, but row " + i / cols + ", column " + i % cols + " is " + values[i]);
      }
    }
  }

  /** The number of classes: the columns, or 2 for a single column of probabilities. */
  int classes() {
    return cols == 1 ? 2 : cols;
  }

  /** The predicted class of each row: argmax (first max wins), or {@code p >= 0.5} for one column. */
  int[] predictedClasses() {
    return classesOf(predictions);
  }

  /**
   * The actual class of each row: argmax of the targets, or the target itself for one column, which
   * must then be 0 or 1.
   */
  int[] actualClasses() {
    if (cols == 1) {
      for (int r = 0; r < rows; r++) {
        if (targets[r] != 0.0 && targets[r] != 1.0) {
          throw new IllegalArgumentException(
              "targets of one column must be 0 or 1 (the two classes), but row " + r + " is " + targets[r]);
        }
      }
    }
    return classesOf(targets);
  }

  private int[] classesOf(double[] values) {
    int[] classes = new int[rows];
    for (int r = 0; r < rows; r++) {
      if (cols == 1) {
        classes[r] = values[r] >= 0.5 ? 1 : 0;
      } else {
        int best = 0;
        int base = r * cols;
        for (int c = 1; c < cols; c++) {
          if (values[base + c] > values[base + best]) {
            best = c;
          }
        }
        classes[r] = best;
      }
    }
    return classes;
  }
}

package io.github.nndsl.core.internal;

/**
 * NumPy's {@code x.mean(0)} and {@code x.std(0)} (ddof 0) of a C-ordered float64 matrix, bit for
 * bit. NumPy reduces axis 0 of such a matrix in one of two orders, and both are reproduced: with
 * two or more columns the reduced axis is the outer loop, so each column is summed row by row in
 * order, starting from 0.0; with one column the matrix is a contiguous vector, which NumPy sums
 * pairwise ({@link PairwiseSum}). The mean is that sum divided by the row count; the std is {@code
 * sqrt(sum((x - mean)^2) / rows)}, each square rounded before it is added (NumPy squares into an
 * array, then sums it), the same two orders again. Checked against NumPy 1.24 and 2.4 on committed
 * golden files.
 */
public final class ColumnStatistics {

  private ColumnStatistics() {}

  /** The column means of a (rows, cols) matrix at {@code off}; rows at least 1. */
  public static double[] mean(double[] x, int off, int rows, int cols) {
    double[] sum = new double[cols];
    if (cols == 1) {
      sum[0] = PairwiseSum.sum(x, off, rows);
    } else {
      for (int r = 0; r < rows; r++) {
        int row = off + r * cols;
        for (int c = 0; c < cols; c++) {
          sum[c] += x[row + c];
        }
      }
    }
    for (int c = 0; c < cols; c++) {
      sum[c] /= rows;
    }
    return sum;
  }

  /** The population standard deviations of the columns, given their {@link #mean}. */
  public static double[] std(double[] x, int off, int rows, int cols, double[] mean) {
    double[] sum = new double[cols];
    if (cols == 1) {
      double[] squares = new double[rows];
      for (int r = 0; r < rows; r++) {
        double d = x[off + r] - mean[0];
        squares[r] = d * d;
      }
      sum[0] = PairwiseSum.sum(squares, 0, rows);
    } else {
      for (int r = 0; r < rows; r++) {
        int row = off + r * cols;
        for (int c = 0; c < cols; c++) {
          double d = x[row + c] - mean[c];
          sum[c] += d * d;
        }
      }
    }
    for (int c = 0; c < cols; c++) {
      sum[c] = Math.sqrt(sum[c] / rows);
    }
    return sum;
  }
}

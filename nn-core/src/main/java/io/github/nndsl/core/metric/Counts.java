package io.github.nndsl.core.metric;

/** The confusion matrix of a classification and the per-class ratios derived from it. */
final class Counts {

  private final int k;
  private final int rows;
  private final int[][] matrix;

  private Counts(int k, int rows, int[][] matrix) {
    this.k = k;
    this.rows = rows;
    this.matrix = matrix;
  }

  static Counts of(Inputs in) {
    int k = in.classes();
    int[] actual = in.actualClasses();
    int[] predicted = in.predictedClasses();
    int[][] m = new int[k][k];
    for (int r = 0; r < in.rows; r++) {
      m[actual[r]][predicted[r]]++;
    }
    return new Counts(k, in.rows, m);
  }

  int classes() {
    return k;
  }

  int rows() {
    return rows;
  }

  int[][] matrix() {
    int[][] copy = new int[k][];
    for (int a = 0; a < k; a++) {
      copy[a] = matrix[a].clone();
    }
    return copy;
  }

  /** The rows of class c: the row sums. */
  int support(int c) {
    int s = 0;
    for (int p = 0; p < k; p++) {
      s += matrix[c][p];
    }
    return s;
  }

  /** The rows predicted as c: the column sums. */
  private int predictedAs(int c) {
    int s = 0;
    for (int a = 0; a < k; a++) {
      s += matrix[a][c];
    }
    return s;
  }

  int correct() {
    int s = 0;
    for (int c = 0; c < k; c++) {
      s += matrix[c][c];
    }
    return s;
  }

  double[] precision() {
    double[] p = new double[k];
    for (int c = 0; c < k; c++) {
      p[c] = ratio(matrix[c][c], predictedAs(c));
    }
    return p;
  }

  double[] recall() {
    double[] r = new double[k];
    for (int c = 0; c < k; c++) {
      r[c] = ratio(matrix[c][c], support(c));
    }
    return r;
  }

  double[] f1() {
    double[] p = precision();
    double[] r = recall();
    double[] f = new double[k];
    for (int c = 0; c < k; c++) {
      f[c] = harmonic(p[c], r[c]);
    }
    return f;
  }

  /** Whether class c appears among the targets or the predictions. */
  boolean present(int c) {
    return support(c) > 0 || predictedAs(c) > 0;
  }

  /** scikit-learn's zero_division=0: a ratio with a zero denominator is 0. */
  static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  /** The F1 of a precision and a recall, as scikit-learn computes it: 0 when both are 0. */
  static double harmonic(double p, double r) {
    double denominator = p + r;
    return denominator == 0.0 ? 0.0 : 2.0 * p * r / denominator;
  }

  static double mean(double[] values) {
    double s = 0.0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  /** The support-weighted mean of per-class values (scikit-learn's average="weighted"). */
  double weighted(double[] values) {
    double s = 0.0;
    for (int c = 0; c < k; c++) {
      s += values[c] * support(c);
    }
    return s / rows;
  }
}

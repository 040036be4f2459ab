package io.github.nndsl.core.internal;

/**
 * Activation kernels beyond the exercise's relu and sigmoid: tanh, leaky relu and a row-wise
 * softmax, with their backward passes. Flat arrays with offsets; n elements, or (rows, cols).
 */
public final class Activations {

  private Activations() {}

  /** {@code out[i] = tanh(x[i])}. */
  public static void tanh(double[] x, int xOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = Math.tanh(x[xOff + i]);
    }
  }

  /** {@code out[i] = g[i] * (1 - y[i] * y[i])}, y the tanh OUTPUT. */
  public static void tanhBackward(double[] g, int gOff, double[] y, int yOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      double yi = y[yOff + i];
      out[outOff + i] = g[gOff + i] * (1.0 - yi * yi);
    }
  }

  /** {@code out[i] = x[i] > 0 ? x[i] : slope * x[i]}. */
  public static void leakyRelu(double[] x, int xOff, double slope, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      double v = x[xOff + i];
      out[outOff + i] = v > 0.0 ? v : slope * v;
    }
  }

  /** {@code out[i] = g[i] * (x[i] > 0 ? 1 : slope)}, x the INPUT. */
  public static void leakyReluBackward(
      double[] g, int gOff, double[] x, int xOff, double slope, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = g[gOff + i] * (x[xOff + i] > 0.0 ? 1.0 : slope);
    }
  }

  /**
   * Row-wise softmax of a (rows, cols) matrix: {@code exp(x - max) / sum(exp(x - max))}; subtracting
   * the row maximum keeps every exponent at most 0, so nothing overflows.
   */
  public static void softmax(double[] x, int xOff, double[] out, int outOff, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int xi = xOff + r * cols;
      int oi = outOff + r * cols;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, x[xi + j]);
      }
      double sum = 0.0;
      for (int j = 0; j < cols; j++) {
        double e = Math.exp(x[xi + j] - max);
        out[oi + j] = e;
        sum += e;
      }
      for (int j = 0; j < cols; j++) {
        out[oi + j] /= sum;
      }
    }
  }

  /**
   * Softmax backward from its OUTPUT y, row by row: {@code out = y * (g - sum(g * y))}, the
   * Jacobian-vector product without forming the Jacobian.
   */
  public static void softmaxBackward(
      double[] g, int gOff, double[] y, int yOff, double[] out, int outOff, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int gi = gOff + r * cols;
      int yi = yOff + r * cols;
      int oi = outOff + r * cols;
      double dot = 0.0;
      for (int j = 0; j < cols; j++) {
        dot += g[gi + j] * y[yi + j];
      }
      for (int j = 0; j < cols; j++) {
        out[oi + j] = y[yi + j] * (g[gi + j] - dot);
      }
    }
  }
}

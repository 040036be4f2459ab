package io.github.nndsl.core.internal;

/**
 * A whole dense layer (product, bias, elementwise activation) for shapes so small (XOR's 4x2x4 and
 * 4x4x1) that a separate call and loop per operation costs more than the arithmetic: forward in one
 * loop nest, backward in three, each element computed with exactly the operations, in the order,
 * of the unfused kernels ({@link SmallMatMul}, {@link Elementwise}, {@link Activations}).
 *
 * <p>The activation is an int code tested per element: a loop-invariant, perfectly predicted
 * branch, far cheaper at these sizes than a second pass over the output.
 */
public final class SmallDense {

  /** No activation. */
  public static final int NONE = 0;

  /** {@code max(0, z)}. */
  public static final int RELU = 1;

  /** The logistic sigmoid. */
  public static final int SIGMOID = 2;

  /** {@code tanh(z)}. */
  public static final int TANH = 3;

  /** {@code z > 0 ? z : slope * z}. */
  public static final int LEAKY_RELU = 4;

  private SmallDense() {}

  /** Whether a product of (m, k) by (k, n), m at least 1, is small enough for this path. */
  public static boolean fits(int m, int k, int n) {
    return m > 0 && (long) m * k * n <= MatMul.SMALL_WORK;
  }

  /** The activation of z, as {@link Elementwise#relu} and the other activation kernels compute it. */
  private static double activate(int act, double slope, double z) {
    if (act == RELU) {
      return z > 0.0 || z != z ? z : 0.0;
    } else if (act == SIGMOID) {
      return Elementwise.sigmoid(z);
    } else if (act == TANH) {
      return Math.tanh(z);
    } else if (act == LEAKY_RELU) {
      return z > 0.0 ? z : slope * z;
    }
    return z;
  }

  /**
   * The gradient g taken through an activation whose OUTPUT is a, with the backward kernels'
   * operations: a rectifier's output is positive exactly when its input is, so testing it gives
   * the input-based kernel's bits.
   */
  public static double derivative(int act, double slope, double g, double a) {
    if (act == RELU) {
      return g * (a > 0.0 ? 1.0 : 0.0);
    } else if (act == SIGMOID) {
      return g * a * (1.0 - a);
    } else if (act == TANH) {
      return g * (1.0 - a * a);
    } else if (act == LEAKY_RELU) {
      return g * (a > 0.0 ? 1.0 : slope);
    }
    return g;
  }

  // Loop shapes: a loop that runs 1, 2 or 4 times costs more in entry and exit than its body, so
  // rows are taken four at a time (batches are usually a multiple of 4) and the narrow dimensions
  // tiny networks have (2 inputs, 1 output) get nests of their own where the short loop disappears.
  // Every element's chain, and the order of every sum, is that of the plain kernels.

  /** The pre-activation z with the bias added, if there is one, as a separate addition. */
  private static double biased(double s, double[] b, int bOff, int j) {
    return bOff >= 0 ? s + b[bOff + j] : s;
  }

  /**
   * {@code out = act(x · w + b)}: x is (m, k), w (k, n), b (n) at {@code bOff} or absent when
   * {@code bOff < 0}, out (m, n) at offset 0. Each element is the fma chain in increasing k from
   * 0.0, then {@code + b} as a separate addition, then the activation.
   */
  public static void forward(
      int act, double slope, double[] x, int xOff, double[] w, int wOff, double[] b, int bOff,
      double[] out, int m, int k, int n) {
    int i = 0;
    if (k == 2) {
      for (; i + 4 <= m; i += 4) {
        int xi = xOff + 2 * i;
        double x00 = x[xi];
        double x01 = x[xi + 1];
        double x10 = x[xi + 2];
        double x11 = x[xi + 3];
        double x20 = x[xi + 4];
        double x21 = x[xi + 5];
        double x30 = x[xi + 6];
        double x31 = x[xi + 7];
        int o = i * n;
        for (int j = 0; j < n; j++) {
          double w0 = w[wOff + j];
          double w1 = w[wOff + n + j];
          out[o + j] = activate(act, slope, biased(Math.fma(x01, w1, Math.fma(x00, w0, 0.0)), b, bOff, j));
          out[o + n + j] = activate(act, slope, biased(Math.fma(x11, w1, Math.fma(x10, w0, 0.0)), b, bOff, j));
          out[o + 2 * n + j] = activate(act, slope, biased(Math.fma(x21, w1, Math.fma(x20, w0, 0.0)), b, bOff, j));
          out[o + 3 * n + j] = activate(act, slope, biased(Math.fma(x31, w1, Math.fma(x30, w0, 0.0)), b, bOff, j));
        }
      }
    } else if (n == 1) {
      for (; i + 4 <= m; i += 4) {
        int x0 = xOff + i * k;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int p = 0; p < k; p++) {
          double wp = w[wOff + p];
          s0 = Math.fma(x[x0 + p], wp, s0);
          s1 = Math.fma(x[x0 + k + p], wp, s1);
          s2 = Math.fma(x[x0 + 2 * k + p], wp, s2);
          s3 = Math.fma(x[x0 + 3 * k + p], wp, s3);
        }
        out[i] = activate(act, slope, biased(s0, b, bOff, 0));
        out[i + 1] = activate(act, slope, biased(s1, b, bOff, 0));
        out[i + 2] = activate(act, slope, biased(s2, b, bOff, 0));
        out[i + 3] = activate(act, slope, biased(s3, b, bOff, 0));
      }
    }
    for (; i < m; i++) {
      int xi = xOff + i * k;
      int oi = i * n;
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(x[xi + p], w[wOff + p * n + j], s);
        }
        out[oi + j] = activate(act, slope, biased(s, b, bOff, j));
      }
    }
  }

  /**
   * The backward pass from gz, the gradient with respect to the layer's pre-activation output (m,
   * n): {@code dw = xᵀ · gz} into {@code grads} at {@code wOff} (the weights' offset in their own
   * array), {@code db} = gz's column sums (rows added in order) at {@code dbOff} unless negative,
   * and, when {@code wantDx}, {@code dx = gz · wᵀ} taken through the previous layer's activation
   * {@code prevAct}, whose output x is. Unless {@code sgdRate} is NaN, each weight and bias then
   * takes the plain SGD step {@code p -= sgdRate * g} (after dx has used the old weights).
   */
  public static void backward(
      int prevAct, double prevSlope, double[] x, int xOff, double[] w, int wOff, double[] gz,
      double[] grads, int dbOff, double[] dx, boolean wantDx, double sgdRate, int m, int k, int n) {
    if (wantDx && n == 1 && (m & 3) == 0) {
      oneOutputBackward(prevAct, prevSlope, x, xOff, w, wOff, gz, grads, dbOff, dx, sgdRate, m, k);
      return;
    }
    if (wantDx) {
      inputGradient(prevAct, prevSlope, x, xOff, w, wOff, gz, dx, m, k, n);
    }
    parameterGradients(x, xOff, gz, w, grads, wOff, dbOff, sgdRate, m, k, n);
  }

  /**
   * The backward pass of a layer with one output and rows in fours, dx and the parameter gradients
   * in one walk over the rows: {@link #inputGradient}'s and {@link #parameterGradients}' elements,
   * each with the same operations; a weight takes its SGD step (last block only) right after the
   * four dx elements that read it.
   */
  private static void oneOutputBackward(
      int prevAct, double prevSlope, double[] x, int xOff, double[] w, int wOff, double[] gz, double[] grads,
      int dbOff, double[] dx, double sgdRate, int m, int k) {
    double sb = -0.0;
    for (int i = 0; i < m; i += 4) {
      double g0 = gz[i];
      double g1 = gz[i + 1];
      double g2 = gz[i + 2];
      double g3 = gz[i + 3];
      int d = i * k;
      int xi = xOff + d;
      boolean first = i == 0;
      double rate = i + 4 == m ? sgdRate : Double.NaN;
      for (int p = 0; p < k; p++) {
        double wp = w[wOff + p];
        double x0 = x[xi + p];
        double x1 = x[xi + k + p];
        double x2 = x[xi + 2 * k + p];
        double x3 = x[xi + 3 * k + p];
        dx[d + p] = derivative(prevAct, prevSlope, Math.fma(g0, wp, 0.0), x0);
        dx[d + k + p] = derivative(prevAct, prevSlope, Math.fma(g1, wp, 0.0), x1);
        dx[d + 2 * k + p] = derivative(prevAct, prevSlope, Math.fma(g2, wp, 0.0), x2);
        dx[d + 3 * k + p] = derivative(prevAct, prevSlope, Math.fma(g3, wp, 0.0), x3);
        double s = first ? 0.0 : grads[wOff + p];
        s = Math.fma(x0, g0, s);
        s = Math.fma(x1, g1, s);
        s = Math.fma(x2, g2, s);
        store(w, grads, wOff + p, Math.fma(x3, g3, s), rate);
      }
      sb = sb + g0 + g1 + g2 + g3;
    }
    if (dbOff >= 0) {
      store(w, grads, dbOff, sb, sgdRate);
    }
  }

  /** Stores a finished gradient and, unless the rate is NaN, takes the SGD step on its parameter. */
  private static void store(double[] params, double[] grads, int at, double g, double sgdRate) {
    grads[at] = g;
    if (sgdRate == sgdRate) {
      params[at] -= sgdRate * g;
    }
  }

  /**
   * {@code dw = xᵀ · gz} at dwOff and, unless dbOff is negative, {@code db} = gz's column sums, each
   * stored (and stepped, see {@link #store}) as soon as it is final.
   */
  private static void parameterGradients(
      double[] x, int xOff, double[] gz, double[] params, double[] grads, int dwOff, int dbOff, double sgdRate,
      int m, int k, int n) {
    // bias sums start from -0.0: -0.0 + g is g for every g, so this is sumRows' copy-then-add
    if (k == 2) {
      // two input columns: walk the rows once, four at a time, both weight rows' chains and the
      // bias sums kept in grads until the last row makes them final
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        int xi = xOff + 2 * i;
        double x00 = x[xi];
        double x01 = x[xi + 1];
        double x10 = x[xi + 2];
        double x11 = x[xi + 3];
        double x20 = x[xi + 4];
        double x21 = x[xi + 5];
        double x30 = x[xi + 6];
        double x31 = x[xi + 7];
        boolean first = i == 0;
        double rate = i + 4 == m ? sgdRate : Double.NaN;
        int g = i * n;
        for (int j = 0; j < n; j++) {
          double g0 = gz[g + j];
          double g1 = gz[g + n + j];
          double g2 = gz[g + 2 * n + j];
          double g3 = gz[g + 3 * n + j];
          double s0 = first ? 0.0 : grads[dwOff + j];
          double s1 = first ? 0.0 : grads[dwOff + n + j];
          store(params, grads, dwOff + j,
              Math.fma(x30, g3, Math.fma(x20, g2, Math.fma(x10, g1, Math.fma(x00, g0, s0)))), rate);
          store(params, grads, dwOff + n + j,
              Math.fma(x31, g3, Math.fma(x21, g2, Math.fma(x11, g1, Math.fma(x01, g0, s1)))), rate);
          if (dbOff >= 0) {
            double sb = first ? -0.0 : grads[dbOff + j];
            store(params, grads, dbOff + j, sb + g0 + g1 + g2 + g3, rate);
          }
        }
      }
      for (; i < m; i++) {
        double x0 = x[xOff + 2 * i];
        double x1 = x[xOff + 2 * i + 1];
        boolean first = i == 0;
        double rate = i + 1 == m ? sgdRate : Double.NaN;
        for (int j = 0; j < n; j++) {
          double g = gz[i * n + j];
          store(params, grads, dwOff + j, Math.fma(x0, g, first ? 0.0 : grads[dwOff + j]), rate);
          store(params, grads, dwOff + n + j, Math.fma(x1, g, first ? 0.0 : grads[dwOff + n + j]), rate);
          if (dbOff >= 0) {
            store(params, grads, dbOff + j, (first ? -0.0 : grads[dbOff + j]) + g, rate);
          }
        }
      }
    } else if (n == 1) {
      // one output column: walk the rows once, four at a time, each weight's chain kept in grads
      // until the last row makes it final
      double sb = -0.0;
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        double g0 = gz[i];
        double g1 = gz[i + 1];
        double g2 = gz[i + 2];
        double g3 = gz[i + 3];
        int xi = xOff + i * k;
        boolean first = i == 0;
        double rate = i + 4 == m ? sgdRate : Double.NaN;
        for (int p = 0; p < k; p++) {
          double s = first ? 0.0 : grads[dwOff + p];
          s = Math.fma(x[xi + p], g0, s);
          s = Math.fma(x[xi + k + p], g1, s);
          s = Math.fma(x[xi + 2 * k + p], g2, s);
          store(params, grads, dwOff + p, Math.fma(x[xi + 3 * k + p], g3, s), rate);
        }
        sb = sb + g0 + g1 + g2 + g3;
      }
      for (; i < m; i++) {
        double g = gz[i];
        int xi = xOff + i * k;
        boolean first = i == 0;
        double rate = i + 1 == m ? sgdRate : Double.NaN;
        for (int p = 0; p < k; p++) {
          store(params, grads, dwOff + p, Math.fma(x[xi + p], g, first ? 0.0 : grads[dwOff + p]), rate);
        }
        sb += g;
      }
      if (dbOff >= 0) {
        store(params, grads, dbOff, sb, sgdRate);
      }
    } else {
      for (int p = 0; p < k; p++) {
        int dp = dwOff + p * n;
        for (int j = 0; j < n; j++) {
          double s = 0.0;
          for (int i = 0; i < m; i++) {
            s = Math.fma(x[xOff + i * k + p], gz[i * n + j], s);
          }
          store(params, grads, dp + j, s, sgdRate);
        }
      }
      if (dbOff >= 0) {
        for (int j = 0; j < n; j++) {
          double s = -0.0;
          for (int i = 0; i < m; i++) {
            s += gz[i * n + j];
          }
          store(params, grads, dbOff + j, s, sgdRate);
        }
      }
    }
  }

  /** {@code dx = gz · wᵀ}, each element then taken through the previous activation. */
  private static void inputGradient(
      int prevAct, double prevSlope, double[] x, int xOff, double[] w, int wOff, double[] gz, double[] dx,
      int m, int k, int n) {
    int i = 0;
    if (n == 1) {
      for (; i + 4 <= m; i += 4) {
        double g0 = gz[i];
        double g1 = gz[i + 1];
        double g2 = gz[i + 2];
        double g3 = gz[i + 3];
        int d = i * k;
        int xi = xOff + d;
        for (int p = 0; p < k; p++) {
          double wp = w[wOff + p];
          dx[d + p] = derivative(prevAct, prevSlope, Math.fma(g0, wp, 0.0), x[xi + p]);
          dx[d + k + p] = derivative(prevAct, prevSlope, Math.fma(g1, wp, 0.0), x[xi + k + p]);
          dx[d + 2 * k + p] = derivative(prevAct, prevSlope, Math.fma(g2, wp, 0.0), x[xi + 2 * k + p]);
          dx[d + 3 * k + p] = derivative(prevAct, prevSlope, Math.fma(g3, wp, 0.0), x[xi + 3 * k + p]);
        }
      }
    }
    for (; i < m; i++) {
      int gi = i * n;
      int xi = xOff + i * k;
      for (int p = 0; p < k; p++) {
        int wp = wOff + p * n;
        double s = 0.0;
        for (int j = 0; j < n; j++) {
          s = Math.fma(gz[gi + j], w[wp + j], s);
        }
        dx[i * k + p] = derivative(prevAct, prevSlope, s, x[xi + p]);
      }
    }
  }
}

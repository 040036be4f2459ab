package io.github.nndsl.core.internal;

import static io.github.nndsl.core.internal.OwnUnit.never;

/**
 * Elementwise kernels and reductions on flat arrays, each written to reproduce NumPy's float64
 * results operation for operation.
 */
public final class Elementwise {

  private Elementwise() {}

  /** {@code out[i] = max(0, x[i])} as {@code np.maximum(0, x)}: NaN propagates, -0.0 gives 0.0. */
  public static void relu(double[] x, int xOff, double[] out, int outOff, int n) {
    // Math.max(v, 0.0) is exactly "v > 0 or NaN ? v : +0.0" (Java's max puts -0.0 below 0.0 and
    // returns NaN for NaN), and C2 vectorises it: no branch to mispredict on signs that mix
    for (int i = 0; i < n; i++) {
      out[outOff + i] = Math.max(x[xOff + i], 0.0);
    }
  }

  /** {@code out[i] = g[i] * (x[i] > 0)}, the bool taken as 1.0 or 0.0 exactly as NumPy does. */
  public static void reluBackward(
      double[] g, int gOff, double[] x, int xOff, double[] out, int outOff, int n) {
    // g * (x > 0 ? 1.0 : 0.0), the factor made from x's bits without a branch: x > 0 exactly when
    // its bits, less one, lie in [0, +Infinity's bits) (NaN, -0.0 and negatives fall outside), and
    // the mask keeps 1.0's bits or none. A branch on the sign of activations that are half zero
    // mispredicted about every other element (3.7 ns each in the 784-256-10 step)
    for (int i = 0; i < n; i++) {
      long t = Double.doubleToRawLongBits(x[xOff + i]) - 1;
      long positive = ((t - POSITIVE_INFINITY_BITS) & ~t) >> 63;
      out[outOff + i] = g[gOff + i] * Double.longBitsToDouble(positive & ONE_BITS);
    }
  }

  /**
   * {@code g[i] *= (a[i] > 0)} where a is a rectifier's OUTPUT ({@code max(z, 0.0)}: +0.0, positive
   * or NaN, never negative or -0.0), in one loop over arrays read at the same index, which JDK 17
   * vectorises (the bit form above stays scalar: C2 does not vectorise the bit conversions). The
   * factor is {@code min(a * 2^600 * 2^600, 1.0)}: exactly 1.0 for every positive a (the smallest
   * subnormal becomes 2^126; the largest, infinity), +0.0 for +0.0, so g times it has the bits of
   * {@code g * 1.0} or {@code g * 0.0}. For a NaN activation the factor is NaN where the other form
   * gives 0.0, and the result is NaN either way: a NaN activation makes the whole row of the next
   * layer's output NaN, so the gradient that arrives for it is NaN too.
   */
  public static void reluBackwardOfOutput(double[] g, double[] a, int n) {
    for (int i = 0; i < n; i++) {
      g[i] = g[i] * Math.min(a[i] * TWO_TO_600 * TWO_TO_600, 1.0);
    }
    if (n < 0) { // never taken: it keeps the method out of inlining (OwnUnit; a short loop, so 80 calls)
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
    }
  }

  private static final double TWO_TO_600 = 0x1p600;

  private static final long POSITIVE_INFINITY_BITS = 0x7FF0000000000000L;
  private static final long ONE_BITS = 0x3FF0000000000000L;

  /**
   * The numerically stable logistic function: {@code 1 / (1 + exp(-x))} for {@code x >= 0}, else
   * {@code exp(x) / (1 + exp(x))}, so no intermediate overflows.
   */
  public static double sigmoid(double x) {
    if (x >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** {@code out[i] = sigmoid(x[i])}. */
  public static void sigmoid(double[] x, int xOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = sigmoid(x[xOff + i]);
    }
  }

  /** {@code out[i] = g[i] * s[i] * (1 - s[i])}, evaluated left to right as NumPy does. */
  public static void sigmoidBackward(
      double[] g, int gOff, double[] s, int sOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      double si = s[sOff + i];
      out[outOff + i] = g[gOff + i] * si * (1.0 - si);
    }
  }

  /** {@code out[i*n + j] += b[j]}: adds a bias row to every row of an (m, n) matrix. */
  public static void addRow(double[] out, int outOff, double[] b, int bOff, int m, int n) {
    for (int i = 0; i < m; i++) {
      int oi = outOff + i * n;
      for (int j = 0; j < n; j++) {
        out[oi + j] += b[bOff + j];
      }
    }
  }

  /**
   * {@code out[j] = sum_i g[i*n + j]}: column sums of an (m, n) matrix, rows added in order as
   * NumPy's {@code g.sum(axis=0)} does (0.0 for m = 0).
   */
  public static void sumRows(double[] g, int gOff, double[] out, int outOff, int m, int n) {
    if (m == 0) {
      java.util.Arrays.fill(out, outOff, outOff + n, 0.0);
      return;
    }
    if (n >= SUM_ROWS_VECTOR_WIDTH && m > 1) {
      // the running sums and each row in scratch arrays read at the same index, which JDK 17's
      // superword pass vectorises (at two offsets it cannot rule out an overlap); the same
      // additions in the same order
      double[][] rows = SUM_ROWS.get();
      if (rows[0].length < n) {
        rows[0] = new double[n];
        rows[1] = new double[n];
      }
      double[] sums = rows[0];
      double[] row = rows[1];
      System.arraycopy(g, gOff, sums, 0, n);
      for (int i = 1; i < m; i++) {
        System.arraycopy(g, gOff + i * n, row, 0, n);
        addInto(sums, row, n);
      }
      System.arraycopy(sums, 0, out, outOff, n);
      return;
    }
    System.arraycopy(g, gOff, out, outOff, n);
    for (int i = 1; i < m; i++) {
      int gi = gOff + i * n;
      for (int j = 0; j < n; j++) {
        out[outOff + j] += g[gi + j];
      }
    }
  }

  /** From this many columns, {@link #sumRows} adds through scratch rows. */
  static final int SUM_ROWS_VECTOR_WIDTH = 32;

  private static final ThreadLocal<double[][]> SUM_ROWS = ThreadLocal.withInitial(() -> new double[2][0]);

  /** {@code sums[j] += row[j]}. */
  private static void addInto(double[] sums, double[] row, int n) {
    for (int j = 0; j < n; j++) {
      sums[j] += row[j];
    }
    if (n < 0) { // never taken: it keeps the method out of inlining (OwnUnit; a short loop, so 80 calls)
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
    }
  }

  /**
   * {@code mean((p - t)^2)} over all n elements, summed with NumPy's pairwise algorithm so the
   * result matches {@code np.mean} bit for bit.
   */
  public static double meanSquaredError(double[] p, int pOff, double[] t, int tOff, int n) {
    return PairwiseSum.sumOfSquaredDifferences(p, pOff, t, tOff, n) / n;
  }

  /** {@code out[i] = 2 * (p[i] - t[i]) / n}, in that order of operations. */
  public static void mseBackward(
      double[] p, int pOff, double[] t, int tOff, double[] out, int outOff, int n) {
    double count = n;
    for (int i = 0; i < n; i++) {
      out[outOff + i] = 2.0 * (p[pOff + i] - t[tOff + i]) / count;
    }
  }

  /**
   * The mean squared error's gradient taken through a sigmoid whose output is p: {@code g = 2 * (p[i]
   * - t[i]) / n}, then {@code out[i] = g * p[i] * (1 - p[i])}: {@link #mseBackward} and {@link
   * #sigmoidBackward} in one pass, with their operations in their order.
   */
  public static void mseSigmoidBackward(
      double[] p, int pOff, double[] t, int tOff, double[] out, int outOff, int n) {
    double count = n;
    for (int i = 0; i < n; i++) {
      double s = p[pOff + i];
      double g = 2.0 * (s - t[tOff + i]) / count;
      out[outOff + i] = g * s * (1.0 - s);
    }
  }

  /**
   * {@link #meanSquaredError} of p against t, returned, and {@link #mseSigmoidBackward} into out, in
   * one pass when n is below 8 (where NumPy's sum adds in order), with the same bits as the two.
   */
  public static double mseSigmoidLossAndBackward(
      double[] p, int pOff, double[] t, int tOff, double[] out, int outOff, int n) {
    if (n >= 8) {
      mseSigmoidBackward(p, pOff, t, tOff, out, outOff, n);
      return meanSquaredError(p, pOff, t, tOff, n);
    }
    double count = n;
    double sum = -0.0;
    for (int i = 0; i < n; i++) {
      double s = p[pOff + i];
      double d = s - t[tOff + i];
      sum += d * d;
      out[outOff + i] = 2.0 * d / count * s * (1.0 - s);
    }
    return (0.0 + sum) / n;
  }

  /** {@code p[i] -= lr * g[i]}, as NumPy's {@code p -= lr * g}. */
  public static void sgd(double[] p, int pOff, double[] g, int gOff, double lr, int n) {
    for (int i = 0; i < n; i++) {
      p[pOff + i] -= lr * g[gOff + i];
    }
  }

  /**
   * One Adam (or AdamW) update of every parameter, PyTorch's formula: {@code m = β1·m + (1-β1)·g},
   * {@code v = β2·v + (1-β2)·g²}, {@code p = p·decay - lr·(m/c1)/(sqrt(v/c2) + ε)}, where c1 and c2
   * are the bias corrections and decay is {@code 1 - lr·weightDecay} (exactly 1 for Adam). Kept
   * out of inlining ({@link OwnUnit}): JDK 17 vectorises it only as a unit of its own, and its
   * divisions and square root are most of an Adam step's cost on small networks.
   */
  public static void adam(
      double[] p, double[] g, double[] m, double[] v, double beta1, double beta2, double c1, double c2,
      double lr, double decay, double epsilon) {
    // once the first bias correction has rounded to exactly 1.0 (1 - beta1^t with beta1^t at most
    // 2^-54: from step 356 for beta1 0.9), dividing by it returns its operand unchanged, so the
    // loop without that division gives the same bits; the divisions and the square root are what
    // bound this loop, and that loop also divides by the second correction without the divider
    // (see adamFirstSettled). c2 reaches 1.0 only after 37,412 steps for beta2 0.999 (or at once
    // for beta2 0): the general loop then, as for an epsilon below 2^-300.
    if (c1 == 1.0 && c2 < 1.0 && epsilon >= 0x1p-300) {
      adamFirstSettled(p, g, m, v, beta1, beta2, c2, lr, decay, epsilon);
      return;
    }
    int n = p.length;
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      double mi = beta1 * m[i] + (1.0 - beta1) * gi;
      double vi = beta2 * v[i] + (1.0 - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] = p[i] * decay - lr * (mi / c1) / (Math.sqrt(vi / c2) + epsilon);
    }
    if (n < 0) { // never taken: it keeps the method out of inlining (OwnUnit)
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
    }
  }

  /**
   * {@link #adam} once c1 is 1.0, for c2 below 1.0 and an epsilon of 2^-300 or more: the same bits,
   * with {@code v / c2} taken without a division (the divider, shared with the square root and the
   * other division, bounds the loop). With {@code r = 1/c2} rounded, the quotient of a scaled
   * {@code s = v·2^-64} is refined once (Markstein): {@code q0 = s·r}, then {@code fma(fma(-q0,
   * c2, s), r, q0)} is the correctly rounded {@code s / c2} wherever s is 2^-900 or more, where the
   * remainder {@code s - q0·c2} is exact; multiplied back by 2^64 (exact, or an overflow to
   * infinity exactly where {@code v / c2} overflows) it is {@code v / c2}. Below that (v under
   * 2^-836) the refined quotient may be off in its last places, but both it and {@code v / c2} are
   * then below 2^-783 (c2 is at least 2^-53), so their square roots are below 2^-391, under half
   * an ulp of an epsilon of 2^-300 or more, and {@code sqrt(·) + epsilon} rounds to epsilon from
   * either. The scaling keeps {@code s·r} finite for every finite v; an infinite v is first
   * clamped to the largest double, whose quotient by a c2 below 1.0 overflows to infinity as
   * infinity's does. A NaN stays NaN. {@code ElementwiseTest} compares it with the division at the
   * edges.
   */
  private static void adamFirstSettled(
      double[] p, double[] g, double[] m, double[] v, double beta1, double beta2, double c2,
      double lr, double decay, double epsilon) {
    double r = 1.0 / c2;
    int n = p.length;
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      double mi = beta1 * m[i] + (1.0 - beta1) * gi;
      double vi = beta2 * v[i] + (1.0 - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      double s = Math.min(vi, Double.MAX_VALUE) * 0x1p-64;
      double q0 = s * r;
      double q = Math.fma(Math.fma(-q0, c2, s), r, q0) * 0x1p64;
      p[i] = p[i] * decay - lr * mi / (Math.sqrt(q) + epsilon);
    }
    if (n < 0) { // never taken: it keeps the method out of inlining (OwnUnit)
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
      never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n); never(n);
    }
  }

}

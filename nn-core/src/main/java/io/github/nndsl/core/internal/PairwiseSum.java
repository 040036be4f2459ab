package io.github.nndsl.core.internal;

/**
 * NumPy's pairwise summation ({@code pairwise_sum_DOUBLE} in {@code loops_utils.h}), which
 * {@code np.sum} and {@code np.mean} use over contiguous float64 data.
 *
 * <p>Below 8 elements it adds in order; up to 128 it keeps 8 interleaved partial sums and combines
 * them as a balanced tree; above that it splits in two halves (the first a multiple of 8) and
 * recurses. The reduction starts from 0.0. Checked against NumPy for every length up to 300 and
 * several larger ones.
 */
public final class PairwiseSum {

  private static final int BLOCK = 128;

  private PairwiseSum() {}

  /** {@code 0.0 + pairwise sum of (p[i] - t[i])^2}: the numerator of NumPy's mean squared error. */
  public static double sumOfSquaredDifferences(double[] p, int pOff, double[] t, int tOff, int n) {
    // the short case kept apart, small enough for the JIT to inline into the training loop
    return 0.0 + (n < 8 ? inOrder(p, pOff, t, tOff, n) : squaredDifferences(p, pOff, t, tOff, n));
  }

  private static double inOrder(double[] p, int pOff, double[] t, int tOff, int n) {
    double res = -0.0;
    for (int i = 0; i < n; i++) {
      res += sq(p, pOff + i, t, tOff + i);
    }
    return res;
  }

  private static double sq(double[] p, int pi, double[] t, int ti) {
    double d = p[pi] - t[ti];
    return d * d;
  }

  private static double squaredDifferences(double[] p, int pOff, double[] t, int tOff, int n) {
    if (n < 8) {
      return inOrder(p, pOff, t, tOff, n);
    }
    if (n <= BLOCK) {
      double r0 = sq(p, pOff, t, tOff);
      double r1 = sq(p, pOff + 1, t, tOff + 1);
      double r2 = sq(p, pOff + 2, t, tOff + 2);
      double r3 = sq(p, pOff + 3, t, tOff + 3);
      double r4 = sq(p, pOff + 4, t, tOff + 4);
      double r5 = sq(p, pOff + 5, t, tOff + 5);
      double r6 = sq(p, pOff + 6, t, tOff + 6);
      double r7 = sq(p, pOff + 7, t, tOff + 7);
      int i = 8;
      int end = n - (n % 8);
      for (; i < end; i += 8) {
        r0 += sq(p, pOff + i, t, tOff + i);
        r1 += sq(p, pOff + i + 1, t, tOff + i + 1);
        r2 += sq(p, pOff + i + 2, t, tOff + i + 2);
        r3 += sq(p, pOff + i + 3, t, tOff + i + 3);
        r4 += sq(p, pOff + i + 4, t, tOff + i + 4);
        r5 += sq(p, pOff + i + 5, t, tOff + i + 5);
        r6 += sq(p, pOff + i + 6, t, tOff + i + 6);
        r7 += sq(p, pOff + i + 7, t, tOff + i + 7);
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += sq(p, pOff + i, t, tOff + i);
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return squaredDifferences(p, pOff, t, tOff, n2)
        + squaredDifferences(p, pOff + n2, t, tOff + n2, n - n2);
  }

  /** {@code 0.0 + pairwise sum of a[off .. off + n)}: {@code np.sum} of a contiguous float64 vector. */
  public static double sum(double[] a, int off, int n) {
    return 0.0 + values(a, off, n);
  }

  private static double values(double[] a, int off, int n) {
    if (n < 8) {
      double res = -0.0;
      for (int i = 0; i < n; i++) {
        res += a[off + i];
      }
      return res;
    }
    if (n <= BLOCK) {
      double r0 = a[off];
      double r1 = a[off + 1];
      double r2 = a[off + 2];
      double r3 = a[off + 3];
      double r4 = a[off + 4];
      double r5 = a[off + 5];
      double r6 = a[off + 6];
      double r7 = a[off + 7];
      int i = 8;
      int end = n - (n % 8);
      for (; i < end; i += 8) {
        r0 += a[off + i];
        r1 += a[off + i + 1];
        r2 += a[off + i + 2];
        r3 += a[off + i + 3];
        r4 += a[off + i + 4];
        r5 += a[off + i + 5];
        r6 += a[off + i + 6];
        r7 += a[off + i + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[off + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return values(a, off, n2) + values(a, off + n2, n - n2);
  }
}

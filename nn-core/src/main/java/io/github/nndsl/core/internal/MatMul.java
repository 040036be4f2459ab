package io.github.nndsl.core.internal;

/**
 * Matrix products on flat row-major arrays with offsets: the three forms a dense layer needs.
 *
 * <p>Every element is one chain of fused multiply-adds in increasing {@code k}, starting from
 * {@code 0.0}: {@code c = fma(a[k], b[k], c)}. That is the order OpenBLAS's {@code dgemm} uses for
 * the small products of the exercise (checked against NumPy), it rounds once per step, and it does
 * not depend on blocking or thread count, so every caller gets the same bits.
 */
public final class MatMul {

  private MatMul() {}

  /**
   * {@code c = a · b}: a is (m, k), b is (k, n), c is (m, n). {@code c} must not overlap a or b.
   */
  public static void ab(
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    // i-k-j order: the inner loop runs with unit stride over a row of b and a row of c, which the
    // JIT vectorises, while each c[i][j] still sees its k terms in increasing order.
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      java.util.Arrays.fill(c, ci, ci + n, 0.0);
      int ai = aOff + i * k;
      for (int p = 0; p < k; p++) {
        double aip = a[ai + p];
        int bp = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
        }
      }
    }
  }

  /**
   * {@code c = aᵀ · b}: a is stored (k, m), b is (k, n), c is (m, n). {@code c} must not overlap a
   * or b.
   */
  public static void atb(
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
    // p outermost: rows of a and b are read once each, and c[i][j] accumulates p in order
    for (int p = 0; p < k; p++) {
      int ap = aOff + p * m;
      int bp = bOff + p * n;
      for (int i = 0; i < m; i++) {
        double api = a[ap + i];
        int ci = cOff + i * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] = Math.fma(api, b[bp + j], c[ci + j]);
        }
      }
    }
  }

  /**
   * {@code c = a · bᵀ}: a is (m, k), b is stored (n, k), c is (m, n). {@code c} must not overlap a
   * or b.
   */
  public static void abt(
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    // a dot product per element: both operands are read with unit stride
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * k;
      int ci = cOff + i * n;
      for (int j = 0; j < n; j++) {
        int bj = bOff + j * k;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[ai + p], b[bj + p], s);
        }
        c[ci + j] = s;
      }
    }
  }
}

package io.github.nndsl.core.internal;

import java.util.Arrays;

/**
 * The kernel for everything above tiny: {@code c[i][j] = chain over p of A(i, p) · b[p][j]} for
 * the rows {@code [r0, r1)} of c, where {@code A(i, p) = a[aOff + i·ars + p·acs]} (so {@code a · b}
 * and {@code aᵀ · b} share it) and b is (k, n) row-major.
 *
 * <p>Blocked so that a block of b ({@link #DEPTH} rows of {@link #WIDTH} columns) stays in the L2
 * cache while every row of c passes over it, and a {@link #ROWS}-row strip of c stays in L1.
 * Blocking over p is exact: between blocks the running sum of each element waits in c itself, and
 * {@code fma(a, b, c)} continued from the stored c is the same chain.
 */
final class BlockedMatMul {

  /** Rows of c computed together: they share each load of b. */
  static final int ROWS = 4;

  /** Columns of c per block: 4 rows of c and 4 of b, 8 KiB each, fit in L1. */
  static final int WIDTH = 256;

  /** Rows of b per block: 256 x 256 doubles, 512 KiB, stay in L2. */
  static final int DEPTH = 256;

  private BlockedMatMul() {}

  static void rows(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int r0, int r1, int k, int n) {
    for (int i = r0; i < r1; i++) {
      Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0.0);
    }
    for (int j0 = 0; j0 < n; j0 += WIDTH) {
      int j1 = Math.min(n, j0 + WIDTH);
      for (int p0 = 0; p0 < k; p0 += DEPTH) {
        int p1 = Math.min(k, p0 + DEPTH);
        int i = r0;
        for (; i + ROWS <= r1; i += ROWS) {
          strip4(a, aOff, ars, acs, b, bOff, c, cOff, i, p0, p1, j0, j1, n);
        }
        for (; i < r1; i++) {
          strip1(a, aOff + i * ars, acs, b, bOff, c, cOff + i * n, p0, p1, j0, j1, n);
        }
      }
    }
  }

  /** Rows i..i+3 of c, columns [j0, j1), terms [p0, p1). */
  private static void strip4(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int i, int p0, int p1, int j0, int j1, int n) {
    int a0 = aOff + i * ars;
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    int c0 = cOff + i * n;
    int c1 = c0 + n;
    int c2 = c1 + n;
    int c3 = c2 + n;
    int p = p0;
    // 4 rows x 4 terms per pass over j: each load of b serves 4 rows, each load and store of c
    // carries 4 multiply-adds, nested in increasing p. C2 does not vectorise this loop (it reads
    // one array at several offsets; measured the same with -XX:-UseSuperWord, about 16 GFLOP/s):
    // wide products take PackedMatMul, which newer JDKs do vectorise
    for (; p + 4 <= p1; p += 4) {
      int q0 = p * acs;
      int q1 = q0 + acs;
      int q2 = q1 + acs;
      int q3 = q2 + acs;
      double x00 = a[a0 + q0], x01 = a[a0 + q1], x02 = a[a0 + q2], x03 = a[a0 + q3];
      double x10 = a[a1 + q0], x11 = a[a1 + q1], x12 = a[a1 + q2], x13 = a[a1 + q3];
      double x20 = a[a2 + q0], x21 = a[a2 + q1], x22 = a[a2 + q2], x23 = a[a2 + q3];
      double x30 = a[a3 + q0], x31 = a[a3 + q1], x32 = a[a3 + q2], x33 = a[a3 + q3];
      int b0 = bOff + p * n;
      int b1 = b0 + n;
      int b2 = b1 + n;
      int b3 = b2 + n;
      for (int j = j0; j < j1; j++) {
        double y0 = b[b0 + j];
        double y1 = b[b1 + j];
        double y2 = b[b2 + j];
        double y3 = b[b3 + j];
        c[c0 + j] = Math.fma(x03, y3, Math.fma(x02, y2, Math.fma(x01, y1, Math.fma(x00, y0, c[c0 + j]))));
        c[c1 + j] = Math.fma(x13, y3, Math.fma(x12, y2, Math.fma(x11, y1, Math.fma(x10, y0, c[c1 + j]))));
        c[c2 + j] = Math.fma(x23, y3, Math.fma(x22, y2, Math.fma(x21, y1, Math.fma(x20, y0, c[c2 + j]))));
        c[c3 + j] = Math.fma(x33, y3, Math.fma(x32, y2, Math.fma(x31, y1, Math.fma(x30, y0, c[c3 + j]))));
      }
    }
    for (; p < p1; p++) {
      int q = p * acs;
      double x0 = a[a0 + q];
      double x1 = a[a1 + q];
      double x2 = a[a2 + q];
      double x3 = a[a3 + q];
      int bp = bOff + p * n;
      for (int j = j0; j < j1; j++) {
        double y = b[bp + j];
        c[c0 + j] = Math.fma(x0, y, c[c0 + j]);
        c[c1 + j] = Math.fma(x1, y, c[c1 + j]);
        c[c2 + j] = Math.fma(x2, y, c[c2 + j]);
        c[c3 + j] = Math.fma(x3, y, c[c3 + j]);
      }
    }
  }

  /** One row of c (starting at ci; its A row at ai), columns [j0, j1), terms [p0, p1). */
  private static void strip1(
      double[] a, int ai, int acs, double[] b, int bOff, double[] c, int ci,
      int p0, int p1, int j0, int j1, int n) {
    int p = p0;
    for (; p + 4 <= p1; p += 4) {
      double x0 = a[ai + p * acs];
      double x1 = a[ai + (p + 1) * acs];
      double x2 = a[ai + (p + 2) * acs];
      double x3 = a[ai + (p + 3) * acs];
      int b0 = bOff + p * n;
      for (int j = j0; j < j1; j++) {
        c[ci + j] = Math.fma(x3, b[b0 + 3 * n + j],
            Math.fma(x2, b[b0 + 2 * n + j], Math.fma(x1, b[b0 + n + j], Math.fma(x0, b[b0 + j], c[ci + j]))));
      }
    }
    for (; p < p1; p++) {
      double x = a[ai + p * acs];
      int bp = bOff + p * n;
      for (int j = j0; j < j1; j++) {
        c[ci + j] = Math.fma(x, b[bp + j], c[ci + j]);
      }
    }
  }
}

package io.github.nndsl.core.internal;

import static io.github.nndsl.core.internal.OwnUnit.never;

import java.util.Arrays;

/**
 * The plain-loop kernel for products with wide rows ({@link #MIN_WIDTH} columns of c or more):
 * {@code c[i][j] = chain over p of A(i, p) · b[p][j]} for the rows {@code [r0, r1)} of c, with
 * {@code A(i, p) = a[aOff + i·ars + p·acs]} as in {@link BlockedMatMul}.
 *
 * <p>Written for C2's superword pass, which vectorises a loop over separate arrays each read at the
 * loop index, but gives up on {@link BlockedMatMul}'s four rows of one array read at four offsets.
 * A block of b ({@link #DEPTH} rows of up to {@link #WIDTH} columns) is first copied into separate
 * row arrays, and two rows of c are carried in two accumulator arrays while the block passes over
 * them, three terms per pass. JDK 25's C2 vectorises that loop wherever it is compiled; JDK 17's
 * only when the loop is compiled as a method of its own, not inlined into the block loops. So the
 * two loop methods are kept out of inlining without any JVM flag ({@link OwnUnit}). Measured on
 * the project's machine (128x784x256, one thread, JDK 17, no flags): 11 GFLOP/s inlined, 28 kept
 * out.
 *
 * <p>Copies change no bits: every element of c is still the fma chain in increasing p from 0.0,
 * continued across blocks from the value it stored.
 */
final class PackedMatMul {

  /** Narrower products run {@link BlockedMatMul}: below this the vector loop barely starts. */
  static final int MIN_WIDTH = 64;

  /** Columns per block at most: blocks of a row are balanced, so none is much narrower. */
  static final int WIDTH = 256;

  /** Rows of b per block: 64 x 256 doubles, 128 KiB, stay in L2 while all rows of c pass. */
  static final int DEPTH = 64;

  private static final ThreadLocal<double[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new double[DEPTH + 2][WIDTH]);

  private PackedMatMul() {}

  static void rows(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int r0, int r1, int k, int n) {
    for (int i = r0; i < r1; i++) {
      Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0.0);
    }
    double[][] buffers = BUFFERS.get(); // rows 0..DEPTH-1: the block of b; then two of c
    double[] acc0 = buffers[DEPTH];
    double[] acc1 = buffers[DEPTH + 1];
    int blocks = (n + WIDTH - 1) / WIDTH;
    for (int blk = 0; blk < blocks; blk++) {
      int j0 = (int) ((long) n * blk / blocks);
      int w = (int) ((long) n * (blk + 1) / blocks) - j0;
      for (int p0 = 0; p0 < k; p0 += DEPTH) {
        int d = Math.min(DEPTH, k - p0);
        for (int q = 0; q < d; q++) {
          System.arraycopy(b, bOff + (p0 + q) * n + j0, buffers[q], 0, w);
        }
        int i = r0;
        for (; i + 2 <= r1; i += 2) {
          int c0 = cOff + i * n + j0;
          System.arraycopy(c, c0, acc0, 0, w);
          System.arraycopy(c, c0 + n, acc1, 0, w);
          int a0 = aOff + i * ars + p0 * acs;
          int a1 = a0 + ars;
          int q = 0;
          for (; q + 3 <= d; q += 3) {
            int o = q * acs;
            twoByThree(a[a0 + o], a[a0 + o + acs], a[a0 + o + 2 * acs],
                a[a1 + o], a[a1 + o + acs], a[a1 + o + 2 * acs],
                buffers[q], buffers[q + 1], buffers[q + 2], acc0, acc1, w);
          }
          for (; q < d; q++) {
            one(a[a0 + q * acs], buffers[q], acc0, w);
            one(a[a1 + q * acs], buffers[q], acc1, w);
          }
          System.arraycopy(acc0, 0, c, c0, w);
          System.arraycopy(acc1, 0, c, c0 + n, w);
        }
        if (i < r1) {
          int c0 = cOff + i * n + j0;
          System.arraycopy(c, c0, acc0, 0, w);
          int a0 = aOff + i * ars + p0 * acs;
          for (int q = 0; q < d; q++) {
            one(a[a0 + q * acs], buffers[q], acc0, w);
          }
          System.arraycopy(acc0, 0, c, c0, w);
        }
      }
    }
  }

  /** Two rows of c, three terms each, nested in increasing p: the loop C2 vectorises. */
  private static void twoByThree(
      double x00, double x01, double x02, double x10, double x11, double x12,
      double[] b0, double[] b1, double[] b2, double[] c0, double[] c1, int w) {
    for (int j = 0; j < w; j++) {
      double y0 = b0[j];
      double y1 = b1[j];
      double y2 = b2[j];
      c0[j] = Math.fma(x02, y2, Math.fma(x01, y1, Math.fma(x00, y0, c0[j])));
      c1[j] = Math.fma(x12, y2, Math.fma(x11, y1, Math.fma(x10, y0, c1[j])));
    }
    if (w < 0) { // never taken: it keeps the method out of inlining (OwnUnit)
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
    }
  }

  /** One term into one row of c. */
  private static void one(double x, double[] b0, double[] c0, int w) {
    for (int j = 0; j < w; j++) {
      c0[j] = Math.fma(x, b0[j], c0[j]);
    }
    if (w < 0) { // never taken: it keeps the method out of inlining (OwnUnit)
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
    }
  }
}

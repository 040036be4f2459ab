package io.github.nndsl.core.internal;

import java.util.Arrays;

/**
 * The float32 product of a frozen dense layer, {@code c = a · b} with a (m, k) from an offset, b
 * (k, n) and c (m, n) from 0: every element is one chain of float fused multiply-adds in increasing
 * {@code p} from {@code +0f}, {@code c = Math.fma(a[i][p], b[p][j], c)}, whichever path computes
 * it, so a row's answer does not depend on the batch it came in or the kernel that ran it.
 *
 * <p>Three plain-loop paths (and the Vector API kernel, {@link FloatVectorMatMul}, when the JVM has
 * it and {@link MatMul#vectorized()}): tiny products take a dot-product loop with no set-up; a lone
 * row (a served prediction) streams b's rows once, the loop over output columns innermost; more
 * rows go four at a time through four separate accumulator arrays, so each row of b, loaded once,
 * feeds four fmas. The inner loops read separate arrays at the loop index (no array is written at
 * one offset and read at another), the form C2's superword pass vectorises; each is a method of its
 * own, small enough to be compiled on its own as well as inlined.
 */
final class FloatMatMul {

  /** Up to this many multiply-adds (m·k·n) a product takes the dot-product loop. */
  static final long SMALL_WORK = 512;

  /** Columns per block at most: four rows' accumulators (8 KiB) stay in L1. */
  static final int WIDTH = 512;

  /** Rows of b per block: 128 x 512 floats (256 KiB) stay in L2 while every row of a passes. */
  static final int DEPTH = 128;

  private static final FloatRowKernel VECTOR = loadVectorKernel();

  private FloatMatMul() {}

  /**
   * The Vector API kernel, or null: loaded by name as {@link MatMul} loads {@link VectorMatMul},
   * only when the JVM was started with {@code --add-modules jdk.incubator.vector}.
   */
  private static @org.jspecify.annotations.Nullable FloatRowKernel loadVectorKernel() {
    java.util.Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
    if (vector.isEmpty()) {
      return null;
    }
    try {
      FloatMatMul.class.getModule().addReads(vector.get());
      return (FloatRowKernel) Class.forName("io.github.nndsl.core.internal.FloatVectorMatMul")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null; // the plain loops give the same bits
    }
  }

  /** Whether this JVM has the float Vector API kernel (used while {@link MatMul#vectorized()}). */
  static boolean vectorAvailable() {
    return VECTOR != null;
  }

  /**
   * {@code c = a · b}; {@code acc} holds four arrays of at least {@link #WIDTH} floats, the calling
   * thread's, contents undefined.
   */
  static void ab(float[] a, int aOff, float[] b, float[] c, int m, int k, int n, float[][] acc) {
    if ((long) m * k * n <= SMALL_WORK) {
      small(a, aOff, b, c, m, k, n);
    } else if (MatMul.vectorized() && VECTOR != null) {
      VECTOR.rows(a, aOff, b, c, m, k, n);
    } else if (m == 1) {
      oneRow(a, aOff, b, c, 0, k, n);
    } else {
      rows(a, aOff, b, c, m, k, n, acc);
    }
  }

  /** One dot-product chain per element, summed in a local: for tiny products any set-up costs more. */
  static void small(float[] a, int aOff, float[] b, float[] c, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * k;
      int ci = i * n;
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[ai + p], b[p * n + j], s);
        }
        c[ci + j] = s;
      }
    }
  }

  /**
   * One row of c at {@code ci}: each of b's rows is read once, straight from the weights (a copy
   * would cost as much memory traffic as the product).
   */
  static void oneRow(float[] a, int ai, float[] b, float[] c, int ci, int k, int n) {
    Arrays.fill(c, ci, ci + n, 0f);
    for (int p = 0; p < k; p++) {
      one(a[ai + p], b, p * n, c, ci, n);
    }
  }

  /**
   * Rows four at a time, in column blocks of at most {@link #WIDTH} and depth blocks of {@link
   * #DEPTH}: a block of b stays in cache while every group of rows passes over it, each group's
   * partial sums carried in the four accumulators and stored back into c between depth blocks
   * (which changes no bits: each chain continues from the float it stored). The last rows, fewer
   * than four, go one at a time.
   */
  static void rows(float[] a, int aOff, float[] b, float[] c, int m, int k, int n, float[][] acc) {
    float[] acc0 = acc[0];
    float[] acc1 = acc[1];
    float[] acc2 = acc[2];
    float[] acc3 = acc[3];
    int blocks = (n + WIDTH - 1) / WIDTH;
    for (int blk = 0; blk < blocks; blk++) {
      int j0 = (int) ((long) n * blk / blocks);
      int w = (int) ((long) n * (blk + 1) / blocks) - j0;
      for (int p0 = 0; p0 < k; p0 += DEPTH) {
        int p1 = Math.min(k, p0 + DEPTH);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
          int ci = i * n + j0;
          if (p0 == 0) {
            Arrays.fill(acc0, 0, w, 0f);
            Arrays.fill(acc1, 0, w, 0f);
            Arrays.fill(acc2, 0, w, 0f);
            Arrays.fill(acc3, 0, w, 0f);
          } else {
            System.arraycopy(c, ci, acc0, 0, w);
            System.arraycopy(c, ci + n, acc1, 0, w);
            System.arraycopy(c, ci + 2 * n, acc2, 0, w);
            System.arraycopy(c, ci + 3 * n, acc3, 0, w);
          }
          int ai = aOff + i * k;
          for (int p = p0; p < p1; p++) {
            four(a[ai + p], a[ai + k + p], a[ai + 2 * k + p], a[ai + 3 * k + p], b, p * n + j0,
                acc0, acc1, acc2, acc3, w);
          }
          System.arraycopy(acc0, 0, c, ci, w);
          System.arraycopy(acc1, 0, c, ci + n, w);
          System.arraycopy(acc2, 0, c, ci + 2 * n, w);
          System.arraycopy(acc3, 0, c, ci + 3 * n, w);
        }
        for (; i < m; i++) {
          int ci = i * n + j0;
          if (p0 == 0) {
            Arrays.fill(c, ci, ci + w, 0f);
          }
          int ai = aOff + i * k;
          for (int p = p0; p < p1; p++) {
            one(a[ai + p], b, p * n + j0, c, ci, w);
          }
        }
      }
    }
  }

  /** One term into one row: {@code c[ci + j] = fma(x, b[bp + j], c[ci + j])}, the loop C2 vectorises. */
  private static void one(float x, float[] b, int bp, float[] c, int ci, int w) {
    for (int j = 0; j < w; j++) {
      c[ci + j] = Math.fma(x, b[bp + j], c[ci + j]);
    }
  }

  /** One term into four rows, each its own array: one load of b feeds four fmas. */
  private static void four(float x0, float x1, float x2, float x3, float[] b, int bp,
      float[] c0, float[] c1, float[] c2, float[] c3, int w) {
    for (int j = 0; j < w; j++) {
      float y = b[bp + j];
      c0[j] = Math.fma(x0, y, c0[j]);
      c1[j] = Math.fma(x1, y, c1[j]);
      c2[j] = Math.fma(x2, y, c2[j]);
      c3[j] = Math.fma(x3, y, c3[j]);
    }
  }
}

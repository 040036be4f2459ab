package io.github.nndsl.core.internal;

import static io.github.nndsl.core.internal.OwnUnit.never;

import java.util.Arrays;

/**
 * The float32 product of a frozen dense layer, {@code c = a · b} with a (m, k) from an offset, b
 * (k, n) and c (m, n) from 0: every element is one chain of float fused multiply-adds in increasing
 * {@code p} from {@code +0f}, {@code c = Math.fma(a[i][p], b[p][j], c)}, whichever path computes
 * it, so a row's answer does not depend on the batch it came in or the kernel that ran it.
 *
 * <p>b is held as {@link #pack packed} rows: {@code b[blk][p]} is its own array holding row p's
 * columns of column block blk (one block up to {@link #WIDTH} columns). That is for C2's superword
 * pass: it vectorises {@code c[j] = fma(x, b[j], c[j])} when both arrays are read at the loop index
 * itself, and leaves the loop scalar (JDK 17 and 25 alike, seen in the code C2 emits) when one is
 * read at an offset, {@code b[p * n + j]}: the two accesses are then not comparable and it must
 * assume they overlap. So no inner loop here reads any array at an offset. (Seen on this project's
 * machine, AVX-512: with packed rows, {@code one} and {@code four} are vector fmas on JDK 17 and 25
 * whether compiled alone or inlined into {@code oneRow}, {@code rows} and the dense op; with a flat
 * b they stay scalar. C2 also leaves a loop whose profiled trip count is 64 or less scalar, so the
 * 64-wide layer of a 30-64-2 network runs scalar fmas here unless the Vector API is on.)
 *
 * <p>Three plain-loop paths (and the Vector API kernel, {@link FloatVectorMatMul}, when the JVM has
 * it and {@link MatMul#vectorized()}): tiny products take a dot-product loop with no set-up; a lone
 * row of a one-block layer (a served prediction) streams b's rows once into c, the loop over output
 * columns innermost; everything else goes four rows at a time through four separate accumulator
 * arrays, so each row of b, loaded once, feeds four fmas, the last rows one at a time.
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

  /**
   * The (k, n) matrix at {@code values[off]}, row-major, rounded to float and packed: {@code
   * [blk][p]} holds row p's columns {@code [start(n, blk), start(n, blk + 1))}; blocks are balanced,
   * so none is much narrower than the others.
   */
  static float[][][] pack(double[] values, int off, int k, int n) {
    int blocks = (n + WIDTH - 1) / WIDTH;
    float[][][] b = new float[blocks][k][];
    for (int blk = 0; blk < blocks; blk++) {
      int j0 = start(n, blocks, blk);
      int w = start(n, blocks, blk + 1) - j0;
      for (int p = 0; p < k; p++) {
        float[] row = new float[w];
        for (int j = 0; j < w; j++) {
          row[j] = (float) values[off + p * n + j0 + j];
        }
        b[blk][p] = row;
      }
    }
    return b;
  }

  /** The first column of block {@code blk} of {@code blocks} over n columns. */
  static int start(int n, int blocks, int blk) {
    return (int) ((long) n * blk / blocks);
  }

  /** Whether this JVM has the float Vector API kernel (used while {@link MatMul#vectorized()}). */
  static boolean vectorAvailable() {
    return VECTOR != null;
  }

  /**
   * {@code c = a · b}, b {@link #pack packed}; {@code acc} holds four arrays of at least {@link
   * #WIDTH} floats, the calling thread's, contents undefined.
   */
  static void ab(float[] a, int aOff, float[][][] b, float[] c, int m, int k, int n, float[][] acc) {
    if ((long) m * k * n <= SMALL_WORK) {
      small(a, aOff, b, c, m, k, n);
    } else if (MatMul.vectorized() && VECTOR != null) {
      VECTOR.rows(a, aOff, b, c, m, k, n);
    } else if (m == 1 && b.length == 1) {
      oneRow(a, aOff, b[0], c, k, n);
    } else {
      rows(a, aOff, b, c, m, k, n, acc);
    }
  }

  /** One dot-product chain per element, summed in a local: for tiny products any set-up costs more. */
  static void small(float[] a, int aOff, float[][][] b, float[] c, int m, int k, int n) {
    int blocks = b.length;
    for (int blk = 0; blk < blocks; blk++) {
      float[][] rows = b[blk];
      int j0 = start(n, blocks, blk);
      int w = start(n, blocks, blk + 1) - j0;
      for (int i = 0; i < m; i++) {
        int ai = aOff + i * k;
        int ci = i * n + j0;
        for (int j = 0; j < w; j++) {
          float s = 0f;
          for (int p = 0; p < k; p++) {
            s = Math.fma(a[ai + p], rows[p][j], s);
          }
          c[ci + j] = s;
        }
      }
    }
  }

  /**
   * The lone row of a one-block layer, straight into c from 0: each row of b is read once, from
   * the weights themselves (a copy would cost as much memory traffic as the product).
   */
  static void oneRow(float[] a, int ai, float[][] b, float[] c, int k, int n) {
    Arrays.fill(c, 0, n, 0f);
    int p = 0;
    for (; p + 4 <= k; p += 4) { // four terms per pass over c: a quarter of the stores
      oneByFour(a[ai + p], a[ai + p + 1], a[ai + p + 2], a[ai + p + 3], b[p], b[p + 1], b[p + 2], b[p + 3], c, n);
    }
    for (; p < k; p++) {
      one(a[ai + p], b[p], c, n);
    }
  }

  /**
   * Rows four at a time, per column block and in depth blocks of {@link #DEPTH}: a block of b
   * stays in cache while every group of rows passes over it, each group's partial sums carried in
   * the four accumulators and stored into c between depth blocks (which changes no bits: each chain
   * continues from the float it stored). The last rows, fewer than four, go one at a time.
   */
  static void rows(float[] a, int aOff, float[][][] b, float[] c, int m, int k, int n, float[][] acc) {
    float[] acc0 = acc[0];
    float[] acc1 = acc[1];
    float[] acc2 = acc[2];
    float[] acc3 = acc[3];
    int blocks = b.length;
    for (int blk = 0; blk < blocks; blk++) {
      float[][] rows = b[blk];
      int j0 = start(n, blocks, blk);
      int w = start(n, blocks, blk + 1) - j0;
      for (int p0 = 0; p0 < k; p0 += DEPTH) {
        int p1 = Math.min(k, p0 + DEPTH);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
          int ci = i * n + j0;
          load(c, ci, acc0, w, p0);
          load(c, ci + n, acc1, w, p0);
          load(c, ci + 2 * n, acc2, w, p0);
          load(c, ci + 3 * n, acc3, w, p0);
          int ai = aOff + i * k;
          for (int p = p0; p < p1; p++) {
            four(a[ai + p], a[ai + k + p], a[ai + 2 * k + p], a[ai + 3 * k + p], rows[p], acc0, acc1, acc2, acc3, w);
          }
          System.arraycopy(acc0, 0, c, ci, w);
          System.arraycopy(acc1, 0, c, ci + n, w);
          System.arraycopy(acc2, 0, c, ci + 2 * n, w);
          System.arraycopy(acc3, 0, c, ci + 3 * n, w);
        }
        for (; i < m; i++) {
          int ci = i * n + j0;
          load(c, ci, acc0, w, p0);
          int ai = aOff + i * k;
          for (int p = p0; p < p1; p++) {
            one(a[ai + p], rows[p], acc0, w);
          }
          System.arraycopy(acc0, 0, c, ci, w);
        }
      }
    }
  }

  /** An accumulator for a chain starting at term p0: 0 at the start, else what c holds so far. */
  private static void load(float[] c, int ci, float[] acc, int w, int p0) {
    if (p0 == 0) {
      Arrays.fill(acc, 0, w, 0f);
    } else {
      System.arraycopy(c, ci, acc, 0, w);
    }
  }

  /** One term into one row: both arrays read at the loop index, the loop C2 vectorises. */
  private static void one(float x, float[] b, float[] c, int w) {
    for (int j = 0; j < w; j++) {
      c[j] = Math.fma(x, b[j], c[j]);
    }
  }

  /** Four terms into one row, nested in increasing p: the same chain as four calls of {@link #one}. */
  private static void oneByFour(float x0, float x1, float x2, float x3, float[] b0, float[] b1, float[] b2,
      float[] b3, float[] c, int w) {
    for (int j = 0; j < w; j++) {
      c[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], c[j]))));
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

  /** One term into four rows, each its own array: one load of b feeds four fmas. */
  private static void four(float x0, float x1, float x2, float x3, float[] b,
      float[] c0, float[] c1, float[] c2, float[] c3, int w) {
    for (int j = 0; j < w; j++) {
      float y = b[j];
      c0[j] = Math.fma(x0, y, c0[j]);
      c1[j] = Math.fma(x1, y, c1[j]);
      c2[j] = Math.fma(x2, y, c2[j]);
      c3[j] = Math.fma(x3, y, c3[j]);
    }
  }
}

package io.github.nndsl.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMatMul}'s product written with the incubating Vector API, as {@link VectorMatMul} is
 * for float64: the same chain per element, {@code c = fma(a[i][p], b[p][j], c)} in increasing p
 * from {@code +0f}, computed in lanes (a lane-wise fma rounds exactly as {@link Math#fma(float,
 * float, float)}), so the bits are those of the plain loops.
 *
 * <p>Loaded by name by {@link FloatMatMul} only when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}; nothing else refers to this class.
 */
final class FloatVectorMatMul implements FloatRowKernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  /** Terms per block: a strip of c is carried in registers over this many p. */
  private static final int DEPTH = 256;

  /** Called reflectively by {@link FloatMatMul} once the incubator module is known to be present. */
  FloatVectorMatMul() {}

  @Override
  public void rows(float[] a, int aOff, float[][][] b, float[] c, int m, int k, int n) {
    java.util.Arrays.fill(c, 0, m * n, 0f);
    int blocks = b.length;
    for (int blk = 0; blk < blocks; blk++) {
      float[][] rows = b[blk];
      int j0 = FloatMatMul.start(n, blocks, blk);
      int w = FloatMatMul.start(n, blocks, blk + 1) - j0;
      block(a, aOff, rows, c, j0, w, m, k, n);
    }
  }

  /** Columns [j0, j0 + w) of c, from column block {@code rows} of b (its columns from 0). */
  private static void block(float[] a, int aOff, float[][] rows, float[] c, int j0, int w, int m, int k, int n) {
    int wide = w - w % (2 * LANES);
    int narrow = w - w % LANES;
    int tail = m - m % 4; // the last rows, fewer than four: a single row is a served prediction
    for (int p0 = 0; p0 < k; p0 += DEPTH) {
      int p1 = Math.min(k, p0 + DEPTH);
      for (int i = 0; i < tail; i += 4) {
        int ai = aOff + i * k;
        int ci = i * n + j0;
        int j = 0;
        for (; j < wide; j += 2 * LANES) {
          tile4x2(a, ai, k, rows, j, c, ci + j, p0, p1, n);
        }
        for (; j < narrow; j += LANES) {
          tile4x1(a, ai, k, rows, j, c, ci + j, p0, p1, n);
        }
        for (; j < w; j++) {
          for (int r = 0; r < 4; r++) {
            scalar(a, ai + r * k, rows, j, c, ci + r * n + j, p0, p1);
          }
        }
      }
      // a lone row has no other rows to interleave: eight vectors of columns at once keep eight
      // chains in flight instead of one waiting on each fma's latency
      for (int i = tail; i < m; i++) {
        int ai = aOff + i * k;
        int ci = i * n + j0;
        int j = 0;
        for (; j + 8 * LANES <= narrow; j += 8 * LANES) {
          tile1x8(a, ai, rows, j, c, ci + j, p0, p1);
        }
        for (; j < narrow; j += LANES) {
          tile1(a, ai, rows, j, c, ci + j, p0, p1);
        }
        for (; j < w; j++) {
          scalar(a, ai, rows, j, c, ci + j, p0, p1);
        }
      }
    }
  }

  /** A 4 x 2·LANES tile of c in eight registers over terms [p0, p1): two loads of b feed eight fmas. */
  private static void tile4x2(float[] a, int ai, int k, float[][] rows, int bj, float[] c, int ci, int p0, int p1, int n) {
    FloatVector c00 = FloatVector.fromArray(SPECIES, c, ci);
    FloatVector c01 = FloatVector.fromArray(SPECIES, c, ci + LANES);
    FloatVector c10 = FloatVector.fromArray(SPECIES, c, ci + n);
    FloatVector c11 = FloatVector.fromArray(SPECIES, c, ci + n + LANES);
    FloatVector c20 = FloatVector.fromArray(SPECIES, c, ci + 2 * n);
    FloatVector c21 = FloatVector.fromArray(SPECIES, c, ci + 2 * n + LANES);
    FloatVector c30 = FloatVector.fromArray(SPECIES, c, ci + 3 * n);
    FloatVector c31 = FloatVector.fromArray(SPECIES, c, ci + 3 * n + LANES);
    for (int p = p0; p < p1; p++) {
      int q = ai + p;
      float[] b = rows[p];
      FloatVector y0 = FloatVector.fromArray(SPECIES, b, bj);
      FloatVector y1 = FloatVector.fromArray(SPECIES, b, bj + LANES);
      FloatVector x = FloatVector.broadcast(SPECIES, a[q]);
      c00 = x.fma(y0, c00);
      c01 = x.fma(y1, c01);
      x = FloatVector.broadcast(SPECIES, a[q + k]);
      c10 = x.fma(y0, c10);
      c11 = x.fma(y1, c11);
      x = FloatVector.broadcast(SPECIES, a[q + 2 * k]);
      c20 = x.fma(y0, c20);
      c21 = x.fma(y1, c21);
      x = FloatVector.broadcast(SPECIES, a[q + 3 * k]);
      c30 = x.fma(y0, c30);
      c31 = x.fma(y1, c31);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + LANES);
    c10.intoArray(c, ci + n);
    c11.intoArray(c, ci + n + LANES);
    c20.intoArray(c, ci + 2 * n);
    c21.intoArray(c, ci + 2 * n + LANES);
    c30.intoArray(c, ci + 3 * n);
    c31.intoArray(c, ci + 3 * n + LANES);
  }

  /** Four rows by LANES columns of c over terms [p0, p1): four chains in flight. */
  private static void tile4x1(float[] a, int ai, int k, float[][] rows, int bj, float[] c, int ci, int p0, int p1, int n) {
    FloatVector c0 = FloatVector.fromArray(SPECIES, c, ci);
    FloatVector c1 = FloatVector.fromArray(SPECIES, c, ci + n);
    FloatVector c2 = FloatVector.fromArray(SPECIES, c, ci + 2 * n);
    FloatVector c3 = FloatVector.fromArray(SPECIES, c, ci + 3 * n);
    for (int p = p0; p < p1; p++) {
      int q = ai + p;
      FloatVector y = FloatVector.fromArray(SPECIES, rows[p], bj);
      c0 = FloatVector.broadcast(SPECIES, a[q]).fma(y, c0);
      c1 = FloatVector.broadcast(SPECIES, a[q + k]).fma(y, c1);
      c2 = FloatVector.broadcast(SPECIES, a[q + 2 * k]).fma(y, c2);
      c3 = FloatVector.broadcast(SPECIES, a[q + 3 * k]).fma(y, c3);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + n);
    c2.intoArray(c, ci + 2 * n);
    c3.intoArray(c, ci + 3 * n);
  }

  /** One row by 8·LANES columns of c over terms [p0, p1): eight chains in flight. */
  private static void tile1x8(float[] a, int ai, float[][] rows, int bj, float[] c, int ci, int p0, int p1) {
    FloatVector s0 = FloatVector.fromArray(SPECIES, c, ci);
    FloatVector s1 = FloatVector.fromArray(SPECIES, c, ci + LANES);
    FloatVector s2 = FloatVector.fromArray(SPECIES, c, ci + 2 * LANES);
    FloatVector s3 = FloatVector.fromArray(SPECIES, c, ci + 3 * LANES);
    FloatVector s4 = FloatVector.fromArray(SPECIES, c, ci + 4 * LANES);
    FloatVector s5 = FloatVector.fromArray(SPECIES, c, ci + 5 * LANES);
    FloatVector s6 = FloatVector.fromArray(SPECIES, c, ci + 6 * LANES);
    FloatVector s7 = FloatVector.fromArray(SPECIES, c, ci + 7 * LANES);
    for (int p = p0; p < p1; p++) {
      FloatVector x = FloatVector.broadcast(SPECIES, a[ai + p]);
      float[] b = rows[p];
      int bp = bj;
      s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
      s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), s1);
      s2 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 2 * LANES), s2);
      s3 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 3 * LANES), s3);
      s4 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 4 * LANES), s4);
      s5 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 5 * LANES), s5);
      s6 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 6 * LANES), s6);
      s7 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 7 * LANES), s7);
    }
    s0.intoArray(c, ci);
    s1.intoArray(c, ci + LANES);
    s2.intoArray(c, ci + 2 * LANES);
    s3.intoArray(c, ci + 3 * LANES);
    s4.intoArray(c, ci + 4 * LANES);
    s5.intoArray(c, ci + 5 * LANES);
    s6.intoArray(c, ci + 6 * LANES);
    s7.intoArray(c, ci + 7 * LANES);
  }

  /** One row by LANES columns of c over terms [p0, p1). */
  private static void tile1(float[] a, int ai, float[][] rows, int bj, float[] c, int ci, int p0, int p1) {
    FloatVector s = FloatVector.fromArray(SPECIES, c, ci);
    for (int p = p0; p < p1; p++) {
      s = FloatVector.broadcast(SPECIES, a[ai + p]).fma(FloatVector.fromArray(SPECIES, rows[p], bj), s);
    }
    s.intoArray(c, ci);
  }

  /** One element of c (a column past the last whole vector), its chain continued over [p0, p1). */
  private static void scalar(float[] a, int ai, float[][] rows, int j, float[] c, int ci, int p0, int p1) {
    float s = c[ci];
    for (int p = p0; p < p1; p++) {
      s = Math.fma(a[ai + p], rows[p][j], s);
    }
    c[ci] = s;
  }
}

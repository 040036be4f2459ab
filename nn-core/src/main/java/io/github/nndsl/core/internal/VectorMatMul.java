package io.github.nndsl.core.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked kernel of {@link BlockedMatMul} written with the incubating Vector API: the same
 * chain per element, {@code c = fma(A(i, p), b[p][j], c)} in increasing p from 0.0, computed in
 * lanes (a lane-wise fma rounds exactly as {@link Math#fma}), so the results are bit for bit those
 * of the scalar kernel.
 *
 * <p>Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector} (see {@link
 * MatMul#vectorAvailable()}), by name, through {@link RowKernel}: nothing else in nn-core refers
 * to this class or to the incubator module, so the module descriptor need not mention it and the
 * Javadoc of the API never meets it.
 */
final class VectorMatMul implements RowKernel {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  /** Terms per block: a 4-row strip of c is carried in registers over this many p. */
  private static final int DEPTH = 256;

  /** Called reflectively by {@link MatMul} once the incubator module is known to be present. */
  VectorMatMul() {}

  @Override
  public void rows(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int r0, int r1, int k, int n) {
    for (int i = r0; i < r1; i++) {
      java.util.Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0.0);
    }
    int wide = n - n % (2 * LANES);
    int narrow = n - n % LANES;
    int tail = r1 - (r1 - r0) % 4; // the last rows, fewer than four: a single row is a served prediction
    for (int p0 = 0; p0 < k; p0 += DEPTH) {
      int p1 = Math.min(k, p0 + DEPTH);
      for (int j = 0; j < wide; j += 2 * LANES) {
        for (int i = r0; i < tail; i += 4) {
          tile4x2(a, aOff + i * ars, ars, acs, b, bOff + j, c, cOff + i * n + j, p0, p1, n);
        }
      }
      // narrow outputs (10 classes: one vector and two columns) take rows four at a time, so
      // four chains are in flight instead of one waiting on each fma's latency
      for (int j = wide; j < narrow; j += LANES) {
        for (int i = r0; i < tail; i += 4) {
          tile4x1(a, aOff + i * ars, ars, acs, b, bOff + j, c, cOff + i * n + j, p0, p1, n);
        }
      }
      // a lone row has no other rows to interleave: it takes eight vectors of columns at once, so
      // eight chains are in flight instead of one (each still in increasing p, the same bits)
      for (int i = tail; i < r1; i++) {
        int j = 0;
        for (; j + 8 * LANES <= narrow; j += 8 * LANES) {
          tile1x8(a, aOff + i * ars, acs, b, bOff + j, c, cOff + i * n + j, p0, p1, n);
        }
        for (; j < narrow; j += LANES) {
          tile1(a, aOff + i * ars, acs, b, bOff + j, c, cOff + i * n + j, p0, p1, n);
        }
      }
      if (narrow < n) {
        int i = r0;
        for (; i + 4 <= r1; i += 4) {
          scalar4(a, aOff + i * ars, ars, acs, b, bOff, c, cOff + i * n, p0, p1, narrow, n);
        }
        for (; i < r1; i++) {
          int ai = aOff + i * ars;
          int ci = cOff + i * n;
          for (int j = narrow; j < n; j++) {
            double s = c[ci + j];
            for (int p = p0; p < p1; p++) {
              s = Math.fma(a[ai + p * acs], b[bOff + p * n + j], s);
            }
            c[ci + j] = s;
          }
        }
      }
    }
  }

  /**
   * A 4 x 2·LANES tile of c held in eight registers over terms [p0, p1): per p, two loads of b and
   * four broadcasts of a feed eight fmas, so the FMA units, not memory, set the pace.
   */
  private static void tile4x2(
      double[] a, int ai, int ars, int acs, double[] b, int bj, double[] c, int ci, int p0, int p1, int n) {
    DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, ci);
    DoubleVector c01 = DoubleVector.fromArray(SPECIES, c, ci + LANES);
    DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, ci + n);
    DoubleVector c11 = DoubleVector.fromArray(SPECIES, c, ci + n + LANES);
    DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, ci + 2 * n);
    DoubleVector c21 = DoubleVector.fromArray(SPECIES, c, ci + 2 * n + LANES);
    DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, ci + 3 * n);
    DoubleVector c31 = DoubleVector.fromArray(SPECIES, c, ci + 3 * n + LANES);
    for (int p = p0; p < p1; p++) {
      int q = ai + p * acs;
      int bp = bj + p * n;
      DoubleVector y0 = DoubleVector.fromArray(SPECIES, b, bp);
      DoubleVector y1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
      DoubleVector x = DoubleVector.broadcast(SPECIES, a[q]);
      c00 = x.fma(y0, c00);
      c01 = x.fma(y1, c01);
      x = DoubleVector.broadcast(SPECIES, a[q + ars]);
      c10 = x.fma(y0, c10);
      c11 = x.fma(y1, c11);
      x = DoubleVector.broadcast(SPECIES, a[q + 2 * ars]);
      c20 = x.fma(y0, c20);
      c21 = x.fma(y1, c21);
      x = DoubleVector.broadcast(SPECIES, a[q + 3 * ars]);
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
  private static void tile4x1(
      double[] a, int ai, int ars, int acs, double[] b, int bj, double[] c, int ci, int p0, int p1, int n) {
    DoubleVector c0 = DoubleVector.fromArray(SPECIES, c, ci);
    DoubleVector c1 = DoubleVector.fromArray(SPECIES, c, ci + n);
    DoubleVector c2 = DoubleVector.fromArray(SPECIES, c, ci + 2 * n);
    DoubleVector c3 = DoubleVector.fromArray(SPECIES, c, ci + 3 * n);
    for (int p = p0; p < p1; p++) {
      int q = ai + p * acs;
      DoubleVector y = DoubleVector.fromArray(SPECIES, b, bj + p * n);
      c0 = DoubleVector.broadcast(SPECIES, a[q]).fma(y, c0);
      c1 = DoubleVector.broadcast(SPECIES, a[q + ars]).fma(y, c1);
      c2 = DoubleVector.broadcast(SPECIES, a[q + 2 * ars]).fma(y, c2);
      c3 = DoubleVector.broadcast(SPECIES, a[q + 3 * ars]).fma(y, c3);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + n);
    c2.intoArray(c, ci + 2 * n);
    c3.intoArray(c, ci + 3 * n);
  }

  /** Four rows of c, columns [j0, n) (fewer than LANES), one scalar chain per element, four at a time. */
  private static void scalar4(
      double[] a, int ai, int ars, int acs, double[] b, int bOff, double[] c, int ci, int p0, int p1, int j0, int n) {
    for (int j = j0; j < n; j++) {
      double s0 = c[ci + j];
      double s1 = c[ci + n + j];
      double s2 = c[ci + 2 * n + j];
      double s3 = c[ci + 3 * n + j];
      for (int p = p0; p < p1; p++) {
        int q = ai + p * acs;
        double y = b[bOff + p * n + j];
        s0 = Math.fma(a[q], y, s0);
        s1 = Math.fma(a[q + ars], y, s1);
        s2 = Math.fma(a[q + 2 * ars], y, s2);
        s3 = Math.fma(a[q + 3 * ars], y, s3);
      }
      c[ci + j] = s0;
      c[ci + n + j] = s1;
      c[ci + 2 * n + j] = s2;
      c[ci + 3 * n + j] = s3;
    }
  }

  /** One row by 8·LANES columns of c over terms [p0, p1): eight chains in flight. */
  private static void tile1x8(
      double[] a, int ai, int acs, double[] b, int bj, double[] c, int ci, int p0, int p1, int n) {
    DoubleVector s0 = DoubleVector.fromArray(SPECIES, c, ci);
    DoubleVector s1 = DoubleVector.fromArray(SPECIES, c, ci + LANES);
    DoubleVector s2 = DoubleVector.fromArray(SPECIES, c, ci + 2 * LANES);
    DoubleVector s3 = DoubleVector.fromArray(SPECIES, c, ci + 3 * LANES);
    DoubleVector s4 = DoubleVector.fromArray(SPECIES, c, ci + 4 * LANES);
    DoubleVector s5 = DoubleVector.fromArray(SPECIES, c, ci + 5 * LANES);
    DoubleVector s6 = DoubleVector.fromArray(SPECIES, c, ci + 6 * LANES);
    DoubleVector s7 = DoubleVector.fromArray(SPECIES, c, ci + 7 * LANES);
    for (int p = p0; p < p1; p++) {
      DoubleVector x = DoubleVector.broadcast(SPECIES, a[ai + p * acs]);
      int bp = bj + p * n;
      s0 = x.fma(DoubleVector.fromArray(SPECIES, b, bp), s0);
      s1 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + LANES), s1);
      s2 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + 2 * LANES), s2);
      s3 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + 3 * LANES), s3);
      s4 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + 4 * LANES), s4);
      s5 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + 5 * LANES), s5);
      s6 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + 6 * LANES), s6);
      s7 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + 7 * LANES), s7);
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
  private static void tile1(
      double[] a, int ai, int acs, double[] b, int bj, double[] c, int ci, int p0, int p1, int n) {
    DoubleVector s = DoubleVector.fromArray(SPECIES, c, ci);
    for (int p = p0; p < p1; p++) {
      s = DoubleVector.broadcast(SPECIES, a[ai + p * acs]).fma(DoubleVector.fromArray(SPECIES, b, bj + p * n), s);
    }
    s.intoArray(c, ci);
  }
}

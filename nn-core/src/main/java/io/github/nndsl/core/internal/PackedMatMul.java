package io.github.nndsl.core.internal;

import static io.github.nndsl.core.internal.OwnUnit.never;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The plain-loop kernel for products with wide rows ({@link #MIN_WIDTH} columns of c or more):
 * {@code c[i][j] = chain over p of A(i, p) · b[p][j]} for the rows {@code [r0, r1)} of c, with
 * {@code A(i, p) = a[aOff + i·ars + p·acs]} as in {@link BlockedMatMul}.
 *
 * <p>Written for C2's superword pass, which vectorises a loop over separate arrays each read at the
 * loop index, but gives up on {@link BlockedMatMul}'s four rows of one array read at four offsets.
 * A block of b ({@link #DEPTH} rows of up to {@link #WIDTH} columns) is first copied into separate
 * row arrays, and four rows of c are carried in four accumulator arrays while the block passes over
 * them, two terms per pass (a lone row: four terms per pass). JDK 25's C2 vectorises that loop wherever it is compiled; JDK 17's
 * only when the loop is compiled as a method of its own, not inlined into the block loops. So the
 * two loop methods are kept out of inlining without any JVM flag ({@link OwnUnit}). Measured on
 * the project's machine (128x784x256, one thread, JDK 17, no flags, thread CPU time, a loaded
 * machine): 11 GFLOP/s inlined, 25 kept out; four rows by two terms and blocks of 128 terms 29,
 * against two by three and 64 (more rows or terms per pass and JDK 17 no longer vectorises the
 * loop: its body outgrows the unrolling the superword pass needs).
 *
 * <p>Copies change no bits: every element of c is still the fma chain in increasing p from 0.0,
 * continued across blocks from the value it stored.
 */
final class PackedMatMul {

  /** Narrower products run {@link BlockedMatMul}: below this the vector loop barely starts. */
  static final int MIN_WIDTH = 64;

  /** Columns per block at most: blocks of a row are balanced, so none is much narrower. */
  static final int WIDTH = 256;

  /** Rows of b per block: 128 x 256 doubles, 256 KiB, stay in L2 while all rows of c pass. */
  static final int DEPTH = 128;

  /** Rows of c carried together through a block. */
  private static final int ROWS = 4;

  /**
   * Per thread, the row buffers (rows 0..DEPTH-1: a block of b; then four accumulator rows of c
   * and a bias row) for each width in steps of 8 columns, each row exactly that long. Rows of a
   * fixed 256 doubles served narrower blocks badly: 64 rows 2,064 bytes apart fall into a few L1
   * sets, and a 32x64x64 product took 17 us against 9 with rows of 64 (thread CPU time, JDK 17).
   */
  private static final ThreadLocal<double[][][]> BUFFERS =
      ThreadLocal.withInitial(() -> new double[WIDTH / 8 + 1][][]);

  /** The calling thread's row buffers for blocks of up to w columns. */
  private static double[][] buffers(int w) {
    double[][][] byWidth = BUFFERS.get();
    int slot = (w + 7) / 8;
    double[][] buffers = byWidth[slot];
    if (buffers == null) {
      // 6 doubles more than the width: with its 16-byte header each row is then a multiple of 64
      // bytes, so the rows, allocated one after the other, share one alignment within a cache
      // line, and the superword loop's pre-loop, which aligns one array, aligns them all
      buffers = new double[DEPTH + ROWS + 1][slot * 8 + 6];
      byWidth[slot] = buffers;
    }
    return buffers;
  }

  private PackedMatMul() {}

  static void rows(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int r0, int r1, int k, int n) {
    rows(a, aOff, ars, acs, b, bOff, c, cOff, r0, r1, k, n, NO_BIAS, -1, false);
  }

  /**
   * {@link #rows}, then a dense layer's bias ({@code bias[biasOff + j]}, a separate addition; none
   * when biasOff is negative) and, when relu, {@code Math.max(z, 0.0)}, applied to each row's sums
   * as the last block of terms stores them: the bits of the product followed by {@link
   * Elementwise#addRow} and {@link Elementwise#relu}, without their passes over c (the first is
   * scalar on JDK 17: it reads c and the bias at two offsets).
   */
  static void rows(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int r0, int r1, int k, int n, double[] bias, int biasOff, boolean relu) {
    rowsStrided(a, aOff, ars, acs, b, bOff, n, 1, c, cOff, r0, r1, k, n, bias, biasOff, relu);
  }

  /**
   * {@link #rows} with b read through strides, {@code B(p, j) = b[bOff + p·brs + j·bcs]}: each
   * block's rows are gathered into the row buffers (copied when {@code bcs} is 1), so a product
   * whose b is another matrix's transpose needs no transposed copy of it first. The same bits.
   */
  static void rowsStrided(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs, double[] c, int cOff,
      int r0, int r1, int k, int n) {
    rowsStrided(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, r0, r1, k, n, NO_BIAS, -1, false);
  }

  private static void rowsStrided(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs, double[] c, int cOff,
      int r0, int r1, int k, int n, double[] bias, int biasOff, boolean relu) {
    if (k == 0) {
      zero(c, cOff, r0, r1, n);
      epilogue(c, cOff, r0, r1, n, bias, biasOff, relu);
      return;
    }
    int blocks = blocks(n);
    double[][] buffers = buffers((n + blocks - 1) / blocks); // the widest block's
    for (int blk = 0; blk < blocks; blk++) {
      int j0 = start(n, blk, blocks);
      int w = start(n, blk + 1, blocks) - j0;
      for (int p0 = 0; p0 < k; p0 += DEPTH) {
        int d = Math.min(DEPTH, k - p0);
        for (int q = 0; q < d; q++) {
          double[] row = buffers[q];
          int from = bOff + (p0 + q) * brs + j0 * bcs;
          if (bcs == 1) {
            System.arraycopy(b, from, row, 0, w);
          } else {
            for (int j = 0; j < w; j++) {
              row[j] = b[from + j * bcs];
            }
          }
        }
        boolean last = p0 + d == k;
        block(a, aOff, ars, acs, buffers, 0, buffers, c, cOff, r0, r1, n, j0, w, p0, d,
            bias, last ? biasOff : -1, last && relu);
      }
    }
  }

  /**
   * b (k, n) laid out once as {@link #rowsPacked} reads it: for each block of columns, one array
   * per row of b holding that block's columns. A frozen layer keeps its weights so, and a served
   * row then copies nothing (the copy of b's blocks costs as much memory traffic as a lone row's
   * product).
   */
  static double[][][] pack(double[] b, int bOff, int k, int n) {
    int blocks = blocks(n);
    double[][][] packed = new double[blocks][k][];
    for (int blk = 0; blk < blocks; blk++) {
      int j0 = start(n, blk, blocks);
      int w = start(n, blk + 1, blocks) - j0;
      for (int p = 0; p < k; p++) {
        packed[blk][p] = Arrays.copyOfRange(b, bOff + p * n + j0, bOff + p * n + j0 + w);
      }
    }
    return packed;
  }

  /** {@link #rows} with b already {@link #pack packed}: the same bits, no copy of b. */
  static void rowsPacked(
      double[] a, int aOff, int ars, int acs, double[][][] packed, double[] c, int cOff,
      int r0, int r1, int k, int n, double[] bias, int biasOff, boolean relu) {
    if (k == 0) {
      zero(c, cOff, r0, r1, n);
      epilogue(c, cOff, r0, r1, n, bias, biasOff, relu);
      return;
    }
    int blocks = packed.length;
    double[][] buffers = buffers((n + blocks - 1) / blocks); // only the accumulator and bias rows
    for (int blk = 0; blk < blocks; blk++) {
      int j0 = start(n, blk, blocks);
      int w = start(n, blk + 1, blocks) - j0;
      for (int p0 = 0; p0 < k; p0 += DEPTH) {
        int d = Math.min(DEPTH, k - p0);
        boolean last = p0 + d == k;
        block(a, aOff, ars, acs, packed[blk], p0, buffers, c, cOff, r0, r1, n, j0, w, p0, d,
            bias, last ? biasOff : -1, last && relu);
      }
    }
  }

  private static final double[] NO_BIAS = new double[0];

  /** The epilogue on rows [r0, r1) of c in place, for an empty product's zeros. */
  private static void epilogue(double[] c, int cOff, int r0, int r1, int n, double[] bias, int biasOff, boolean relu) {
    for (int i = r0; i < r1; i++) {
      for (int j = 0; j < n; j++) {
        int e = cOff + i * n + j;
        double z = biasOff >= 0 ? c[e] + bias[biasOff + j] : c[e];
        c[e] = relu ? Math.max(z, 0.0) : z;
      }
    }
  }

  private static void zero(double[] c, int cOff, int r0, int r1, int n) {
    for (int i = r0; i < r1; i++) {
      Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0.0);
    }
  }

  /**
   * Loads a row's running sums into an accumulator: +0.0 at the first block of terms (where every
   * chain starts; c is not read, so it need not be cleared first), else what c holds so far.
   */
  private static void load(double[] c, int ci, double[] acc, int w, int p0) {
    if (p0 == 0) {
      Arrays.fill(acc, 0, w, 0.0);
    } else {
      System.arraycopy(c, ci, acc, 0, w);
    }
  }

  private static int blocks(int n) {
    return (n + WIDTH - 1) / WIDTH;
  }

  /** The first column of block blk of n columns in blocks blocks: blocks are balanced. */
  private static int start(int n, int blk, int blocks) {
    return (int) ((long) n * blk / blocks);
  }

  /**
   * Rows [r0, r1) of c, columns [j0, j0 + w), terms [p0, p0 + d), with b's rows for those terms in
   * {@code bRows[base]} to {@code bRows[base + d - 1]} (columns from index 0), continuing each
   * element's chain from the value c holds.
   */
  private static void block(
      double[] a, int aOff, int ars, int acs, double[][] bRows, int base, double[][] buffers, double[] c, int cOff,
      int r0, int r1, int n, int j0, int w, int p0, int d, double[] bias, int biasOff, boolean relu) {
    double @Nullable [] biasRow = null;
    if (biasOff >= 0) {
      biasRow = buffers[DEPTH + ROWS];
      System.arraycopy(bias, biasOff + j0, biasRow, 0, w);
    }
    double[] acc0 = buffers[DEPTH];
    double[] acc1 = buffers[DEPTH + 1];
    double[] acc2 = buffers[DEPTH + 2];
    double[] acc3 = buffers[DEPTH + 3];
    int i = r0;
    for (; i + ROWS <= r1; i += ROWS) {
      int c0 = cOff + i * n + j0;
      boolean fresh = p0 == 0 && d >= 2; // the first pass then writes the accumulators
      if (!fresh) {
        load(c, c0, acc0, w, p0);
        load(c, c0 + n, acc1, w, p0);
        load(c, c0 + 2 * n, acc2, w, p0);
        load(c, c0 + 3 * n, acc3, w, p0);
      }
      fourRows(a, aOff + i * ars + p0 * acs, ars, acs, bRows, base, d, acc0, acc1, acc2, acc3, w, fresh);
      store(acc0, c, c0, w, biasRow, relu);
      store(acc1, c, c0 + n, w, biasRow, relu);
      store(acc2, c, c0 + 2 * n, w, biasRow, relu);
      store(acc3, c, c0 + 3 * n, w, biasRow, relu);
    }
    for (; i < r1; i++) { // the last rows, fewer than four (a served prediction is one)
      int c0 = cOff + i * n + j0;
      load(c, c0, acc0, w, p0);
      oneRow(a, aOff + i * ars + p0 * acs, acs, bRows, base, d, acc0, w);
      store(acc0, c, c0, w, biasRow, relu);
    }
  }

  /**
   * The d terms of a block into four rows of c (accumulators acc0 to acc3), the first row's terms
   * at {@code a[a0 + q·acs]} and each next row's ars further on. A method of its own, apart from
   * {@link #block}'s loop over rows, for the first fit in a fresh JVM: with the loop over terms
   * inside the loop over rows, C2 compiled the nest three times on-stack and three times whole,
   * each time hoisting checks on the products seen so far and failing them on the next product's
   * shape, and the kernels ran without their compiled caller until about 0.4 s into the fit
   * (digits recipe: cold fit 0.704 -> 0.645 s, mean of six JVMs; warm fits unchanged).
   */
  private static void fourRows(
      double[] a, int a0, int ars, int acs, double[][] bRows, int base, int d,
      double[] acc0, double[] acc1, double[] acc2, double[] acc3, int w, boolean fresh) {
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    int q = 0;
    if (fresh) { // the first two terms of every chain, from +0.0, into accumulators not yet written
      fourByTwoFirst(a[a0], a[a0 + acs], a[a1], a[a1 + acs], a[a2], a[a2 + acs], a[a3], a[a3 + acs],
          bRows[base], bRows[base + 1], acc0, acc1, acc2, acc3, w);
      q = 2;
    }
    for (; q + 2 <= d; q += 2) {
      int o = q * acs;
      int o1 = o + acs;
      fourByTwo(a[a0 + o], a[a0 + o1], a[a1 + o], a[a1 + o1], a[a2 + o], a[a2 + o1], a[a3 + o], a[a3 + o1],
          bRows[base + q], bRows[base + q + 1], acc0, acc1, acc2, acc3, w);
    }
    if (q < d) {
      int o = q * acs;
      one(a[a0 + o], bRows[base + q], acc0, w);
      one(a[a1 + o], bRows[base + q], acc1, w);
      one(a[a2 + o], bRows[base + q], acc2, w);
      one(a[a3 + o], bRows[base + q], acc3, w);
    }
  }

  /** The d terms of a block into one row of c (accumulator acc0), its terms at {@code a[a0 + q·acs]}. */
  private static void oneRow(double[] a, int a0, int acs, double[][] bRows, int base, int d, double[] acc0, int w) {
    int q = 0;
    for (; q + 4 <= d; q += 4) {
      int o = a0 + q * acs;
      oneByFour(a[o], a[o + acs], a[o + 2 * acs], a[o + 3 * acs],
          bRows[base + q], bRows[base + q + 1], bRows[base + q + 2], bRows[base + q + 3], acc0, w);
    }
    for (; q < d; q++) {
      one(a[a0 + q * acs], bRows[base + q], acc0, w);
    }
  }

  /**
   * Stores w finished sums from acc into c at ci, the bias row {@code biasRow[0, w)} added first
   * when there is one and the rectifier taken when relu, both in place in acc (loops over arrays
   * read at one index, which JDK 17's superword pass vectorises).
   */
  private static void store(double[] acc, double[] c, int ci, int w, double @Nullable [] biasRow, boolean relu) {
    if (biasRow != null) {
      if (relu) {
        biasRelu(acc, biasRow, w);
      } else {
        biased(acc, biasRow, w);
      }
    } else if (relu) {
      rectified(acc, w);
    }
    System.arraycopy(acc, 0, c, ci, w);
  }

  /** {@code acc = max(acc + bias, 0.0)}: {@link Elementwise#addRow}'s addition, then {@link Elementwise#relu}. */
  private static void biasRelu(double[] acc, double[] bias, int w) {
    for (int j = 0; j < w; j++) {
      acc[j] = Math.max(acc[j] + bias[j], 0.0);
    }
    if (w < 0) { // never taken: it keeps the method out of inlining (OwnUnit; a short loop, so 80 calls)
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
    }
  }

  /** {@code acc = acc + bias}, {@link Elementwise#addRow}'s addition. */
  private static void biased(double[] acc, double[] bias, int w) {
    for (int j = 0; j < w; j++) {
      acc[j] = acc[j] + bias[j];
    }
    if (w < 0) { // never taken: it keeps the method out of inlining (OwnUnit; a short loop, so 80 calls)
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
    }
  }

  /** {@code acc = max(acc, 0.0)}, {@link Elementwise#relu}. */
  private static void rectified(double[] acc, int w) {
    for (int j = 0; j < w; j++) {
      acc[j] = Math.max(acc[j], 0.0);
    }
    if (w < 0) { // never taken: it keeps the method out of inlining (OwnUnit; a short loop, so 80 calls)
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
      never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w); never(w);
    }
  }

  /** Four rows of c, two terms each, nested in increasing p: the loop C2 vectorises. */
  private static void fourByTwo(
      double x00, double x01, double x10, double x11, double x20, double x21, double x30, double x31,
      double[] b0, double[] b1, double[] c0, double[] c1, double[] c2, double[] c3, int w) {
    for (int j = 0; j < w; j++) {
      double y0 = b0[j];
      double y1 = b1[j];
      c0[j] = Math.fma(x01, y1, Math.fma(x00, y0, c0[j]));
      c1[j] = Math.fma(x11, y1, Math.fma(x10, y0, c1[j]));
      c2[j] = Math.fma(x21, y1, Math.fma(x20, y0, c2[j]));
      c3[j] = Math.fma(x31, y1, Math.fma(x30, y0, c3[j]));
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

  /**
   * {@link #fourByTwo} on accumulators of +0.0 without reading them: each chain's first term is
   * {@code fma(x, y, 0.0)}, as from a cleared accumulator (so no pass clears them first).
   */
  private static void fourByTwoFirst(
      double x00, double x01, double x10, double x11, double x20, double x21, double x30, double x31,
      double[] b0, double[] b1, double[] c0, double[] c1, double[] c2, double[] c3, int w) {
    for (int j = 0; j < w; j++) {
      double y0 = b0[j];
      double y1 = b1[j];
      c0[j] = Math.fma(x01, y1, Math.fma(x00, y0, 0.0));
      c1[j] = Math.fma(x11, y1, Math.fma(x10, y0, 0.0));
      c2[j] = Math.fma(x21, y1, Math.fma(x20, y0, 0.0));
      c3[j] = Math.fma(x31, y1, Math.fma(x30, y0, 0.0));
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

  /** One row of c, four terms, nested in increasing p. */
  private static void oneByFour(
      double x0, double x1, double x2, double x3, double[] b0, double[] b1, double[] b2, double[] b3,
      double[] c0, int w) {
    for (int j = 0; j < w; j++) {
      c0[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], c0[j]))));
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

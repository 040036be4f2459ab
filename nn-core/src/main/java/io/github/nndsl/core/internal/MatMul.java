package io.github.nndsl.core.internal;

/**
 * Matrix products on flat row-major arrays with offsets: the three forms a dense layer needs.
 *
 * <p>Every element is one chain of fused multiply-adds in increasing {@code k}, starting from
 * {@code 0.0}: {@code c = fma(a[k], b[k], c)}. That is the order OpenBLAS's {@code dgemm} uses for
 * the small products of the exercise (checked against NumPy), it rounds once per step, and it does
 * not depend on blocking or thread count, so every caller gets the same bits.
 *
 * <p>Three paths, chosen by size, all computing that same chain per element: tiny products (the
 * XOR network is 4x2x4) run a plain dot-product loop with no set-up at all ({@link SmallMatMul});
 * larger ones run the Vector API kernel when the JVM has it ({@link VectorMatMul}), otherwise plain
 * loops: packed blocks that C2 vectorises for wide outputs ({@link PackedMatMul}), the register-
 * and cache-blocked kernel for narrow ones ({@link BlockedMatMul}); products above {@link
 * #PARALLEL_WORK} multiply-adds are split by output rows across {@link KernelThreads}.
 */
public final class MatMul {

  /** Up to this many multiply-adds (m·k·n) a product takes the tiny path. */
  static final long SMALL_WORK = 512;

  /** From this many multiply-adds on (about 0.1 ms of work) a product is split across threads. */
  static final long PARALLEL_WORK = 1L << 20;

  private static final RowKernel VECTOR = loadVectorKernel();

  private static final boolean VECTOR_AVAILABLE = VECTOR != null;

  private static volatile boolean vectorized = VECTOR_AVAILABLE && !"false".equals(System.getProperty("nndsl.vector"));

  private MatMul() {}

  /**
   * The Vector API kernel, or null. The API still incubates: it is usable only when the JVM was
   * started with {@code --add-modules jdk.incubator.vector}. The class is loaded by name, and on the
   * module path this module first adds a read edge to the incubator module, so the module
   * descriptor does not mention it (javadoc and javac then warn about nothing).
   */
  private static @org.jspecify.annotations.Nullable RowKernel loadVectorKernel() {
    java.util.Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
    if (vector.isEmpty()) {
      return null;
    }
    try {
      MatMul.class.getModule().addReads(vector.get());
      return (RowKernel) Class.forName("io.github.nndsl.core.internal.VectorMatMul")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null; // the plain loops give the same bits
    }
  }

  /** Whether this JVM can run the Vector API kernel (it was started with the incubator module). */
  public static boolean vectorAvailable() {
    return VECTOR_AVAILABLE;
  }

  /** Whether large products use the Vector API kernel: available and not switched off. */
  public static boolean vectorized() {
    return vectorized;
  }

  /**
   * Switches the Vector API kernel on or off (default: on when available, unless the system
   * property {@code nndsl.vector} is {@code false}); both kernels give the same bits.
   */
  public static void setVectorized(boolean on) {
    vectorized = on && VECTOR_AVAILABLE;
  }

  /** The rows [r0, r1) of a product with the kernel in use: Vector API or plain loops. */
  static void rows(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int r0, int r1, int k, int n) {
    if (vectorized && VECTOR != null) {
      VECTOR.rows(a, aOff, ars, acs, b, bOff, c, cOff, r0, r1, k, n);
    } else if (r1 - r0 == 1 && (long) k * n <= ONE_ROW_MAX) {
      oneRow(a, aOff + r0 * ars, acs, b, bOff, c, cOff + r0 * n, k, n);
    } else if (n >= PackedMatMul.MIN_WIDTH) {
      PackedMatMul.rows(a, aOff, ars, acs, b, bOff, c, cOff, r0, r1, k, n);
    } else {
      BlockedMatMul.rows(a, aOff, ars, acs, b, bOff, c, cOff, r0, r1, k, n);
    }
  }

  /**
   * The largest b (in elements: 256 KB) a lone row streams with {@link #oneRow}; beyond it, b no
   * longer stays in cache and PackedMatMul's blocks win (measured: a 30-64-2 predictor 1.50 us ->
   * 1.01-1.25 us per row, but 784-256-10 80 us -> 87 us without the bound).
   */
  static final long ONE_ROW_MAX = 1 << 15;

  /**
   * One row of a times b: each element is still the fma chain in k order from +0.0 (the reference's
   * bits), with the loop over j innermost so that it streams b's rows. A lone row (a served
   * prediction) would otherwise pay PackedMatMul's copy of b's blocks, as much memory traffic as
   * the product itself.
   */
  static void oneRow(double[] a, int aOff, int acs, double[] b, int bOff, double[] c, int cOff, int k, int n) {
    java.util.Arrays.fill(c, cOff, cOff + n, 0.0);
    for (int p = 0; p < k; p++) {
      double ap = a[aOff + p * acs];
      int bp = bOff + p * n;
      for (int j = 0; j < n; j++) {
        c[cOff + j] = Math.fma(ap, b[bp + j], c[cOff + j]);
      }
    }
  }

  /**
   * {@code c = a · b}: a is (m, k), b is (k, n), c is (m, n). {@code c} must not overlap a or b.
   */
  public static void ab(
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    long work = (long) m * k * n;
    if (work <= SMALL_WORK) {
      SmallMatMul.ab(a, aOff, b, bOff, c, cOff, m, k, n);
    } else if (n < PackedMatMul.MIN_WIDTH && m >= NARROW_ROWS && !vectorized && work < PARALLEL_WORK) {
      // a narrow output (a 10-class layer's logits, whose rows the blocked kernel leaves scalar):
      // cᵀ = bᵀ · aᵀ has a's columns as its rows, gathered block by block, so the vectorised
      // kernel computes it, each element the same chain (a product's operands swapped); then one
      // transpose of the small c (32x64x10: 5.1 -> 3.9 us a product, thread CPU time, JDK 17)
      double[] ct = Scratch.transposedProductBuffer(n * m);
      PackedMatMul.rowsStrided(b, bOff, 1, n, a, aOff, 1, k, ct, 0, 0, n, k, m);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          c[cOff + i * n + j] = ct[j * m + i];
        }
      }
    } else {
      run(a, aOff, k, 1, b, bOff, c, cOff, m, k, n, work);
    }
  }

  /** From this many rows a narrow product ({@link #ab}) is computed transposed. */
  static final int NARROW_ROWS = 16;

  /**
   * {@code c = a · b + bias} (bias broadcast over rows): the same bits as {@link #ab} followed by
   * {@link Elementwise#addRow}, in one pass for tiny products, where a second pass over c costs as
   * much as the product.
   */
  public static void abPlusRow(
      double[] a, int aOff, double[] b, int bOff, double[] bias, int biasOff, double[] c, int cOff,
      int m, int k, int n) {
    if ((long) m * k * n <= SMALL_WORK) {
      SmallMatMul.abPlusRow(a, aOff, b, bOff, bias, biasOff, c, cOff, m, k, n);
    } else {
      ab(a, aOff, b, bOff, c, cOff, m, k, n);
      Elementwise.addRow(c, cOff, bias, biasOff, m, n);
    }
  }

  /**
   * {@code c = aᵀ · b}: a is stored (k, m), b is (k, n), c is (m, n). {@code c} must not overlap a
   * or b.
   */
  public static void atb(
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    long work = (long) m * k * n;
    if (work <= SMALL_WORK) {
      SmallMatMul.atb(a, aOff, b, bOff, c, cOff, m, k, n);
    } else if (n < PackedMatMul.MIN_WIDTH && m >= PackedMatMul.MIN_WIDTH && !vectorized && work < PARALLEL_WORK) {
      // a narrow output (a weight gradient of a 10-class layer): cᵀ = bᵀ · a has a's wide rows
      // as its own, so the vectorised kernel computes it, each element the same chain; then one
      // transpose of the small c (64x32x10 products: 7.6 -> 13.4 GFLOP/s, thread CPU time)
      double[] ct = Scratch.transposedProductBuffer(n * m);
      PackedMatMul.rows(b, bOff, 1, n, a, aOff, ct, 0, 0, n, k, m);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          c[cOff + i * n + j] = ct[j * m + i];
        }
      }
    } else {
      run(a, aOff, 1, m, b, bOff, c, cOff, m, k, n, work);
    }
  }

  /**
   * {@code c = a · bᵀ}: a is (m, k), b is stored (n, k), c is (m, n). {@code c} must not overlap a
   * or b.
   */
  public static void abt(
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    long work = (long) m * k * n;
    if (work <= SMALL_WORK) {
      SmallMatMul.abt(a, aOff, b, bOff, c, cOff, m, k, n);
      return;
    }
    // bᵀ copied once into a reused (k, n) buffer turns this into a · b: the blocked kernel wants
    // b's rows contiguous, and the copy costs k·n against m·k·n multiply-adds
    double[] bt = Scratch.transposeBuffer(k * n);
    for (int j = 0; j < n; j++) {
      int bj = bOff + j * k;
      for (int p = 0; p < k; p++) {
        bt[p * n + j] = b[bj + p];
      }
    }
    run(a, aOff, k, 1, bt, 0, c, cOff, m, k, n, work);
  }

  /** The blocked kernel over all rows, on one thread or split by rows across several. */
  private static void run(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int m, int k, int n, long work) {
    if (work < PARALLEL_WORK || m < 2 * BlockedMatMul.ROWS || KernelThreads.threads() == 1
        || !KernelThreads.run(a, aOff, ars, acs, b, bOff, c, cOff, m, k, n)) {
      rows(a, aOff, ars, acs, b, bOff, c, cOff, 0, m, k, n);
    }
  }
}

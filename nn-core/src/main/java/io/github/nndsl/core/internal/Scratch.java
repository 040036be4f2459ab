package io.github.nndsl.core.internal;

/** Per-thread reusable buffers, so that no kernel allocates once warm. */
final class Scratch {

  private static final ThreadLocal<double[][]> TRANSPOSE = ThreadLocal.withInitial(() -> new double[1][0]);

  private static final ThreadLocal<double[][]> TRANSPOSED_PRODUCT = ThreadLocal.withInitial(() -> new double[1][0]);

  private Scratch() {}

  /** A buffer of at least {@code size} doubles, owned by the calling thread, contents undefined. */
  static double[] transposeBuffer(int size) {
    double[][] holder = TRANSPOSE.get();
    if (holder[0].length < size) {
      holder[0] = new double[size];
    }
    return holder[0];
  }

  /** A second buffer like {@link #transposeBuffer}, for a product computed transposed. */
  static double[] transposedProductBuffer(int size) {
    double[][] holder = TRANSPOSED_PRODUCT.get();
    if (holder[0].length < size) {
      holder[0] = new double[size];
    }
    return holder[0];
  }
}

package io.github.nndsl.core;

import io.github.nndsl.core.internal.KernelThreads;
import io.github.nndsl.core.internal.MatMul;

/**
 * Settings of the compute kernels: how many threads share a large matrix product, and whether
 * the Vector API kernel is in use. Results never depend on either: every element of a product is
 * the same chain of fused multiply-adds in the same order, on any thread, in any kernel.
 *
 * <pre>{@code
 * Kernels.setThreads(1);          // all products on the caller's thread
 * int n = Kernels.threads();      // default: -Dnndsl.threads=N, else the available processors
 * boolean simd = Kernels.vectorized();   // true when run with --add-modules jdk.incubator.vector
 * }</pre>
 *
 * <p>Products below about a million multiply-adds always run on the caller's thread; above that
 * they are split by output rows across a small set of daemon threads shared by the whole JVM (one
 * product at a time; a product that finds them busy runs on its caller's thread).
 *
 * <p>The Vector API kernel (about four times the plain loops' speed on AVX-512 hardware) is used
 * when the JVM is started with {@code --add-modules jdk.incubator.vector}, unless the system
 * property {@code nndsl.vector} is {@code false}; without the module nn-core never touches it.
 *
 * @since 0.1.0
 */
public final class Kernels {

  private Kernels() {}

  /**
   * Returns the number of threads (the caller's included) that a large product is split across.
   *
   * @return at least 1
   * @since 0.1.0
   */
  public static int threads() {
    return KernelThreads.threads();
  }

  /**
   * Sets the number of threads that a large product is split across, for the whole JVM; the
   * system property {@code nndsl.threads} sets the starting value.
   *
   * <pre>{@code
   * Kernels.setThreads(2);
   * }</pre>
   *
   * @param threads in [1, 256]; 1 keeps every product on the caller's thread
   * @throws IllegalArgumentException if threads is out of range
   * @since 0.1.0
   */
  public static void setThreads(int threads) {
    KernelThreads.setThreads(threads);
  }

  /**
   * Returns whether large products run on the Vector API kernel.
   *
   * @return true when the JVM has {@code jdk.incubator.vector} and it is not switched off
   * @since 0.1.0
   */
  public static boolean vectorized() {
    return MatMul.vectorized();
  }

  /**
   * Switches the Vector API kernel on or off; switching on has no effect when the JVM was started
   * without {@code --add-modules jdk.incubator.vector}. Both kernels give the same bits.
   *
   * @param on whether to use it when available
   * @since 0.1.0
   */
  public static void setVectorized(boolean on) {
    MatMul.setVectorized(on);
  }
}

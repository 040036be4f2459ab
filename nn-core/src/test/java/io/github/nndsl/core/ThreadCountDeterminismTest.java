package io.github.nndsl.core;

import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training gives the same bits whatever the kernel settings: on one thread or two, with the Vector
 * API kernel or the plain loops. The network is large enough that its products are split across
 * threads (64 x 256 x 256 = 4,194,304 multiply-adds, above MatMul.PARALLEL_WORK = 2^20).
 */
class ThreadCountDeterminismTest {

  private static final int BATCH = 64;
  private static final int WIDTH = 256;
  private final int threads = Kernels.threads();
  private final boolean vectorized = Kernels.vectorized();

  @AfterEach
  void restoreTheGlobalSettings() {
    Kernels.setThreads(threads);
    Kernels.setVectorized(vectorized);
  }

  /** Trains a fresh 256-wide network with Adam on mini-batches of 64; returns parameters and losses as bits. */
  private static long[][] train(int threads, boolean vector) {
    return train(threads, vector, Optimizers.adam(1e-3));
  }

  private static long[][] train(int threads, boolean vector, Optimizer optimizer) {
    Kernels.setThreads(threads);
    Kernels.setVectorized(vector);
    Network net = Network.builder(WIDTH).linear(WIDTH, true).relu().linear(WIDTH, true).tanh().linear(4, true)
        .build();
    NetworkTest.randomize(net, 11);
    NumPyRandom rng = NumPyRandom.defaultRng(5);
    Tensor x = rng.standardNormal(2 * BATCH, WIDTH);
    Tensor y = rng.standardNormal(2 * BATCH, 4);
    double[] losses = Trainer.of(Losses.mse(), optimizer).withBatchSize(BATCH).withShuffleSeed(3)
        .fit(net, x, y, 4).losses();
    return new long[][] {bits(net.parameters().snapshot()), bits(losses)};
  }

  private static long[] bits(double[] values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToRawLongBits(values[i]);
    }
    return bits;
  }

  @Test
  void theProductsAreLargeEnoughToBeSplit() {
    assertTrue((long) BATCH * WIDTH * WIDTH >= 1L << 20);
  }

  @Test
  void fusedSgdSplitAcrossTwoThreadsGivesTheSameBits() {
    // 256 x 256 = 65,536 weights per hidden layer: KernelThreads.PARALLEL_SGD, so plain SGD's
    // fused update of each is split across the two threads
    assertTrue(WIDTH * WIDTH >= 1 << 16);
    long[][] one = train(1, false, Optimizers.sgd(0.05));
    long[][] two = train(2, false, Optimizers.sgd(0.05));
    assertArrayEquals(one[0], two[0]);
    assertArrayEquals(one[1], two[1]);
    long[][] vectorTwo = train(2, true, Optimizers.sgd(0.05));
    assertArrayEquals(one[0], vectorTwo[0]);
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    long[][] one = train(1, false);
    assertEquals(1, Kernels.threads());
    assertFalse(Kernels.vectorized());
    long[][] two = train(2, false);
    assertEquals(2, Kernels.threads());
    assertArrayEquals(one[0], two[0]);
    assertArrayEquals(one[1], two[1]);
  }

  /**
   * A digits-sized network (products under MatMul.PARALLEL_WORK, 64-wide and narrow layers, a
   * bias and a rectifier, a bias alone, a rectifier without bias) on one thread: the plain loops
   * (PackedMatMul, BlockedMatMul, the narrow weight gradient computed transposed) against the
   * Vector API kernel. Batches of 32 and a last one of 19 rows.
   */
  private static long[][] trainSmall(boolean vector) {
    Kernels.setThreads(1);
    Kernels.setVectorized(vector);
    Network net = Network.builder(64).linear(64, true).relu().linear(96, true).linear(64, false).relu()
        .linear(10, true).build();
    NetworkTest.randomize(net, 12);
    NumPyRandom rng = NumPyRandom.defaultRng(6);
    Tensor x = rng.standardNormal(83, 64);
    Tensor y = rng.standardNormal(83, 10);
    double[] losses = Trainer.of(Losses.mse(), Optimizers.adam(1e-2)).withBatchSize(32).withShuffleSeed(4)
        .fit(net, x, y, 9).losses();
    Tensor p = net.predict(x);
    return new long[][] {bits(net.parameters().snapshot()), bits(losses), bits(p.toArray())};
  }

  @Test
  void smallProductsOfThePlainLoopsGiveTheVectorKernelsBits() {
    long[][] plain = trainSmall(false);
    long[][] vector = trainSmall(true);
    assertTrue(Kernels.vectorized(), "the tests run with --add-modules jdk.incubator.vector");
    assertArrayEquals(vector[0], plain[0]);
    assertArrayEquals(vector[1], plain[1]);
    assertArrayEquals(vector[2], plain[2]);
  }

  @Test
  void theVectorApiKernelGivesTheSameBitsOnOneAndTwoThreads() {
    long[][] plain = train(1, false);
    long[][] vectorOne = train(1, true);
    assertTrue(Kernels.vectorized(), "the tests run with --add-modules jdk.incubator.vector");
    long[][] vectorTwo = train(2, true);
    assertArrayEquals(plain[0], vectorOne[0]);
    assertArrayEquals(plain[1], vectorOne[1]);
    assertArrayEquals(plain[0], vectorTwo[0]);
    assertArrayEquals(plain[1], vectorTwo[1]);
  }
}

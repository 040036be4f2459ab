package io.github.nndsl.core;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.NetworkTest.randomize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.random.NumPyRandom;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PredictorTest {

  /** Rows of standard normal draws, scaled so that sigmoids and softmaxes do not all saturate. */
  static Tensor rows(long seed, int batch, int width) {
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    double[][] rows = new double[batch][width];
    for (double[] row : rows) {
      for (int j = 0; j < width; j++) {
        row[j] = rng.standardNormal();
      }
    }
    return Tensor.of(rows);
  }

  static Network randomized(Supplier<Network> build, long seed) {
    Network net = build.get();
    randomize(net, seed);
    return net;
  }

  /** Every layer kind, fused and standing alone, and shapes for every kernel path. */
  static Stream<Arguments> networks() {
    return Stream.of(
        // XOR: the tiny fused kernel (SmallDense) for the batch of 4 and for single rows
        Arguments.of("xor", (Supplier<Network>) () -> NetworkTest.xorNetwork(4), 4),
        Arguments.of("no bias, tanh", (Supplier<Network>) () -> Network.builder(3).linear(2, false).tanh().build(), 5),
        Arguments.of("leaky, identity", (Supplier<Network>) () ->
            Network.builder(5).linear(7, true).leakyRelu(0.1).linear(3, true).identity().build(), 9),
        Arguments.of("activations alone", (Supplier<Network>) () ->
            Network.builder(4).relu().linear(6, true).sigmoid().tanh().leakyRelu(0.3).identity().softmax().build(), 6),
        Arguments.of("no layers", (Supplier<Network>) () -> Network.builder(3).build(), 3),
        Arguments.of("30-64-2", (Supplier<Network>) () ->
            Network.builder(30).linear(64, true).relu().linear(2, true).softmax().build(), 33),
        // 100 rows of 784x256: a product split across the kernel threads; 150: three chunks of rows
        Arguments.of("784-256-10", (Supplier<Network>) () ->
            Network.builder(784).linear(256, true).relu().linear(10, true).build(), 150),
        Arguments.of("wide sigmoid", (Supplier<Network>) () ->
            Network.builder(300).linear(200, true).sigmoid().linear(130, false).tanh().linear(4, true).build(), 100));
  }

  @Nested
  class BitForBit {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.core.PredictorTest#networks")
    void batchesEqualNetworkPredict(String name, Supplier<Network> build, int batch) {
      Network net = randomized(build, 7);
      Tensor x = rows(11, batch, net.inputs());
      Predictor predictor = net.freeze();
      assertEquals(net.predict(x), predictor.predict(x));
      double[] out = new double[batch * net.outputs()];
      predictor.predictBatchInto(x.toArray(), out);
      assertArrayEquals(net.predict(x).toArray(), out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.core.PredictorTest#networks")
    void rowsEqualNetworkPredictOfThatRow(String name, Supplier<Network> build, int batch) {
      Network net = randomized(build, 8);
      double[][] x = rows(12, batch, net.inputs()).toRows();
      Predictor predictor = net.freeze();
      double[] out = new double[net.outputs()];
      for (double[] row : x) {
        double[] expected = net.predict(Tensor.of(new double[][] {row})).toArray();
        assertArrayEquals(expected, predictor.predict(row));
        predictor.predictInto(row, out);
        assertArrayEquals(expected, out);
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.core.PredictorTest#networks")
    void thePlainLoopsPackedWeightsGiveTheVectorKernelsBits(String name, Supplier<Network> build, int batch) {
      // a frozen layer of 64 outputs or more keeps its weights packed for the plain loops; the
      // Vector API kernel (the tests' JVM has it) reads the store's layout: two independent routes
      boolean saved = Kernels.vectorized();
      try {
        Network net = randomized(build, 9);
        Tensor x = rows(13, batch, net.inputs());
        double[][] rows = x.toRows();
        Kernels.setVectorized(true);
        assertTrue(Kernels.vectorized(), "surefire's argLine adds jdk.incubator.vector");
        Tensor expected = net.predict(x);
        Predictor predictor = net.freeze();
        Kernels.setVectorized(false);
        assertEquals(expected, predictor.predict(x));
        double[][] expectedRows = expected.toRows();
        for (int r = 0; r < rows.length; r++) {
          assertArrayEquals(expectedRows[r], predictor.predict(rows[r]), "row " + r);
        }
      } finally {
        Kernels.setVectorized(saved);
      }
    }

    @Test
    void givesZeroRowsForZeroRows() {
      Predictor predictor = NetworkTest.xorNetwork(4).freeze();
      assertArrayEquals(new int[] {0, 1}, predictor.predict(Tensor.zeros(0, 2)).shape());
      predictor.predictBatchInto(new double[0], new double[0]);
    }

    @Test
    void mayWriteOverItsInputWhenTheWidthsAgree() {
      Network net = randomized(() -> Network.builder(3).linear(3, true).tanh().build(), 3);
      double[] row = {0.25, -1.5, 2.0};
      double[] expected = net.predict(Tensor.of(new double[][] {row})).toArray();
      net.freeze().predictInto(row, row);
      assertArrayEquals(expected, row);
    }
  }

  @Nested
  class Frozen {

    @Test
    void trainingTheNetworkAfterwardsLeavesThePredictorUnchanged() {
      Network net = randomized(() -> NetworkTest.xorNetwork(8), 40);
      Predictor predictor = net.freeze();
      Tensor before = net.predict(XOR_X);
      OptimizerState adam = Optimizers.adam(0.05).newState(net.parameters().size());
      for (int i = 0; i < 200; i++) {
        net.computeGradients(XOR_X, XOR_Y, Losses.mse());
        adam.step(net.parameters().values(), net.parameters().gradients());
      }
      Tensor after = net.predict(XOR_X);
      assertFalse(before.equals(after), "training changed the network");
      assertEquals(before, predictor.predict(XOR_X));
      assertEquals(after, net.freeze().predict(XOR_X));
    }

    @Test
    void writingTheParametersAfterwardsLeavesThePredictorUnchanged() {
      Network net = randomized(() -> NetworkTest.xorNetwork(4), 41);
      Predictor predictor = net.freeze();
      double[] before = predictor.predict(new double[] {1, 0});
      net.parameters().get("2.bias").set(0, 100.0);
      net.parameters().restore(new double[net.parameters().size()]);
      assertArrayEquals(before, predictor.predict(new double[] {1, 0}));
      assertArrayEquals(new double[] {0.5}, net.predict(Tensor.of(new double[][] {{1, 0}})).toArray());
    }

    @Test
    void describesTheFrozenNetwork() {
      Predictor predictor = NetworkTest.xorNetwork(4).freeze();
      assertEquals("Predictor(Linear(2, 4), ReLU, Linear(4, 1), Sigmoid; 17 parameters)", predictor.toString());
      assertEquals(2, predictor.inputs());
      assertEquals(1, predictor.outputs());
    }
  }

  @Nested
  class Allocation {

    @Test
    void steadyStateCallsIntoTheCallersArraysAllocateNothing() {
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long thread = Thread.currentThread().getId();
      Network net = randomized(() -> Network.builder(30).linear(64, true).relu().linear(2, true).softmax().build(), 5);
      Predictor predictor = net.freeze();
      double[] row = rows(1, 1, 30).toArray();
      double[] batch = rows(2, 80, 30).toArray(); // more than one chunk of rows
      double[] out = new double[2];
      double[] outs = new double[160];
      double sink = 0;
      for (int i = 0; i < 20_000; i++) { // warm up: buffers sized, code compiled
        predictor.predictInto(row, out);
        sink += out[0];
        if (i % 20 == 0) {
          predictor.predictBatchInto(batch, outs);
        }
      }
      // the minimum over several rounds, as in NetworkTest: a stray allocation by the JIT is once
      long allocated = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 10_000; i++) {
          predictor.predictInto(row, out);
          sink += out[1];
          if (i % 20 == 0) {
            predictor.predictBatchInto(batch, outs);
            sink += outs[159];
          }
        }
        long after = threads.getThreadAllocatedBytes(thread);
        long overhead = threads.getThreadAllocatedBytes(thread) - after;
        allocated = Math.min(allocated, after - before - overhead);
      }
      assertTrue(Double.isFinite(sink));
      assertEquals(0, allocated, "bytes allocated by 10,000 calls into the caller's arrays");
    }
  }

  @Nested
  class Checks {

    private final Predictor predictor = NetworkTest.xorNetwork(4).freeze();

    private String message(org.junit.jupiter.api.function.Executable call) {
      return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void rejectsARowOfAnotherWidth() {
      assertEquals("row must have 2 values (the predictor's inputs), but has 3",
          message(() -> predictor.predict(new double[3])));
      assertEquals("row must have 2 values (the predictor's inputs), but has 1",
          message(() -> predictor.predictInto(new double[1], new double[1])));
    }

    @Test
    void namesTheFirstNonFiniteElement() {
      assertEquals("row must be finite, but row[1] is NaN", message(() -> predictor.predict(new double[] {0, Double.NaN})));
      assertEquals("row must be finite, but row[0] is Infinity",
          message(() -> predictor.predictInto(new double[] {Double.POSITIVE_INFINITY, 0}, new double[1])));
      assertEquals("rows must be finite, but rows[1, 0] is -Infinity",
          message(() -> predictor.predictBatchInto(new double[] {0, 0, Double.NEGATIVE_INFINITY, 1}, new double[2])));
      assertEquals("x must be finite, but x[0, 1] is NaN",
          message(() -> predictor.predict(Tensor.of(new double[][] {{0, Double.NaN}}))));
    }

    @Test
    void rejectsATensorOfAnotherShape() {
      assertEquals("x must have 2 columns (the predictor's inputs), but has shape (4, 3)",
          message(() -> predictor.predict(Tensor.zeros(4, 3))));
      assertEquals("x must be a matrix (rank 2), but has shape (2,)", message(() -> predictor.predict(Tensor.zeros(2))));
    }

    @Test
    void rejectsOutputArraysOfAnotherLength() {
      assertEquals("out must have length 1, but has length 2", message(() -> predictor.predictInto(new double[2], new double[2])));
      assertEquals("out must have length 2, but has length 1",
          message(() -> predictor.predictBatchInto(new double[4], new double[1])));
      assertEquals("rows must hold whole rows of 2 values (the predictor's inputs), but has 3 values",
          message(() -> predictor.predictBatchInto(new double[3], new double[1])));
    }

    @Test
    void namesNullArguments() {
      assertEquals("row is null", message(() -> predictor.predict((double[]) null)));
      assertEquals("x is null", message(() -> predictor.predict((Tensor) null)));
      assertEquals("out is null", message(() -> predictor.predictInto(new double[2], null)));
      assertEquals("rows is null", message(() -> predictor.predictBatchInto(null, new double[1])));
    }

    @Test
    void aFailedCallLeavesTheOutputUnchanged() {
      double[] out = {42.0};
      message(() -> predictor.predictInto(new double[] {Double.NaN, 0}, out));
      double[] outs = {1, 2};
      message(() -> predictor.predictBatchInto(new double[] {0, 0, 0, Double.NaN}, outs));
      assertArrayEquals(new double[] {42.0}, out);
      assertArrayEquals(new double[] {1, 2}, outs);
    }
  }
}

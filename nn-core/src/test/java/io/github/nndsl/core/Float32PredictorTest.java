package io.github.nndsl.core;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.NetworkTest.randomize;
import static io.github.nndsl.core.PredictorTest.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.internal.OptimizerState;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The float32 predictor: the documented arithmetic bit for bit, float64 to float precision, checks. */
class Float32PredictorTest {

  /** The documented bound against float64 (Precision.FLOAT32's Javadoc): see assertClose. */
  static final double BOUND = 1e-5;

  /** Every layer kind, before and after the first linear layer, and shapes for every kernel path. */
  static Stream<Arguments> networks() {
    double[] mean = {0.5, -1, 2, 0.25, 3};
    double[] std = {2, 0.5, 1, 4, 0.125};
    return Stream.of(
        // the dot-product loop (batch * 2 * 4 <= 512 multiply-adds), single rows and the batch
        Arguments.of(Float32Reference.of(2).linear(4, true).activation("relu").linear(1, true).activation("sigmoid"), 4),
        Arguments.of(Float32Reference.of(3).linear(2, false).activation("tanh"), 5),
        Arguments.of(Float32Reference.of(5).standardize(mean, std).linear(7, true).leakyRelu(0.1).linear(3, true)
            .activation("identity"), 9),
        Arguments.of(Float32Reference.of(4).activation("relu").linear(6, true).activation("sigmoid")
            .activation("tanh").leakyRelu(0.3).activation("identity").activation("softmax"), 6),
        Arguments.of(Float32Reference.of(5).linear(5, true).standardize(mean, std).dropout(0.5).activation("tanh"), 3),
        Arguments.of(Float32Reference.of(5).standardize(mean, std).dropout(0.2).activation("sigmoid"), 3), // no linear
        Arguments.of(Float32Reference.of(3), 3), // no layers
        // one row: the streaming loop; 33 rows: eight groups of four and one row alone; n = 2 in the second
        Arguments.of(Float32Reference.of(30).linear(64, true).activation("relu").linear(2, true).activation("softmax"), 33),
        // 150 rows: chunks of 64, 64 and 22 rows; 784 inputs: seven depth blocks
        Arguments.of(Float32Reference.of(784).linear(256, true).activation("relu").linear(10, true), 150),
        // 1100 columns: three column blocks of the four-row kernel; 7 rows: one group, three alone
        Arguments.of(Float32Reference.of(40).linear(1100, true).activation("tanh").linear(3, false), 7),
        Arguments.of(Float32Reference.of(300).linear(200, true).activation("sigmoid").linear(130, false)
            .activation("tanh").linear(4, true), 100));
  }

  private static Network randomized(Float32Reference spec, long seed) {
    Network net = spec.build();
    randomize(net, seed);
    return net;
  }

  private static Predictor float32(Network net) {
    return net.freeze().withPrecision(Precision.FLOAT32);
  }

  @Nested
  class TheDocumentedArithmetic {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.core.Float32PredictorTest#networks")
    void everyRowIsTheReferenceBitForBit(Float32Reference spec, int batch) {
      Network net = randomized(spec, 7);
      double[][] x = rows(11, batch, net.inputs()).toRows();
      Predictor predictor = float32(net);
      double[] out = new double[net.outputs()];
      for (double[] row : x) {
        double[] expected = spec.predict(net, row);
        assertArrayEquals(expected, predictor.predict(row));
        predictor.predictInto(row, out);
        assertArrayEquals(expected, out);
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.core.Float32PredictorTest#networks")
    void batchesAreTheirRowsBitForBit(Float32Reference spec, int batch) {
      Network net = randomized(spec, 8);
      Tensor x = rows(12, batch, net.inputs());
      double[][] rows = x.toRows();
      double[][] expected = new double[batch][];
      for (int r = 0; r < batch; r++) {
        expected[r] = spec.predict(net, rows[r]);
      }
      Predictor predictor = float32(net);
      assertArrayEquals(expected, predictor.predict(x).toRows());
      double[] out = new double[batch * net.outputs()];
      predictor.predictBatchInto(x.toArray(), out);
      assertArrayEquals(Tensor.of(expected).toArray(), out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.core.Float32PredictorTest#networks")
    void thePlainLoopsGiveTheSameBits(Float32Reference spec, int batch) {
      // surefire runs with the Vector API; the same answers without it (predict(row) and batches)
      Network net = randomized(spec, 10);
      Tensor x = rows(14, batch, net.inputs());
      double[][] rows = x.toRows();
      boolean saved = Kernels.vectorized();
      Kernels.setVectorized(false);
      try {
        Predictor predictor = float32(net);
        for (double[] row : rows) {
          assertArrayEquals(spec.predict(net, row), predictor.predict(row));
        }
        double[][] batched = predictor.predict(x).toRows();
        for (int r = 0; r < batch; r++) {
          assertArrayEquals(spec.predict(net, rows[r]), batched[r]);
        }
      } finally {
        Kernels.setVectorized(saved);
      }
    }

    @Test
    void theOutputsAreFloatsAndDifferFromFloat64() {
      Network net = randomized(Float32Reference.of(30).linear(64, true).activation("relu").linear(2, true), 3);
      Tensor x = rows(4, 20, 30);
      double[] got = float32(net).predict(x).toArray();
      for (double v : got) {
        assertEquals(v, (float) v, "a float widened");
      }
      assertNotEquals(net.predict(x), Tensor.fromArray(got, 20, 2), "float rounding shows");
    }

    @Test
    void withoutALinearLayerItIsFloat64() {
      Network net = Network.builder(3).standardize(new double[] {1, 2, 3}, new double[] {3, 7, 11}).tanh().build();
      Tensor x = rows(5, 10, 3);
      assertEquals(net.predict(x), float32(net).predict(x));
    }
  }

  @Nested
  class AgainstFloat64 {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.core.Float32PredictorTest#networks")
    void agreesWithinTheDocumentedBound(Float32Reference spec, int batch) {
      Network net = randomized(spec, 9);
      Tensor x = rows(13, batch, net.inputs());
      assertClose(net.predict(x).toArray(), float32(net).predict(x).toArray(), net.outputs(), BOUND, spec.toString());
    }
  }

  /**
   * |expected - actual| <= bound * max(1, the largest |expected| of the row), element by element:
   * the bound Precision.FLOAT32 documents (an output that cancels to near 0 carries the rounding of
   * the row's larger terms, so a bound relative to itself alone would not hold).
   */
  static void assertClose(double[] expected, double[] actual, int cols, double bound, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int r = 0; r < expected.length / cols; r++) {
      double scale = 1.0;
      for (int j = 0; j < cols; j++) {
        scale = Math.max(scale, Math.abs(expected[r * cols + j]));
      }
      for (int j = 0; j < cols; j++) {
        int at = r * cols + j;
        double error = Math.abs(expected[at] - actual[at]) / scale;
        assertTrue(error <= bound, () -> what + ", row " + at / cols + ", column " + at % cols + ": "
            + expected[at] + " against " + actual[at]);
      }
    }
  }

  @Nested
  class Precisions {

    @Test
    void freezeIsFloat64AndTheWitherSwitches() {
      Predictor exact = NetworkTest.xorNetwork(4).freeze();
      assertEquals(Precision.FLOAT64, exact.precision());
      Predictor fast = exact.withPrecision(Precision.FLOAT32);
      assertEquals(Precision.FLOAT32, fast.precision());
      assertEquals(Precision.FLOAT64, exact.precision(), "the wither leaves the receiver unchanged");
      assertSame(fast, fast.withPrecision(Precision.FLOAT32));
      assertSame(exact, exact.withPrecision(Precision.FLOAT64));
    }

    @Test
    void backToFloat64GivesTheFrozenBitsAgain() {
      Network net = randomized(Float32Reference.of(30).linear(64, true).activation("relu").linear(2, true), 4);
      Predictor exact = net.freeze();
      Tensor x = rows(6, 40, 30);
      Predictor back = exact.withPrecision(Precision.FLOAT32).withPrecision(Precision.FLOAT64);
      assertEquals(Precision.FLOAT64, back.precision());
      assertEquals(exact.predict(x), back.predict(x));
      assertEquals(net.predict(x), back.predict(x));
    }

    @Test
    void trainingTheNetworkAfterwardsLeavesItUnchanged() {
      Network net = NetworkTest.xorNetwork(8);
      randomize(net, 40);
      Predictor predictor = float32(net);
      Tensor before = predictor.predict(XOR_X);
      OptimizerState adam = Optimizers.adam(0.05).newState(net.parameters().size());
      for (int i = 0; i < 200; i++) {
        net.computeGradients(XOR_X, XOR_Y, Losses.mse());
        adam.step(net.parameters().values(), net.parameters().gradients());
      }
      assertNotEquals(before, float32(net).predict(XOR_X), "training changed the network");
      assertEquals(before, predictor.predict(XOR_X));
    }

    @Test
    void describesItself() {
      Predictor predictor = float32(NetworkTest.xorNetwork(4));
      assertEquals("Predictor(Linear(2, 4), ReLU, Linear(4, 1), Sigmoid; 17 parameters, FLOAT32)", predictor.toString());
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
      Network net = randomized(
          Float32Reference.of(30).linear(64, true).activation("relu").linear(2, true).activation("softmax"), 5);
      Predictor predictor = float32(net);
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
      long allocated = Long.MAX_VALUE; // the minimum over rounds, as in PredictorTest
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
      assertEquals(0, allocated, "bytes allocated by 10,000 float32 calls into the caller's arrays");
    }
  }

  @Nested
  class Checks {

    private final Predictor predictor = float32(NetworkTest.xorNetwork(4));

    private String message(org.junit.jupiter.api.function.Executable call) {
      return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void checksWidthsAndFiniteValuesAsFloat64Does() {
      assertEquals("row must have 2 values (the predictor's inputs), but has 3", message(() -> predictor.predict(new double[3])));
      assertEquals("row must be finite, but row[1] is NaN", message(() -> predictor.predict(new double[] {0, Double.NaN})));
      assertEquals("rows must be finite, but rows[1, 0] is -Infinity",
          message(() -> predictor.predictBatchInto(new double[] {0, 0, Double.NEGATIVE_INFINITY, 1}, new double[2])));
      assertEquals("x must be finite, but x[0, 1] is NaN",
          message(() -> predictor.predict(Tensor.of(new double[][] {{0, Double.NaN}}))));
      assertEquals("x must have 2 columns (the predictor's inputs), but has shape (4, 3)",
          message(() -> predictor.predict(Tensor.zeros(4, 3))));
      assertEquals("out must have length 1, but has length 2", message(() -> predictor.predictInto(new double[2], new double[2])));
      assertEquals("precision is null", message(() -> predictor.withPrecision(null)));
    }

    @Test
    void refusesInputsBeyondFloatRange() {
      String range = "must be within float32's range (+-3.4028235E38) for a FLOAT32 predictor, but ";
      assertEquals("row " + range + "row[1] is 1.0E39", message(() -> predictor.predict(new double[] {0, 1e39})));
      assertEquals("row " + range + "row[0] is -3.5E38", message(() -> predictor.predictInto(new double[] {-3.5e38, 0}, new double[1])));
      assertEquals("rows " + range + "rows[1, 1] is 1.0E300",
          message(() -> predictor.predictBatchInto(new double[] {0, 0, 1, 1e300}, new double[2])));
      assertEquals("x " + range + "x[1, 0] is 4.0E38", message(() -> predictor.predict(Tensor.of(new double[][] {{0, 0}, {4e38, 0}}))));
      // the largest float itself is fine, and float64 takes them all
      assertEquals(1, predictor.predict(new double[] {Float.MAX_VALUE, 0}).length);
      assertEquals(1, predictor.withPrecision(Precision.FLOAT64).predict(new double[] {0, 1e39}).length);
    }

    @Test
    void aFailedCallLeavesTheOutputUnchanged() {
      double[] out = {42.0};
      message(() -> predictor.predictInto(new double[] {1e40, 0}, out));
      double[] outs = {1, 2};
      message(() -> predictor.predictBatchInto(new double[] {0, 0, 0, Double.NaN}, outs));
      assertArrayEquals(new double[] {42.0}, out);
      assertArrayEquals(new double[] {1, 2}, outs);
    }

    @Test
    void refusesAParameterBeyondFloatRangeNamingIt() {
      Network net = NetworkTest.xorNetwork(4);
      net.parameters().get("2.weight").set(3, -1e39);
      Predictor exact = net.freeze();
      assertEquals("parameter 2.weight[3] is -1.0E39, beyond float32's range (+-3.4028235E38); keep Precision.FLOAT64",
          message(() -> exact.withPrecision(Precision.FLOAT32)));
      net.parameters().get("2.weight").set(3, Double.POSITIVE_INFINITY); // infinities stay infinities, as in float64
      assertEquals(Precision.FLOAT32, net.freeze().withPrecision(Precision.FLOAT32).precision());
    }
  }
}

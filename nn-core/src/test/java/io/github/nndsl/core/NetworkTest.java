package io.github.nndsl.core;

import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.random.NumPyRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class NetworkTest {

  public static final Tensor XOR_X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  public static final Tensor XOR_Y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

  public static Network xorNetwork(int hidden) {
    return Network.builder(2).linear(hidden, true).relu().linear(1, true).sigmoid().build();
  }

  /** Fills every parameter with draws from a fixed generator (normal * 0.5, as the exercise). */
  public static void randomize(Network net, long seed) {
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    ParameterStore store = net.parameters();
    for (String name : store.names()) {
      Tensor p = store.get(name);
      for (int i = 0; i < p.size(); i++) {
        p.set(i, rng.standardNormal() * 0.5);
      }
    }
  }

  @Nested
  class Layout {

    @Test
    void namesParametersByLayerIndexLikePytorch() {
      Network net = xorNetwork(4);
      assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), net.parameters().names());
      assertEquals(17, net.parameters().size());
      assertArrayEquals(new int[] {2, 4}, net.parameters().get("0.weight").shape());
      assertArrayEquals(new int[] {1}, net.parameters().get("2.bias").shape());
      assertEquals(2, net.inputs());
      assertEquals(1, net.outputs());
    }

    @Test
    void leavesOutTheBiasWhenAsked() {
      Network net = Network.builder(3).linear(2, false).tanh().build();
      assertEquals(List.of("0.weight"), net.parameters().names());
      assertEquals("Network(Linear(3, 2, bias=false), Tanh; 6 parameters)", net.toString());
    }

    @Test
    void viewsWriteThroughToTheNetwork() {
      Network net = Network.builder(1).linear(1, true).build();
      net.parameters().get("0.weight").set(0, 0, 2.0);
      net.parameters().get("0.bias").set(0, 0.5);
      assertEquals(6.5, net.predict(Tensor.of(new double[][] {{3}})).get(0, 0));
    }

    @Test
    void snapshotAndRestoreRoundTrip() {
      Network net = xorNetwork(3);
      randomize(net, 1);
      double[] saved = net.parameters().snapshot();
      Tensor before = net.predict(XOR_X);
      randomize(net, 2);
      net.parameters().restore(saved);
      assertEquals(before, net.predict(XOR_X));
      assertEquals("snapshot must have 13 values, but has 2",
          assertThrows(IllegalArgumentException.class, () -> net.parameters().restore(new double[2])).getMessage());
    }

    @Test
    void rejectsUnknownParameterNames() {
      assertEquals("no parameter named '1.weight'; the parameters are [0.weight, 0.bias, 2.weight, 2.bias]",
          assertThrows(IllegalArgumentException.class, () -> xorNetwork(4).parameters().get("1.weight")).getMessage());
    }

    @Test
    void rejectsBadBuilderArguments() {
      assertEquals("inputs must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> Network.builder(0)).getMessage());
      assertEquals("outputs must be positive, but was -2",
          assertThrows(IllegalArgumentException.class, () -> Network.builder(2).linear(-2, true)).getMessage());
      assertEquals("slope must be finite and non-negative, but was NaN",
          assertThrows(IllegalArgumentException.class, () -> Network.builder(2).leakyRelu(Double.NaN)).getMessage());
    }
  }

  @Nested
  class Predict {

    @Test
    void untrainedZeroNetworkPredictsOneHalf() {
      Tensor p = xorNetwork(4).predict(XOR_X);
      assertArrayEquals(new int[] {4, 1}, p.shape());
      assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, p.toArray());
    }

    @Test
    void equalsTheFunctionalForwardPass() {
      Network net = xorNetwork(5);
      randomize(net, 3);
      ParameterStore s = net.parameters();
      Tensor expected = Functional.sigmoid(Functional.linearForward(
          Functional.relu(Functional.linearForward(XOR_X, s.get("0.weight"), s.get("0.bias"))),
          s.get("2.weight"), s.get("2.bias")));
      assertEquals(expected, net.predict(XOR_X));
    }

    @Test
    void handlesGrowingAndShrinkingBatches() {
      Network net = xorNetwork(3);
      randomize(net, 4);
      Tensor one = net.predict(Tensor.of(new double[][] {{1, 0}}));
      Tensor big = net.predict(FunctionalTest.filled(9, 100, 2));
      assertArrayEquals(new int[] {100, 1}, big.shape());
      assertEquals(one, net.predict(Tensor.of(new double[][] {{1, 0}})));
    }

    @Test
    void softmaxRowsSumToOne() {
      Network net = Network.builder(3).linear(4, true).softmax().build();
      randomize(net, 5);
      Tensor p = net.predict(FunctionalTest.filled(6, 7, 3));
      for (int r = 0; r < 7; r++) {
        double sum = 0;
        for (int c = 0; c < 4; c++) {
          sum += p.get(r, c);
        }
        assertEquals(1.0, sum, 1e-15);
      }
    }

    @Test
    void rejectsInputsOfTheWrongWidth() {
      assertEquals("x must have 2 columns (the network's inputs), but has shape (4, 3)",
          assertThrows(IllegalArgumentException.class, () -> xorNetwork(4).predict(Tensor.zeros(4, 3))).getMessage());
    }
  }

  @Nested
  class Gradients {

    static final List<UnaryOperator<Network.Builder>> ACTIVATIONS = List.of(
        Network.Builder::relu, Network.Builder::sigmoid, Network.Builder::tanh, b -> b.leakyRelu(0.1),
        Network.Builder::softmax, Network.Builder::identity);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void everyActivationMatchesFiniteDifferences(int which) {
      Network net = ACTIVATIONS.get(which).apply(Network.builder(3).linear(4, true)).linear(2, true).build();
      randomize(net, 10 + which);
      GradientCheck.Result r = GradientCheck.check(net, FunctionalTest.filled(11, 5, 3), FunctionalTest.filled(12, 5, 2),
          Losses.mse());
      assertTrue(r.maxError() < 1e-7, r.toString());
    }

    @Test
    void everyLossMatchesFiniteDifferencesThroughANetwork() {
      Tensor x = FunctionalTest.filled(20, 6, 3);
      Tensor oneHot = Tensor.zeros(6, 3);
      for (int r = 0; r < 6; r++) {
        oneHot.set(r, r % 3, 1.0);
      }
      Network logits = Network.builder(3).linear(5, true).tanh().linear(3, true).build();
      randomize(logits, 21);
      assertTrue(GradientCheck.check(logits, x, oneHot, Losses.crossEntropyWithLogits()).maxError() < 1e-7);
      Network probs = Network.builder(3).linear(5, true).tanh().linear(3, true).softmax().build();
      randomize(probs, 22);
      assertTrue(GradientCheck.check(probs, x, oneHot, Losses.crossEntropy()).maxError() < 1e-7);
      Network binary = Network.builder(3).linear(3, true).sigmoid().build();
      randomize(binary, 23);
      assertTrue(GradientCheck.check(binary, x, oneHot, Losses.binaryCrossEntropy()).maxError() < 1e-7);
    }

    @Test
    void computeGradientsEqualsTheFunctionalBackwardPass() {
      Network net = xorNetwork(4);
      randomize(net, 30);
      ParameterStore s = net.parameters();
      Tensor z1 = Functional.linearForward(XOR_X, s.get("0.weight"), s.get("0.bias"));
      Tensor a1 = Functional.relu(z1);
      Tensor y = Functional.sigmoid(Functional.linearForward(a1, s.get("2.weight"), s.get("2.bias")));
      Tensor dz2 = Functional.sigmoidBackward(Functional.mseLossBackward(y, XOR_Y), y);
      LinearGradients g2 = Functional.linearBackward(dz2, a1, s.get("2.weight"));
      LinearGradients g1 = Functional.linearBackward(Functional.reluBackward(g2.dx(), z1), XOR_X, s.get("0.weight"));

      double loss = net.computeGradients(XOR_X, XOR_Y, Losses.mse());

      assertEquals(Functional.mseLoss(y, XOR_Y), loss);
      assertEquals(g1.dw(), s.gradient("0.weight"));
      assertEquals(g1.db(), s.gradient("0.bias"));
      assertEquals(g2.dw(), s.gradient("2.weight"));
      assertEquals(g2.db(), s.gradient("2.bias"));
    }
  }

  @Test
  void steadyStateTrainingStepAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Network net = xorNetwork(8);
    randomize(net, 40);
    OptimizerState sgd = Optimizers.adam(0.01).newState(net.parameters().size());
    Loss loss = Losses.mse();
    double[] x = XOR_X.toArray();
    double[] y = XOR_Y.toArray();
    double[] values = net.parameters().values();
    double[] gradients = net.parameters().gradients();
    double sink = 0;
    for (int i = 0; i < 20_000; i++) { // warm up: buffers sized, code compiled
      sink += net.plan().forwardLoss(x, 0, y, 0, 4, loss.function());
      net.plan().backward(x, 0, y, 0, 4, loss.function());
      sgd.step(values, gradients);
    }
    // the minimum over several rounds: a stray allocation by the JIT or the JVM itself (a few
    // hundred bytes, once) is not the training step's, while a per-step allocation shows in every round
    long allocated = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 10_000; i++) {
        sink += net.plan().forwardLoss(x, 0, y, 0, 4, loss.function());
        net.plan().backward(x, 0, y, 0, 4, loss.function());
        sgd.step(values, gradients);
      }
      long after = threads.getThreadAllocatedBytes(thread);
      long overhead = threads.getThreadAllocatedBytes(thread) - after;
      allocated = Math.min(allocated, after - before - overhead);
    }
    assertTrue(Double.isFinite(sink));
    assertEquals(0, allocated, "bytes allocated by 10,000 training steps");
  }
}

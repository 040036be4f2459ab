package io.github.nndsl.core;

import io.github.nndsl.core.internal.LossFunction;
import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.internal.Plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The dropout op in the plan: its masks, its scale, its gradient, and that only training drops. */
class DropoutTest {

  private static final LossFunction MSE = Losses.mse().function();

  /** The output of one training forward pass of a lone dropout layer on ones. */
  private static double[] trainingOutput(Network net, int rows, long seed, long step) {
    int width = net.inputs();
    double[] x = new double[rows * width];
    Arrays.fill(x, 1.0);
    net.plan().trainingForwardLossAndGradient(x, 0, new double[rows * width], 0, rows, MSE, seed, step);
    return Arrays.copyOf(net.plan().output(), rows * width);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.3, 0.5, 0.9})
  void dropsTheRateOfUnitsAndScalesTheRestByOneOverOneMinusRate(double rate) {
    Network net = Network.builder(1000).dropout(rate).build();
    double[] out = trainingOutput(net, 200, 7, 3);
    double scale = 1.0 / (1.0 - rate);
    int dropped = 0;
    for (double v : out) {
      assertTrue(v == 0.0 || v == scale, "a unit is 0 or 1 / (1 - rate): " + v);
      dropped += v == 0.0 ? 1 : 0;
    }
    // 200,000 Bernoulli draws: the fraction's standard deviation is at most 0.0012; allow 5 of them
    double n = out.length;
    double sd = Math.sqrt(rate * (1 - rate) / n);
    assertEquals(rate, dropped / n, 5 * sd, "fraction dropped");
  }

  @Test
  void masksAreUnitsIndependentOfTheirNeighbours() {
    // a counter-based generator that repeated itself across rows or columns would show here
    Network net = Network.builder(64).dropout(0.5).build();
    double[] out = trainingOutput(net, 4000, 0, 0);
    int both = 0;
    int pairs = 0;
    for (int i = 0; i + 1 < out.length; i++) {
      both += out[i] == 0.0 && out[i + 1] == 0.0 ? 1 : 0;
      pairs++;
    }
    assertEquals(0.25, (double) both / pairs, 5 * Math.sqrt(0.25 * 0.75 / pairs), "neighbours dropped together");
  }

  @Test
  void theMaskIsAFunctionOfSeedStepAndLayer() {
    Network net = Network.builder(50).dropout(0.5).identity().dropout(0.5).build();
    double[] a = trainingOutput(net, 10, 1, 5);
    assertArrayEquals(a, trainingOutput(net, 10, 1, 5), "same seed and step: same mask");
    assertNotEquals(Arrays.toString(a), Arrays.toString(trainingOutput(net, 10, 1, 6)), "next step: another mask");
    assertNotEquals(Arrays.toString(a), Arrays.toString(trainingOutput(net, 10, 2, 5)), "another seed: another mask");
    Network one = Network.builder(50).dropout(0.5).build();
    Network other = Network.builder(50).identity().dropout(0.5).build();
    assertNotEquals(Arrays.toString(trainingOutput(one, 10, 1, 5)), Arrays.toString(trainingOutput(other, 10, 1, 5)),
        "the layer index is part of the key");
  }

  @Test
  void everyPassButTrainingPassesTheInputThrough() {
    Network net = Network.builder(3).linear(20, true).tanh().dropout(0.9).linear(2, true).build();
    Network plain = Network.builder(3).linear(20, true).tanh().identity().linear(2, true).build();
    NetworkTest.randomize(net, 80);
    plain.parameters().restore(net.parameters().snapshot());
    Tensor x = FunctionalTest.filled(81, 6, 3);
    Tensor y = FunctionalTest.filled(82, 6, 2);
    Tensor expected = plain.predict(x);
    // a training pass first: its mode must not leak into predict
    net.plan().trainingForwardLossAndGradient(x.toArray(), 0, y.toArray(), 0, 6, MSE, 0, 0);
    assertEquals(expected, net.predict(x));
    assertEquals(plain.computeGradients(x, y, Losses.mse()), net.computeGradients(x, y, Losses.mse()));
    assertArrayEquals(plain.parameters().gradients(), net.parameters().gradients());
  }

  /** The training loss of the plan with the mask of (seed 3, step 9), its gradients left in the store. */
  private static double loss(Network net, double[] x, double[] y, int rows) {
    Plan plan = net.plan();
    double value = plan.trainingForwardLossAndGradient(x, 0, y, 0, rows, MSE, 3, 9);
    plan.backwardFromLoss(x, 0, rows, Double.NaN);
    return value;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void gradientMatchesCentralDifferencesWithAFixedMask(int where) {
    Network.Builder b = Network.builder(3).linear(6, true);
    Network net = (where == 0 ? b.dropout(0.5).tanh().linear(2, true)
        : where == 1 ? b.tanh().dropout(0.5).linear(2, true)
        : b.tanh().linear(4, true).sigmoid().dropout(0.3)).build();
    NetworkTest.randomize(net, 90 + where);
    int rows = 5;
    double[] x = FunctionalTest.filled(91, rows, 3).toArray();
    double[] y = FunctionalTest.filled(92, rows, net.outputs()).toArray();
    loss(net, x, y, rows);
    double[] analytic = net.parameters().gradients().clone();
    double[] values = net.parameters().values();
    double h = 1e-6;
    double worst = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      values[i] = v + h;
      double up = loss(net, x, y, rows);
      values[i] = v - h;
      double down = loss(net, x, y, rows);
      values[i] = v;
      double numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[i])));
    }
    assertTrue(worst < 1e-6, "largest relative error " + worst);
    // the check is of the masked network: its loss is not the unmasked one
    assertNotEquals(net.plan().forwardLoss(x, 0, y, 0, rows, MSE), loss(net, x, y, rows));
  }

  @Test
  void steadyStateTrainingStepWithDropoutAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Network net = Network.builder(2).standardize(new double[] {0.5, 0.5}, new double[] {0.5, 0.5})
        .linear(8, true).relu().dropout(0.25).linear(1, true).sigmoid().build();
    NetworkTest.randomize(net, 41);
    OptimizerState adam = Optimizers.adam(0.01).newState(net.parameters().size());
    double[] x = NetworkTest.XOR_X.toArray();
    double[] y = NetworkTest.XOR_Y.toArray();
    double[] values = net.parameters().values();
    double[] gradients = net.parameters().gradients();
    Plan plan = net.plan();
    double sink = 0;
    long step = 0;
    for (int i = 0; i < 20_000; i++) {
      sink += plan.trainingForwardLossAndGradient(x, 0, y, 0, 4, MSE, 5, step++);
      plan.backwardFromLoss(x, 0, 4, Double.NaN);
      adam.step(values, gradients);
    }
    long allocated = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 10_000; i++) {
        sink += plan.trainingForwardLossAndGradient(x, 0, y, 0, 4, MSE, 5, step++);
        plan.backwardFromLoss(x, 0, 4, Double.NaN);
        adam.step(values, gradients);
      }
      long after = threads.getThreadAllocatedBytes(thread);
      long overhead = threads.getThreadAllocatedBytes(thread) - after;
      allocated = Math.min(allocated, after - before - overhead);
    }
    assertTrue(Double.isFinite(sink));
    assertEquals(0, allocated, "bytes allocated by 10,000 training steps with dropout");
  }
}

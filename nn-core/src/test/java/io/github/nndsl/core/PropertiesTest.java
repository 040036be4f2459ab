package io.github.nndsl.core;

import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties over random shapes, values and seeds (jqwik shrinks any failure to a small case). */
class PropertiesTest {

  private static Tensor random(long seed, int... shape) {
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    return rng.standardNormal(shape);
  }

  @Property(tries = 60)
  void linearBackwardMatchesFiniteDifferences(
      @ForAll @IntRange(min = 1, max = 6) int batch, @ForAll @IntRange(min = 1, max = 6) int in,
      @ForAll @IntRange(min = 1, max = 6) int out, @ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
    Tensor x = random(seed, batch, in);
    Tensor w = random(seed + 1, in, out);
    Tensor b = random(seed + 2, out);
    Tensor r = random(seed + 3, batch, out);
    LinearGradients g = Functional.linearBackward(r, x, w);
    Tensor numeric = GradientCheck.numericGradient(
        v -> FunctionalTest.weightedSum(Functional.linearForward(x, v, b), r), w, 1e-6);
    for (int i = 0; i < numeric.size(); i++) {
      assertEquals(numeric.get(i), g.dw().get(i), 1e-6 * Math.max(1, Math.abs(numeric.get(i))));
    }
  }

  @Property(tries = 30)
  void everyNetworkGradientMatchesFiniteDifferences(
      @ForAll @IntRange(min = 1, max = 4) int in, @ForAll @IntRange(min = 1, max = 5) int hidden,
      @ForAll @IntRange(min = 1, max = 3) int out, @ForAll @IntRange(min = 0, max = 3) int activation,
      @ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
    Network.Builder b = Network.builder(in).linear(hidden, true);
    switch (activation) {
      case 0 -> b.tanh();
      case 1 -> b.sigmoid();
      case 2 -> b.leakyRelu(0.2);
      default -> b.softmax();
    }
    Network net = b.linear(out, true).build();
    NetworkTest.randomize(net, seed);
    GradientCheck.Result r = GradientCheck.check(net, random(seed + 5, 3, in), random(seed + 6, 3, out), Losses.mse());
    assertTrue(r.maxError() < 1e-6, r.toString());
  }

  @Property(tries = 50)
  void zeroLearningRateNeverMovesParameters(@ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
    Optimizer optimizer = which == 0 ? Optimizers.sgd(0) : which == 1 ? Optimizers.nesterov(0, 0.9) : Optimizers.adam(0);
    double[] p = random(seed, 9).toArray();
    double[] before = p.clone();
    OptimizerState state = optimizer.newState(9);
    for (int s = 0; s < 5; s++) {
      state.step(p, random(seed + s + 1, 9).toArray());
    }
    assertArrayEquals(before, p, 0.0);
  }

  @Property(tries = 50)
  void adamsFirstStepMovesEachParameterByAboutTheLearningRate(
      @ForAll @DoubleRange(min = 1e-4, max = 1) @net.jqwik.api.constraints.Scale(6) double lr, @ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
    double[] p = random(seed, 12).toArray();
    double[] before = p.clone();
    double[] g = random(seed + 1, 12).toArray();
    Optimizers.adam(lr).newState(12).step(p, g);
    for (int i = 0; i < p.length; i++) {
      double moved = before[i] - p[i];
      // m̂ = g and v̂ = g², so the step is lr * g / (|g| + eps): lr in the direction against g
      double expected = lr * g[i] / (Math.abs(g[i]) + 1e-8);
      assertEquals(expected, moved, 1e-12 * lr + 4 * Math.ulp(before[i])); // moved is a difference of two doubles
      assertTrue(Math.abs(moved) <= lr);
    }
  }

  @Property(tries = 40)
  void sgdDecreasesTheLossForASmallEnoughStep(@ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
    Network net = Network.builder(3).linear(4, true).tanh().linear(2, true).build();
    NetworkTest.randomize(net, seed);
    Tensor x = random(seed + 1, 5, 3);
    Tensor y = random(seed + 2, 5, 2);
    double before = Losses.mse().compute(net.predict(x), y);
    Trainer.of(Losses.mse(), Optimizers.sgd(1e-3)).fit(net, x, y, 1);
    assertTrue(Losses.mse().compute(net.predict(x), y) <= before);
  }

  @Property(tries = 40)
  void sameSeedSameBits(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
    assertEquals(NumPyRandom.defaultRng(seed).standardNormal(3, 3), NumPyRandom.defaultRng(seed).standardNormal(3, 3));
    int[] p = NumPyRandom.defaultRng(seed).permutation(17);
    int[] sorted = p.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < 17; i++) {
      assertEquals(i, sorted[i]);
    }
  }
}

package io.github.nndsl.core;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.NetworkTest.randomize;
import static io.github.nndsl.core.NetworkTest.xorNetwork;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.train.Trainer;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AdamW against PyTorch 1.13's torch.optim.AdamW (golden/training.txt, gen_training.py). */
class AdamWTest {

  private static final Golden TORCH = Golden.load("/golden/training.txt");

  /**
   * The largest difference from PyTorch over six steps, in units in the last place of PyTorch's
   * value. Not always 0: PyTorch writes Adam's step as p - (lr / (1 - b1^t)) m / (sqrt(v) /
   * sqrt(1 - b2^t) + eps) with b^t a power, nn-core as p - lr (m / (1 - b1^t)) / (sqrt(v / (1 -
   * b2^t)) + eps) with running products (Adam's bits, checked against NumPy in OptimizersTest);
   * the two round apart now and then. Measured: every bit equal at lr 0.01 (decay 0.1 and 0),
   * 51 of 60 values equal and at most 3 ulps apart at lr 0.05 with decay 2.
   */
  private static double worstUlps(Optimizer optimizer, String golden) {
    double[] p = TORCH.tensor("adamw.p0").toArray();
    double[][] grads = TORCH.tensor("adamw.grads").toRows();
    double[][] expected = TORCH.tensor(golden).toRows();
    OptimizerState state = optimizer.newState(p.length);
    double worst = 0;
    for (int s = 0; s < grads.length; s++) {
      state.step(p, grads[s]);
      for (int i = 0; i < p.length; i++) {
        worst = Math.max(worst, Math.abs(p[i] - expected[s][i]) / Math.ulp(expected[s][i]));
      }
    }
    return worst;
  }

  @ParameterizedTest
  @CsvSource({"0.01, 0.1, adamw", "0.05, 2.0, adamw.strong", "0.01, 0.0, adamw.nodecay"})
  void followsPyTorchWithinAFewRoundings(double lr, double weightDecay, String golden) {
    double worst = worstUlps(Optimizers.adamW(lr, weightDecay), golden);
    assertTrue(worst <= 4, worst + " ulps");
  }

  @Test
  void theDecayIsReallyApplied() {
    // the strong decay (lr * wd = 0.1 a step) moves the parameters far from Adam's path
    double withoutDecay = worstUlps(Optimizers.adam(0.05), "adamw.strong");
    assertTrue(withoutDecay > 1e12, "adam is " + withoutDecay + " ulps from AdamW(0.05, 2.0)");
  }

  @Test
  void decaysBeforeTheAdamStep() {
    // one step from p = 1 with g = 1: decay to 1 - lr wd, then Adam's first step moves by lr
    // (m / (1 - b1) = g, v / (1 - b2) = g^2), so p = (1 - 0.1 * 0.5) - 0.1 * 1 / (1 + 1e-8)
    double[] p = {1.0};
    Optimizers.adamW(0.1, 0.5).newState(1).step(p, new double[] {1.0});
    assertEquals((1 - 0.1 * 0.5) - 0.1 * 1 / (1 + 1e-8), p[0], 1e-16);
  }

  @Test
  void withoutDecayTrainsBitForBitAsAdam() {
    Network adam = xorNetwork(4);
    Network adamW = xorNetwork(4);
    randomize(adam, 5);
    randomize(adamW, 5);
    double[] a = Trainer.of(Losses.mse(), Optimizers.adam(0.03)).withBatchSize(3).fit(adam, XOR_X, XOR_Y, 200)
        .losses();
    double[] w = Trainer.of(Losses.mse(), Optimizers.adamW(0.03, 0.0)).withBatchSize(3).fit(adamW, XOR_X, XOR_Y, 200)
        .losses();
    assertArrayEquals(bits(a), bits(w));
    assertArrayEquals(bits(adam.parameters().snapshot()), bits(adamW.parameters().snapshot()));
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Nested
  class AsAValue {

    @Test
    void printsAndParsesBack() {
      Optimizer o = Optimizers.adamW(1e-3, 0.01);
      assertEquals("adamW(0.001, 0.01, 0.9, 0.999, 1.0E-8)", o.toString());
      assertEquals(o, Optimizers.parse(o.toString()));
      assertEquals(o, Optimizers.parse("adamW(0.001, 0.01)"));
      assertEquals(o.hashCode(), Optimizers.parse(o.toString()).hashCode());
      Optimizer full = Optimizers.adamW(0.0123456789, 1e-300, 0.5, 0.25, 1e-7);
      assertEquals(full, Optimizers.parse(full.toString()));
    }

    @Test
    void isNotAdamEvenWithoutDecay() {
      // equal values print alike; adamW(lr, 0) trains as adam(lr) but is described as AdamW
      assertNotEquals(Optimizers.adam(1e-3), Optimizers.adamW(1e-3, 0));
      assertNotEquals(Optimizers.adamW(1e-3, 0.01), Optimizers.adamW(1e-3, 0.02));
      assertEquals(Optimizers.adamW(1e-3, -0.0), Optimizers.adamW(1e-3, 0.0));
    }

    @Test
    void rejectsBadHyperParameters() {
      assertEquals("weightDecay must be finite and non-negative, but was -0.1",
          assertThrows(IllegalArgumentException.class, () -> Optimizers.adamW(1e-3, -0.1)).getMessage());
      assertEquals("weightDecay must be finite and non-negative, but was NaN",
          assertThrows(IllegalArgumentException.class, () -> Optimizers.adamW(1e-3, Double.NaN)).getMessage());
      assertEquals("lr must be finite and non-negative, but was Infinity",
          assertThrows(IllegalArgumentException.class, () -> Optimizers.adamW(Double.POSITIVE_INFINITY, 0))
              .getMessage());
      assertEquals("beta2 must be in [0, 1), but was 1.0",
          assertThrows(IllegalArgumentException.class, () -> Optimizers.adamW(0.1, 0, 0.9, 1.0, 1e-8)).getMessage());
      assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adamW(0.1)"));
      assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adamW(0.1, -1.0)"));
    }
  }
}

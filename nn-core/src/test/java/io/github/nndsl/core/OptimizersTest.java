package io.github.nndsl.core;

import io.github.nndsl.core.internal.OptimizerState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizersTest {

  private static final Golden GOLDEN = Golden.load("/golden/engine.txt");

  /** Runs six steps with the golden gradients and compares every intermediate parameter vector. */
  private static void assertFollowsNumpy(Optimizer optimizer, String name, double ulps) {
    double[] p = GOLDEN.tensor("opt.p0").toArray();
    double[][] grads = GOLDEN.tensor("opt.grads").toRows();
    double[][] expected = GOLDEN.tensor("opt." + name).toRows();
    OptimizerState state = optimizer.newState(p.length);
    for (int s = 0; s < grads.length; s++) {
      state.step(p, grads[s]);
      for (int i = 0; i < p.length; i++) {
        assertEquals(expected[s][i], p[i], ulps * Math.ulp(expected[s][i]), "step " + (s + 1) + ", element " + i);
      }
    }
  }

  @Test
  void plainSgdIsTheFunctionalSgdStep() {
    Tensor p1 = FunctionalTest.filled(1, 12);
    Tensor g = FunctionalTest.filled(2, 12);
    double[] p2 = p1.toArray();
    Functional.sgdStep(List.of(p1), List.of(g), 0.37);
    Optimizers.sgd(0.37).newState(12).step(p2, g.toArray());
    assertArrayEquals(p1.toArray(), p2, 0.0);
  }

  @Test
  void momentumMatchesNumpyBitForBit() {
    assertFollowsNumpy(Optimizers.sgd(0.1, 0.9), "momentum", 0);
  }

  @Test
  void nesterovMatchesNumpyBitForBit() {
    assertFollowsNumpy(Optimizers.nesterov(0.1, 0.9), "nesterov", 0);
  }

  @Test
  void adamMatchesNumpyBitForBit() {
    assertFollowsNumpy(Optimizers.adam(0.01), "adam", 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "momentum", "nesterov"})
  void stateSurvivesSaveAndLoad(String kind) {
    Optimizer optimizer = kind.equals("adam") ? Optimizers.adam(0.01)
        : kind.equals("momentum") ? Optimizers.sgd(0.1, 0.9) : Optimizers.nesterov(0.1, 0.9);
    double[] g1 = FunctionalTest.filled(3, 5).toArray();
    double[] g2 = FunctionalTest.filled(5, 5).toArray();
    double[] uninterrupted = FunctionalTest.filled(4, 5).toArray();
    OptimizerState s = optimizer.newState(5);
    s.step(uninterrupted, g1);
    s.step(uninterrupted, g2);

    double[] resumed = FunctionalTest.filled(4, 5).toArray();
    OptimizerState before = optimizer.newState(5);
    before.step(resumed, g1);
    OptimizerState after = optimizer.newState(5);
    after.load(before.save());
    after.step(resumed, g2);
    assertArrayEquals(uninterrupted, resumed, 0.0);

    double[] fresh = FunctionalTest.filled(4, 5).toArray();
    OptimizerState restart = optimizer.newState(5);
    restart.step(fresh, g1);
    optimizer.newState(5).step(fresh, g2);
    assertNotEquals(uninterrupted[0], fresh[0], "without the saved state the second step differs");
  }

  @Nested
  class Validation {

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, -1e-3})
    void rejectsBadLearningRatesAtCreation(double lr) {
      String expected = "lr must be finite and non-negative, but was " + lr;
      assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(lr)).getMessage());
      assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(lr)).getMessage());
      assertEquals(expected,
          assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(lr, 0.9)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, Double.NaN})
    void rejectsMomentumOutsideUnitInterval(double momentum) {
      assertEquals("momentum must be in [0, 1), but was " + momentum,
          assertThrows(IllegalArgumentException.class, () -> Optimizers.nesterov(0.1, momentum)).getMessage());
    }

    @Test
    void rejectsBadAdamHyperParameters() {
      assertEquals("beta2 must be in [0, 1), but was 1.0",
          assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(0.1, 0.9, 1.0, 1e-8)).getMessage());
      assertEquals("epsilon must be finite and positive, but was 0.0",
          assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(0.1, 0.9, 0.99, 0)).getMessage());
    }
  }

  @Test
  void areValuesPrintedAsTheirFactories() {
    assertEquals(Optimizers.sgd(0.5), Optimizers.sgd(0.5));
    assertEquals(Optimizers.sgd(0.5).hashCode(), Optimizers.sgd(0.5).hashCode());
    assertNotEquals(Optimizers.sgd(0.5, 0.9), Optimizers.nesterov(0.5, 0.9));
    assertEquals("sgd(0.5)", Optimizers.sgd(0.5).toString());
    assertEquals("nesterov(0.1, 0.9)", Optimizers.nesterov(0.1, 0.9).toString());
    assertEquals("adam(0.001, 0.9, 0.999, 1.0E-8)", Optimizers.adam(0.001).toString());
  }
}

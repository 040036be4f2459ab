package io.github.nndsl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.internal.OptimizerState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adam over runs long enough for its bias corrections {@code 1 - beta^t} to round to exactly 1.0
 * (the kernel then leaves out the division by them): every step's parameters against the
 * reference's formula written out here, {@code p = p*decay - lr*(m/c1)/(sqrt(v/c2) + eps)} with
 * running products for beta^t (the NumPy reference's, which OptimizersTest checks). The gradients
 * include exact zeros, so first moments decay into the subnormals (and to zero).
 */
class AdamLongRunTest {

  @ParameterizedTest(name = "betas {0}, {1}, decay {3}, {2} steps")
  @CsvSource({
      "0.9, 0.999, 40000, 0.0",   // c1 settles at step 356, c2 at 37,412
      "0.5, 0.9, 1500, 0.0",      // both settle early: 54 and 356
      "0.9, 0.999, 1200, 0.01",   // AdamW
      "0.9, 0.5, 500, 0.0"})      // c2 settles before c1: the general loop throughout
  void everyStepHasTheReferencesBits(double beta1, double beta2, int steps, double weightDecay) {
    int n = 11;
    double lr = 1e-3;
    double eps = 1e-8;
    Optimizer adam = weightDecay == 0 ? Optimizers.adam(lr, beta1, beta2, eps) : Optimizers.adamW(lr, weightDecay);
    OptimizerState state = adam.newState(n);
    double[] p = new double[n];
    double[] rp = new double[n];
    double[] m = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = rp[i] = 0.1 * (i - 5);
    }
    double b1 = weightDecay == 0 ? beta1 : 0.9;
    double b2 = weightDecay == 0 ? beta2 : 0.999;
    double b1Power = 1.0;
    double b2Power = 1.0;
    double[] g = new double[n];
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < n; i++) {
        // parameter 0 never gets a gradient, 1 only in the first 20 steps, the rest a varying one
        g[i] = i == 0 || (i == 1 && t > 20) ? 0.0 : Math.sin(0.37 * t * i) * Math.pow(10, i % 4 - 2);
      }
      state.step(p, g);
      b1Power *= b1;
      b2Power *= b2;
      double c1 = 1 - b1Power;
      double c2 = 1 - b2Power;
      double decay = 1 - lr * weightDecay;
      for (int i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        rp[i] = rp[i] * decay - lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
      }
      assertArrayEquals(rp, p, "step " + t);
    }
    if (steps >= 1500) {
      // with beta1 0.9 it stops at 5 * 2^-1074 (0.9, just above nine tenths, times it rounds back
      // to it), with 0.5 it reaches 0
      assertTrue(m[1] < Double.MIN_NORMAL, "the first moment of a stopped gradient is below the normals: " + m[1]);
    }
  }
}

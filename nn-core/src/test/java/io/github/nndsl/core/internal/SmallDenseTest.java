package io.github.nndsl.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused tiny dense layer gives exactly the bits of the separate kernels it replaces (product,
 * bias row, activation; input-based rectifier derivatives, abt, atb, sumRows) for every
 * activation, with and without bias, on every small shape, including row counts that are not
 * multiples of 4, and on data with zeros of both signs and NaNs.
 */
class SmallDenseTest {

  private static final int[] CODES = {
    SmallDense.NONE, SmallDense.RELU, SmallDense.SIGMOID, SmallDense.TANH, SmallDense.LEAKY_RELU
  };
  private static final double SLOPE = 0.01;

  @Test
  void forwardIsProductThenBiasThenActivation() {
    Random random = new Random(3);
    for (int m = 1; m <= 9; m++) {
      for (int k = 1; k <= 5; k++) {
        for (int n = 1; n <= 5; n++) {
          for (int act : CODES) {
            for (boolean bias : new boolean[] {true, false}) {
              double[] x = data(random, m * k);
              double[] w = data(random, k * n);
              double[] b = data(random, n);
              double[] expected = new double[m * n];
              if (bias) {
                SmallMatMul.abPlusRow(x, 0, w, 0, b, 0, expected, 0, m, k, n);
              } else {
                SmallMatMul.ab(x, 0, w, 0, expected, 0, m, k, n);
              }
              activate(act, expected);
              double[] actual = new double[m * n];
              SmallDense.forward(act, SLOPE, x, 0, w, 0, b, bias ? 0 : -1, actual, m, k, n);
              assertBits(expected, actual, "forward " + m + "x" + k + "x" + n + " act " + act + " bias " + bias);
            }
          }
        }
      }
    }
  }

  @Test
  void backwardIsTheSeparateKernelsWithTheInputBasedDerivative() {
    Random random = new Random(5);
    for (int m = 1; m <= 9; m++) {
      for (int k = 1; k <= 5; k++) {
        for (int n = 1; n <= 5; n++) {
          for (int prev : CODES) {
            for (boolean bias : new boolean[] {true, false}) {
              // the previous layer's pre-activation z and its output x = act(z)
              double[] z = data(random, m * k);
              double[] x = z.clone();
              activate(prev, x);
              double[] w = data(random, k * n);
              double[] gz = data(random, m * n);

              double[] dx = new double[m * k];
              MatMul.abt(gz, 0, w, 0, dx, 0, m, n, k);
              derivativeFromInput(prev, dx, z, x);
              double[] dw = new double[k * n];
              MatMul.atb(x, 0, gz, 0, dw, 0, k, m, n);
              double[] db = new double[n];
              Elementwise.sumRows(gz, 0, db, 0, m, n);

              // the layer's parameters as the network lays them out: weights, then bias, in one array
              int dbOff = bias ? 3 + k * n : -1;
              double[] values = data(random, 3 + k * n + n);
              System.arraycopy(w, 0, values, 3, k * n);
              double[] before = values.clone();
              double[] grads = new double[values.length];
              double[] actualDx = new double[m * k];
              SmallDense.backward(prev, SLOPE, x, 0, values, 3, gz, grads, dbOff, actualDx, true, Double.NaN,
                  m, k, n);
              String where = "backward " + m + "x" + k + "x" + n + " prev " + prev + " bias " + bias;
              assertBits(dx, actualDx, where + " dx");
              assertBits(dw, java.util.Arrays.copyOfRange(grads, 3, 3 + k * n), where + " dw");
              if (bias) {
                assertBits(db, java.util.Arrays.copyOfRange(grads, 3 + k * n, 3 + k * n + n), where + " db");
              }
              assertBits(before, values, where + ": no rate, no update");

              // with a rate: the same gradients, then p -= rate * g on this layer's parameters only
              double[] expectedValues = before.clone();
              Elementwise.sgd(expectedValues, 3, grads, 3, 0.5, k * n + (bias ? n : 0));
              double[] fusedDx = new double[m * k];
              SmallDense.backward(prev, SLOPE, x, 0, values, 3, gz, grads, dbOff, fusedDx, true, 0.5, m, k, n);
              assertBits(dx, fusedDx, where + " dx, with a rate");
              assertBits(expectedValues, values, where + " sgd");
            }
          }
        }
      }
    }
  }

  @Test
  void mseThroughSigmoidIsMseBackwardThenSigmoidBackward() {
    Random random = new Random(7);
    for (int n = 1; n <= 20; n++) {
      double[] p = data(random, n);
      Elementwise.sigmoid(p, 0, p, 0, n);
      double[] t = data(random, n);
      double[] expected = new double[n];
      Elementwise.mseBackward(p, 0, t, 0, expected, 0, n);
      Elementwise.sigmoidBackward(expected, 0, p, 0, expected, 0, n);
      double[] actual = new double[n];
      Elementwise.mseSigmoidBackward(p, 0, t, 0, actual, 0, n);
      assertBits(expected, actual, "mse through sigmoid, n " + n);
    }
  }

  @Test
  void mseLossAndGradientInOnePassAreTheTwoSeparateKernels() {
    Random random = new Random(11);
    for (int n = 1; n <= 20; n++) {
      for (int rep = 0; rep < 20; rep++) {
        double[] p = data(random, n);
        Elementwise.sigmoid(p, 0, p, 0, n);
        double[] t = data(random, n);
        double expectedLoss = Elementwise.meanSquaredError(p, 0, t, 0, n);
        double[] expected = new double[n];
        Elementwise.mseSigmoidBackward(p, 0, t, 0, expected, 0, n);
        double[] actual = new double[n + 2];
        double loss = Elementwise.mseSigmoidLossAndBackward(p, 0, t, 0, actual, 2, n);
        assertEquals(Double.doubleToLongBits(expectedLoss), Double.doubleToLongBits(loss), "loss, n " + n);
        assertBits(expected, java.util.Arrays.copyOfRange(actual, 2, n + 2), "gradient, n " + n);
      }
    }
    // an oracle written out: p = (0.25, 0.5, 0.75), t = (0, 1, 1): loss (1/16 + 1/4 + 1/16) / 3 = 0.125
    double[] g = new double[3];
    assertEquals(0.125, Elementwise.mseSigmoidLossAndBackward(
        new double[] {0.25, 0.5, 0.75}, 0, new double[] {0, 1, 1}, 0, g, 0, 3));
    // g = 2 (p - t) / 3 * p (1 - p)
    assertBits(new double[] {2 * 0.25 / 3 * 0.25 * 0.75, 2 * -0.5 / 3 * 0.5 * 0.5, 2 * -0.25 / 3 * 0.75 * 0.25}, g,
        "written out");
  }

  /** Mostly normal draws, with exact zeros of both signs and the odd NaN. */
  private static double[] data(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      int pick = random.nextInt(12);
      v[i] = pick == 0 ? 0.0 : pick == 1 ? -0.0 : pick == 2 && random.nextInt(4) == 0 ? Double.NaN
          : random.nextGaussian() * 2;
    }
    return v;
  }

  private static void activate(int act, double[] v) {
    if (act == SmallDense.RELU) {
      Elementwise.relu(v, 0, v, 0, v.length);
    } else if (act == SmallDense.SIGMOID) {
      Elementwise.sigmoid(v, 0, v, 0, v.length);
    } else if (act == SmallDense.TANH) {
      Activations.tanh(v, 0, v, 0, v.length);
    } else if (act == SmallDense.LEAKY_RELU) {
      Activations.leakyRelu(v, 0, SLOPE, v, 0, v.length);
    }
  }

  /** The unfused derivatives: rectifiers from their INPUT z, sigmoid and tanh from their output y. */
  private static void derivativeFromInput(int act, double[] g, double[] z, double[] y) {
    if (act == SmallDense.RELU) {
      Elementwise.reluBackward(g, 0, z, 0, g, 0, g.length);
    } else if (act == SmallDense.SIGMOID) {
      Elementwise.sigmoidBackward(g, 0, y, 0, g, 0, g.length);
    } else if (act == SmallDense.TANH) {
      Activations.tanhBackward(g, 0, y, 0, g, 0, g.length);
    } else if (act == SmallDense.LEAKY_RELU) {
      Activations.leakyReluBackward(g, 0, z, 0, SLOPE, g, 0, g.length);
    }
  }

  private static void assertBits(double[] expected, double[] actual, String where) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
          () -> where + " differs at " + java.util.Arrays.toString(expected) + " vs " + java.util.Arrays.toString(actual));
    }
  }
}

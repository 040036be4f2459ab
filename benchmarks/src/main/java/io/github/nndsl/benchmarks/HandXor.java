package io.github.nndsl.benchmarks;

import io.github.nndsl.core.random.NumPyRandom;


/**
 * The limit to compare against: the XOR network trained by one plain loop over {@code double[]},
 * no abstraction and no allocation inside the loop, with the library's arithmetic (fma chains in
 * increasing k, NumPy's order for sums and gradients), so it returns {@code Xor.trainXor}'s loss
 * bit for bit while doing only what that needs.
 */
public final class HandXor {

  private HandXor() {}

  /** Trains Linear(2, h) → ReLU → Linear(h, 1) → Sigmoid on XOR; returns the last forward pass's MSE. */
  public static double train(long seed, int h, double lr, int steps) {
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    double[] w1 = new double[2 * h];
    double[] w2 = new double[h];
    for (int i = 0; i < w1.length; i++) {
      w1[i] = rng.standardNormal() * 0.5;
    }
    for (int i = 0; i < h; i++) {
      w2[i] = rng.standardNormal() * 0.5;
    }
    double[] b1 = new double[h];
    double b2 = 0.0;
    double[] x = {0, 0, 0, 1, 1, 0, 1, 1};
    double[] t = {0, 1, 1, 0};
    double[] z1 = new double[4 * h];
    double[] a1 = new double[4 * h];
    double[] y = new double[4];
    double[] dz2 = new double[4];
    double[] dz1 = new double[4 * h];
    double loss = Double.NaN;
    for (int step = 0; step < steps; step++) {
      // forward
      double r = -0.0; // NumPy's pairwise sum below 8 elements: in order from -0.0
      for (int i = 0; i < 4; i++) {
        double z2 = 0.0;
        for (int j = 0; j < h; j++) {
          double z = Math.fma(x[2 * i + 1], w1[h + j], Math.fma(x[2 * i], w1[j], 0.0)) + b1[j];
          z1[i * h + j] = z;
          double a = z > 0.0 || z != z ? z : 0.0;
          a1[i * h + j] = a;
          z2 = Math.fma(a, w2[j], z2);
        }
        z2 += b2;
        double s = z2 >= 0.0 ? 1.0 / (1.0 + Math.exp(-z2)) : Math.exp(z2) / (1.0 + Math.exp(z2));
        y[i] = s;
        double d = s - t[i];
        r += d * d;
        dz2[i] = 2.0 * d / 4.0 * s * (1.0 - s);
      }
      loss = (0.0 + r) / 4;
      // backward and update, layer 2 then layer 1 (gradients of layer 1 use w2 before its update)
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < h; j++) {
          dz1[i * h + j] = Math.fma(dz2[i], w2[j], 0.0) * (z1[i * h + j] > 0.0 ? 1.0 : 0.0);
        }
      }
      for (int j = 0; j < h; j++) {
        double g = 0.0;
        for (int i = 0; i < 4; i++) {
          g = Math.fma(a1[i * h + j], dz2[i], g);
        }
        w2[j] -= lr * g;
      }
      b2 -= lr * (((dz2[0] + dz2[1]) + dz2[2]) + dz2[3]);
      for (int j = 0; j < h; j++) {
        double g0 = 0.0;
        double g1 = 0.0;
        for (int i = 0; i < 4; i++) {
          g0 = Math.fma(x[2 * i], dz1[i * h + j], g0);
          g1 = Math.fma(x[2 * i + 1], dz1[i * h + j], g1);
        }
        w1[j] -= lr * g0;
        w1[h + j] -= lr * g1;
        b1[j] -= lr * (((dz1[j] + dz1[h + j]) + dz1[2 * h + j]) + dz1[3 * h + j]);
      }
    }
    return loss;
  }
}

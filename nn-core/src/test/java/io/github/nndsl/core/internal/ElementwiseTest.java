package io.github.nndsl.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Elementwise#relu} writes {@code Math.max(v, 0.0)}, which C2 compiles to vector max
 * instructions; this checks the bits of that compiled loop, not only the interpreter's, on long
 * arrays full of the awkward values (-0.0, NaN, infinities, subnormals), against the definition
 * written out: {@code v > 0 or v is NaN ? v : +0.0}.
 */
class ElementwiseTest {

  private static final double[] AWKWARD = {
    -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
    -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0,
  };

  @Test
  void theRectifiersBackwardFromItsOutputHasTheBitsOfTheMaskForm() {
    // a is a rectifier's output, max(z, 0.0): +0.0, positive (subnormals, the largest, infinity)
    // or NaN; g anything. Against reluBackward (checked against NumPy's g * (x > 0) above) and
    // the definition itself
    double[] outputs = {0.0, Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0.5, 1.0, 7.25e10,
        1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
    double[] gradients = {0.0, -0.0, 1.0, -1.0, 3.5e-310, -2e-320, 1e308, -1e308, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, 0.1, -7.0};
    int n = outputs.length * gradients.length;
    double[] a = new double[n];
    double[] g = new double[n];
    for (int i = 0; i < outputs.length; i++) {
      for (int j = 0; j < gradients.length; j++) {
        a[i * gradients.length + j] = outputs[i];
        g[i * gradients.length + j] = gradients[j];
      }
    }
    double[] mask = new double[n];
    Elementwise.reluBackward(g, 0, a, 0, mask, 0, n);
    double[] fromOutput = g.clone();
    Elementwise.reluBackwardOfOutput(fromOutput, a, n);
    for (int i = 0; i < n; i++) {
      double definition = g[i] * (a[i] > 0 ? 1.0 : 0.0);
      assertEquals(Double.doubleToRawLongBits(definition), Double.doubleToRawLongBits(mask[i]), "mask form, " + i);
      assertEquals(Double.doubleToRawLongBits(definition), Double.doubleToRawLongBits(fromOutput[i]),
          "a = " + a[i] + ", g = " + g[i]);
    }
    // a NaN activation meets a NaN gradient (the next layer's row is NaN): NaN, as g * 0.0 is
    double[] nanG = {Double.NaN};
    Elementwise.reluBackwardOfOutput(nanG, new double[] {Double.NaN}, 1);
    assertTrue(Double.isNaN(nanG[0]));
  }

  @Test
  void settledAdamHasTheDivisionsBitsAtTheEdgesOnceCompiled() {
    // Elementwise.adam with c1 = 1.0 takes v / c2 by a refined reciprocal (adamFirstSettled);
    // against the formula with both divisions written out, on second moments from 0 through the
    // subnormals, the region below 2^-836 where the refined quotient itself may differ, up to the
    // largest double and infinity, NaN gradients, for the c2 of early, middle and late steps and
    // the extremes, an epsilon at the 2^-300 bound and one below it (the general loop); repeated
    // until C2 has compiled the loop
    Random random = new Random(29);
    int n = 1031;
    double[] firsts = new double[n];
    double[] seconds = new double[n];
    double[] grads = new double[n];
    for (int i = 0; i < n; i++) {
      int kind = i % 6;
      seconds[i] = Math.abs(kind == 0 ? Math.scalb(1 + random.nextDouble(), random.nextInt(2098) - 1074)
          : kind == 1 ? Math.scalb(1 + random.nextDouble(), -836 - random.nextInt(240)) // stays tiny: g too
          : kind == 2 ? Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)
          : kind == 3 ? AWKWARD[random.nextInt(AWKWARD.length)]
          : random.nextDouble());
      firsts[i] = kind == 3 ? AWKWARD[random.nextInt(AWKWARD.length)]
          : kind == 0 ? Math.scalb(random.nextGaussian(), random.nextInt(2000) - 1000)
          : random.nextGaussian() * 1e-3;
      grads[i] = kind == 1 ? (random.nextBoolean() ? 0.0 : Math.scalb(random.nextGaussian(), -560))
          : kind == 4 ? AWKWARD[random.nextInt(AWKWARD.length)]
          : kind == 5 ? Math.scalb(random.nextGaussian(), random.nextInt(1100) - 600)
          : random.nextGaussian() * 1e-3;
    }
    double beta1 = 0.9;
    double beta2 = 0.999;
    double lr = 1e-3;
    double[] c2s = {1 - Math.pow(beta2, 356), 1 - Math.pow(beta2, 5000), 1 - Math.pow(beta2, 37000), 0.5,
        0x1p-53, Math.nextDown(1.0), 1.0};
    double[] epsilons = {1e-8, 0x1p-300, 0x1p-301, 1e-320};
    for (int round = 0; round < 448; round++) {
      double c2 = c2s[round % c2s.length];
      double epsilon = epsilons[round / c2s.length % epsilons.length];
      double decay = round % 2 == 0 ? 1.0 : 1 - lr * 0.01;
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = 0.01 * (i % 17 - 8);
      }
      double[] m = firsts.clone();
      double[] v = seconds.clone();
      double[] rp = p.clone();
      double[] rm = firsts.clone();
      double[] rv = seconds.clone();
      Elementwise.adam(p, grads, m, v, beta1, beta2, 1.0, c2, lr, decay, epsilon);
      if (round < c2s.length * epsilons.length || round >= 448 - c2s.length * epsilons.length) {
        for (int i = 0; i < n; i++) {
          double gi = grads[i];
          rm[i] = beta1 * rm[i] + (1.0 - beta1) * gi;
          rv[i] = beta2 * rv[i] + (1.0 - beta2) * gi * gi;
          rp[i] = rp[i] * decay - lr * (rm[i] / 1.0) / (Math.sqrt(rv[i] / c2) + epsilon);
          int at = i;
          assertEquals(Double.doubleToLongBits(rp[i]), Double.doubleToLongBits(p[i]),
              () -> "p at " + at + ": v " + rv[at] + ", g " + gi + ", c2 " + c2 + ", epsilon " + epsilon);
          assertEquals(Double.doubleToLongBits(rv[i]), Double.doubleToLongBits(v[i]));
          assertEquals(Double.doubleToLongBits(rm[i]), Double.doubleToLongBits(m[i]));
        }
      }
    }
  }

  @Test
  void settledAdamHasTheDivisionsBitsForTheSecondCorrectionOfEveryStep() {
    // the quotients v / c2 of the settled loop, through the parameters they give, for the c2 of
    // every 7th step from 356 (where c1 settles for beta1 0.9) to 37,411 (c2 settles) for beta2
    // 0.999, and of the first 2,000 steps for beta2 0.99, 0.5 and 0.9999: second moments log-
    // uniform over the exact region (2^-836 to the largest double), first moments scaled so
    // that each update shows the quotient's last bits in p
    Random random = new Random(31);
    int n = 512;
    double[] grads = new double[n];
    double[] firsts = new double[n];
    double[] seconds = new double[n];
    double[][] schedules = {{0.999, 356, 37411, 7}, {0.99, 1, 2000, 1}, {0.5, 1, 52, 1}, {0.9999, 1, 2000, 1}};
    int checked = 0;
    for (double[] schedule : schedules) {
      double beta2 = schedule[0];
      double power = 1.0;
      for (int t = 1; t <= schedule[2]; t++) {
        power *= beta2;
        if (t < schedule[1] || (t - (int) schedule[1]) % (int) schedule[3] != 0) {
          continue;
        }
        double c2 = 1 - power;
        for (int i = 0; i < n; i++) {
          seconds[i] = Math.scalb(1 + random.nextDouble(), random.nextInt(1859) - 836);
          double root = Math.sqrt(seconds[i] / c2);
          firsts[i] = root * (1 + random.nextDouble()) * 1e3; // lr * m / sqrt(v / c2) near p's size
          grads[i] = 0.0; // v = beta2 * v exactly as written: no g² term to hide a quotient's last bit
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
          p[i] = 1 + random.nextDouble();
        }
        double[] rp = p.clone();
        double[] m = firsts.clone();
        double[] v = seconds.clone();
        Elementwise.adam(p, grads, m, v, 0.9, beta2, 1.0, c2, 1e-3, 1.0, 1e-8);
        for (int i = 0; i < n; i++) {
          double mi = 0.9 * firsts[i] + (1.0 - 0.9) * 0.0;
          double vi = beta2 * seconds[i] + (1.0 - beta2) * 0.0 * 0.0;
          double expected = rp[i] * 1.0 - 1e-3 * (mi / 1.0) / (Math.sqrt(vi / c2) + 1e-8);
          int at = i;
          double c = c2;
          assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(p[i]),
              () -> "v " + seconds[at] + ", c2 " + c);
          checked++;
        }
      }
    }
    assertTrue(checked > 2_000_000, "quotients checked: " + checked);
  }

  @Test
  void sumRowsAddsTheRowsInOrderWhateverItsPath() {
    // the plain loop below is NumPy's g.sum(axis=0) on a C-ordered array: row 0, then each next
    // row added in turn; sumRows takes scratch rows from 32 columns on
    Random random = new Random(3);
    int[][] shapes = {{1, 64}, {2, 64}, {32, 64}, {33, 100}, {5, 31}, {7, 32}, {32, 10}, {0, 64}, {3, 1}};
    for (int[] shape : shapes) {
      int m = shape[0];
      int n = shape[1];
      int gOff = random.nextInt(4);
      double[] g = new double[gOff + m * n];
      for (int i = 0; i < g.length; i++) {
        g[i] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
      }
      double[] expected = new double[n];
      for (int j = 0; j < n; j++) {
        double s = m == 0 ? 0.0 : g[gOff + j];
        for (int r = 1; r < m; r++) {
          s += g[gOff + r * n + j];
        }
        expected[j] = s;
      }
      double[] out = new double[n + 2];
      out[0] = 7.0;
      Elementwise.sumRows(g, gOff, out, 1, m, n);
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 1, n + 1),
          m + " x " + n);
      assertEquals(7.0, out[0]);
      assertEquals(0.0, out[n + 1]);
    }
  }

  @Test
  void reluIsTheDefinitionBitForBitOnceCompiled() {
    Random random = new Random(13);
    int n = 4099; // not a multiple of any vector width
    double[] x = new double[n + 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(3) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)] : random.nextGaussian();
    }
    double[] out = new double[n + 5];
    for (int round = 0; round < 3000; round++) { // long enough for C2 to compile the loop
      int xOff = round % 3;
      int outOff = round % 5;
      Elementwise.relu(x, xOff, out, outOff, n);
      if (round % 500 == 499) {
        for (int i = 0; i < n; i++) {
          double v = x[xOff + i];
          double expected = v > 0.0 || v != v ? v : 0.0;
          int at = i;
          assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[outOff + i]),
              () -> "relu(" + v + ") at " + at);
        }
      }
    }
  }

  @Test
  void reluBackwardIsTheDefinitionBitForBitOnceCompiled() {
    Random random = new Random(17);
    int n = 4099;
    double[] x = new double[n + 3];
    double[] g = new double[n + 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(3) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)] : random.nextGaussian();
    }
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextInt(4) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)] : random.nextGaussian();
    }
    double[] out = new double[n + 5];
    for (int round = 0; round < 3000; round++) {
      int xOff = round % 3;
      int gOff = round % 2;
      int outOff = round % 5;
      Elementwise.reluBackward(g, gOff, x, xOff, out, outOff, n);
      if (round % 500 == 499 || round == 0) {
        for (int i = 0; i < n; i++) {
          double v = x[xOff + i];
          double expected = g[gOff + i] * (v > 0.0 ? 1.0 : 0.0); // NumPy's g * (x > 0)
          int at = i;
          assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[outOff + i]),
              () -> "reluBackward(" + g[gOff + at] + ", " + v + ") at " + at);
        }
      }
    }
  }
}

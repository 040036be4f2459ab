package io.github.nndsl.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of the float32 product (tiny, one row, four rows at a time in blocks, Vector API) gives
 * exactly the reference chain {@code c = Math.fma(a, b, c)} in float, increasing k from 0, on sizes
 * that are not multiples of any block; and the float forms of the ops are {@code (float) f((double)
 * x)} of the float64 ops, as the generic widening form computes them.
 */
class FloatMatMulTest {

  private static final int[][] SHAPES = {
    {1, 1, 1}, {4, 2, 4}, {4, 4, 1}, {3, 5, 7}, {8, 8, 8}, {9, 17, 33}, {1, 784, 256}, {1, 256, 10},
    {1, 30, 64}, {1, 64, 2}, {2, 300, 130}, {3, 61, 150}, {4, 129, 513}, {5, 600, 301}, {7, 40, 1100},
    {37, 300, 270}, {64, 784, 256}, {64, 256, 10}, {22, 257, 18}, {33, 30, 64}, {130, 257, 18},
    {1, 20, 512}, {1, 20, 513}, {2, 9, 1537}, {6, 300, 1024},
  };

  private final boolean savedVector = MatMul.vectorized();

  @AfterEach
  void restore() {
    MatMul.setVectorized(savedVector);
  }

  @Test
  void testsRunWithTheVectorModuleSoBothKernelsAreChecked() {
    assertTrue(FloatMatMul.vectorAvailable(), "surefire's argLine adds jdk.incubator.vector");
  }

  @Test
  void everyPathIsTheReferenceChain() {
    Random random = new Random(3);
    for (int[] s : SHAPES) {
      checkShape(s[0], s[1], s[2], random);
    }
  }

  @Test
  void randomSizesAreTheReferenceChain() {
    Random random = new Random(17);
    for (int t = 0; t < 20; t++) {
      checkShape(1 + random.nextInt(70), 1 + random.nextInt(400), 1 + random.nextInt(700), random);
    }
  }

  private static void checkShape(int m, int k, int n, Random random) {
    int aOff = random.nextInt(3);
    float[] a = floats(random, aOff + m * k);
    float[] b = floats(random, k * n);
    float[] expected = new float[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[aOff + i * k + p], b[p * n + j], s);
        }
        expected[i * n + j] = s;
      }
    }
    String shape = "(" + m + ", " + k + ", " + n + ")";
    double[] wide = new double[3 + k * n];
    for (int i = 0; i < b.length; i++) {
      wide[3 + i] = b[i];
    }
    float[][][] packed = FloatMatMul.pack(wide, 3, k, n);
    assertEquals((n + FloatMatMul.WIDTH - 1) / FloatMatMul.WIDTH, packed.length, shape + " blocks");
    float[][] acc = new float[4][FloatMatMul.WIDTH];
    for (boolean vector : new boolean[] {false, true}) {
      MatMul.setVectorized(vector);
      float[] c = garbage(m * n + 1);
      FloatMatMul.ab(a, aOff, packed, c, m, k, n, acc);
      assertArrayEquals(expected, java.util.Arrays.copyOf(c, m * n), shape + " vector " + vector);
      assertEquals(-7f, c[m * n], "nothing written past c");
    }
    // each plain path on its own, whatever the size would pick
    float[] c = garbage(m * n);
    FloatMatMul.small(a, aOff, packed, c, m, k, n);
    assertArrayEquals(expected, c, shape + " small");
    c = garbage(m * n);
    FloatMatMul.rows(a, aOff, packed, c, m, k, n, acc);
    assertArrayEquals(expected, c, shape + " rows");
    if (packed.length == 1) {
      float[] row = garbage(n + 1);
      FloatMatMul.oneRow(a, aOff, packed[0], row, k, n);
      assertArrayEquals(java.util.Arrays.copyOf(expected, n), java.util.Arrays.copyOf(row, n), shape + " oneRow");
      assertEquals(-7f, row[n], "nothing written past the row");
    }
  }

  private static float[] floats(Random random, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (random.nextGaussian() * 2);
    }
    return f;
  }

  private static float[] garbage(int n) {
    float[] c = new float[n];
    java.util.Arrays.fill(c, -7f);
    return c;
  }

  @Test
  void theFloatFormsAreTheWidenedFloat64Ops() {
    Random random = new Random(5);
    int width = 9;
    int batch = 6;
    float[] in = floats(random, batch * width);
    double[] mean = random.doubles(width, -1, 1).toArray();
    double[] std = random.doubles(width, 0.1, 3).toArray();
    Op[] ops = {
      Op.activation(Op.Kind.RELU, width, 0, null), Op.activation(Op.Kind.SIGMOID, width, 0, null),
      Op.activation(Op.Kind.TANH, width, 0, null), Op.activation(Op.Kind.LEAKY_RELU, width, 0.2, null),
      Op.activation(Op.Kind.SOFTMAX, width, 0, null), Op.activation(Op.Kind.IDENTITY, width, 0, null),
      Op.standardize(mean, std, null), Op.dropout(width, 0.5, 0, null).frozen(new double[0]),
    };
    float[][] acc = new float[4][FloatMatMul.WIDTH];
    for (Op op : ops) {
      float[] own = new float[batch * width];
      float[] widened = new float[batch * width];
      op.float32().forward(in, 0, own, batch, acc);
      FloatOps.widened(op).forward(in, 0, widened, batch, acc);
      double[] wide = new double[in.length];
      for (int i = 0; i < in.length; i++) {
        wide[i] = in[i];
      }
      double[] f64 = new double[in.length];
      op.forward(wide, 0, f64, batch);
      float[] expected = new float[in.length];
      for (int i = 0; i < in.length; i++) {
        expected[i] = (float) f64[i];
      }
      assertArrayEquals(expected, own, op.getClass().getSimpleName() + " " + op.applied());
      assertArrayEquals(expected, widened, "widened " + op.getClass().getSimpleName() + " " + op.applied());
    }
  }
}

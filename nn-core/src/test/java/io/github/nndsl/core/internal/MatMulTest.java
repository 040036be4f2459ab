package io.github.nndsl.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of the matrix products (tiny, blocked, Vector API, one thread or two) gives exactly
 * the reference chain {@code c = fma(a, b, c)} in increasing k from 0.0, on sizes that are not
 * multiples of any block.
 */
class MatMulTest {

  private static final int[][] SHAPES = {
    {1, 1, 1}, {4, 2, 4}, {4, 4, 1}, {3, 5, 7}, {8, 8, 8}, {9, 17, 33},
    {37, 300, 270}, {130, 257, 18}, {5, 600, 301}, {64, 513, 65}, {128, 100, 256}, {203, 61, 150},
    {128, 256, 10}, {37, 70, 12}, {6, 90, 9}, {256, 128, 10}, {64, 32, 10}, {65, 33, 7}, {300, 20, 63},
    {1, 784, 256}, {1, 256, 10}, {1, 30, 64}, {2, 300, 130}, {3, 61, 150}, {1, 70, 100},
    {32, 64, 10}, {19, 64, 10}, {16, 300, 3}, {33, 129, 63}, {15, 64, 10},
  };

  private final int savedThreads = KernelThreads.threads();
  private final boolean savedVector = MatMul.vectorized();

  @AfterEach
  void restore() {
    KernelThreads.setThreads(savedThreads);
    MatMul.setVectorized(savedVector);
  }

  @Test
  void testsRunWithTheVectorModuleSoBothKernelsAreChecked() {
    assertTrue(MatMul.vectorAvailable(), "surefire's argLine adds jdk.incubator.vector");
  }

  @Test
  void abIsTheReferenceChainWhateverTheKernelAndThreads() {
    check(0);
  }

  @Test
  void atbIsTheReferenceChainWhateverTheKernelAndThreads() {
    check(1);
  }

  @Test
  void abtIsTheReferenceChainWhateverTheKernelAndThreads() {
    check(2);
  }

  @Test
  void randomSizesAgreeAcrossThreadCounts() {
    Random random = new Random(11);
    for (int t = 0; t < 12; t++) {
      int m = 1 + random.nextInt(200);
      int k = 1 + random.nextInt(400);
      int n = 1 + random.nextInt(300);
      for (int form = 0; form < 3; form++) {
        checkShape(form, m, k, n, random);
      }
    }
  }

  @Test
  void signedZerosComeOutAsTheChainFromPlusZeroGivesThem() {
    // a has no zeros and is mostly negative; every third column of the product's right-hand
    // factor is +0.0 throughout, so those chains are of -0.0 products alone: fma(x, y, +0.0) with
    // x·y = -0.0 is +0.0, and the chain stays +0.0 (a kernel that started from the first product
    // would give -0.0); the other columns are zero-heavy. Every form and shape
    for (int form = 0; form < 3; form++) {
      Random random = new Random(100 + form);
      for (int[] s : SHAPES) {
        checkShape(form, s[0], s[1], s[2], random, true);
      }
    }
  }

  private static void check(int form) {
    Random random = new Random(form);
    for (int[] s : SHAPES) {
      checkShape(form, s[0], s[1], s[2], random);
    }
  }

  private static void checkShape(int form, int m, int k, int n, Random random) {
    checkShape(form, m, k, n, random, false);
  }

  private static void checkShape(int form, int m, int k, int n, Random random, boolean zeros) {
    int aOff = random.nextInt(3);
    int bOff = random.nextInt(3);
    double[] a = random.doubles(aOff + m * k, -1, zeros ? -0.25 : 1).toArray();
    double[] b = random.doubles(bOff + k * n, -1, 1).toArray();
    if (zeros) {
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < n; j++) {
          int at = bOff + (form == 2 ? j * k + p : p * n + j);
          b[at] = j % 3 == 0 ? 0.0 : random.nextInt(3) == 0 ? b[at] : random.nextBoolean() ? 0.0 : -0.0;
        }
      }
      for (int i = aOff; i < a.length; i += 5) {
        a[i] = -a[i]; // a few positive entries too
      }
    }
    double[] expected = reference(form, a, aOff, b, bOff, m, k, n);
    for (boolean vector : new boolean[] {false, true}) {
      for (int count = 1; count <= 2; count++) {
        int threads = count;
        MatMul.setVectorized(vector);
        KernelThreads.setThreads(threads);
        double[] c = new double[1 + m * n];
        c[0] = 42.0; // the element before cOff is never written
        call(form, a, aOff, b, bOff, c, 1, m, k, n);
        double[] got = java.util.Arrays.copyOfRange(c, 1, c.length);
        assertArrayEquals(expected, got,
            () -> "form " + form + " (" + m + ", " + k + ", " + n + ") vector " + vector + " threads " + threads);
        assertTrue(c[0] == 42.0);
      }
    }
  }

  private static void call(int form, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    switch (form) {
      case 0:
        MatMul.ab(a, aOff, b, bOff, c, cOff, m, k, n);
        break;
      case 1:
        MatMul.atb(a, aOff, b, bOff, c, cOff, m, k, n);
        break;
      default:
        MatMul.abt(a, aOff, b, bOff, c, cOff, m, k, n);
    }
  }

  /** The definition: c[i][j] = chain of fma over p in increasing order, from 0.0. */
  private static double[] reference(int form, double[] a, int aOff, double[] b, int bOff, int m, int k, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          double x = form == 1 ? a[aOff + p * m + i] : a[aOff + i * k + p];
          double y = form == 2 ? b[bOff + j * k + p] : b[bOff + p * n + j];
          s = Math.fma(x, y, s);
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }
}

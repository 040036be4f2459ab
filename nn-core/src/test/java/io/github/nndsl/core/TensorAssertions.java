package io.github.nndsl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Comparisons of tensors for tests: exact bits, or within a number of units in the last place. */
public final class TensorAssertions {

  private TensorAssertions() {}

  public static void assertBitsEqual(Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape(), actual.shape(), "shape");
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    for (int i = 0; i < e.length; i++) {
      if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
        fail("element " + i + ": expected " + e[i] + " but was " + a[i]);
      }
    }
  }

  /** Each element within {@code ulps} units in the last place of the expected value. */
  public static void assertWithinUlps(Tensor expected, Tensor actual, int ulps) {
    assertArrayEquals(expected.shape(), actual.shape(), "shape");
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    for (int i = 0; i < e.length; i++) {
      if (Math.abs(e[i] - a[i]) > ulps * Math.ulp(e[i])) {
        fail("element " + i + ": expected " + e[i] + " but was " + a[i] + " (more than " + ulps + " ulp)");
      }
    }
  }

  public static void assertClose(Tensor expected, Tensor actual, double tolerance) {
    assertArrayEquals(expected.shape(), actual.shape(), "shape");
    assertArrayEquals(expected.toArray(), actual.toArray(), tolerance);
  }
}

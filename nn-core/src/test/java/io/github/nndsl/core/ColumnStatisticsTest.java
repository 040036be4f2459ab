package io.github.nndsl.core;

import io.github.nndsl.core.random.NumPyRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Functional.columnMean and columnStd against NumPy's x.mean(0) and x.std(0), bit for bit
 * (golden/standardize.txt from src/test/python/gen_standardize.py), in both of NumPy's summation
 * orders; and the standardize op against NumPy's (x - mean) / std.
 */
class ColumnStatisticsTest {

  private static final Golden GOLDEN = Golden.load("/golden/standardize.txt");

  /** The case's x, regenerated as the script made it: standard_normal((rows, cols)) * scale + offset. */
  private static Tensor x(String name) {
    int rows = (int) GOLDEN.scalar(name + ".rows");
    int cols = (int) GOLDEN.scalar(name + ".cols");
    double scale = GOLDEN.scalar(name + ".scale");
    double offset = GOLDEN.scalar(name + ".offset");
    Tensor x = NumPyRandom.defaultRng((long) GOLDEN.scalar(name + ".seed")).standardNormal(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, x.get(i) * scale + offset);
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"one", "col7", "col8", "col129", "col1000", "col4097", "two", "five", "wide", "tall"})
  void meanAndStdAreNumPysBitForBit(String name) {
    Tensor x = x(name);
    int rows = x.dim(0);
    if (rows * x.dim(1) <= 1000) {
      assertEquals(GOLDEN.tensor(name + ".x"), x, "the regenerated x is the script's");
    }
    assertArrayEquals(GOLDEN.tensor(name + ".mean").toArray(), Functional.columnMean(x).toArray(), name + " mean");
    assertArrayEquals(GOLDEN.tensor(name + ".std").toArray(), Functional.columnStd(x).toArray(), name + " std");
  }

  @Test
  void pairwiseAndRowOrderSumsDifferOnTheseCases() {
    // the golden cases are only a check of the order if the other order would give other bits
    Tensor col = x("col1000");
    double inOrder = 0.0;
    for (int r = 0; r < col.dim(0); r++) {
      inOrder += col.get(r, 0);
    }
    assertTrue(inOrder / col.dim(0) != Functional.columnMean(col).get(0), "row order would differ from pairwise");
  }

  private static void assertTrue(boolean condition, String message) {
    org.junit.jupiter.api.Assertions.assertTrue(condition, message);
  }

  @Test
  void standardizeOpComputesNumPysSubtractionThenDivision() {
    for (String name : new String[] {"col7", "col129", "constant"}) {
      Tensor x = GOLDEN.tensor(name + ".x");
      double[] mean = GOLDEN.tensor(name + ".mean").toArray();
      double[] divisor = name.equals("constant") ? GOLDEN.tensor("constant.divisor").toArray()
          : GOLDEN.tensor(name + ".std").toArray();
      Network net = Network.builder(x.dim(1)).standardize(mean, divisor).build();
      assertEquals(GOLDEN.tensor(name + ".y"), net.predict(x), name);
      assertEquals(0, net.parameters().size(), "the constants are not parameters");
      assertEquals("Network(Standardize(" + x.dim(1) + "); 0 parameters)", net.toString());
    }
  }

  @Test
  void constantColumnStatisticsAreNumPys() {
    Tensor x = GOLDEN.tensor("constant.x");
    assertArrayEquals(GOLDEN.tensor("constant.mean").toArray(), Functional.columnMean(x).toArray());
    assertArrayEquals(GOLDEN.tensor("constant.std").toArray(), Functional.columnStd(x).toArray());
  }

  @Test
  void rejectsWhatHasNoColumnStatistics() {
    assertEquals("x must be a matrix (rank 2), but has shape (3,)",
        assertThrows(IllegalArgumentException.class, () -> Functional.columnMean(Tensor.vector(1, 2, 3))).getMessage());
    assertEquals("x must have at least one row, but has shape (0, 2)",
        assertThrows(IllegalArgumentException.class, () -> Functional.columnStd(Tensor.zeros(0, 2))).getMessage());
  }

  @Test
  void builderRejectsBadConstantsNamingTheElement() {
    assertEquals("mean must have 2 values (the width before it), but has 3",
        assertThrows(IllegalArgumentException.class,
            () -> Network.builder(2).standardize(new double[3], new double[] {1, 1})).getMessage());
    assertEquals("std[1] must be finite and positive, but was 0.0",
        assertThrows(IllegalArgumentException.class,
            () -> Network.builder(2).standardize(new double[2], new double[] {1, 0})).getMessage());
    assertEquals("mean[0] must be finite, but was NaN",
        assertThrows(IllegalArgumentException.class,
            () -> Network.builder(2).standardize(new double[] {Double.NaN, 0}, new double[] {1, 1})).getMessage());
    assertEquals("rate must be in [0, 1), but was 1.0",
        assertThrows(IllegalArgumentException.class, () -> Network.builder(2).dropout(1.0)).getMessage());
  }

  @Test
  void standardizeInTheMiddleMatchesFiniteDifferences() {
    Network net = Network.builder(3).linear(4, true).tanh()
        .standardize(new double[] {0.1, -0.2, 0.3, 0}, new double[] {0.5, 2, 0.25, 1}).tanh().linear(2, true).build();
    NetworkTest.randomize(net, 70);
    GradientCheck.Result r = GradientCheck.check(net, FunctionalTest.filled(71, 5, 3), FunctionalTest.filled(72, 5, 2),
        Losses.mse());
    org.junit.jupiter.api.Assertions.assertTrue(r.maxError() < 1e-7, r.toString());
  }
}

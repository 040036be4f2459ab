package io.github.nndsl.core;

import static io.github.nndsl.core.TensorAssertions.assertBitsEqual;
import static io.github.nndsl.core.TensorAssertions.assertClose;
import static io.github.nndsl.core.TensorAssertions.assertWithinUlps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build-nn series' checks (problems 01-06) ported, plus NumPy golden vectors and central
 * finite differences (eps 1e-5) of every backward.
 */
public class FunctionalTest {

  private static final Golden GOLDEN = Golden.load("/golden/functional.txt");
  private static final double EPS = 1e-5;

  /** Deterministic pseudo-random values in [-2, 2) that are independent of the code under test. */
  public static Tensor filled(long seed, int... shape) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, r.nextDouble(-2, 2));
    }
    return t;
  }

  /** Central finite differences of a scalar function with respect to every element of x. */
  static Tensor numericGradient(ToDoubleFunction<Tensor> f, Tensor x) {
    Tensor grad = Tensor.zeros(x.shape());
    for (int i = 0; i < x.size(); i++) {
      double saved = x.get(i);
      x.set(i, saved + EPS);
      double plus = f.applyAsDouble(x);
      x.set(i, saved - EPS);
      double minus = f.applyAsDouble(x);
      x.set(i, saved);
      grad.set(i, (plus - minus) / (2 * EPS));
    }
    return grad;
  }

  /** sum(y * r): a scalar whose gradient with respect to y is r. */
  static double weightedSum(Tensor y, Tensor r) {
    double s = 0;
    for (int i = 0; i < y.size(); i++) {
      s += y.get(i) * r.get(i);
    }
    return s;
  }

  @Nested
  class LinearForward {

    @ParameterizedTest
    @ValueSource(strings = {"lf6", "lf128", "lfxor"})
    void matchesNumpyBitForBit(String name) {
      Tensor y = Functional.linearForward(
          GOLDEN.tensor(name + ".x"), GOLDEN.tensor(name + ".w"), GOLDEN.tensor(name + ".b"));
      assertBitsEqual(GOLDEN.tensor(name + ".y"), y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lf1", "lfcol"})
    void matchesNumpyToRoundingForOneRowOrOneColumn(String name) {
      // NumPy sends matrix-vector products through dgemv, whose summation order differs from dgemm
      Tensor y = Functional.linearForward(
          GOLDEN.tensor(name + ".x"), GOLDEN.tensor(name + ".w"), GOLDEN.tensor(name + ".b"));
      assertClose(GOLDEN.tensor(name + ".y"), y, 1e-14);
    }

    @Test
    void computesAHandWorkedCase() {
      Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
      Tensor w = Tensor.of(new double[][] {{1, 0, -1}, {2, 1, 0}});
      Tensor b = Tensor.vector(0.5, -0.5, 0);
      Tensor y = Functional.linearForward(x, w, b);
      assertArrayEquals(new int[] {2, 3}, y.shape());
      assertArrayEquals(new double[] {5.5, 1.5, -1, 11.5, 3.5, -3}, y.toArray());
    }

    @Test
    void leavesItsInputsUnchanged() {
      Tensor x = filled(1, 3, 2);
      Tensor w = filled(2, 2, 4);
      Tensor b = filled(3, 4);
      Tensor x0 = x.copy();
      Tensor w0 = w.copy();
      Tensor b0 = b.copy();
      Functional.linearForward(x, w, b);
      assertEquals(x0, x);
      assertEquals(w0, w);
      assertEquals(b0, b);
    }

    @Test
    void rejectsMismatchedInnerDimension() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.linearForward(Tensor.zeros(4, 3), Tensor.zeros(2, 4), Tensor.zeros(4)));
      assertEquals("w must have as many rows as x has columns (3), but x is (4, 3) and w is (2, 4)",
          e.getMessage());
    }

    @Test
    void rejectsBiasOfWrongLength() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.linearForward(Tensor.zeros(4, 2), Tensor.zeros(2, 4), Tensor.zeros(3)));
      assertEquals("b must have as many elements as w has columns (4), but b is (3,) and w is (2, 4)",
          e.getMessage());
    }

    @Test
    void rejectsVectorInput() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.linearForward(Tensor.zeros(2), Tensor.zeros(2, 4), Tensor.zeros(4)));
      assertEquals("x must be a matrix (rank 2), but has shape (2,)", e.getMessage());
    }

    @Test
    void rejectsNull() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.linearForward(Tensor.zeros(1, 2), null, Tensor.zeros(4)));
      assertEquals("w is null", e.getMessage());
    }
  }

  @Nested
  class LinearBackward {

    @ParameterizedTest
    @ValueSource(strings = {"lb6", "lb128", "lbxor"})
    void matchesNumpyBitForBit(String name) {
      LinearGradients grads = Functional.linearBackward(
          GOLDEN.tensor(name + ".g"), GOLDEN.tensor(name + ".x"), GOLDEN.tensor(name + ".w"));
      assertBitsEqual(GOLDEN.tensor(name + ".dx"), grads.dx());
      assertBitsEqual(GOLDEN.tensor(name + ".dw"), grads.dw());
      assertBitsEqual(GOLDEN.tensor(name + ".db"), grads.db());
    }

    @Test
    void matchesFiniteDifferences() {
      Tensor x = filled(11, 5, 3);
      Tensor w = filled(12, 3, 4);
      Tensor b = filled(13, 4);
      Tensor r = filled(14, 5, 4);
      LinearGradients grads = Functional.linearBackward(r, x, w);
      assertClose(numericGradient(v -> weightedSum(Functional.linearForward(v, w, b), r), x), grads.dx(), 1e-8);
      assertClose(numericGradient(v -> weightedSum(Functional.linearForward(x, v, b), r), w), grads.dw(), 1e-8);
      assertClose(numericGradient(v -> weightedSum(Functional.linearForward(x, w, v), r), b), grads.db(), 1e-8);
    }

    @Test
    void sumsTheBiasGradientOverTheBatchRatherThanAveraging() {
      Tensor g = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
      LinearGradients grads = Functional.linearBackward(g, Tensor.zeros(3, 1), Tensor.zeros(1, 2));
      assertArrayEquals(new double[] {9, 12}, grads.db().toArray());
    }

    @Test
    void destructuresInOrder() {
      LinearGradients grads = Functional.linearBackward(filled(1, 2, 3), filled(2, 2, 4), filled(3, 4, 3));
      assertSame(grads.dx(), grads.component1());
      assertSame(grads.dw(), grads.component2());
      assertSame(grads.db(), grads.component3());
      assertArrayEquals(new int[] {2, 4}, grads.dx().shape());
      assertArrayEquals(new int[] {4, 3}, grads.dw().shape());
      assertArrayEquals(new int[] {3}, grads.db().shape());
    }

    @Test
    void rejectsGradientOfWrongShape() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.linearBackward(Tensor.zeros(4, 2), Tensor.zeros(4, 2), Tensor.zeros(2, 1)));
      assertEquals("g must have shape (4, 1) (x's rows, w's columns), but was (4, 2)", e.getMessage());
    }
  }

  @Nested
  class Relu {

    @Test
    void matchesNumpy() {
      assertBitsEqual(GOLDEN.tensor("relu.y"), Functional.relu(GOLDEN.tensor("relu.x")));
      assertBitsEqual(GOLDEN.tensor("relu.dx"),
          Functional.reluBackward(GOLDEN.tensor("relu.g"), GOLDEN.tensor("relu.x")));
    }

    @Test
    void clampsNegativesAndKeepsShape() {
      Tensor y = Functional.relu(Tensor.of(new double[][] {{-1, 0, 2}, {3, -0.5, -0.0}}));
      assertArrayEquals(new int[] {2, 3}, y.shape());
      assertArrayEquals(new double[] {0, 0, 2, 3, 0, 0}, y.toArray());
      assertEquals(0L, Double.doubleToLongBits(y.get(1, 2)), "max(0, -0.0) is +0.0 in NumPy");
    }

    @Test
    void propagatesNaNLikeNumpyMaximum() {
      assertTrue(Double.isNaN(Functional.relu(Tensor.vector(Double.NaN)).get(0)));
    }

    @Test
    void hasZeroGradientAtExactlyZero() {
      Tensor dx = Functional.reluBackward(Tensor.vector(5, 5, 5), Tensor.vector(-1, 0, 1));
      assertArrayEquals(new double[] {0, 0, 5}, dx.toArray());
    }

    @Test
    void backwardMatchesFiniteDifferencesAwayFromZero() {
      Tensor x = filled(21, 4, 5);
      Tensor r = filled(22, 4, 5);
      assertClose(numericGradient(v -> weightedSum(Functional.relu(v), r), x), Functional.reluBackward(r, x), 1e-9);
    }

    @Test
    void rejectsMismatchedShapes() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.reluBackward(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
      assertEquals("gradOut and x must have the same shape, but gradOut is (2, 3) and x is (3, 2)",
          e.getMessage());
    }
  }

  @Nested
  class Sigmoid {

    @Test
    void isFiniteAndSaturatedAtPlusMinus1000() {
      Tensor s = Functional.sigmoid(Tensor.vector(-1000, 1000));
      assertTrue(Double.isFinite(s.get(0)) && Double.isFinite(s.get(1)));
      assertTrue(s.get(0) < 1e-10, "sigmoid(-1000) < 1e-10");
      assertTrue(s.get(1) > 1 - 1e-10, "sigmoid(1000) > 1 - 1e-10");
    }

    @Test
    void isOneHalfAtZero() {
      assertEquals(0.5, Functional.sigmoid(Tensor.zeros(1, 1)).get(0, 0));
    }

    @Test
    void matchesNumpyWithinOneUlp() {
      // NumPy's exp (SIMD) and the JVM's are both within 1 ulp but not always the same double
      assertWithinUlps(GOLDEN.tensor("sigmoid.y"), Functional.sigmoid(GOLDEN.tensor("sigmoid.x")), 2);
    }

    @Test
    void backwardMatchesNumpyGivenTheSameOutputs() {
      assertBitsEqual(GOLDEN.tensor("sigmoid.dx"),
          Functional.sigmoidBackward(GOLDEN.tensor("sigmoid.g"), GOLDEN.tensor("sigmoid.y")));
    }

    @Test
    void backwardTakesTheOutputAndMatchesFiniteDifferences() {
      Tensor x = filled(31, 3, 4);
      Tensor r = filled(32, 3, 4);
      Tensor s = Functional.sigmoid(x);
      assertClose(numericGradient(v -> weightedSum(Functional.sigmoid(v), r), x),
          Functional.sigmoidBackward(r, s), 1e-9);
    }

    @Test
    void backwardIsGradTimesSTimesOneMinusS() {
      assertEquals(2.0 * 0.25 * 0.75, Functional.sigmoidBackward(Tensor.vector(2), Tensor.vector(0.25)).get(0));
    }
  }

  @Nested
  class Mse {

    @ParameterizedTest
    @ValueSource(strings = {"mse4", "mse1d", "mse6x8", "mse128x32", "mse3x50"})
    void matchesNumpyBitForBit(String name) {
      Tensor p = GOLDEN.tensor(name + ".p");
      Tensor t = GOLDEN.tensor(name + ".t");
      assertEquals(Double.doubleToLongBits(GOLDEN.scalar(name + ".loss")),
          Double.doubleToLongBits(Functional.mseLoss(p, t)));
      assertBitsEqual(GOLDEN.tensor(name + ".grad"), Functional.mseLossBackward(p, t));
    }

    @Test
    void averagesOverAllElementsOfA2dInput() {
      Tensor p = Tensor.of(new double[][] {{1, 2}, {3, 4}});
      Tensor t = Tensor.of(new double[][] {{1, 0}, {0, 4}});
      assertEquals((0 + 4 + 9 + 0) / 4.0, Functional.mseLoss(p, t));
    }

    @Test
    void gradientIsPMinusTTimesTwoOverN() {
      Tensor g = Functional.mseLossBackward(Tensor.vector(3, 0), Tensor.vector(1, 1));
      assertArrayEquals(new double[] {2.0, -1.0}, g.toArray());
    }

    @Test
    void backwardMatchesFiniteDifferences() {
      Tensor p = filled(41, 3, 5);
      Tensor t = filled(42, 3, 5);
      assertClose(numericGradient(v -> Functional.mseLoss(v, t), p), Functional.mseLossBackward(p, t), 1e-9);
    }

    @Test
    void rejectsMismatchedShapes() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.mseLoss(Tensor.zeros(4, 1), Tensor.zeros(4)));
      assertEquals("p and t must have the same shape, but p is (4, 1) and t is (4,)", e.getMessage());
    }

    @Test
    void rejectsEmptyInputs() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.mseLoss(Tensor.zeros(0, 1), Tensor.zeros(0, 1)));
      assertEquals("p and t must not be empty, but have shape (0, 1)", e.getMessage());
    }
  }

  @Nested
  class SgdStep {

    @Test
    void updatesTheCallersTensorsInPlace() {
      Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}});
      Tensor b = Tensor.vector(1, -1);
      Tensor wAlias = w;
      Functional.sgdStep(List.of(w, b), List.of(Tensor.of(new double[][] {{1, 1}, {1, 1}}), Tensor.vector(2, 2)), 0.5);
      assertSame(wAlias, w);
      assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, wAlias.toArray());
      assertArrayEquals(new double[] {0, -2}, b.toArray());
    }

    @Test
    void computesPMinusLrTimesG() {
      Tensor p = filled(51, 7);
      Tensor g = filled(52, 7);
      double[] expected = p.toArray();
      for (int i = 0; i < expected.length; i++) {
        expected[i] = expected[i] - 0.3 * g.get(i);
      }
      Functional.sgdStep(List.of(p), List.of(g), 0.3);
      assertArrayEquals(expected, p.toArray(), 0.0);
    }

    @Test
    void leavesParamsUnchangedAtZeroLearningRate() {
      Tensor p = filled(53, 2, 3);
      Tensor before = p.copy();
      Functional.sgdStep(List.of(p), List.of(filled(54, 2, 3)), 0.0);
      assertEquals(before, p);
    }

    @Test
    void rejectsListsOfDifferentLengthAndChangesNothing() {
      Tensor p = filled(55, 3);
      Tensor before = p.copy();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.sgdStep(List.of(p, Tensor.zeros(2)), List.of(filled(56, 3)), 0.1));
      assertEquals("params and grads must have the same length, but params has 2 and grads has 1", e.getMessage());
      assertEquals(before, p);
    }

    @Test
    void rejectsAShapeMismatchInALaterPairAndChangesNothing() {
      Tensor p1 = filled(57, 2, 2);
      Tensor p2 = filled(58, 3);
      Tensor before = p1.copy();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.sgdStep(List.of(p1, p2), List.of(filled(59, 2, 2), Tensor.zeros(1, 3)), 0.1));
      assertEquals("params[1] and grads[1] must have the same shape, but params[1] is (3,) and grads[1] is (1, 3)",
          e.getMessage());
      assertEquals(before, p1, "the first pair must not have been updated");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.1})
    void rejectsBadLearningRates(double lr) {
      Tensor p = filled(60, 3);
      Tensor before = p.copy();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Functional.sgdStep(List.of(p), List.of(filled(61, 3)), lr));
      assertEquals("lr must be finite and non-negative, but was " + lr, e.getMessage());
      assertEquals(before, p);
    }

    @Test
    void writesThroughViews() {
      double[] store = {1, 2, 3, 4, 5};
      Tensor view = Tensor.view(store, 1, 3);
      Functional.sgdStep(List.of(view), List.of(Tensor.vector(1, 1, 1)), 1.0);
      assertArrayEquals(new double[] {1, 1, 2, 3, 5}, store);
      assertFalse(Arrays.equals(new double[] {1, 2, 3, 4, 5}, store));
    }
  }
}

package io.github.nndsl.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hand-worked cases, the conventions at the edges, and every input check's message. */
class MetricsTest {

  static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Nested
  class Conventions {

    @Test
    void theFirstMaximumWinsATie() {
      Tensor p = Tensor.of(new double[][] {{0.4, 0.4, 0.2}, {0.3, 0.3, 0.3}});
      Tensor t = Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}});
      assertEquals(0.5, Metrics.accuracy(p, t));
      assertArrayEquals(new int[][] {{1, 0, 0}, {1, 0, 0}, {0, 0, 0}}, Metrics.confusionMatrix(p, t));
    }

    @Test
    void oneColumnThresholdsAtOneHalfInclusive() {
      Tensor p = Tensor.vector(0.5, 0.4999, 1.0);
      Tensor t = Tensor.vector(1, 0, 0);
      assertEquals(2.0 / 3.0, Metrics.accuracy(p, t));
      assertArrayEquals(new int[][] {{1, 1}, {0, 1}}, Metrics.confusionMatrix(p, t), "[actual][predicted]");
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroAndAnAbsentClassZeroEverywhere() {
      Tensor p = Tensor.of(new double[][] {{1, 0, 0}, {1, 0, 0}});
      Tensor t = Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}});
      assertArrayEquals(new double[] {0.5, 0, 0}, Metrics.precision(p, t));
      assertArrayEquals(new double[] {1, 0, 0}, Metrics.recall(p, t));
      assertArrayEquals(new double[] {2.0 / 3.0, 0, 0}, Metrics.f1(p, t), 1e-15);
      assertEquals(2.0 / 9.0, Metrics.macroF1(p, t), 1e-15, "the absent class counts in the macro mean");
    }

    @Test
    void r2OfAConstantTargetIsOneWhenExactAndZeroOtherwise() {
      assertEquals(1.0, Metrics.r2(Tensor.vector(3, 3), Tensor.vector(3, 3)));
      assertEquals(0.0, Metrics.r2(Tensor.vector(3, 4), Tensor.vector(3, 3)));
    }

    @Test
    void handWorkedRegression() {
      Tensor p = Tensor.vector(1, 2, 5);
      Tensor t = Tensor.vector(1, 4, 2);
      assertEquals(Math.sqrt(13.0 / 3.0), Metrics.rmse(p, t), 1e-15);
      assertEquals(5.0 / 3.0, Metrics.mae(p, t), 1e-15);
      // mean 7/3; spread (16 + 25 + 1) / 9 = 42/9; residual 13
      assertEquals(1 - 13.0 / (42.0 / 9.0), Metrics.r2(p, t), 1e-15);
    }

    @Test
    void pythonRoundingHalfToEvenOnTheExactBinaryValue() {
      assertEquals("0.12", Report.fixed(0.125), "0.125 is exact: half to even");
      assertEquals("0.28", Report.fixed(0.285), "0.285 is 0.28499999... in binary; Java's %.2f gives 0.29");
      assertEquals("0.68", Report.fixed(0.675), "0.675 is 0.67500000...04 in binary");
      assertEquals("1.00", Report.fixed(1.0));
    }
  }

  @Nested
  class Rejects {

    final Tensor p = Tensor.of(new double[][] {{0.1, 0.9}, {0.8, 0.2}});
    final Tensor t = Tensor.of(new double[][] {{0, 1}, {1, 0}});

    @Test
    void nullArguments() {
      assertEquals("predictions is null", message(() -> Metrics.accuracy(null, t)));
      assertEquals("targets is null", message(() -> Metrics.rmse(p, null)));
      assertEquals("classNames is null", message(() -> Metrics.classificationReport(p, t, null)));
    }

    @Test
    void differentShapes() {
      assertEquals("predictions and targets must have the same shape, but were [2, 2] and [2, 1]",
          message(() -> Metrics.confusionMatrix(p, Tensor.zeros(2, 1))));
    }

    @Test
    void emptyTensors() {
      assertEquals("predictions must hold at least one row and one column, but have shape [0, 2]",
          message(() -> Metrics.accuracy(Tensor.zeros(0, 2), Tensor.zeros(0, 2))));
      assertEquals("predictions must hold at least one row and one column, but have shape [0]",
          message(() -> Metrics.mae(Tensor.zeros(0), Tensor.zeros(0))));
    }

    @Test
    void nonFiniteValuesNamingTheRowAndColumn() {
      Tensor bad = p.copy();
      bad.set(1, 0, Double.NaN);
      assertEquals("predictions must be finite, but row 1, column 0 is NaN", message(() -> Metrics.f1(bad, t)));
      Tensor inf = t.copy();
      inf.set(0, 1, Double.POSITIVE_INFINITY);
      assertEquals("targets must be finite, but row 0, column 1 is Infinity", message(() -> Metrics.r2(p, inf)));
    }

    @Test
    void oneColumnTargetsThatAreNotZeroOrOne() {
      assertEquals("targets of one column must be 0 or 1 (the two classes), but row 1 is 0.7",
          message(() -> Metrics.accuracy(Tensor.vector(0.2, 0.9), Tensor.vector(0, 0.7))));
    }

    @Test
    void r2OfOneRow() {
      assertEquals("r2 needs at least two rows, but predictions have 1",
          message(() -> Metrics.r2(Tensor.vector(1), Tensor.vector(2))));
    }

    @Test
    void classNamesOfTheWrongCount() {
      assertEquals("classNames must hold one name per class (2), but holds 3",
          message(() -> Metrics.classificationReport(p, t, List.of("a", "b", "c"))));
    }
  }
}

package io.github.nndsl.dsl;

import static io.github.nndsl.dsl.Layers.dropout;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.standardize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.train.Trainer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link Layers#standardize}: hand-worked constants (NumPy's own bits are checked in nn-core's
 * ColumnStatisticsTest against golden files), value equality, validation, the width it fixes, and
 * that the constants are never trained.
 */
class StandardizeTest {

  /** Column 0: mean 3, population std sqrt(8 / 3); column 1: 20 and sqrt(200); column 2 constant. */
  static final Tensor X = Tensor.of(new double[][] {{1, 10, 0.1}, {3, 10, 0.1}, {5, 40, 0.1}});

  @Nested
  class FromData {

    @Test
    void takesColumnMeansAndPopulationStds() {
      Standardize s = standardize(X);
      // NumPy's x.mean(0): (0.0 + 0.1 + 0.1 + 0.1) / 3 is 0.10000000000000002, not 0.1
      assertArrayEquals(new double[] {3, 20, (0.1 + 0.1 + 0.1) / 3}, s.mean(), 0.0);
      assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), Math.sqrt(200.0), 1.0}, s.std(), 0.0);
      assertEquals(0.10000000000000002, s.mean()[2], 0.0);
    }

    @Test
    void aConstantColumnDividesByOne() {
      // 0.1's mean is off by an ulp, so its std is 1.4e-17, not 0: the column is constant all the same
      Tensor y = Sequential.of(standardize(X)).compile(0).predict(X);
      for (int r = 0; r < 3; r++) {
        assertEquals((0.1 - 0.10000000000000002) / 1.0, y.get(r, 2), 0.0);
      }
      assertEquals(-2 / Math.sqrt(8.0 / 3), y.get(0, 0), 0.0);
      assertEquals(20 / Math.sqrt(200.0), y.get(2, 1), 0.0);
    }

    @Test
    void aSingleRowHasStdOne() {
      Standardize s = standardize(Tensor.of(new double[][] {{4, -2}}));
      assertArrayEquals(new double[] {4, -2}, s.mean(), 0.0);
      assertArrayEquals(new double[] {1, 1}, s.std(), 0.0);
    }

    @Test
    void aStdThatUnderflowsToZeroDividesByOne() {
      Standardize s = standardize(Tensor.of(new double[][] {{1e-300}, {2e-300}}));
      assertArrayEquals(new double[] {1}, s.std(), 0.0);
    }

    @Test
    void keepsCopiesOfTheConstants() {
      double[] mean = {1, 2};
      double[] std = {3, 4};
      Standardize s = standardize(mean, std);
      mean[0] = 99;
      s.std()[0] = 99;
      assertArrayEquals(new double[] {1, 2}, s.mean(), 0.0);
      assertArrayEquals(new double[] {3, 4}, s.std(), 0.0);
    }

    @Test
    void rejectsDataItCannotStandardize() {
      assertEquals("x is null", assertThrows(IllegalArgumentException.class, () -> standardize((Tensor) null)).getMessage());
      assertEquals("x must have at least one row, but has shape (0, 3)",
          assertThrows(IllegalArgumentException.class, () -> standardize(Tensor.zeros(0, 3))).getMessage());
      assertEquals("x must be a matrix (rank 2), but has shape (2,)",
          assertThrows(IllegalArgumentException.class, () -> standardize(Tensor.vector(1, 2))).getMessage());
      assertEquals("x must be finite, but x[1, 0] is NaN",
          assertThrows(IllegalArgumentException.class,
              () -> standardize(Tensor.of(new double[][] {{1, 2}, {Double.NaN, 3}}))).getMessage());
    }
  }

  @Nested
  class Constants {

    @Test
    void rejectsBadConstantsNamingTheElement() {
      assertEquals("std[1] must be finite and positive, but was 0.0; a constant column divides by 1, as standardize(x)"
              + " does",
          assertThrows(IllegalArgumentException.class,
              () -> standardize(new double[] {0, 0}, new double[] {1, 0})).getMessage());
      assertEquals("std[0] must be finite and positive, but was -1.0",
          assertThrows(IllegalArgumentException.class, () -> standardize(new double[] {0}, new double[] {-1})).getMessage());
      assertEquals("std[0] must be finite and positive, but was Infinity",
          assertThrows(IllegalArgumentException.class,
              () -> standardize(new double[] {0}, new double[] {Double.POSITIVE_INFINITY})).getMessage());
      assertEquals("mean[1] must be finite, but was NaN",
          assertThrows(IllegalArgumentException.class,
              () -> standardize(new double[] {0, Double.NaN}, new double[] {1, 1})).getMessage());
      assertEquals("std must have as many values as mean (2), but has 1",
          assertThrows(IllegalArgumentException.class, () -> standardize(new double[2], new double[] {1})).getMessage());
      assertEquals("mean must have at least one value, but is empty",
          assertThrows(IllegalArgumentException.class, () -> standardize(new double[0], new double[0])).getMessage());
      assertEquals("mean is null",
          assertThrows(IllegalArgumentException.class, () -> standardize(null, new double[] {1})).getMessage());
    }

    @Test
    void isEqualByValueWithDoubleEqualsSemantics() {
      assertEquals(standardize(new double[] {1, 2}, new double[] {3, 4}), standardize(new double[] {1, 2}, new double[] {3, 4}));
      assertEquals(standardize(new double[] {1, 2}, new double[] {3, 4}).hashCode(),
          standardize(new double[] {1, 2}, new double[] {3, 4}).hashCode());
      assertNotEquals(standardize(new double[] {0.0}, new double[] {1}), standardize(new double[] {-0.0}, new double[] {1}));
      assertNotEquals(standardize(new double[] {1}, new double[] {1}), standardize(new double[] {1}, new double[] {Math.nextUp(1.0)}));
      assertEquals(standardize(X), standardize(X));
    }

    @Test
    void printsItsWidth() {
      assertEquals("Standardize(3)", standardize(X).toString());
      assertEquals("Sequential(Standardize(3), Linear(3, 2))", Sequential.of(standardize(X), linear(3, 2)).toString());
    }
  }

  @Nested
  class InAModel {

    @Test
    void fixesTheInputWidthAndIsCheckedLikeALinearLayer() {
      Sequential model = Sequential.of(standardize(X), linear(3, 4), relu(), linear(4, 1));
      assertEquals(3, model.inputs());
      assertEquals(1, model.outputs());
      assertEquals(3, Sequential.of(standardize(X)).outputs());
      assertEquals("layer 1 Linear(2, 4) expects 2 inputs, but layer 0 Standardize(3) gives 3",
          assertThrows(IllegalArgumentException.class, () -> Sequential.of(standardize(X), linear(2, 4))).getMessage());
      assertEquals("layer 2 Standardize(3) expects 3 inputs, but layer 0 Linear(2, 4) gives 4",
          assertThrows(IllegalArgumentException.class, () -> Sequential.of(linear(2, 4), relu(), standardize(X)))
              .getMessage());
    }

    @Test
    void showsInTheSummaryWithNoParameters() {
      assertEquals(String.join("\n",
              "#  layer           output shape  params",
              "-  --------------  ------------  ------",
              "0  Standardize(3)  (batch, 3)         0",
              "1  Linear(3, 4)    (batch, 4)        16",
              "2  ReLU            (batch, 4)         0",
              "3  Dropout(0.5)    (batch, 4)         0",
              "4  Linear(4, 1)    (batch, 1)         5",
              "-  --------------  ------------  ------",
              "total params: 21"),
          Sequential.of(standardize(X), linear(3, 4), relu(), dropout(0.5), linear(4, 1)).summary());
    }

    @Test
    void isNeverTrainedAndHasNoParameters() {
      Sequential model = Sequential.of(standardize(X), linear(3, 2));
      Network net = model.compile(1);
      assertEquals(java.util.List.of("1.weight", "1.bias"), net.parameters().names());
      Tensor y = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
      Trainer.of(Losses.mse(), Optimizers.adam(0.1)).fit(net, X, y, 50);
      // the first layer is still x's standardization: a network of it alone gives the same
      Tensor standardized = Sequential.of(standardize(X)).compile(0).predict(X);
      Network linearOnly = Sequential.of(linear(3, 2)).compile(0);
      linearOnly.parameters().restore(net.parameters().snapshot());
      assertEquals(linearOnly.predict(standardized), net.predict(X));
      assertTrue(model.layers().get(0).equals(standardize(X)), "the descriptor is unchanged");
    }
  }
}

package io.github.nndsl.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Dataset.of, select, the accessors and Target as a value. */
class DatasetTest {

  final Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  final Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

  @Nested
  class Of {

    @Test
    void copiesTheTensorsAndNamesTheFeatures() {
      Tensor features = x.copy();
      Dataset d = Dataset.of(features, y);
      features.set(0, 0, 9);
      assertEquals(0.0, d.features().get(0, 0), "a later change to the argument does not leak in");
      assertEquals(List.of("x0", "x1"), d.featureNames());
      assertEquals(List.of(), d.classes());
      assertEquals(4, d.rows());
      assertEquals("Dataset(4 rows, 2 features, 1 target columns)", d.toString());
    }

    @Test
    void takesAVectorOfTargetsAsOneColumn() {
      Dataset d = Dataset.of(x, Tensor.vector(0, 1, 1, 0));
      assertArrayEquals(new int[] {4, 1}, d.targets().shape());
      assertEquals(y, d.targets());
    }

    @Test
    void rejectsMismatchedRowsAndNonFiniteValues() {
      assertEquals("targets must have shape (4, k) to match features [4, 2], but was [3, 1]",
          assertThrows(IllegalArgumentException.class,
              () -> Dataset.of(x, Tensor.zeros(3, 1))).getMessage());
      assertEquals("features must have shape (rows, features) with at least one of each, but was [4]",
          assertThrows(IllegalArgumentException.class,
              () -> Dataset.of(Tensor.zeros(4), y)).getMessage());
      Tensor bad = x.copy();
      bad.set(2, 1, Double.NaN);
      assertEquals("features must be finite, but row 2, column 1 is NaN",
          assertThrows(IllegalArgumentException.class, () -> Dataset.of(bad, y)).getMessage());
      assertEquals("targets is null",
          assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, null)).getMessage());
    }
  }

  @Nested
  class Select {

    @Test
    void takesTheRowsInTheGivenOrderRepeatsAllowed() {
      Dataset d = Dataset.of(x, y).select(new int[] {3, 1, 3});
      assertEquals(Tensor.of(new double[][] {{1, 1}, {0, 1}, {1, 1}}), d.features());
      assertEquals(Tensor.of(new double[][] {{0}, {1}, {0}}), d.targets());
    }

    @Test
    void rejectsIndicesOutOfRangeAndEmptySelections() {
      Dataset d = Dataset.of(x, y);
      assertEquals("rows[1] must be in [0, 4), but was 4",
          assertThrows(IllegalArgumentException.class, () -> d.select(new int[] {0, 4})).getMessage());
      assertEquals("rows must hold at least one index, but was empty",
          assertThrows(IllegalArgumentException.class, () -> d.select(new int[0])).getMessage());
    }
  }

  @Test
  void targetsAreValuesThatPrintAsTheirFactoryCall() {
    assertEquals(Target.classes("a"), Target.classes("a"));
    assertEquals(Target.classes("a").hashCode(), Target.classes("a").hashCode());
    assertNotEquals(Target.classes("a"), Target.values("a"));
    assertNotEquals(Target.classes("a"), Target.classes("b"));
    assertEquals("Target.values(\"price\")", Target.values("price").toString());
    assertEquals("a", Target.classes("a").column());
    assertEquals(true, Target.classes("a").isClasses());
    assertEquals(false, Target.values("a").isClasses());
  }

  @Test
  void datasetExceptionNeedsProblems() {
    assertEquals("problems must hold at least one problem",
        assertThrows(IllegalArgumentException.class, () -> new DatasetException(List.of())).getMessage());
    assertEquals("only one", new DatasetException(List.of("only one")).getMessage());
  }
}

package io.github.nndsl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Nested
  class Factories {

    @Test
    void ofCopiesRowsRowMajor() {
      double[][] rows = {{1, 2, 3}, {4, 5, 6}};
      Tensor t = Tensor.of(rows);
      rows[0][0] = 99;
      assertArrayEquals(new int[] {2, 3}, t.shape());
      assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
      assertEquals(6, t.get(1, 2));
    }

    @Test
    void vectorCopiesValues() {
      double[] v = {1, 2};
      Tensor t = Tensor.vector(v);
      v[0] = 99;
      assertArrayEquals(new int[] {2}, t.shape());
      assertEquals(1, t.get(0));
    }

    @Test
    void zerosHasTheShape() {
      assertArrayEquals(new double[6], Tensor.zeros(2, 3).toArray());
      assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).shape());
      assertEquals(4, Tensor.zeros(4).size());
    }

    @Test
    void rejectsRaggedRows() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8}}));
      assertEquals("rows must all have the same length: row 0 has 3 values, but row 2 has 2", e.getMessage());
    }

    @Test
    void rejectsNoRowsAndNullRows() {
      assertEquals("rows must hold at least one row, but was empty; use Tensor.zeros(0, cols) for an empty matrix",
          assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0][])).getMessage());
      assertEquals("rows[1] is null",
          assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1}, null})).getMessage());
      assertEquals("rows is null",
          assertThrows(IllegalArgumentException.class, () -> Tensor.of(null)).getMessage());
    }

    @Test
    void rejectsBadShapes() {
      assertEquals("shape must have 1 or 2 dimensions, but was [2, 2, 2]",
          assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2, 2)).getMessage());
      assertEquals("shape must have 1 or 2 dimensions, but was []",
          assertThrows(IllegalArgumentException.class, () -> Tensor.zeros()).getMessage());
      assertEquals("shape dimensions must be non-negative, but was [2, -1]",
          assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1)).getMessage());
      assertEquals("shape [65536, 65536] has 4294967296 elements, more than an array can hold",
          assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(65536, 65536)).getMessage());
    }

    @Test
    void fromArrayChecksTheCount() {
      assertEquals(Tensor.of(new double[][] {{1, 2}, {3, 4}}), Tensor.fromArray(new double[] {1, 2, 3, 4}, 2, 2));
      assertEquals("shape [2, 3] needs 6 values, but values has 4",
          assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new double[4], 2, 3)).getMessage());
    }
  }

  @Nested
  class Access {

    @Test
    void flatIndexIsRowMajor() {
      Tensor t = Tensor.of(new double[][] {{1, 2}, {3, 4}});
      assertEquals(3, t.get(2));
      t.set(1, 0, 7);
      assertEquals(7, t.get(2));
      t.set(3, 8);
      assertEquals(8, t.get(1, 1));
    }

    @Test
    void rejectsOutOfRangeIndices() {
      Tensor t = Tensor.zeros(2, 3);
      assertEquals("index (2, 0) is out of bounds for shape (2, 3)",
          assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0)).getMessage());
      assertEquals("index (0, -1) is out of bounds for shape (2, 3)",
          assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, -1)).getMessage());
      assertEquals("index 6 is out of bounds for shape (2, 3) (size 6)",
          assertThrows(IndexOutOfBoundsException.class, () -> t.get(6)).getMessage());
    }

    @Test
    void rejectsRowColumnAccessOnAVector() {
      assertEquals("get(row, col) needs a matrix, but this tensor has shape (3,); use get(i)",
          assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).get(0, 0)).getMessage());
    }

    @Test
    void toArrayAndToRowsAreCopies() {
      Tensor t = Tensor.of(new double[][] {{1, 2}, {3, 4}});
      t.toArray()[0] = 99;
      t.toRows()[0][0] = 99;
      assertEquals(1, t.get(0, 0));
      assertArrayEquals(new double[] {3, 4}, t.toRows()[1]);
    }
  }

  @Nested
  class Views {

    @Test
    void readAndWriteThroughToTheBackingArray() {
      double[] store = new double[10];
      Tensor w = Tensor.view(store, 2, 2, 3);
      w.set(1, 2, 5);
      assertEquals(5, store[2 + 5]);
      store[2] = 9;
      assertEquals(9, w.get(0, 0));
      assertArrayEquals(new double[] {9, 0, 0, 0, 0, 5}, w.toArray());
    }

    @Test
    void copyIsIndependent() {
      double[] store = {1, 2, 3};
      Tensor c = Tensor.view(store, 1, 2).copy();
      store[1] = 9;
      assertArrayEquals(new double[] {2, 3}, c.toArray());
    }

    @Test
    void mustFitInTheArray() {
      assertEquals("a view of shape [2, 3] at offset 5 does not fit in an array of length 10",
          assertThrows(IllegalArgumentException.class, () -> Tensor.view(new double[10], 5, 2, 3)).getMessage());
    }
  }

  @Nested
  class Equality {

    @Test
    void isByShapeAndValue() {
      assertEquals(Tensor.vector(1, 2), Tensor.fromArray(new double[] {1, 2}, 2));
      assertEquals(Tensor.vector(1, 2).hashCode(), Tensor.view(new double[] {0, 1, 2}, 1, 2).hashCode());
      assertNotEquals(Tensor.vector(1, 2), Tensor.fromArray(new double[] {1, 2}, 1, 2));
      assertNotEquals(Tensor.vector(0.0), Tensor.vector(-0.0));
      assertEquals(Tensor.vector(Double.NaN), Tensor.vector(Double.NaN));
    }

    @Test
    void printsShapeAndValues() {
      assertEquals("Tensor(2, 2)[[1.0, 2.0], [3.0, 4.0]]", Tensor.of(new double[][] {{1, 2}, {3, 4}}).toString());
      assertEquals("Tensor(2,)[0.5, -1.0]", Tensor.vector(0.5, -1).toString());
    }
  }

  /** The Kotlin operator conventions, called from Java: new tensors, operands untouched. */
  @Nested
  class Operators {

    private final Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    private final Tensor b = Tensor.of(new double[][] {{10, 20}, {30, 40}});

    @Test
    void plusAddsElementwise() {
      assertEquals(Tensor.of(new double[][] {{11, 22}, {33, 44}}), a.plus(b));
    }

    @Test
    void minusSubtractsElementwise() {
      assertEquals(Tensor.of(new double[][] {{9, 18}, {27, 36}}), b.minus(a));
    }

    @Test
    void timesMultipliesElementwiseLikeNumPy() {
      assertEquals(Tensor.of(new double[][] {{10, 40}, {90, 160}}), a.times(b));
    }

    @Test
    void timesScalarScales() {
      assertEquals(Tensor.of(new double[][] {{0.5, 1}, {1.5, 2}}), a.times(0.5));
    }

    @Test
    void unaryMinusNegates() {
      assertEquals(Tensor.vector(-1, 2, -0.0), Tensor.vector(1, -2, 0).unaryMinus());
    }

    @Test
    void leavesOperandsUnchanged() {
      a.plus(b);
      a.minus(b);
      a.times(b);
      a.times(3);
      a.unaryMinus();
      assertEquals(Tensor.of(new double[][] {{1, 2}, {3, 4}}), a);
      assertEquals(Tensor.of(new double[][] {{10, 20}, {30, 40}}), b);
    }

    @Test
    void returnsTensorsThatOwnTheirStorage() {
      Tensor sum = a.plus(b);
      sum.set(0, 0, -1);
      assertEquals(1.0, a.get(0, 0));
      assertEquals(10.0, b.get(0, 0));
    }

    @Test
    void worksOnViews() {
      double[] backing = {7, 1, 2, 3, 7};
      Tensor view = Tensor.view(backing, 1, 3);
      assertEquals(Tensor.vector(2, 4, 6), view.plus(view));
    }

    @Test
    void rejectsMismatchedShapes() {
      Tensor row = Tensor.vector(1, 2, 3, 4);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.plus(row));
      assertEquals("this and other must have the same shape, but this is (2, 2) and other is (4,)", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> a.minus(row));
      assertThrows(IllegalArgumentException.class, () -> a.times(row));
    }
  }
}

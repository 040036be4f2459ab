package io.github.nndsl.core;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A dense float64 array of rank 1 or 2, stored row-major (C order), like a NumPy {@code ndarray} of
 * {@code dtype=float64}.
 *
 * <p>A rank-2 tensor of shape {@code (rows, cols)} holds element {@code (r, c)} at flat index
 * {@code r * cols + c}; a rank-1 tensor of shape {@code (n,)} is a plain vector. Tensors are mutable
 * (the optimisers update parameters in place), so a tensor may be a <em>view</em> on a slice of a
 * larger array: the parameter store hands out such views, and writing through them changes the
 * store. Factories that take arrays ({@link #of(double[][])}, {@link #vector(double...)}) copy them.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
 * x.shape();      // [4, 2]
 * x.get(3, 1);    // 1.0
 * x.toArray();    // [0, 0, 0, 1, 1, 0, 1, 1]
 * }</pre>
 *
 * <p>In Kotlin, {@code get} and {@code set} are operators ({@code x[3, 1]}, {@code x[3, 1] = 2.0}),
 * and so are {@link #plus}, {@link #minus}, {@link #times(Tensor)}, {@link #times(double)} and
 * {@link #unaryMinus()}: {@code a + b}, {@code a - b}, {@code a * b}, {@code w * 0.5}, {@code -a}.
 * They return new tensors and leave their operands alone.
 *
 * <p>Not thread-safe: a tensor shared between threads must not be written while it is read.
 *
 * @since 0.1.0
 */
public final class Tensor {

  private final double[] data;
  private final int offset;
  private final int[] shape;
  private final int size;

  private Tensor(double[] data, int offset, int[] shape) {
    this.data = data;
    this.offset = offset;
    this.shape = shape;
    this.size = shape.length == 1 ? shape[0] : shape[0] * shape[1];
  }

  /**
   * Creates a rank-2 tensor from rows, copying them.
   *
   * <pre>{@code
   * Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});   // shape [2, 3]
   * }</pre>
   *
   * @param rows at least one row; every row of the same length (which may be 0)
   * @return a new tensor of shape {@code (rows.length, rows[0].length)}
   * @throws IllegalArgumentException if there are no rows, a row is null, or the rows are ragged
   * @since 0.1.0
   */
  public static Tensor of(double[][] rows) {
    Checks.notNull(rows, "rows");
    if (rows.length == 0) {
      throw new IllegalArgumentException(
          "rows must hold at least one row, but was empty; use Tensor.zeros(0, cols) for an empty matrix");
    }
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null) {
        throw new IllegalArgumentException("rows[" + r + "] is null");
      }
    }
    int cols = rows[0].length;
    for (int r = 1; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException(
            "rows must all have the same length: row 0 has "
                + cols
                + " values, but row "
                + r
                + " has "
                + rows[r].length);
      }
    }
    double[] data = new double[Math.multiplyExact(rows.length, cols)];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, data, r * cols, cols);
    }
    return new Tensor(data, 0, new int[] {rows.length, cols});
  }

  /**
   * Creates a rank-1 tensor holding a copy of the values.
   *
   * <pre>{@code
   * Tensor b = Tensor.vector(0.5, -1.0);   // shape [2]
   * }</pre>
   *
   * @param values the elements (may be empty)
   * @return a new tensor of shape {@code (values.length,)}
   * @throws IllegalArgumentException if values is null
   * @since 0.1.0
   */
  public static Tensor vector(double... values) {
    Checks.notNull(values, "values");
    return new Tensor(values.clone(), 0, new int[] {values.length});
  }

  /**
   * Creates a tensor of the given shape filled with zeros.
   *
   * <pre>{@code
   * Tensor b = Tensor.zeros(4);       // shape [4]
   * Tensor w = Tensor.zeros(2, 4);    // shape [2, 4]
   * }</pre>
   *
   * @param shape one or two non-negative dimensions
   * @return a new zero tensor
   * @throws IllegalArgumentException if the shape has another rank or a negative dimension
   * @since 0.1.0
   */
  public static Tensor zeros(int... shape) {
    int[] s = checkShape(shape, "shape");
    return new Tensor(new double[sizeOf(s)], 0, s);
  }

  /**
   * Creates a tensor of the given shape from flat row-major values, copying them.
   *
   * <pre>{@code
   * Tensor w = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);   // [[1, 2, 3], [4, 5, 6]]
   * }</pre>
   *
   * @param values the elements in row-major order; its length must equal the product of the shape
   * @param shape one or two non-negative dimensions
   * @return a new tensor
   * @throws IllegalArgumentException if the shape is invalid or does not match the number of values
   * @since 0.1.0
   */
  public static Tensor fromArray(double[] values, int... shape) {
    Checks.notNull(values, "values");
    int[] s = checkShape(shape, "shape");
    if (sizeOf(s) != values.length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(s)
              + " needs "
              + sizeOf(s)
              + " values, but values has "
              + values.length);
    }
    return new Tensor(values.clone(), 0, s);
  }

  /** Wraps an array without copying; the caller hands over ownership. */
  static Tensor wrap(double[] data, int... shape) {
    return view(data, 0, shape);
  }

  /** A view on {@code data[offset .. offset + size)}: writes go through to the array. */
  static Tensor view(double[] data, int offset, int... shape) {
    int[] s = checkShape(shape, "shape");
    int n = sizeOf(s);
    if (offset < 0 || offset > data.length - n) {
      throw new IllegalArgumentException(
          "a view of shape "
              + Arrays.toString(s)
              + " at offset "
              + offset
              + " does not fit in an array of length "
              + data.length);
    }
    return new Tensor(data, offset, s);
  }

  private static int[] checkShape(int @Nullable [] shape, String name) {
    Checks.notNull(shape, name);
    if (shape.length != 1 && shape.length != 2) {
      throw new IllegalArgumentException(
          name + " must have 1 or 2 dimensions, but was " + Arrays.toString(shape));
    }
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            name + " dimensions must be non-negative, but was " + Arrays.toString(shape));
      }
    }
    sizeOf(shape);
    return shape.clone();
  }

  private static int sizeOf(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " has " + n + " elements, more than an array can hold");
    }
    return (int) n;
  }

  /**
   * Returns the shape: {@code [n]} for a vector, {@code [rows, cols]} for a matrix.
   *
   * @return a fresh copy of the shape
   * @since 0.1.0
   */
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Returns the number of dimensions, 1 or 2.
   *
   * @return the rank
   * @since 0.1.0
   */
  public int rank() {
    return shape.length;
  }

  /**
   * Returns the number of elements.
   *
   * @return the product of the shape
   * @since 0.1.0
   */
  public int size() {
    return size;
  }

  /**
   * Returns the length of one dimension.
   *
   * @param axis 0 or (for a matrix) 1
   * @return {@code shape()[axis]}
   * @throws IllegalArgumentException if this tensor has no such axis
   * @since 0.1.0
   */
  public int dim(int axis) {
    if (axis < 0 || axis >= shape.length) {
      throw new IllegalArgumentException(
          "axis must be in [0, " + shape.length + "), but was " + axis + " for shape " + shapeString());
    }
    return shape[axis];
  }

  /**
   * Returns the element at {@code (row, col)} of a matrix.
   *
   * @param row the row, in {@code [0, rows)}
   * @param col the column, in {@code [0, cols)}
   * @return the element
   * @throws IllegalArgumentException if this is not a matrix
   * @throws IndexOutOfBoundsException if an index is out of range
   * @since 0.1.0
   */
  public double get(int row, int col) {
    return data[offset + index(row, col)];
  }

  /**
   * Returns the element at flat row-major index {@code i}: element {@code i} of a vector, or element
   * {@code (i / cols, i % cols)} of a matrix (NumPy's {@code a.flat[i]}).
   *
   * @param i the flat index, in {@code [0, size())}
   * @return the element
   * @throws IndexOutOfBoundsException if the index is out of range
   * @since 0.1.0
   */
  public double get(int i) {
    return data[offset + index(i)];
  }

  /**
   * Sets the element at {@code (row, col)} of a matrix.
   *
   * @param row the row
   * @param col the column
   * @param value the new value
   * @throws IllegalArgumentException if this is not a matrix
   * @throws IndexOutOfBoundsException if an index is out of range
   * @since 0.1.0
   */
  public void set(int row, int col, double value) {
    data[offset + index(row, col)] = value;
  }

  /**
   * Sets the element at flat row-major index {@code i}.
   *
   * @param i the flat index
   * @param value the new value
   * @throws IndexOutOfBoundsException if the index is out of range
   * @since 0.1.0
   */
  public void set(int i, double value) {
    data[offset + index(i)] = value;
  }

  private int index(int row, int col) {
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "get(row, col) needs a matrix, but this tensor has shape " + shapeString() + "; use get(i)");
    }
    if (row < 0 || row >= shape[0] || col < 0 || col >= shape[1]) {
      throw new IndexOutOfBoundsException(
          "index (" + row + ", " + col + ") is out of bounds for shape " + shapeString());
    }
    return row * shape[1] + col;
  }

  private int index(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "index " + i + " is out of bounds for shape " + shapeString() + " (size " + size + ")");
    }
    return i;
  }

  /**
   * Returns a copy of the elements in row-major order.
   *
   * @return a new array of length {@link #size()}
   * @since 0.1.0
   */
  public double[] toArray() {
    return Arrays.copyOfRange(data, offset, offset + size);
  }

  /**
   * Returns a copy of a matrix as an array of rows.
   *
   * @return a new {@code double[rows][cols]}
   * @throws IllegalArgumentException if this is not a matrix
   * @since 0.1.0
   */
  public double[][] toRows() {
    if (shape.length != 2) {
      throw new IllegalArgumentException("toRows() needs a matrix, but this tensor has shape " + shapeString());
    }
    double[][] rows = new double[shape[0]][];
    for (int r = 0; r < shape[0]; r++) {
      int start = offset + r * shape[1];
      rows[r] = Arrays.copyOfRange(data, start, start + shape[1]);
    }
    return rows;
  }

  /**
   * Returns an independent copy with the same shape and elements.
   *
   * @return a new tensor that owns its storage
   * @since 0.1.0
   */
  public Tensor copy() {
    return new Tensor(toArray(), 0, shape.clone());
  }

  /**
   * Copies all elements of {@code source}, which must have the same shape, into this tensor.
   *
   * @param source the values to copy
   * @throws IllegalArgumentException if the shapes differ
   * @since 0.1.0
   */
  public void copyFrom(Tensor source) {
    Checks.notNull(source, "source");
    Checks.sameShape(this, source, "this", "source");
    System.arraycopy(source.data, source.offset, data, offset, size);
  }

  /**
   * Returns the elementwise sum {@code this + other} as a new tensor; neither operand changes.
   * Shapes must be equal (no broadcasting). In Kotlin this is the {@code +} operator.
   *
   * <pre>{@code
   * Tensor a = Tensor.vector(1, 2);
   * a.plus(Tensor.vector(10, 20));   // Tensor(2,)[11.0, 22.0]; in Kotlin: a + b
   * }</pre>
   *
   * @param other a tensor of the same shape
   * @return a new tensor, {@code result[i] = this[i] + other[i]}
   * @throws IllegalArgumentException if other is null or has another shape
   * @since 0.1.0
   */
  public Tensor plus(Tensor other) {
    Checks.sameShape(this, other, "this", "other");
    double[] r = new double[size];
    for (int i = 0; i < size; i++) {
      r[i] = data[offset + i] + other.data[other.offset + i];
    }
    return new Tensor(r, 0, shape.clone());
  }

  /**
   * Returns the elementwise difference {@code this - other} as a new tensor; neither operand
   * changes. Shapes must be equal (no broadcasting). In Kotlin this is the {@code -} operator.
   *
   * <pre>{@code
   * Tensor.vector(5, 5).minus(Tensor.vector(1, 2));   // Tensor(2,)[4.0, 3.0]; in Kotlin: a - b
   * }</pre>
   *
   * @param other a tensor of the same shape
   * @return a new tensor, {@code result[i] = this[i] - other[i]}
   * @throws IllegalArgumentException if other is null or has another shape
   * @since 0.1.0
   */
  public Tensor minus(Tensor other) {
    Checks.sameShape(this, other, "this", "other");
    double[] r = new double[size];
    for (int i = 0; i < size; i++) {
      r[i] = data[offset + i] - other.data[other.offset + i];
    }
    return new Tensor(r, 0, shape.clone());
  }

  /**
   * Returns the elementwise (Hadamard) product {@code this * other} as a new tensor, as NumPy's
   * {@code a * b}; for the matrix product use {@link Functional#linearForward}. Shapes must be
   * equal (no broadcasting). In Kotlin this is the {@code *} operator.
   *
   * <pre>{@code
   * Tensor.vector(2, 3).times(Tensor.vector(4, 5));   // Tensor(2,)[8.0, 15.0]; in Kotlin: a * b
   * }</pre>
   *
   * @param other a tensor of the same shape
   * @return a new tensor, {@code result[i] = this[i] * other[i]}
   * @throws IllegalArgumentException if other is null or has another shape
   * @since 0.1.0
   */
  public Tensor times(Tensor other) {
    Checks.sameShape(this, other, "this", "other");
    double[] r = new double[size];
    for (int i = 0; i < size; i++) {
      r[i] = data[offset + i] * other.data[other.offset + i];
    }
    return new Tensor(r, 0, shape.clone());
  }

  /**
   * Returns this tensor scaled by {@code factor} as a new tensor. In Kotlin this is the {@code *}
   * operator with a number on the right: {@code w * 0.5}.
   *
   * <pre>{@code
   * Tensor w = NumPyRandom.defaultRng(0).standardNormal(2, 4).times(0.5);   // the exercise's init
   * }</pre>
   *
   * @param factor any double (NaN and infinities propagate as in IEEE arithmetic)
   * @return a new tensor, {@code result[i] = this[i] * factor}
   * @since 0.1.0
   */
  public Tensor times(double factor) {
    double[] r = new double[size];
    for (int i = 0; i < size; i++) {
      r[i] = data[offset + i] * factor;
    }
    return new Tensor(r, 0, shape.clone());
  }

  /**
   * Returns the elementwise negation {@code -this} as a new tensor. In Kotlin this is the unary
   * {@code -} operator.
   *
   * <pre>{@code
   * Tensor.vector(1, -2).unaryMinus();   // Tensor(2,)[-1.0, 2.0]; in Kotlin: -a
   * }</pre>
   *
   * @return a new tensor, {@code result[i] = -this[i]}
   * @since 0.1.0
   */
  public Tensor unaryMinus() {
    double[] r = new double[size];
    for (int i = 0; i < size; i++) {
      r[i] = -data[offset + i];
    }
    return new Tensor(r, 0, shape.clone());
  }

  /** The backing array (no copy); read and write only within {@code [offset, offset + size)}. */
  double[] data() {
    return data;
  }

  int offset() {
    return offset;
  }

  String shapeString() {
    return shape.length == 1 ? "(" + shape[0] + ",)" : "(" + shape[0] + ", " + shape[1] + ")";
  }

  /**
   * Tells whether {@code other} is a tensor of the same shape whose elements are equal as by
   * {@link Double#equals} (so NaN equals NaN, and 0.0 differs from -0.0).
   *
   * @param other any object
   * @return true if equal by value
   */
  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Tensor)) {
      return false;
    }
    Tensor t = (Tensor) other;
    return Arrays.equals(shape, t.shape)
        && Arrays.equals(data, offset, offset + size, t.data, t.offset, t.offset + size);
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(shape);
    for (int i = 0; i < size; i++) {
      h = 31 * h + Double.hashCode(data[offset + i]);
    }
    return h;
  }

  /**
   * Returns the shape and the elements, for example {@code Tensor(2, 2)[[1.0, 2.0], [3.0, 4.0]]};
   * large tensors show their first elements only.
   *
   * @return a readable description
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor").append(shapeString());
    int limit = 64;
    if (shape.length == 1) {
      appendRow(sb, offset, size, limit);
    } else {
      sb.append('[');
      int shown = 0;
      for (int r = 0; r < shape[0]; r++) {
        if (r > 0) {
          sb.append(", ");
        }
        if (shown >= limit) {
          sb.append("...");
          break;
        }
        appendRow(sb, offset + r * shape[1], shape[1], limit - shown);
        shown += shape[1];
      }
      sb.append(']');
    }
    return sb.toString();
  }

  private void appendRow(StringBuilder sb, int start, int n, int limit) {
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (i >= limit) {
        sb.append("...");
        break;
      }
      sb.append(data[start + i]);
    }
    sb.append(']');
  }
}

package io.github.nndsl.core;

import org.jspecify.annotations.Nullable;

/** Argument checks shared by the public entry points; messages are built only on failure. */
final class Checks {

  private Checks() {}

  /** Throws {@link IllegalArgumentException} ("name is null") when {@code value} is null. */
  static void notNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null");
    }
  }

  static void rank(Tensor t, int rank, String name) {
    notNull(t, name);
    if (t.rank() != rank) {
      throw new IllegalArgumentException(
          name
              + " must be a "
              + (rank == 1 ? "vector (rank 1)" : "matrix (rank 2)")
              + ", but has shape "
              + t.shapeString());
    }
  }

  static void sameShape(Tensor a, Tensor b, String nameA, String nameB) {
    notNull(a, nameA);
    notNull(b, nameB);
    if (!java.util.Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(
          nameA
              + " and "
              + nameB
              + " must have the same shape, but "
              + nameA
              + " is "
              + a.shapeString()
              + " and "
              + nameB
              + " is "
              + b.shapeString());
    }
  }

  static void finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, but was " + value);
    }
  }

  /**
   * Throws {@link IllegalArgumentException} naming the first NaN or infinite element, for example
   * {@code "y must be finite, but y[2, 0] is NaN"}.
   */
  static void finite(Tensor t, String name) {
    double[] d = t.data();
    int off = t.offset();
    int cols = t.rank() == 2 ? t.dim(1) : t.size();
    for (int i = 0; i < t.size(); i++) {
      if (!Double.isFinite(d[off + i])) {
        String at = t.rank() == 2 ? i / cols + ", " + i % cols : Integer.toString(i);
        throw new IllegalArgumentException(name + " must be finite, but " + name + "[" + at + "] is " + d[off + i]);
      }
    }
  }

  /**
   * Checks a standardization's constants: {@code width} values, each finite (and positive when
   * {@code positive}), for example {@code "std[2] must be finite and positive, but was 0.0"}.
   */
  static void constants(double @Nullable [] values, String name, int width, boolean positive) {
    notNull(values, name);
    if (values.length != width) {
      throw new IllegalArgumentException(
          name + " must have " + width + " values (the width before it), but has " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (positive ? !(v > 0.0) || v == Double.POSITIVE_INFINITY : !Double.isFinite(v)) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must be finite" + (positive ? " and positive" : "") + ", but was " + v);
      }
    }
  }
}

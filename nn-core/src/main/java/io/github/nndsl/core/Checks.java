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
}

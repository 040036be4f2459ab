package io.github.nndsl.dsl;

import org.jspecify.annotations.Nullable;

/** Argument checks shared by the descriptors; messages are built only on failure. */
final class Checks {

  private Checks() {}

  /** Throws {@link IllegalArgumentException} ("name is null") when {@code value} is null. */
  static void notNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null");
    }
  }

  /** Throws {@link IllegalArgumentException} when {@code value} is below 1. */
  static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
  }

  /** Throws {@link IllegalArgumentException} when {@code value} is NaN or infinite. */
  static void finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, but was " + value);
    }
  }

  /** Throws {@link IllegalArgumentException} when {@code value} is negative, NaN or infinite. */
  static void finiteNonNegative(double value, String name) {
    if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          name + " must be finite and non-negative, but was " + value);
    }
  }
}

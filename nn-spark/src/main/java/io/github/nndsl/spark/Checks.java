package io.github.nndsl.spark;

import org.jspecify.annotations.Nullable;

/** Argument checks of the public entry points. */
final class Checks {

  private Checks() {}

  /** Throws {@link IllegalArgumentException} ("name is null") when {@code value} is null. */
  static void notNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null");
    }
  }
}

package io.github.nndsl.dsl.file;

import org.jspecify.annotations.Nullable;

/** Argument checks of the file classes, with the messages the rest of the library uses. */
final class Checks {

  private Checks() {}

  static void notNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null");
    }
  }
}

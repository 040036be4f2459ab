package io.github.nndsl.dsl.data;

import io.github.nndsl.core.Tensor;
import org.jspecify.annotations.Nullable;

/** Argument checks of the data package; messages are built only on failure. */
final class Checks {

  private Checks() {}

  /** Throws {@link IllegalArgumentException} ("name is null") when {@code value} is null. */
  static void notNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null");
    }
  }

  /** Throws {@link IllegalArgumentException} naming the first NaN or infinite element. */
  static void finite(Tensor t, String name) {
    int cols = t.dim(1);
    for (int r = 0; r < t.dim(0); r++) {
      for (int c = 0; c < cols; c++) {
        double v = t.get(r, c);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              name + " must be finite, but row " + r + ", column " + c + " is " + v);
        }
      }
    }
  }
}

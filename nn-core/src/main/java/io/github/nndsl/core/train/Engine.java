package io.github.nndsl.core.train;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.internal.Bridge;
import io.github.nndsl.core.internal.EngineAccess;
import org.jspecify.annotations.Nullable;

/** The engine's insides this package uses (see {@link EngineAccess}), and its argument checks. */
final class Engine {

  /** Installed by the engine for exactly these types. */
  @SuppressWarnings("unchecked")
  static final EngineAccess<Tensor, Network, Loss, Optimizer> CORE =
      (EngineAccess<Tensor, Network, Loss, Optimizer>) Bridge.get();

  private Engine() {}

  /** The shape as the engine's messages write it: {@code (2, 3)}, or {@code (4,)} for a vector. */
  static String shape(Tensor t) {
    int[] s = t.shape();
    return s.length == 1 ? "(" + s[0] + ",)" : "(" + s[0] + ", " + s[1] + ")";
  }

  static void notNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null");
    }
  }
}

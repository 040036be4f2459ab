package io.github.nndsl.core.random;

import io.github.nndsl.dsl.Sequential;
import org.junit.jupiter.api.Assertions;

/**
 * A planted violation (see PlantedViolationsTest): nn-core code using a library (JUnit) and the
 * DSL above it.
 */
final class PlantedRandomUsesJunit {
  static void check(Sequential model) {
    Assertions.assertNotNull(model);
  }
}

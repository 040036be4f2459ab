package io.github.nndsl.dsl;


import static io.github.nndsl.dsl.Layers.linear;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Models too large to compile fail with an explanation, not with arithmetic overflow. */
class SequentialLimitsTest {

  private static final Sequential HUGE =
      Sequential.ofAll(Collections.nCopies(9, linear(1 << 30, 1 << 30).withoutBias()));

  @Test
  void parameterCountSaturatesInsteadOfWrappingAround() {
    assertEquals(Long.MAX_VALUE, HUGE.parameterCount());
  }

  @Test
  void compilingAModelBeyondOneArrayIsAnIllegalArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HUGE.compile(0));
    assertTrue(e.getMessage().contains("more than one array can hold"), e.getMessage());
  }
}

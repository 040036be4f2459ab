package xor.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import io.vavr.control.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModularXorTest {

  @Test
  void learnsXorOnTheModulePath() {
    Tensor p = ModularXor.train();
    double[] expected = {0, 1, 1, 0};
    for (int r = 0; r < 4; r++) {
      assertEquals(expected[r], Math.round(p.get(r, 0)), "row " + r + ": " + p);
    }
  }

  @Test
  void readsTheLibraryAsNamedModulesThatHideTheirInternals() {
    Module dsl = Sequential.class.getModule();
    Module core = Tensor.class.getModule();
    assertEquals("io.github.nndsl.dsl", dsl.getName());
    assertEquals("io.github.nndsl.core", core.getName());
    assertFalse(dsl.isExported("io.github.nndsl.dsl.internal"));
    assertFalse(core.isExported("io.github.nndsl.core.internal"));
  }

  @Test
  void readsVavrThroughTheLibrary() {
    assertEquals(List.of("layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4"),
        ModularXor.problems().asJava());
    Module vavr = Validation.class.getModule();
    assertEquals("io.vavr", vavr.getName());
    assertTrue(ModularXor.class.getModule().canRead(vavr), "io.github.nndsl.dsl requires io.vavr transitively");
  }
}

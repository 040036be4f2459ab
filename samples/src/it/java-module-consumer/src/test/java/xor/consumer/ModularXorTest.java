package xor.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import io.vavr.control.Validation;
import java.util.List;
import io.github.nndsl.dsl.file.ModelFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void savesAndLoadsAModelFileWithJacksonReadByNnDslAlone(@TempDir Path dir) {
    Sequential model = Sequential.of(linear(2, 3), relu(), linear(3, 1));
    Network net = model.compile(7);
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(file, model, net);
    ModelFile.Loaded loaded = ModelFile.load(file);
    assertEquals(model, loaded.model());
    Tensor x = Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}});
    assertArrayEquals(net.predict(x).toArray(), loaded.network().predict(x).toArray(), 0.0);
    // the JSON goes through Jackson's module, which nn-dsl reads and this module does not
    Module dsl = Sequential.class.getModule();
    Module jackson = dsl.getLayer().findModule("tools.jackson.core").orElseThrow();
    assertTrue(dsl.canRead(jackson));
    assertFalse(ModularXorTest.class.getModule().canRead(jackson));
  }
}

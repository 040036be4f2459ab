package io.github.nndsl.dsl;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.vavr.control.Validation;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor exports the API packages and passes nn-core and Vavr on to its readers. */
class ModuleTest {

  private static ModuleDescriptor descriptor() {
    Module module = Sequential.class.getModule();
    assertTrue(module.isNamed(), "tests run inside the named module, patched in by surefire");
    return module.getDescriptor();
  }

  @Test
  void isNamedIoGithubNndslDsl() {
    assertEquals("io.github.nndsl.dsl", descriptor().name());
  }

  @Test
  void exportsOnlyTheApiPackages() {
    Set<String> exported =
        descriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(Set.of("io.github.nndsl.dsl", "io.github.nndsl.dsl.data", "io.github.nndsl.dsl.file"), exported);
    assertTrue(descriptor().packages().contains("io.github.nndsl.dsl.internal"));
  }

  @Test
  void requiresCoreAndVavrTransitivelyAndNothingElseAtRunTime() {
    Map<String, Set<Requires.Modifier>> requires = requires(descriptor());
    assertEquals(Set.of(Requires.Modifier.TRANSITIVE), requires.get("io.github.nndsl.core"),
        "Sequential.compile returns nn-core's Network: readers of nn-dsl must read nn-core");
    assertEquals(
        Set.of("java.base", "io.github.nndsl.core", "io.vavr", "de.siegmar.fastcsv", "org.jspecify"),
        requires.keySet(),
        "at run time only Vavr (Validation in the API) and FastCSV (reads the CSV files)");
    assertEquals(Set.of(Requires.Modifier.TRANSITIVE), requires.get("io.vavr"),
        "Dataset.validateCsv returns Vavr's Validation: readers of nn-dsl must read Vavr");
    assertEquals(Set.of(), requires.get("de.siegmar.fastcsv"), "FastCSV stays out of the API");
    assertEquals(Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE), requires.get("org.jspecify"));
  }

  @Test
  void vavrIsTheNamedModuleWithItsMatchAnnotations() {
    Module vavr = Validation.class.getModule();
    assertTrue(vavr.isNamed(), "Vavr is on the module path, as io.vavr");
    assertEquals("io.vavr", vavr.getName());
    assertTrue(requires(vavr.getDescriptor()).containsKey("io.vavr.match"),
        "io.vavr requires io.vavr.match: the vavr-match jar must come with it");
    assertTrue(Sequential.class.getModule().canRead(vavr));
  }

  @Test
  void coreStaysFreeOfVavr() {
    Module core = Network.class.getModule();
    assertEquals("io.github.nndsl.core", core.getName());
    assertFalse(requires(core.getDescriptor()).containsKey("io.vavr"), "the engine is plain Java");
  }

  private static Map<String, Set<Requires.Modifier>> requires(ModuleDescriptor descriptor) {
    return descriptor.requires().stream().collect(Collectors.toMap(Requires::name, Requires::modifiers));
  }
}

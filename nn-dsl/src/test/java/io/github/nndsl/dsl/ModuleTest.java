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

/**
 * The module descriptor exports the API packages, passes nn-core and Vavr on to its readers, and
 * reads FastCSV and Jackson's streaming core at run time without passing them on.
 */
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
        Set.of("java.base", "io.github.nndsl.core", "io.vavr", "de.siegmar.fastcsv", "tools.jackson.core",
            "com.google.protobuf", "org.jspecify"),
        requires.keySet(),
        "at run time only Vavr (Validation in the API), FastCSV (CSV files), Jackson (JSON of model files)"
            + " and protobuf (ONNX files)");
    assertEquals(Set.of(Requires.Modifier.TRANSITIVE), requires.get("io.vavr"),
        "Dataset.validateCsv returns Vavr's Validation: readers of nn-dsl must read Vavr");
    assertEquals(Set.of(), requires.get("de.siegmar.fastcsv"), "FastCSV stays out of the API");
    assertEquals(Set.of(), requires.get("tools.jackson.core"),
        "Jackson reads and writes model files' JSON and appears in no API: readers of nn-dsl need not read it");
    assertEquals(Set.of(), requires.get("com.google.protobuf"), "protobuf is an implementation detail");
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

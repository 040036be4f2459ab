package io.github.nndsl.dsl;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports the API packages only, passes nn-core on to its readers and reads
 * one library at run time: Jackson's streaming core, for the JSON of model files.
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
    assertEquals(Set.of("io.github.nndsl.dsl", "io.github.nndsl.dsl.file"), exported);
    assertTrue(descriptor().packages().contains("io.github.nndsl.dsl.internal"));
  }

  @Test
  void requiresCoreTransitivelyAndOnlyJacksonCoreBesides() {
    Map<String, Set<Requires.Modifier>> requires =
        descriptor().requires().stream().collect(Collectors.toMap(Requires::name, Requires::modifiers));
    assertEquals(Set.of(Requires.Modifier.TRANSITIVE), requires.get("io.github.nndsl.core"),
        "Sequential.compile returns nn-core's Network: readers of nn-dsl must read nn-core");
    assertEquals(Set.of("java.base", "io.github.nndsl.core", "org.jspecify", "tools.jackson.core"), requires.keySet(),
        "no third-party library at run time but Jackson's streaming core");
    assertEquals(Set.of(), requires.get("tools.jackson.core"),
        "Jackson reads and writes model files' JSON and appears in no API: readers of nn-dsl need not read it");
    assertEquals(Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE), requires.get("org.jspecify"));
  }
}

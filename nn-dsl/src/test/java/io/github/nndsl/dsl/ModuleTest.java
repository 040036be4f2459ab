package io.github.nndsl.dsl;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor exports the DSL package only and passes nn-core on to its readers. */
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
  void requiresCoreTransitivelyAndOnlyProtobufBesides() {
    Map<String, Set<Requires.Modifier>> requires =
        descriptor().requires().stream().collect(Collectors.toMap(Requires::name, Requires::modifiers));
    assertEquals(Set.of(Requires.Modifier.TRANSITIVE), requires.get("io.github.nndsl.core"),
        "Sequential.compile returns nn-core's Network: readers of nn-dsl must read nn-core");
    assertEquals(Set.of("java.base", "io.github.nndsl.core", "org.jspecify", "com.google.protobuf"),
        requires.keySet(), "one third-party library at run time: protobuf-java, for Onnx.save");
    assertEquals(Set.of(), requires.get("com.google.protobuf"), "protobuf is an implementation detail");
    assertEquals(Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE), requires.get("org.jspecify"));
  }
}

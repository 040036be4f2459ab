package io.github.nndsl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor exports the API packages and nothing else. */
class ModuleTest {

  private static ModuleDescriptor descriptor() {
    Module module = Tensor.class.getModule();
    assertTrue(module.isNamed(), "tests run inside the named module, patched in by surefire");
    return module.getDescriptor();
  }

  @Test
  void isNamedIoGithubNndslCore() {
    assertEquals("io.github.nndsl.core", descriptor().name());
  }

  @Test
  void exportsOnlyTheApiPackages() {
    Set<String> exported =
        descriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(Set.of("io.github.nndsl.core", "io.github.nndsl.core.random", "io.github.nndsl.core.train",
        "io.github.nndsl.core.metric"), exported);
  }

  @Test
  void keepsTheKernelsInsideTheModule() {
    assertTrue(descriptor().packages().contains("io.github.nndsl.core.internal"));
    assertTrue(descriptor().opens().isEmpty(), "nothing is opened for reflection");
  }
}

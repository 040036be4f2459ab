package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Hands nn-core's packages the engine's {@link EngineAccess}, as the JDK's own shared-secrets
 * classes do: the engine installs it when its access class initialises, which the first {@link
 * #get()} triggers by name, so this package has no compile-time dependency on the engine.
 */
public final class Bridge {

  private static final String ENGINE = "io.github.nndsl.core.CoreAccess";
  private static volatile @Nullable EngineAccess<?, ?, ?, ?> access;

  private Bridge() {}

  /** Called once by the engine's access class. */
  public static void install(EngineAccess<?, ?, ?, ?> engine) {
    if (access == null) {
      access = engine;
    }
  }

  /** The engine's access, initialising the engine's access class if nothing else has yet. */
  public static EngineAccess<?, ?, ?, ?> get() {
    EngineAccess<?, ?, ?, ?> a = access;
    if (a == null) {
      try {
        Class.forName(ENGINE, true, Bridge.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(ENGINE + " is missing from nn-core", e);
      }
      a = access;
      if (a == null) {
        throw new AssertionError(ENGINE + " did not install itself");
      }
    }
    return a;
  }
}

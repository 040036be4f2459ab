package io.github.nndsl.dsl;

/**
 * Describes the identity activation, created by {@link Layers#identity()} and printed as {@code
 * Identity}.
 *
 * <p>Passes its input through unchanged, {@code f(x) = x}. It has no parameters and keeps the width
 * of its input.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), identity(), linear(4, 1));
 * identity().toString();   // "Identity"
 * }</pre>
 *
 * @since 0.1.0
 */
public record Identity() implements Layer {

  /**
   * Returns the factory-call form, {@code Identity}.
   *
   * @return {@code "Identity"}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Identity";
  }
}

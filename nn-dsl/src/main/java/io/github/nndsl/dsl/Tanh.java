package io.github.nndsl.dsl;

/**
 * Describes the hyperbolic tangent activation, created by {@link Layers#tanh()} and printed as
 * {@code Tanh}.
 *
 * <p>Applies {@code tanh(x)} to every element. It has no parameters and keeps the width of its
 * input.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), tanh(), linear(4, 1));
 * tanh().toString();   // "Tanh"
 * }</pre>
 *
 * @since 0.1.0
 */
public record Tanh() implements Layer {

  /**
   * Returns the factory-call form, {@code Tanh}.
   *
   * @return {@code "Tanh"}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Tanh";
  }
}

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
   * Returns 0: a tanh has no parameters.
   *
   * @return 0
   * @since 0.1.0
   */
  @Override
  public long parameterCount() {
    return 0;
  }

  /**
   * Returns {@code inputWidth}: a tanh keeps the width of its input.
   *
   * @param inputWidth the number of features per example, positive
   * @return {@code inputWidth}
   * @throws IllegalArgumentException if {@code inputWidth} is not positive
   * @since 0.1.0
   */
  @Override
  public int outputWidth(int inputWidth) {
    Checks.positive(inputWidth, "inputWidth");
    return inputWidth;
  }

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

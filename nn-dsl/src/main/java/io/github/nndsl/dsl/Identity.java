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
   * Returns 0: an identity has no parameters.
   *
   * @return 0
   * @since 0.1.0
   */
  @Override
  public long parameterCount() {
    return 0;
  }

  /**
   * Returns {@code inputWidth}: an identity keeps the width of its input.
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

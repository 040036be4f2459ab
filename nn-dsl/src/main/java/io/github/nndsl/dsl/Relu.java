package io.github.nndsl.dsl;

/**
 * Describes the rectifier activation, created by {@link Layers#relu()} and printed as {@code ReLU}.
 *
 * <p>Applies {@code max(0, x)} to every element. It has no parameters and keeps the width of its
 * input.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), relu(), linear(4, 1));
 * relu().toString();   // "ReLU"
 * }</pre>
 *
 * @since 0.1.0
 */
public record Relu() implements Layer {

  /**
   * Returns 0: a ReLU has no parameters.
   *
   * @return 0
   * @since 0.1.0
   */
  @Override
  public long parameterCount() {
    return 0;
  }

  /**
   * Returns {@code inputWidth}: a ReLU keeps the width of its input.
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
   * Returns the factory-call form, {@code ReLU}.
   *
   * @return {@code "ReLU"}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "ReLU";
  }
}

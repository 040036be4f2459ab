package io.github.nndsl.dsl;

/**
 * Describes the logistic activation, created by {@link Layers#sigmoid()} and printed as {@code
 * Sigmoid}.
 *
 * <p>Applies {@code 1 / (1 + exp(-x))} to every element. It has no parameters and keeps the width
 * of its input.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), sigmoid(), linear(4, 1));
 * sigmoid().toString();   // "Sigmoid"
 * }</pre>
 *
 * @since 0.1.0
 */
public record Sigmoid() implements Layer {

  /**
   * Returns 0: a sigmoid has no parameters.
   *
   * @return 0
   * @since 0.1.0
   */
  @Override
  public long parameterCount() {
    return 0;
  }

  /**
   * Returns {@code inputWidth}: a sigmoid keeps the width of its input.
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
   * Returns the factory-call form, {@code Sigmoid}.
   *
   * @return {@code "Sigmoid"}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Sigmoid";
  }
}

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

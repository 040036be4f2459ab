package io.github.nndsl.dsl;

/**
 * Describes the softmax activation, created by {@link Layers#softmax()} and printed as {@code
 * Softmax}.
 *
 * <p>Turns each row into probabilities: {@code exp(x_i) / sum_j exp(x_j)} along the row. It has no
 * parameters and keeps the width of its input.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), softmax(), linear(4, 1));
 * softmax().toString();   // "Softmax"
 * }</pre>
 *
 * @since 0.1.0
 */
public record Softmax() implements Layer {

  /**
   * Returns the factory-call form, {@code Softmax}.
   *
   * @return {@code "Softmax"}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Softmax";
  }
}

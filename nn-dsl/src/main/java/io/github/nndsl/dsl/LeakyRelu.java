package io.github.nndsl.dsl;

/**
 * Describes the leaky rectifier activation, created by {@link Layers#leakyRelu()} or {@link
 * Layers#leakyRelu(double)} and printed as {@code LeakyReLU(0.01)}.
 *
 * <p>Applies {@code x > 0 ? x : slope * x} to every element. It has no parameters and keeps the
 * width of its input. A slope of 0 makes it a ReLU.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), leakyRelu(0.1), linear(4, 1));
 * leakyRelu().slope();   // 0.01
 * }</pre>
 *
 * @param slope the slope for negative inputs, finite and non-negative ({@code -0.0} is stored as
 *     {@code 0.0})
 * @since 0.1.0
 */
public record LeakyRelu(double slope) implements Layer {

  /** The slope of {@link Layers#leakyRelu()}: 0.01, as in PyTorch and Flux. */
  static final double DEFAULT_SLOPE = 0.01;

  /**
   * Creates the descriptor; {@link Layers#leakyRelu(double)} is the usual way.
   *
   * @param slope the slope for negative inputs, finite and non-negative
   * @throws IllegalArgumentException if {@code slope} is negative, NaN or infinite
   */
  public LeakyRelu {
    Checks.finiteNonNegative(slope, "slope");
    slope += 0.0; // -0.0 becomes 0.0, so that equal descriptors are equal records
  }



  /**
   * Returns the factory-call form, {@code LeakyReLU(0.01)}.
   *
   * @return the slope in parentheses after {@code LeakyReLU}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "LeakyReLU(" + slope + ")";
  }
}

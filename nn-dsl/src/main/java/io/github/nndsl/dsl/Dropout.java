package io.github.nndsl.dsl;

/**
 * Describes inverted dropout, created by {@link Layers#dropout(double)} and printed as {@code
 * Dropout(0.5)}.
 *
 * <p>While a {@code Trainer} trains the network ({@code fit}, {@code fitEpochs}, {@code step}),
 * each element is zeroed with probability {@code rate} and the others are scaled by {@code 1 / (1 -
 * rate)}, as PyTorch's {@code torch.nn.Dropout} in training mode; everywhere else ({@code
 * Network.predict}, {@code freeze()}, {@code computeGradients}, saved files) it passes its input
 * through. It has no parameters and keeps the width of its input.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(64, 64), relu(), dropout(0.2), linear(64, 10));
 * dropout(0.2).rate();   // 0.2
 * }</pre>
 *
 * @param rate the probability of dropping an element, in [0, 1) ({@code -0.0} is stored as {@code
 *     0.0})
 * @since 0.1.0
 */
public record Dropout(double rate) implements Layer {

  /**
   * Creates the descriptor; {@link Layers#dropout(double)} is the usual way.
   *
   * @param rate the probability of dropping an element, in [0, 1)
   * @throws IllegalArgumentException if {@code rate} is outside [0, 1) or NaN
   */
  public Dropout {
    if (!(rate >= 0.0 && rate < 1.0)) {
      throw new IllegalArgumentException("rate must be in [0, 1), but was " + rate);
    }
    rate += 0.0; // -0.0 becomes 0.0, so that equal descriptors are equal records
  }

  /**
   * Returns the factory-call form, {@code Dropout(0.5)}.
   *
   * @return the rate in parentheses after {@code Dropout}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Dropout(" + rate + ")";
  }
}

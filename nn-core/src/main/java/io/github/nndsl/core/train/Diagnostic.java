package io.github.nndsl.core.train;

/**
 * A problem noticed while training, with a sentence saying what it likely means and what to try:
 * a loss plateau, dead ReLU units, saturated sigmoids, exploding gradients or a double softmax.
 *
 * <pre>{@code
 * TrainingHistory h = trainer.fit(net, x, y, 5000);
 * for (Diagnostic d : h.diagnostics()) {
 *   System.out.println(d.message());
 *   // the loss has been flat at 0.1667 for 500 steps and 1 of 4 ReLU units is dead (layer 1:
 *   // unit 2) ...; try another seed, leakyRelu() or a smaller learning rate
 * }
 * }</pre>
 *
 * <p>Kotlin destructures it: {@code val (kind, step, value, message) = d}.
 *
 * @param kind what was noticed
 * @param step the step (from 1) at whose check it was noticed; 0 for an untrained network
 * @param value the measured value: the loss level ({@link Kind#PLATEAU}), the fraction of dead
 *     units ({@link Kind#DEAD_RELU}) or saturated sigmoid outputs ({@link Kind#SATURATED_SIGMOID}),
 *     the global L2 norm of the gradient ({@link Kind#EXPLODING_GRADIENT}), NaN for {@link
 *     Kind#DOUBLE_SOFTMAX}
 * @param message what it likely means and what to try, in one sentence
 * @since 0.1.0
 */
public record Diagnostic(Diagnostic.Kind kind, int step, double value, String message) {

  /**
   * Creates a diagnostic; the trainer makes them, tests and custom loops may too.
   *
   * @param kind what was noticed
   * @param step the step, non-negative
   * @param value the measured value
   * @param message what it likely means and what to try
   * @throws IllegalArgumentException if kind or message is null, or step is negative
   * @since 0.1.0
   */
  public Diagnostic {
    Engine.notNull(kind, "kind");
    Engine.notNull(message, "message");
    if (step < 0) {
      throw new IllegalArgumentException("step must be non-negative, but was " + step);
    }
  }

  /**
   * Returns {@link #kind()}, for Kotlin destructuring.
   *
   * @return the kind
   * @since 0.1.0
   */
  public Kind component1() {
    return kind;
  }

  /**
   * Returns {@link #step()}, for Kotlin destructuring.
   *
   * @return the step
   * @since 0.1.0
   */
  public int component2() {
    return step;
  }

  /**
   * Returns {@link #value()}, for Kotlin destructuring.
   *
   * @return the measured value
   * @since 0.1.0
   */
  public double component3() {
    return value;
  }

  /**
   * Returns {@link #message()}, for Kotlin destructuring.
   *
   * @return the message
   * @since 0.1.0
   */
  public String component4() {
    return message;
  }

  /**
   * Returns the kind, the step and the message, for example {@code PLATEAU at step 5000: the loss
   * has been flat ...}.
   *
   * @return a readable line
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return kind + " at step " + step + ": " + message;
  }

  /**
   * What a diagnostic is about; the thresholds are those of {@link Diagnostics}.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** The loss has stopped moving while still above the plateau floor. */
    PLATEAU,
    /** ReLU units whose input is at most 0 for every row of the batch: they learn nothing. */
    DEAD_RELU,
    /** Sigmoid outputs so close to 0 or 1 that their gradient all but vanishes. */
    SATURATED_SIGMOID,
    /** The gradient's global L2 norm is above the limit or grew by orders of magnitude. */
    EXPLODING_GRADIENT,
    /**
     * The network ends in a softmax but the loss is {@code crossEntropyWithLogits()}, which takes
     * a softmax of its own: checked once, at the start of {@code fit} (step 0, value NaN).
     */
    DOUBLE_SOFTMAX
  }
}

package io.github.nndsl.core.train;

/**
 * Thrown by {@link Trainer} when the loss becomes NaN or infinite: training has diverged, usually
 * because the learning rate is too high. The failing step's update is not applied: the network keeps
 * the parameters whose forward pass gave the non-finite loss, for inspection.
 *
 * @since 0.1.0
 */
public final class TrainingDivergedException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  /** The step, from 1, whose forward pass gave the non-finite loss. */
  private final int step;

  /** The non-finite loss: NaN or an infinity. */
  private final double loss;

  /**
   * The exception for a NaN or infinite loss at {@code step}, typed as its superclass so that
   * verifying a class that throws it does not load it: it loads when training diverges, not at the
   * start of every process that trains.
   */
  static ArithmeticException at(int step, double loss, String hint) {
    return new TrainingDivergedException(step, loss, hint);
  }

  TrainingDivergedException(int step, double loss, String hint) {
    super("training diverged at step " + step + ": the loss is " + loss + "; " + hint);
    this.step = step;
    this.loss = loss;
  }

  /**
   * Returns the step (from 1) whose forward pass gave the non-finite loss.
   *
   * @return the step
   * @since 0.1.0
   */
  public int step() {
    return step;
  }

  /**
   * Returns the non-finite loss.
   *
   * @return NaN or an infinity
   * @since 0.1.0
   */
  public double loss() {
    return loss;
  }
}

package io.github.nndsl.core.train;

import io.github.nndsl.core.internal.ActivationScan;

/**
 * When a {@link Trainer} checks for training problems, and the thresholds it uses: an immutable
 * setting, shareable like the trainer.
 *
 * <pre>{@code
 * Trainer.of(Losses.mse(), Optimizers.sgd(0.5));                              // atEnd(): the default
 * Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).withDiagnostics(Diagnostics.every(100),
 *     d -> System.out.println(d));                                            // during training too
 * Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).withDiagnostics(Diagnostics.off());
 * }</pre>
 *
 * <p>A check reads what the last step left in the network's buffers (its forward pass on the
 * step's batch and its gradients), so it costs one pass over the activations and one over the
 * gradients, and allocates nothing unless a diagnostic fires. Between checks a training step
 * does no extra work. The checks and their thresholds:
 * <ul>
 *   <li>{@link Diagnostic.Kind#PLATEAU}: over the last {@link #plateauWindow()} steps (default
 *       500) the loss moved by at most 0.1 % of its level ({@code max - min <= 1e-3 * max}), and
 *       that level is above {@link #plateauFloor()} (default 1e-3, below which the run is taken to
 *       have converged). The step losses of mini-batches vary from batch to batch, so the check
 *       is meant for full-batch training.
 *   <li>{@link Diagnostic.Kind#DEAD_RELU}: at least a third of the ReLU units (counted over all
 *       ReLU layers) have an input at most 0 for every row of the batch; their gradient is 0, so
 *       they never come back. (One unit in four is common in a network that learned well; a
 *       plateau's message names any dead unit.)
 *   <li>{@link Diagnostic.Kind#SATURATED_SIGMOID}: at least a quarter of the sigmoid outputs are
 *       within 1e-6 of 0 or 1, where the sigmoid's gradient {@code s (1 - s)} is below 1e-6. For
 *       a sigmoid that is the network's output only confidently wrong outputs count (within 1e-6
 *       of 0 for a target above 0.5, or of 1 for a target below 0.5): confident right answers are
 *       the goal.
 *   <li>{@link Diagnostic.Kind#EXPLODING_GRADIENT}: the global L2 norm of the gradient is above
 *       {@link #gradientNormLimit()} (default 1e3), or above 1 and at least 100 times what it was
 *       at the previous check.
 *   <li>{@link Diagnostic.Kind#DOUBLE_SOFTMAX}: the network ends in a softmax and the loss is
 *       {@code crossEntropyWithLogits()}, which takes its own; checked once, at the start of fit.
 * </ul>
 *
 * <p>A diagnostic fires once when its problem appears and again only after a check has found the
 * problem gone; the check at the end of {@code fit} is one more check.
 *
 * @since 0.1.0
 */
public final class Diagnostics {

  /** Loss movement, relative to its level, within which a window counts as flat. */
  static final double PLATEAU_TOLERANCE = 1e-3;

  /**
   * Fraction of ReLU units that must be dead for {@link Diagnostic.Kind#DEAD_RELU}: one unit in
   * four is common in a network that learned well (the exercise's seed 0), so that is not enough.
   */
  static final double DEAD_LIMIT = 1.0 / 3;

  /** Distance from 0 or 1 within which a sigmoid output counts as saturated. */
  static final double SATURATION_MARGIN = ActivationScan.SATURATION_MARGIN;

  /** Fraction of sigmoid outputs that must be saturated for {@link Diagnostic.Kind#SATURATED_SIGMOID}. */
  static final double SATURATED_LIMIT = 0.25;

  /** Growth of the gradient norm between two checks that counts as exploding. */
  static final double GROWTH_LIMIT = 100;

  private static final Diagnostics OFF = new Diagnostics(-1, 500, 1e-3, 1e3);
  private static final Diagnostics AT_END = new Diagnostics(0, 500, 1e-3, 1e3);

  private final int every; // -1: off; 0: at the end of fit only
  private final int plateauWindow;
  private final double plateauFloor;
  private final double gradientNormLimit;

  private Diagnostics(int every, int plateauWindow, double plateauFloor, double gradientNormLimit) {
    this.every = every;
    this.plateauWindow = plateauWindow;
    this.plateauFloor = plateauFloor;
    this.gradientNormLimit = gradientNormLimit;
  }

  /**
   * Checks once, at the end of each {@code fit}: no cost during training (the default).
   *
   * <pre>{@code
   * trainer.withDiagnostics(Diagnostics.atEnd());
   * }</pre>
   *
   * @return the setting
   * @since 0.1.0
   */
  public static Diagnostics atEnd() {
    return AT_END;
  }

  /**
   * Checks every {@code steps} steps and at the end of each {@code fit}, so that a listener hears
   * of a problem while training goes on.
   *
   * <pre>{@code
   * trainer.withDiagnostics(Diagnostics.every(100), d -> System.out.println(d.message()));
   * }</pre>
   *
   * @param steps the interval, positive
   * @return the setting
   * @throws IllegalArgumentException if steps is not positive
   * @since 0.1.0
   */
  public static Diagnostics every(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be positive, but was " + steps);
    }
    return new Diagnostics(steps, AT_END.plateauWindow, AT_END.plateauFloor, AT_END.gradientNormLimit);
  }

  /**
   * Never checks: {@link TrainingHistory#diagnostics()} stays empty.
   *
   * @return the setting
   * @since 0.1.0
   */
  public static Diagnostics off() {
    return OFF;
  }

  /**
   * Returns a setting that looks for a plateau over the last {@code steps} steps.
   *
   * <pre>{@code
   * Diagnostics.every(100).withPlateauWindow(1000);
   * }</pre>
   *
   * @param steps the window, at least 2
   * @return the new setting
   * @throws IllegalArgumentException if steps is below 2
   * @since 0.1.0
   */
  public Diagnostics withPlateauWindow(int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("steps must be at least 2, but was " + steps);
    }
    return new Diagnostics(every, steps, plateauFloor, gradientNormLimit);
  }

  /**
   * Returns a setting under which a flat loss at or below {@code floor} counts as converged, not
   * as a plateau.
   *
   * <pre>{@code
   * Diagnostics.atEnd().withPlateauFloor(0.05);   // a regression whose noise floor is 0.05
   * }</pre>
   *
   * @param floor the loss level, finite and non-negative
   * @return the new setting
   * @throws IllegalArgumentException if floor is negative or not finite
   * @since 0.1.0
   */
  public Diagnostics withPlateauFloor(double floor) {
    if (!(floor >= 0.0) || floor == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("floor must be finite and non-negative, but was " + floor);
    }
    return new Diagnostics(every, plateauWindow, floor, gradientNormLimit);
  }

  /**
   * Returns a setting under which a gradient norm above {@code limit} counts as exploding.
   *
   * <pre>{@code
   * Diagnostics.every(10).withGradientNormLimit(100);
   * }</pre>
   *
   * @param limit the global L2 norm, finite and positive
   * @return the new setting
   * @throws IllegalArgumentException if limit is not finite and positive
   * @since 0.1.0
   */
  public Diagnostics withGradientNormLimit(double limit) {
    if (!(limit > 0.0) || limit == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("limit must be finite and positive, but was " + limit);
    }
    return new Diagnostics(every, plateauWindow, plateauFloor, limit);
  }

  /**
   * Returns the interval between checks during training.
   *
   * @return the interval in steps; 0 when checking only at the end, -1 when off
   * @since 0.1.0
   */
  public int interval() {
    return every;
  }

  /**
   * Returns the number of steps over which a flat loss counts as a plateau.
   *
   * @return the window, default 500
   * @since 0.1.0
   */
  public int plateauWindow() {
    return plateauWindow;
  }

  /**
   * Returns the loss level at or below which a flat loss counts as converged.
   *
   * @return the floor, default 1e-3
   * @since 0.1.0
   */
  public double plateauFloor() {
    return plateauFloor;
  }

  /**
   * Returns the gradient norm above which gradients count as exploding.
   *
   * @return the limit, default 1e3
   * @since 0.1.0
   */
  public double gradientNormLimit() {
    return gradientNormLimit;
  }

  /**
   * Describes the setting, for example {@code Diagnostics.every(100)} or {@code
   * Diagnostics.atEnd().withPlateauWindow(1000)}.
   *
   * @return a readable description
   * @since 0.1.0
   */
  @Override
  public String toString() {
    String base = every < 0 ? "Diagnostics.off()" : every == 0 ? "Diagnostics.atEnd()" : "Diagnostics.every(" + every + ")";
    if (every < 0) {
      return base;
    }
    return base
        + (plateauWindow != AT_END.plateauWindow ? ".withPlateauWindow(" + plateauWindow + ")" : "")
        + (plateauFloor != AT_END.plateauFloor ? ".withPlateauFloor(" + plateauFloor + ")" : "")
        + (gradientNormLimit != AT_END.gradientNormLimit ? ".withGradientNormLimit(" + gradientNormLimit + ")" : "");
  }
}

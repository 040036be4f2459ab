package io.github.nndsl.core.train;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The record of one {@code fit}: the loss of every step, the mean loss of every completed epoch,
 * and whether a target loss stopped training early.
 *
 * <pre>{@code
 * TrainingHistory h = trainer.fit(net, x, y, 5000);
 * h.finalLoss();     // the loss of the last forward pass, as the exercise returns
 * h.losses();        // the loss curve, one value per step
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TrainingHistory {

  private final double[] losses;
  private final double[] epochLosses;
  private final double finalLoss;
  private final boolean reachedTarget;
  private final List<Diagnostic> diagnostics;

  TrainingHistory(
      double[] losses, double[] epochLosses, double finalLoss, boolean reachedTarget, List<Diagnostic> diagnostics) {
    this.losses = losses;
    this.epochLosses = epochLosses;
    this.finalLoss = finalLoss;
    this.reachedTarget = reachedTarget;
    this.diagnostics = diagnostics;
  }

  /**
   * Returns the loss of the last forward pass: with full-batch training, the loss before the final
   * update, exactly what the exercise's {@code train_xor} returns. After zero steps it is the loss
   * of the untrained network on all the data.
   *
   * @return the final loss
   * @since 0.1.0
   */
  public double finalLoss() {
    return finalLoss;
  }

  /**
   * Returns the loss curve: element {@code i} is the loss of step {@code i + 1}.
   *
   * @return a copy, of length {@link #steps()}
   * @since 0.1.0
   */
  public double[] losses() {
    return losses.clone();
  }

  /**
   * Returns the number of steps taken (fewer than asked when a target loss was reached).
   *
   * @return the number of steps
   * @since 0.1.0
   */
  public int steps() {
    return losses.length;
  }

  /**
   * Returns the loss of one step.
   *
   * @param step the step, from 1 to {@link #steps()}
   * @return its loss
   * @throws IndexOutOfBoundsException if there was no such step
   * @since 0.1.0
   */
  public double lossAt(int step) {
    if (step < 1 || step > losses.length) {
      throw new IndexOutOfBoundsException("step must be in [1, " + losses.length + "], but was " + step);
    }
    return losses[step - 1];
  }

  /**
   * Returns the mean loss of each completed epoch (mini-batch training), in order.
   *
   * @return a copy; empty for full-batch training
   * @since 0.1.0
   */
  public double[] epochLosses() {
    return epochLosses.clone();
  }

  /**
   * Tells whether training stopped because the loss reached the trainer's target.
   *
   * @return true if stopped early at the target
   * @since 0.1.0
   */
  public boolean reachedTarget() {
    return reachedTarget;
  }

  /**
   * Returns the training problems noticed during this run, in the order they fired: a loss
   * plateau, dead ReLU units, saturated sigmoids, exploding gradients, each with a sentence saying
   * what it likely means and what to try. When checks run is the trainer's {@link Diagnostics}
   * (by default once, at the end).
   *
   * <pre>{@code
   * TrainingHistory h = trainer.fit(net, x, y, 5000);
   * for (Diagnostic d : h.diagnostics()) {
   *   System.out.println(d.message());
   * }
   * }</pre>
   *
   * @return an unmodifiable list, empty when nothing was noticed
   * @since 0.1.0
   */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * Summarises the run, for example {@code TrainingHistory(steps=5000, finalLoss=2.68e-04)}.
   *
   * @return a readable summary
   */
  @Override
  public String toString() {
    return "TrainingHistory(steps=" + losses.length + ", finalLoss=" + finalLoss
        + (reachedTarget ? ", reachedTarget" : "") + (epochLosses.length > 0 ? ", epochs=" + epochLosses.length : "")
        + (diagnostics.isEmpty() ? "" : ", diagnostics=" + diagnostics.stream().map(Diagnostic::kind).toList())
        + ")";
  }

  /** Grows an array of step losses; amortised, so steady-state steps do not allocate. */
  static final class Recorder {
    private double[] losses;
    private int count;
    private double[] epochs = new double[16];
    private int epochCount;

    Recorder(int expectedSteps) {
      losses = new double[Math.min(Math.max(expectedSteps, 1), 1 << 20)];
    }

    void step(double loss) {
      if (count == losses.length) {
        losses = Arrays.copyOf(losses, losses.length * 2);
      }
      losses[count++] = loss;
    }

    void epoch(double meanLoss) {
      if (epochCount == epochs.length) {
        epochs = Arrays.copyOf(epochs, epochs.length * 2);
      }
      epochs[epochCount++] = meanLoss;
    }

    /** Runs the monitor's checks on the loss curve so far and the buffers of the last step. */
    void check(
        DiagnosticMonitor monitor, int step, double[] x, int xOff, double[] y, int yOff, int batch,
        boolean gradients, boolean converged) {
      monitor.check(step, losses, count, x, xOff, y, yOff, batch, gradients, converged);
    }

    TrainingHistory finish(double finalLoss, boolean reachedTarget, @Nullable DiagnosticMonitor monitor) {
      return new TrainingHistory(
          Arrays.copyOf(losses, count), Arrays.copyOf(epochs, epochCount), finalLoss, reachedTarget,
          monitor == null ? List.of() : monitor.results());
    }
  }
}

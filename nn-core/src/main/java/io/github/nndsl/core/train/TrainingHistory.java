package io.github.nndsl.core.train;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The record of one {@code fit}: the loss of every step, the mean loss of every completed epoch,
 * the validation loss after every epoch (with {@link Trainer#withValidation}), and whether a
 * target loss or early stopping ended training before the steps asked for.
 *
 * <pre>{@code
 * TrainingHistory h = trainer.fit(net, x, y, 5000);
 * h.finalLoss();     // the loss of the last forward pass, as the exercise returns
 * h.losses();        // the loss curve, one value per step
 *
 * TrainingHistory v = trainer.withValidation(xVal, yVal).withEarlyStopping(5).fitEpochs(net, x, y, 200);
 * v.validationLosses()[v.bestEpoch()];   // the lowest; the network holds that epoch's parameters
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
  private final double[] validationLosses;
  private final boolean stoppedEarly;

  TrainingHistory(
      double[] losses, double[] epochLosses, double finalLoss, boolean reachedTarget, List<Diagnostic> diagnostics,
      double[] validationLosses, boolean stoppedEarly) {
    this.losses = losses;
    this.epochLosses = epochLosses;
    this.finalLoss = finalLoss;
    this.reachedTarget = reachedTarget;
    this.diagnostics = diagnostics;
    this.validationLosses = validationLosses;
    this.stoppedEarly = stoppedEarly;
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
   * Returns the loss on the trainer's validation data after each epoch of this run, in order
   * (mini-batch or full-batch alike: with full-batch training every step is an epoch).
   *
   * <pre>{@code
   * double[] v = trainer.withValidation(xVal, yVal).fitEpochs(net, x, y, 50).validationLosses();
   * }</pre>
   *
   * @return a copy, one value per epoch run; empty without {@link Trainer#withValidation}
   * @since 0.1.0
   */
  public double[] validationLosses() {
    return validationLosses.clone();
  }

  /**
   * Returns the index in {@link #validationLosses()} of the lowest validation loss (the first on
   * ties): with {@link Trainer#withEarlyStopping}, the epoch whose parameters the network holds
   * after the fit.
   *
   * @return the 0-based index of the best epoch of this run, or -1 without validation losses
   * @since 0.1.0
   */
  public int bestEpoch() {
    int best = -1;
    for (int i = 0; i < validationLosses.length; i++) {
      if (best < 0 || validationLosses[i] < validationLosses[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Tells whether early stopping ({@link Trainer#withEarlyStopping}) ended training before the
   * steps or epochs asked for.
   *
   * @return true if the validation loss stopped improving for the trainer's patience
   * @since 0.1.0
   */
  public boolean stoppedEarly() {
    return stoppedEarly;
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
        + (validationLosses.length > 0 ? ", bestEpoch=" + bestEpoch() : "") + (stoppedEarly ? ", stoppedEarly" : "")
        + (diagnostics.isEmpty() ? "" : ", diagnostics=" + diagnostics.stream().map(Diagnostic::kind).toList())
        + ")";
  }

  /** Grows an array of step losses; amortised, so steady-state steps do not allocate. */
  static final class Recorder {
    private double[] losses;
    private int count;
    private double[] epochs = new double[16];
    private int epochCount;
    private double[] validation = new double[16];
    private int validationCount;

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

    void validation(double loss) {
      if (validationCount == validation.length) {
        validation = Arrays.copyOf(validation, validation.length * 2);
      }
      validation[validationCount++] = loss;
    }

    /** Runs the monitor's checks on the loss curve so far and the buffers of the last step. */
    void check(
        DiagnosticMonitor monitor, int step, double[] x, int xOff, double[] y, int yOff, int batch,
        boolean gradients, boolean converged) {
      monitor.check(step, losses, count, x, xOff, y, yOff, batch, gradients, converged);
    }

    TrainingHistory finish(double finalLoss, boolean reachedTarget, @Nullable DiagnosticMonitor monitor) {
      return finish(finalLoss, reachedTarget, false, monitor);
    }

    TrainingHistory finish(
        double finalLoss, boolean reachedTarget, boolean stoppedEarly, @Nullable DiagnosticMonitor monitor) {
      return new TrainingHistory(
          Arrays.copyOf(losses, count), Arrays.copyOf(epochs, epochCount), finalLoss, reachedTarget,
          monitor == null ? List.of() : monitor.results(), Arrays.copyOf(validation, validationCount), stoppedEarly);
    }
  }
}

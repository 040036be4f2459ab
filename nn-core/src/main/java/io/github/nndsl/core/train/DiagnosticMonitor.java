package io.github.nndsl.core.train;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.internal.ActivationScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.github.nndsl.core.internal.Plan;
import org.jspecify.annotations.Nullable;

/**
 * Runs the checks of one {@code fit} (see {@link Diagnostics} for what they look for): remembers
 * which problems are present, so each fires once when it appears, and collects what fired.
 */
final class DiagnosticMonitor {

  /** Output spread across rows below which every input gets the same prediction. */
  private static final double CONSTANT_OUTPUT = 1e-2;

  private final Diagnostics settings;
  private final @Nullable DiagnosticListener listener;
  private final Network net;
  private final Plan plan;
  private final List<Diagnostic> found = new ArrayList<>(0);
  private boolean plateau;
  private boolean dead;
  private boolean saturated;
  private boolean exploding;
  private double previousNorm = Double.NaN;

  DiagnosticMonitor(Diagnostics settings, @Nullable DiagnosticListener listener, Network net) {
    this.settings = settings;
    this.listener = listener;
    this.net = net;
    this.plan = Engine.CORE.plan(net);
  }

  /**
   * Checks what the last step left in the buffers: its forward pass on {@code batch} rows of x
   * and y and, if {@code gradients}, its gradients; {@code losses[0, count)} is the loss curve.
   * {@code converged} (the target was reached) rules out a plateau.
   */
  void check(
      int step, double[] losses, int count, double[] x, int xOff, double[] y, int yOff, int batch,
      boolean gradients, boolean converged) {
    checkDead(step, x, xOff, batch);
    checkSaturated(step, y, yOff, batch);
    if (gradients) {
      checkGradients(step);
    }
    checkPlateau(step, losses, count, x, xOff, batch, converged);
  }

  /**
   * The check of the loss against the network, once at the start of a fit: a softmax output under
   * {@code crossEntropyWithLogits()} squashes the outputs twice.
   */
  void checkLoss(Loss loss) {
    // the plan first: naming the loss loads its class, which a process that never uses it skips
    if (ActivationScan.endsInSoftmax(plan) && loss == Losses.crossEntropyWithLogits()) {
      fire(Diagnostic.Kind.DOUBLE_SOFTMAX, 0, Double.NaN,
          "the network ends in softmax() and the loss is crossEntropyWithLogits(), which takes a softmax of its"
              + " own: the outputs are squashed twice, so the gradients shrink and training stalls; drop the last"
              + " softmax() (the predictions are then logits) or use crossEntropy()");
    }
  }

  List<Diagnostic> results() {
    return List.copyOf(found);
  }

  private void checkDead(int step, double[] x, int xOff, int batch) {
    int units = ActivationScan.reluUnits(plan);
    int deadUnits = units == 0 ? 0 : ActivationScan.deadUnits(plan, batch);
    double fraction = units == 0 ? 0 : (double) deadUnits / units;
    boolean now = units > 0 && fraction >= Diagnostics.DEAD_LIMIT;
    if (now && !dead) {
      fire(Diagnostic.Kind.DEAD_RELU, step, fraction,
          deadPhrase(deadUnits, units, x, xOff, batch)
              + ": the input of a dead unit is at most 0 for every row, so it gets no gradient and never"
              + " recovers; try another seed, leakyRelu(), He init or a smaller learning rate");
    }
    dead = now;
  }

  private String deadPhrase(int deadUnits, int units, double[] x, int xOff, int batch) {
    return deadUnits + " of " + units + " ReLU units " + (deadUnits == 1 ? "is" : "are") + " dead ("
        + ActivationScan.describeDead(plan, batch) + ")";
  }

  private void checkSaturated(int step, double[] y, int yOff, int batch) {
    long total = ActivationScan.sigmoidOutputs(plan, batch);
    long count = total == 0 ? 0 : ActivationScan.saturated(plan, y, yOff, batch, Diagnostics.SATURATION_MARGIN);
    double fraction = total == 0 ? 0 : (double) count / total;
    boolean now = total > 0 && fraction >= Diagnostics.SATURATED_LIMIT;
    if (now && !saturated) {
      fire(Diagnostic.Kind.SATURATED_SIGMOID, step, fraction,
          count + " of " + total + " sigmoid outputs are within 1e-6 of 0 or 1 (the wrong one, for the network's"
              + " output), where the gradient s(1 - s) all but vanishes: the weights or inputs are too large;"
              + " try a smaller weight init (Init.glorot()), inputs scaled to about [-1, 1] or a smaller"
              + " learning rate");
    }
    saturated = now;
  }

  private void checkGradients(int step) {
    double norm = ActivationScan.gradientNorm(plan.gradients());
    double limit = settings.gradientNormLimit();
    boolean grew = norm > 1.0 && norm >= Diagnostics.GROWTH_LIMIT * previousNorm;
    boolean now = !(norm <= limit) || grew; // NaN and infinity count as exploding
    if (now && !exploding) {
      String what = !(norm <= limit)
          ? "the gradient's L2 norm is " + number(norm) + ", above the limit " + number(limit)
          : "the gradient's L2 norm grew from " + number(previousNorm) + " to " + number(norm) + " since the last check";
      fire(Diagnostic.Kind.EXPLODING_GRADIENT, step, norm,
          what + ": the updates are too large and training is about to diverge; try a learning rate 10 times"
              + " smaller, or inputs scaled to about [-1, 1]");
    }
    exploding = now;
    previousNorm = norm;
  }

  private void checkPlateau(int step, double[] losses, int count, double[] x, int xOff, int batch, boolean converged) {
    int window = settings.plateauWindow();
    boolean now = false;
    double level = Double.NaN;
    if (!converged && count >= window) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = count - window; i < count; i++) {
        min = Math.min(min, losses[i]);
        max = Math.max(max, losses[i]);
      }
      level = losses[count - 1];
      now = max - min <= Diagnostics.PLATEAU_TOLERANCE * max && level > settings.plateauFloor();
    }
    if (now && !plateau) {
      fire(Diagnostic.Kind.PLATEAU, step, level, plateauMessage(level, window, x, xOff, batch));
    }
    plateau = now;
  }

  private String plateauMessage(double level, int window, double[] x, int xOff, int batch) {
    String flat = "the loss has been flat at " + number(level) + " for " + window + " steps";
    if (batch >= 2 && plan.hasOps() && ActivationScan.outputSpread(plan, batch) < CONSTANT_OUTPUT) {
      double[] out = plan.output();
      String near = net.outputs() == 1 ? "every output is near " + number(out[0]) : "every output row is the same";
      return flat + " and " + near + " whatever the input: the network predicts the mean of the targets;"
          + " try another seed, a higher learning rate or more hidden units";
    }
    int units = ActivationScan.reluUnits(plan);
    int deadUnits = units == 0 ? 0 : ActivationScan.deadUnits(plan, batch);
    if (deadUnits > 0) {
      return flat + " and " + deadPhrase(deadUnits, units, x, xOff, batch)
          + ": the dead units no longer learn, so the rest cannot fit the data; try another seed, leakyRelu(),"
          + " more hidden units or a smaller learning rate";
    }
    return flat + ": training has stalled; try a higher learning rate, Adam, another seed or more hidden units,"
        + " or, if " + number(level) + " is good enough, withTargetLoss to stop there";
  }

  private void fire(Diagnostic.Kind kind, int step, double value, String message) {
    Diagnostic d = new Diagnostic(kind, step, value, message);
    found.add(d);
    if (listener != null) {
      listener.onDiagnostic(d);
    }
  }

  /** Four significant digits: 0.2500, 0.1667, 3.162e+04. */
  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}

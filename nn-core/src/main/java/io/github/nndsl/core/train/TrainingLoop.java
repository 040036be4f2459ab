package io.github.nndsl.core.train;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.internal.LossFunction;
import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.internal.Plan;
import io.github.nndsl.core.random.NumPyRandom;
import org.jspecify.annotations.Nullable;

/**
 * The training loop, in the order a step happens: the batch, forward and loss, backward, the
 * optimiser's update, the record, the observers (step and epoch listeners, diagnostics). Every
 * training call of {@link Trainer} runs through here; its arguments are checked before.
 *
 * <p>Where the optimiser's whole update is {@code p -= r * g} ({@link OptimizerState#fusedRate()}),
 * the backward walk applies it as it writes each gradient, which gives the same bits without a
 * pass of its own; otherwise the optimiser runs its loop after backward. Either way the update is
 * the optimiser's: the plan only knows a rate.
 */
final class TrainingLoop {

  private final Plan plan;
  private final LossFunction loss;
  private final Optimizer optimizer;
  private final TrainingState state;
  private final OptimizerState update;
  private final double fusedRate; // NaN: the optimiser runs its own loop after backward
  private final Batches batches;
  private final long dropoutSeed; // the trainer's shuffle seed: with state.steps, the dropout masks' key
  private final double targetLoss; // NaN: none
  private final @Nullable StepListener stepListener;
  private final @Nullable EpochListener epochListener;
  private final @Nullable DiagnosticMonitor monitor;
  private final int every; // diagnostics: 0 at the end only, else every that many steps
  private TrainingHistory.@Nullable Recorder recorder;
  private double epochSum;
  private int epochSteps;

  TrainingLoop(Network network, Tensor x, Tensor y, Loss loss, Optimizer optimizer, int batchSize,
      long shuffleSeed, double targetLoss, @Nullable StepListener stepListener,
      @Nullable EpochListener epochListener, @Nullable DiagnosticMonitor monitor, int every) {
    this.plan = Engine.CORE.plan(network);
    this.loss = Engine.CORE.function(loss);
    this.optimizer = optimizer;
    this.state = TrainingState.forTraining(network, optimizer);
    this.update = state.optimizerState;
    this.fusedRate = update.fusedRate();
    this.batches = batchSize == 0 ? Batches.full(x, y) : Batches.shuffled(x, y, batchSize, shuffler(state, shuffleSeed));
    this.dropoutSeed = shuffleSeed;
    this.targetLoss = targetLoss;
    this.stepListener = stepListener;
    this.epochListener = epochListener;
    this.monitor = monitor;
    this.every = every;
  }

  /** Takes {@code steps} steps, or stops at the target loss; returns what happened. */
  TrainingHistory run(int steps) {
    TrainingHistory.Recorder record = new TrainingHistory.Recorder(steps);
    recorder = record;
    if (steps == 0) {
      return untrained(record);
    }
    double last = Double.NaN;
    for (int step = 1; step <= steps; step++) {
      int rows = batches.next(state);                                    // the batch
      last = forwardAndLoss(step, rows);                                 // forward and loss
      if (last <= targetLoss) {                                          // reached: no update
        record.step(last);
        observeTarget(step, last, rows);
        return record.finish(last, true, monitor);
      }
      backwardAndUpdate(rows);                                           // backward, update
      record.step(last);                                                 // the record
      observe(step, steps, last, rows);                                  // the observers
    }
    return record.finish(last, false, monitor);
  }

  /** One step on the whole of x and y, for {@link Trainer#step}: no listeners, no epochs. */
  static double single(Network network, Tensor x, Tensor y, Loss loss, Optimizer optimizer, long shuffleSeed) {
    TrainingLoop loop =
        new TrainingLoop(network, x, y, loss, optimizer, 0, shuffleSeed, Double.NaN, null, null, null, -1);
    int rows = loop.batches.next(loop.state);
    double value = loop.forwardAndLoss(1, rows);
    loop.backwardAndUpdate(rows);
    return value;
  }

  /** The optimiser's update with a gradient computed elsewhere, for {@link Trainer#update}. */
  static void update(Network network, double[] gradient, Optimizer optimizer) {
    Plan plan = Engine.CORE.plan(network);
    TrainingState state = TrainingState.forTraining(network, optimizer);
    System.arraycopy(gradient, 0, plan.gradients(), 0, gradient.length);
    state.optimizerState.step(plan.values(), plan.gradients());
    state.steps++; // an update as a step's is, so the two keep the same state
  }

  private double forwardAndLoss(int step, int rows) {
    // a training pass: dropout layers drop, with the masks of (the shuffle seed, the update count)
    double value = plan.trainingForwardLossAndGradient(batches.x, batches.xOff, batches.y, batches.yOff, rows, loss,
        dropoutSeed, state.steps);
    if (!Double.isFinite(value)) {
      throw TrainingDivergedException.at(step, value, "try a lower learning rate than " + optimizer);
    }
    return value;
  }

  private void backwardAndUpdate(int rows) {
    plan.backwardFromLoss(batches.x, batches.xOff, rows, fusedRate);
    if (fusedRate != fusedRate) {
      update.step(plan.values(), plan.gradients());
    }
    state.steps++;
  }

  /** Diagnostics (which read this step's buffers), the step listener, then the epoch's end. */
  private void observe(int step, int steps, double loss, int rows) {
    if (monitor != null && (step == steps || every > 0 && step % every == 0)) {
      check(step, rows, true, false);
    }
    if (stepListener != null) {
      stepListener.onStep(step, loss);
    }
    epochSum += loss;
    epochSteps++;
    if (batches.epochDone(state)) {
      state.epoch++;
      double mean = epochSum / epochSteps;
      if (batches.shuffled) {
        recorder().epoch(mean);
      }
      if (epochListener != null) {
        epochListener.onEpoch(state.epoch, mean);
      }
      epochSum = 0;
      epochSteps = 0;
    }
  }

  private void observeTarget(int step, double loss, int rows) {
    if (monitor != null) { // before the listener, which may run the network on other data
      check(step, rows, false, true);
    }
    if (stepListener != null) {
      stepListener.onStep(step, loss);
    }
  }

  private TrainingHistory untrained(TrainingHistory.Recorder record) {
    int rows = batches.rows();
    double value = plan.forwardLoss(batches.sourceX, batches.sourceXOff, batches.sourceY, batches.sourceYOff, rows,
        loss);
    if (monitor != null) {
      record.check(monitor, 0, batches.sourceX, batches.sourceXOff, batches.sourceY, batches.sourceYOff, rows,
          false, false);
    }
    return record.finish(value, false, monitor);
  }

  private void check(int step, int rows, boolean gradients, boolean converged) {
    DiagnosticMonitor m = monitor;
    if (m != null) {
      recorder().check(m, step, batches.x, batches.xOff, batches.y, batches.yOff, rows, gradients, converged);
    }
  }

  private TrainingHistory.Recorder recorder() {
    TrainingHistory.Recorder r = recorder;
    if (r == null) {
      throw new IllegalStateException("run() was not called");
    }
    return r;
  }

  private static NumPyRandom shuffler(TrainingState state, long seed) {
    NumPyRandom rng = state.shuffler;
    if (rng == null || state.shuffleSeed != seed) {
      rng = NumPyRandom.defaultRng(seed);
      state.shuffler = rng;
      state.shuffleSeed = seed;
      state.order = null;
      state.cursor = 0;
    }
    return rng;
  }
}

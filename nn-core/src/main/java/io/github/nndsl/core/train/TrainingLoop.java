package io.github.nndsl.core.train;

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
 * optimiser's update (after clipping the gradient, if asked), the record, the observers (step and
 * epoch listeners, diagnostics; at an epoch's end the validation loss, early stopping and the
 * next epoch's learning rate). Every training call of {@link Trainer} runs through here; its
 * arguments are checked before.
 *
 * <p>Where the optimiser's whole update is {@code p -= r * g} ({@link OptimizerState#fusedRate()}),
 * the backward walk applies it as it writes each gradient, which gives the same bits without a
 * pass of its own; otherwise (and when clipping, which needs the whole gradient first) the
 * optimiser runs its loop after backward. Either way the update is the optimiser's: the plan only
 * knows a rate, re-read whenever the schedule changes it.
 */
final class TrainingLoop {

  private final Plan plan;
  private final LossFunction loss;
  private final Optimizer optimizer;
  private final TrainingState state;
  private final OptimizerState update;
  private final Batches batches;
  private final int start; // the first op a step runs: those before it were applied to x once
  private final double[] rawX; // x itself, which batches hold transformed when start > 0
  private final int rawXOff;

  /** The largest input (elements) whose constant head is applied once: 32 MiB of doubles. */
  private static final long HEAD_COPY_MAX = 1L << 22;
  private final long dropoutSeed; // the trainer's shuffle seed: with state.steps, the dropout masks' key
  private final double targetLoss; // NaN: none
  private final @Nullable Schedule schedule;
  private final double baseRate;
  private final double maxNorm; // NaN: no clipping
  private final @Nullable StepListener stepListener;
  private final @Nullable EpochListener epochListener;
  private final @Nullable ValidationListener validationListener;
  private final @Nullable DiagnosticMonitor monitor;
  private final int every; // diagnostics: 0 at the end only, else every that many steps
  private final @Nullable EarlyStopping stopping; // with validation data; it also measures
  private double rate; // this epoch's learning rate
  private double fusedRate; // NaN: the optimiser runs its own loop after backward
  private TrainingHistory.@Nullable Recorder recorder;
  private double epochSum;
  private int epochSteps;

  TrainingLoop(Network network, Tensor x, Tensor y, Trainer trainer, @Nullable StepListener stepListener,
      @Nullable EpochListener epochListener, @Nullable DiagnosticMonitor monitor, int every) {
    this(network, x, y, trainer, true, stepListener, epochListener, trainer.validationListener(), monitor, every);
  }

  /** {@code fit}: the trainer's batches and validation; else one full-batch step, as {@link #single}. */
  private TrainingLoop(Network network, Tensor x, Tensor y, Trainer trainer, boolean fit,
      @Nullable StepListener stepListener, @Nullable EpochListener epochListener,
      @Nullable ValidationListener validationListener, @Nullable DiagnosticMonitor monitor, int every) {
    this.plan = Engine.CORE.plan(network);
    this.loss = Engine.CORE.function(trainer.loss());
    this.optimizer = trainer.optimizer();
    this.state = TrainingState.forTraining(network, optimizer);
    this.update = state.optimizerState;
    int batchSize = fit ? trainer.batchSize() : 0;
    // a standardization at the head is applied to the whole input once, with the bits it has at
    // every step (the diagnostics read only the layers after it): not for a single step, nor when
    // the copy would be large
    this.start = fit && (long) x.dim(0) * x.dim(1) <= HEAD_COPY_MAX ? plan.constantHead() : 0;
    this.rawX = Engine.CORE.data(x);
    this.rawXOff = Engine.CORE.offset(x);
    Tensor input = start == 0 ? x
        : Engine.CORE.wrap(plan.applyConstantHead(start, Engine.CORE.data(x), Engine.CORE.offset(x), x.dim(0)),
            x.dim(0), plan.widthAfter(start));
    this.batches = batchSize == 0 ? Batches.full(input, y)
        : Batches.shuffled(input, y, batchSize, shuffler(state, trainer.shuffleSeed()));
    this.dropoutSeed = trainer.shuffleSeed();
    this.targetLoss = trainer.targetLoss();
    this.schedule = trainer.schedule();
    this.baseRate = update.baseLearningRate();
    this.maxNorm = trainer.maxGradientNorm();
    this.stepListener = stepListener;
    this.epochListener = epochListener;
    this.validationListener = validationListener;
    this.monitor = monitor;
    this.every = every;
    ValidationData v = fit ? trainer.validation() : null;
    this.stopping = v == null ? null : new EarlyStopping(plan, loss, v, trainer.patience());
    // the rate of the network's current epoch: a fit that continues another stays on the schedule
    setRate(schedule == null ? baseRate : schedule.rateAt(baseRate, state.epoch));
  }

  /** Takes {@code steps} steps, or stops at the target loss or early; returns what happened. */
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
      if (observe(step, steps, last, rows)) {                            // the observers
        return stopEarly(record, step, last, rows);
      }
    }
    if (stopping != null) {
      stopping.restoreBest();
    }
    return record.finish(last, false, monitor);
  }

  /** One step on the whole of x and y, for {@link Trainer#step}: no listeners, no epochs. */
  static double single(Network network, Tensor x, Tensor y, Trainer trainer) {
    TrainingLoop loop = new TrainingLoop(network, x, y, trainer, false, null, null, null, null, -1);
    int rows = loop.batches.next(loop.state);
    double value = loop.forwardAndLoss(1, rows);
    loop.backwardAndUpdate(rows);
    return value;
  }

  /** The optimiser's update with a gradient computed elsewhere, for {@link Trainer#update}. */
  static void update(Network network, double[] gradient, Trainer trainer) {
    Plan plan = Engine.CORE.plan(network);
    TrainingState state = TrainingState.forTraining(network, trainer.optimizer());
    OptimizerState update = state.optimizerState;
    Schedule schedule = trainer.schedule();
    double base = update.baseLearningRate();
    update.learningRate(schedule == null ? base : schedule.rateAt(base, state.epoch));
    System.arraycopy(gradient, 0, plan.gradients(), 0, gradient.length);
    if (trainer.maxGradientNorm() == trainer.maxGradientNorm()) {
      clip(plan.gradients(), trainer.maxGradientNorm());
    }
    update.step(plan.values(), plan.gradients());
    state.steps++; // an update as a step's is, so the two keep the same state
  }

  private double forwardAndLoss(int step, int rows) {
    // a training pass: dropout layers drop, with the masks of (the shuffle seed, the update count)
    double value = plan.trainingForwardLossAndGradient(start, batches.x, batches.xOff, batches.y, batches.yOff, rows,
        loss, dropoutSeed, state.steps);
    if (!Double.isFinite(value)) {
      throw TrainingDivergedException.at(step, value, "try a lower learning rate than " + optimizer);
    }
    return value;
  }

  private void backwardAndUpdate(int rows) {
    plan.backwardFromLoss(start, batches.x, batches.xOff, rows, fusedRate);
    if (fusedRate != fusedRate) {
      if (maxNorm == maxNorm) {
        clip(plan.gradients(), maxNorm);
      }
      update.step(plan.values(), plan.gradients());
    }
    state.steps++;
  }

  /**
   * PyTorch's {@code clip_grad_norm_}: {@code g *= maxNorm / (norm + 1e-6)} when that is below 1,
   * the global L2 norm summed in store order.
   */
  static void clip(double[] g, double maxNorm) {
    double sum = 0.0;
    for (double v : g) {
      sum += v * v;
    }
    double coefficient = maxNorm / (Math.sqrt(sum) + 1e-6);
    if (coefficient < 1.0) {
      for (int i = 0; i < g.length; i++) {
        g[i] *= coefficient;
      }
    }
  }

  private void setRate(double r) {
    rate = r;
    update.learningRate(r);
    fusedRate = maxNorm == maxNorm ? Double.NaN : update.fusedRate();
  }

  /**
   * Diagnostics (which read this step's buffers), the step listener, then the epoch's end: the
   * validation loss and early stopping, the listeners, the next epoch's rate. Returns whether early
   * stopping ends the run here.
   */
  private boolean observe(int step, int steps, double loss, int rows) {
    if (monitor != null && (step == steps || every > 0 && step % every == 0)) {
      check(step, rows, true, false);
    }
    if (stepListener != null) {
      stepListener.onStep(step, loss);
    }
    epochSum += loss;
    epochSteps++;
    if (!batches.epochDone(state)) {
      return false;
    }
    state.epoch++;
    double mean = epochSum / epochSteps;
    epochSum = 0;
    epochSteps = 0;
    if (batches.shuffled) {
      recorder().epoch(mean);
    }
    boolean stop = false;
    double validationLoss = Double.NaN;
    if (stopping != null) {                        // runs the network on the validation data
      validationLoss = stopping.measure();
      recorder().validation(validationLoss);
      stop = stopping.exhausted();
    }
    if (epochListener != null) {
      epochListener.onEpoch(state.epoch, mean);
    }
    if (validationListener != null) {
      validationListener.onEpoch(state.epoch, mean, validationLoss);
    }
    if (schedule != null) {
      setRate(schedule.next(rate, baseRate, state.epoch));
    }
    return stop;
  }

  /** Early stopping ended the run after {@code step}: the best epoch's parameters go back. */
  private TrainingHistory stopEarly(TrainingHistory.Recorder record, int step, double last, int rows) {
    EarlyStopping s = stopping;
    if (s == null) {
      throw new AssertionError("no early stopping");
    }
    s.restoreBest();
    if (monitor != null) { // the end-of-fit check, on the network as it is returned
      plan.forward(start, batches.x, batches.xOff, rows);
      check(step, rows, true, false);
    }
    return record.finish(last, false, true, monitor);
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
    double value = plan.forwardLoss(rawX, rawXOff, batches.sourceY, batches.sourceYOff, rows, loss);
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

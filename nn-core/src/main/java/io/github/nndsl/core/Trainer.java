package io.github.nndsl.core;

import org.jspecify.annotations.Nullable;

/**
 * Trains a {@link Network} in place: forward, loss, backward and an optimiser step, repeated, with
 * no allocation per step once the buffers are warm.
 *
 * <p>A trainer is an immutable configuration (loss, optimiser, batch size, shuffling seed, target
 * loss), so it can be shared; the optimiser's state lives with the network and carries over to the
 * next {@code fit} with an equal optimiser, so training can be continued.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));
 * TrainingHistory h = trainer.fit(net, x, y, 5000);
 *
 * Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
 *     .withBatchSize(32)
 *     .withShuffleSeed(7)
 *     .fitEpochs(net, x, y, 50, (epoch, loss) -> System.out.println(epoch + " " + loss));
 * }</pre>
 *
 * <p>Every argument is checked before the network is touched: a rejected call changes nothing.
 * A NaN or infinite loss stops training with a {@link TrainingDivergedException} naming the step.
 *
 * @since 0.1.0
 */
public final class Trainer {

  private final Loss loss;
  private final Optimizer optimizer;
  private final int batchSize; // 0: full batch, in order
  private final long shuffleSeed;
  private final double targetLoss; // NaN: none
  private final Diagnostics diagnostics;
  // null when nobody listens, here and for the step and epoch listeners below, not a do-nothing
  // object or lambda: a process that never listens loads no listener class (each costs start-up)
  private final @Nullable DiagnosticListener diagnosticListener;

  private Trainer(
      Loss loss, Optimizer optimizer, int batchSize, long shuffleSeed, double targetLoss, Diagnostics diagnostics,
      @Nullable DiagnosticListener diagnosticListener) {
    this.loss = loss;
    this.optimizer = optimizer;
    this.batchSize = batchSize;
    this.shuffleSeed = shuffleSeed;
    this.targetLoss = targetLoss;
    this.diagnostics = diagnostics;
    this.diagnosticListener = diagnosticListener;
  }

  /**
   * Creates a full-batch trainer.
   *
   * @param loss the loss to minimise
   * @param optimizer the update rule
   * @return the trainer
   * @throws IllegalArgumentException if an argument is null
   * @since 0.1.0
   */
  public static Trainer of(Loss loss, Optimizer optimizer) {
    Checks.notNull(loss, "loss");
    Checks.notNull(optimizer, "optimizer");
    return new Trainer(loss, optimizer, 0, 0, Double.NaN, Diagnostics.atEnd(), null);
  }

  /**
   * Returns a trainer that takes mini-batches of {@code batchSize} rows, in an order shuffled
   * afresh every epoch (the last batch of an epoch may be smaller), as NumPy's {@code
   * rng.permutation(rows)} would order them.
   *
   * @param batchSize rows per step, positive (at most the number of rows, checked in fit)
   * @return a new trainer
   * @throws IllegalArgumentException if batchSize is not positive
   * @since 0.1.0
   */
  public Trainer withBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive, but was " + batchSize);
    }
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, diagnostics, diagnosticListener);
  }

  /**
   * Returns a trainer that uses all rows, in order, at every step (the default).
   *
   * @return a new trainer
   * @since 0.1.0
   */
  public Trainer withFullBatch() {
    return new Trainer(loss, optimizer, 0, shuffleSeed, targetLoss, diagnostics, diagnosticListener);
  }

  /**
   * Returns a trainer whose mini-batch order comes from {@code NumPyRandom.defaultRng(seed)}
   * (default seed 0).
   *
   * @param seed the shuffling seed, non-negative
   * @return a new trainer
   * @throws IllegalArgumentException if the seed is negative
   * @since 0.1.0
   */
  public Trainer withShuffleSeed(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, but was " + seed);
    }
    return new Trainer(loss, optimizer, batchSize, seed, targetLoss, diagnostics, diagnosticListener);
  }

  /**
   * Returns a trainer that stops as soon as a step's loss is at or below {@code target}; that
   * step's update is not applied, so the network then has exactly the reported final loss.
   *
   * @param target the loss to reach, finite and non-negative
   * @return a new trainer
   * @throws IllegalArgumentException if target is negative or not finite
   * @since 0.1.0
   */
  public Trainer withTargetLoss(double target) {
    if (!(target >= 0.0) || target == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("target must be finite and non-negative, but was " + target);
    }
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, target, diagnostics, diagnosticListener);
  }

  /**
   * Returns a trainer that checks for training problems as {@code settings} say (by default
   * {@link Diagnostics#atEnd()}); what it finds is in {@link TrainingHistory#diagnostics()}.
   *
   * <pre>{@code
   * TrainingHistory h = trainer.withDiagnostics(Diagnostics.every(100)).fit(net, x, y, 5000);
   * h.diagnostics().forEach(d -> System.out.println(d.message()));
   * }</pre>
   *
   * @param settings when to check, and the thresholds
   * @return a new trainer, with this trainer's diagnostic listener
   * @throws IllegalArgumentException if settings is null
   * @since 0.1.0
   */
  public Trainer withDiagnostics(Diagnostics settings) {
    Checks.notNull(settings, "settings");
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, settings, diagnosticListener);
  }

  /**
   * Returns a trainer that checks for training problems as {@code settings} say and calls {@code
   * listener} as soon as one fires, while training goes on.
   *
   * <pre>{@code
   * Trainer loud = trainer.withDiagnostics(Diagnostics.every(100), d -> System.out.println(d.message()));
   * }</pre>
   *
   * @param settings when to check, and the thresholds
   * @param listener called on the training thread with each diagnostic as it fires
   * @return a new trainer
   * @throws IllegalArgumentException if an argument is null
   * @since 0.1.0
   */
  public Trainer withDiagnostics(Diagnostics settings, DiagnosticListener listener) {
    Checks.notNull(settings, "settings");
    Checks.notNull(listener, "listener");
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, settings, listener);
  }

  /**
   * Returns when this trainer checks for training problems.
   *
   * @return the diagnostics setting
   * @since 0.1.0
   */
  public Diagnostics diagnostics() {
    return diagnostics;
  }

  /**
   * Returns the loss this trainer minimises.
   *
   * @return the loss
   * @since 0.1.0
   */
  public Loss loss() {
    return loss;
  }

  /**
   * Returns the optimiser this trainer applies.
   *
   * @return the optimiser
   * @since 0.1.0
   */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Takes {@code steps} training steps.
   *
   * @param network the network to train in place
   * @param x the inputs, shape (rows, network inputs), finite
   * @param y the targets, shape (rows, network outputs), finite
   * @param steps the number of updates, non-negative
   * @return the history; {@link TrainingHistory#finalLoss()} is the loss of the last forward pass
   * @throws IllegalArgumentException if an argument is invalid (nothing is changed then)
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   * @since 0.1.0
   */
  public TrainingHistory fit(Network network, Tensor x, Tensor y, int steps) {
    return fitSteps(network, x, y, steps, null);
  }

  /**
   * Takes {@code steps} training steps, calling {@code listener} after each.
   *
   * <pre>{@code
   * trainer.fit(net, x, y, 5000, (step, loss) -> curve.add(loss));
   * }</pre>
   *
   * @param network the network to train in place
   * @param x the inputs, shape (rows, network inputs), finite
   * @param y the targets, shape (rows, network outputs), finite
   * @param steps the number of updates, non-negative
   * @param listener called with each step's number and loss
   * @return the history
   * @throws IllegalArgumentException if an argument is invalid (nothing is changed then)
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   * @since 0.1.0
   */
  public TrainingHistory fit(Network network, Tensor x, Tensor y, int steps, StepListener listener) {
    Checks.notNull(listener, "listener");
    return fitSteps(network, x, y, steps, listener);
  }

  private TrainingHistory fitSteps(Network network, Tensor x, Tensor y, int steps, @Nullable StepListener listener) {
    check(network, x, y);
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be non-negative, but was " + steps);
    }
    return run(network, x, y, steps, listener, null);
  }

  /**
   * Trains for {@code epochs} passes over the data: with mini-batches, {@code ceil(rows /
   * batchSize)} steps each; full batch, one step each.
   *
   * @param network the network to train in place
   * @param x the inputs, shape (rows, network inputs), finite
   * @param y the targets, shape (rows, network outputs), finite
   * @param epochs the number of passes, non-negative
   * @return the history
   * @throws IllegalArgumentException if an argument is invalid (nothing is changed then)
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   * @since 0.1.0
   */
  public TrainingHistory fitEpochs(Network network, Tensor x, Tensor y, int epochs) {
    return epochs(network, x, y, epochs, null);
  }

  /**
   * Trains for {@code epochs} passes over the data, calling {@code listener} after each.
   *
   * <pre>{@code
   * trainer.withBatchSize(32).fitEpochs(net, x, y, 20, (epoch, loss) -> System.out.println(loss));
   * }</pre>
   *
   * @param network the network to train in place
   * @param x the inputs, shape (rows, network inputs), finite
   * @param y the targets, shape (rows, network outputs), finite
   * @param epochs the number of passes, non-negative
   * @param listener called with each epoch's number and mean loss
   * @return the history
   * @throws IllegalArgumentException if an argument is invalid (nothing is changed then)
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   * @since 0.1.0
   */
  public TrainingHistory fitEpochs(Network network, Tensor x, Tensor y, int epochs, EpochListener listener) {
    Checks.notNull(listener, "listener");
    return epochs(network, x, y, epochs, listener);
  }

  private TrainingHistory epochs(Network network, Tensor x, Tensor y, int epochs, @Nullable EpochListener listener) {
    check(network, x, y);
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be non-negative, but was " + epochs);
    }
    int rows = x.dim(0);
    long perEpoch = batchSize == 0 ? 1 : (rows + batchSize - 1) / batchSize;
    long steps = perEpoch * epochs;
    if (steps > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "epochs must be at most " + Integer.MAX_VALUE / perEpoch + " at this batch size, but was " + epochs);
    }
    return run(network, x, y, (int) steps, null, listener);
  }

  /**
   * Takes ONE full-batch training step on x and y (forward, loss, backward, optimiser update) and
   * returns the loss of its forward pass: the building block of a hand-written training loop.
   * Once the network's buffers are warm it allocates nothing. Mini-batching and the target loss
   * are {@code fit}'s; here the caller picks the batch. The optimiser state carries over between
   * steps and to {@code fit}, as between two fits.
   *
   * <pre>{@code
   * for (int i = 0; i < 5000; i++) {
   *   double loss = trainer.step(net, x, y);
   * }
   * }</pre>
   *
   * @param network the network to train in place
   * @param x the inputs, shape (rows, network inputs), at least one row, finite
   * @param y the targets, shape (rows, network outputs), finite
   * @return the loss of this step's forward pass
   * @throws IllegalArgumentException if an argument is invalid (nothing is changed then)
   * @throws TrainingDivergedException if the loss is NaN or infinite (step 1; nothing is updated)
   * @since 0.1.0
   */
  public double step(Network network, Tensor x, Tensor y) {
    Checks.notNull(network, "network");
    network.checkInputs(x, "x");
    network.checkTargets(x, y, "y");
    if (x.dim(0) == 0) {
      throw new IllegalArgumentException("x must have at least one row, but has shape " + x.shapeString());
    }
    Checks.finite(x, "x");
    Checks.finite(y, "y");
    TrainingState state = stateFor(network);
    int rows = x.dim(0);
    double value = network.forwardLoss(x.data(), x.offset(), y.data(), y.offset(), rows, loss);
    if (!Double.isFinite(value)) {
      throw TrainingDivergedException.at(1, value, "try a lower learning rate than " + optimizer);
    }
    network.backward(x.data(), x.offset(), y.data(), y.offset(), rows, loss);
    state.optimizerState.step(network.parameters().values(), network.parameters().gradients());
    return value;
  }

  /**
   * Applies this trainer's optimiser once with a gradient computed elsewhere (for example summed
   * over the shards of a distributed data set), keeping the optimiser's state with the network as
   * {@link #step} does: {@code step(net, x, y)} is {@code net.computeGradients(x, y, loss)}, then
   * {@code update(net, net.parameters().gradientSnapshot())}, bit for bit.
   *
   * <pre>{@code
   * double[] g = combinedGradient();            // flat, in ParameterStore order
   * trainer.update(net, g);
   * }</pre>
   *
   * @param network the network to update in place
   * @param gradient one value per parameter, in {@link ParameterStore} order; it is copied into the
   *     store's gradients
   * @throws IllegalArgumentException if an argument is null or the gradient's length is not the
   *     network's parameter count (nothing is changed then)
   * @since 0.1.0
   */
  public void update(Network network, double[] gradient) {
    Checks.notNull(network, "network");
    Checks.notNull(gradient, "gradient");
    ParameterStore store = network.parameters();
    if (gradient.length != store.size()) {
      throw new IllegalArgumentException(
          "gradient must have " + store.size() + " values (the network's parameters), but has " + gradient.length);
    }
    TrainingState state = stateFor(network);
    System.arraycopy(gradient, 0, store.gradients(), 0, gradient.length);
    state.optimizerState.step(store.values(), store.gradients());
  }

  private void check(Network network, Tensor x, Tensor y) {
    Checks.notNull(network, "network");
    network.checkInputs(x, "x");
    network.checkTargets(x, y, "y");
    if (x.dim(0) == 0) {
      throw new IllegalArgumentException("x must have at least one row, but has shape " + x.shapeString());
    }
    Checks.finite(x, "x");
    Checks.finite(y, "y");
    if (batchSize > x.dim(0)) {
      throw new IllegalArgumentException(
          "batchSize must be at most the number of rows (" + x.dim(0) + "), but was " + batchSize);
    }
  }

  private TrainingState stateFor(Network network) {
    TrainingState state = network.trainingState();
    if (state == null || !state.optimizer.equals(optimizer)) {
      state = new TrainingState(optimizer, network.parameters().size());
      network.trainingState(state);
    }
    return state;
  }

  private TrainingHistory run(
      Network net, Tensor x, Tensor y, int steps, @Nullable StepListener stepListener,
      @Nullable EpochListener epochListener) {
    TrainingState state = stateFor(net);
    TrainingHistory.Recorder recorder = new TrainingHistory.Recorder(steps);
    double[] values = net.parameters().values();
    double[] gradients = net.parameters().gradients();
    int rows = x.dim(0);
    int every = diagnostics.interval(); // -1: off, 0: at the end only
    DiagnosticMonitor monitor = every < 0 ? null : new DiagnosticMonitor(diagnostics, diagnosticListener, net);
    if (steps == 0) {
      double untrained = net.forwardLoss(x.data(), x.offset(), y.data(), y.offset(), rows, loss);
      if (monitor != null) {
        recorder.check(monitor, 0, x.data(), x.offset(), y.data(), y.offset(), rows, false, false);
      }
      return recorder.finish(untrained, false, monitor);
    }
    if (batchSize == 0 && epochListener == null) {
      return fullBatch(net, x, y, steps, stepListener, state, recorder, monitor, every);
    }
    Batches batches = batchSize == 0 ? null : new Batches(x, y, batchSize, shuffler(state));
    double last = Double.NaN;
    double epochSum = 0;
    int epochSteps = 0;
    for (int step = 1; step <= steps; step++) {
      double[] xs = x.data();
      int xOff = x.offset();
      double[] ys = y.data();
      int yOff = y.offset();
      int batch = rows;
      if (batches != null) {
        batch = batches.next(state);
        xs = batches.x;
        ys = batches.y;
        xOff = 0;
        yOff = 0;
      }
      last = net.forwardLossAndGradient(xs, xOff, ys, yOff, batch, loss);
      if (!Double.isFinite(last)) {
        throw TrainingDivergedException.at(step, last, "try a lower learning rate than " + optimizer);
      }
      recorder.step(last);
      if (last <= targetLoss) {
        if (monitor != null) { // before the listener, which may run the network on other data
          recorder.check(monitor, step, xs, xOff, ys, yOff, batch, false, true);
        }
        if (stepListener != null) {
          stepListener.onStep(step, last);
        }
        return recorder.finish(last, true, monitor);
      }
      net.backwardFromLoss(xs, xOff, batch, Double.NaN);
      state.optimizerState.step(values, gradients);
      if (monitor != null && (step == steps || every > 0 && step % every == 0)) {
        // reads this step's forward pass and gradients, still in the buffers
        recorder.check(monitor, step, xs, xOff, ys, yOff, batch, true, false);
      }
      if (stepListener != null) {
        stepListener.onStep(step, last);
      }
      epochSum += last;
      epochSteps++;
      if (batches == null || state.cursor == rows) {
        state.epoch++;
        double mean = epochSum / epochSteps;
        if (batches != null) {
          recorder.epoch(mean);
        }
        if (epochListener != null) {
          epochListener.onEpoch(state.epoch, mean);
        }
        epochSum = 0;
        epochSteps = 0;
      }
    }
    return recorder.finish(last, false, monitor);
  }

  /**
   * The loop of {@link #run} for full-batch training with nobody listening for epochs: every step
   * is an epoch, so the epoch bookkeeping shrinks to a counter; the same steps, same state after.
   */
  private TrainingHistory fullBatch(Network net, Tensor x, Tensor y, int steps, @Nullable StepListener stepListener,
      TrainingState state, TrainingHistory.Recorder recorder, @Nullable DiagnosticMonitor monitor, int every) {
    Optimizer.State optimizerState = state.optimizerState;
    double sgdRate = optimizerState.plainSgdRate(); // plain SGD: fused into the backward pass
    double[] values = net.parameters().values();
    double[] gradients = net.parameters().gradients();
    double[] xs = x.data();
    int xOff = x.offset();
    double[] ys = y.data();
    int yOff = y.offset();
    int rows = x.dim(0);
    double last = Double.NaN;
    for (int step = 1; step <= steps; step++) {
      last = net.forwardLossAndGradient(xs, xOff, ys, yOff, rows, loss);
      if (!Double.isFinite(last)) {
        throw TrainingDivergedException.at(step, last, "try a lower learning rate than " + optimizer);
      }
      recorder.step(last);
      if (last <= targetLoss) {
        if (monitor != null) { // before the listener, which may run the network on other data
          recorder.check(monitor, step, xs, xOff, ys, yOff, rows, false, true);
        }
        if (stepListener != null) {
          stepListener.onStep(step, last);
        }
        return recorder.finish(last, true, monitor);
      }
      if (sgdRate == sgdRate) {
        net.backwardFromLoss(xs, xOff, rows, sgdRate);
      } else {
        net.backwardFromLoss(xs, xOff, rows, Double.NaN);
        optimizerState.step(values, gradients);
      }
      if (monitor != null && (step == steps || every > 0 && step % every == 0)) {
        // reads this step's forward pass and gradients, still in the buffers
        recorder.check(monitor, step, xs, xOff, ys, yOff, rows, true, false);
      }
      if (stepListener != null) {
        stepListener.onStep(step, last);
      }
      state.epoch++;
    }
    return recorder.finish(last, false, monitor);
  }

  private NumPyRandom shuffler(TrainingState state) {
    if (state.shuffler == null || state.shuffleSeed != shuffleSeed) {
      state.shuffler = NumPyRandom.defaultRng(shuffleSeed);
      state.shuffleSeed = shuffleSeed;
      state.order = null;
      state.cursor = 0;
    }
    return state.shuffler;
  }

  /** Gathers shuffled rows into reused batch buffers. */
  private static final class Batches {
    final double[] x;
    final double[] y;
    private final Tensor sourceX;
    private final Tensor sourceY;
    private final int size;
    private final NumPyRandom rng;

    Batches(Tensor sourceX, Tensor sourceY, int size, NumPyRandom rng) {
      this.sourceX = sourceX;
      this.sourceY = sourceY;
      this.size = size;
      this.rng = rng;
      this.x = new double[size * sourceX.dim(1)];
      this.y = new double[size * sourceY.dim(1)];
    }

    /** Fills the buffers with the next batch and returns its row count. */
    int next(TrainingState state) {
      int rows = sourceX.dim(0);
      int[] order = state.order;
      if (order == null || order.length != rows || state.cursor >= rows) {
        if (order == null || order.length != rows) {
          order = new int[rows];
          state.order = order;
        }
        // a fresh permutation each epoch: arange(rows), then NumPy's in-place shuffle
        for (int i = 0; i < rows; i++) {
          order[i] = i;
        }
        rng.shuffle(order);
        state.cursor = 0;
      }
      int n = Math.min(size, rows - state.cursor);
      int xc = sourceX.dim(1);
      int yc = sourceY.dim(1);
      for (int r = 0; r < n; r++) {
        int src = order[state.cursor + r];
        System.arraycopy(sourceX.data(), sourceX.offset() + src * xc, x, r * xc, xc);
        System.arraycopy(sourceY.data(), sourceY.offset() + src * yc, y, r * yc, yc);
      }
      state.cursor += n;
      return n;
    }
  }
}

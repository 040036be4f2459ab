package io.github.nndsl.core.train;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.random.NumPyRandom;

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
 * <p>Options: mini-batches, a target loss, diagnostics, a learning-rate schedule ({@link
 * Schedules}), gradient clipping, validation data and early stopping:
 *
 * <pre>{@code
 * Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adamW(1e-3, 0.01))
 *     .withBatchSize(32)
 *     .withSchedule(Schedules.cosine(200))
 *     .withGradientClipping(1.0)
 *     .withValidation(xVal, yVal)
 *     .withEarlyStopping(10)
 *     .fitEpochs(net, x, y, 200);
 * }</pre>
 *
 * <p>Every argument is checked before the network is touched: a rejected call changes nothing.
 * Targets the loss cannot mean (a target of 2 under {@code binaryCrossEntropy()}, a row that is
 * not probabilities under a cross-entropy) are rejected then too, naming the row, once per call.
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
  private final @Nullable Schedule schedule; // null: the optimiser's rate throughout
  private final double maxGradientNorm; // NaN: no clipping
  private final @Nullable ValidationData validation;
  private final @Nullable ValidationListener validationListener;
  private final int patience; // 0: no early stopping

  private Trainer(
      Loss loss, Optimizer optimizer, int batchSize, long shuffleSeed, double targetLoss, Diagnostics diagnostics,
      @Nullable DiagnosticListener diagnosticListener, @Nullable Schedule schedule, double maxGradientNorm,
      @Nullable ValidationData validation, @Nullable ValidationListener validationListener, int patience) {
    this.loss = loss;
    this.optimizer = optimizer;
    this.batchSize = batchSize;
    this.shuffleSeed = shuffleSeed;
    this.targetLoss = targetLoss;
    this.diagnostics = diagnostics;
    this.diagnosticListener = diagnosticListener;
    this.schedule = schedule;
    this.maxGradientNorm = maxGradientNorm;
    this.validation = validation;
    this.validationListener = validationListener;
    this.patience = patience;
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
    Engine.notNull(loss, "loss");
    Engine.notNull(optimizer, "optimizer");
    return new Trainer(loss, optimizer, 0, 0, Double.NaN, Diagnostics.atEnd(), null, null, Double.NaN, null, null,
        0);
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
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, validation, validationListener, patience);
  }

  /**
   * Returns a trainer that uses all rows, in order, at every step (the default).
   *
   * @return a new trainer
   * @since 0.1.0
   */
  public Trainer withFullBatch() {
    return new Trainer(loss, optimizer, 0, shuffleSeed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, validation, validationListener, patience);
  }

  /**
   * Returns a trainer whose mini-batch order comes from {@code NumPyRandom.defaultRng(seed)}
   * (default seed 0). The seed also keys the masks of dropout layers: the mask of a training step
   * is a function of this seed, the number of updates the network's training state has taken and
   * the layer's index, so a run repeats bit for bit and a restored snapshot resumes it exactly.
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
    return new Trainer(loss, optimizer, batchSize, seed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, validation, validationListener, patience);
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
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, target, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, validation, validationListener, patience);
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
    Engine.notNull(settings, "settings");
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, settings, diagnosticListener, schedule,
        maxGradientNorm, validation, validationListener, patience);
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
    Engine.notNull(settings, "settings");
    Engine.notNull(listener, "listener");
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, settings, listener, schedule,
        maxGradientNorm, validation, validationListener, patience);
  }

  /**
   * Returns a trainer whose learning rate follows {@code schedule} from epoch to epoch, as a
   * PyTorch scheduler stepped after every epoch (full batch: after every step). The epochs are the
   * network's, counted across fits and kept in checkpoints, so continued training stays on the
   * schedule. {@link #step} and {@link #update} use the rate of the network's current epoch.
   *
   * <pre>{@code
   * trainer.withSchedule(Schedules.step(30, 0.1)).withBatchSize(32).fitEpochs(net, x, y, 90);
   * }</pre>
   *
   * @param schedule the schedule
   * @return a new trainer
   * @throws IllegalArgumentException if schedule is null
   * @since 0.1.0
   */
  public Trainer withSchedule(Schedule schedule) {
    Engine.notNull(schedule, "schedule");
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, validation, validationListener, patience);
  }

  /**
   * Returns a trainer that clips the gradient by its global norm before every update, as PyTorch's
   * {@code clip_grad_norm_(parameters, maxNorm)}: with {@code norm} the L2 norm of all gradients
   * together, each is multiplied by {@code maxNorm / (norm + 1e-6)} when that is below 1. (The
   * norm is summed in store order; PyTorch's, a norm of per-tensor norms, may differ in the last
   * bit.) With plain SGD the update then runs after backward instead of fused into it, with the
   * same arithmetic.
   *
   * <pre>{@code
   * trainer.withGradientClipping(1.0);
   * }</pre>
   *
   * @param maxNorm the largest global norm let through, finite and positive
   * @return a new trainer
   * @throws IllegalArgumentException if maxNorm is not finite and positive
   * @since 0.1.0
   */
  public Trainer withGradientClipping(double maxNorm) {
    if (!(maxNorm > 0.0) || maxNorm == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("maxNorm must be finite and positive, but was " + maxNorm);
    }
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxNorm, validation, validationListener, patience);
  }

  /**
   * Returns a trainer that measures its loss on x and y (all rows at once, with the network in
   * inference mode) after every epoch: in {@link TrainingHistory#validationLosses()}, for a
   * {@link ValidationListener}, and for {@link #withEarlyStopping}. With full-batch training
   * every step is an epoch. x and y are checked here as far as they can be alone, and against the
   * network and the loss when a fit starts, before anything changes. Replaces any validation data
   * (and validation listener) set before.
   *
   * <pre>{@code
   * Dataset.Split s = data.split(0.2, 7);
   * trainer.withValidation(s.validation().features(), s.validation().targets());
   * }</pre>
   *
   * @param x the validation inputs, (rows, network inputs), at least one row, finite
   * @param y the validation targets, (rows, network outputs), finite, ones the loss can mean
   * @return a new trainer
   * @throws IllegalArgumentException if an argument is null, not a matrix, the row counts differ
   *     or are 0, or a value is NaN or infinite
   * @since 0.1.0
   */
  public Trainer withValidation(Tensor x, Tensor y) {
    ValidationData data = ValidationData.of(x, y);
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, data, null, patience);
  }

  /**
   * Returns a trainer with validation data, as {@link #withValidation(Tensor, Tensor)}, that also
   * calls {@code listener} after every epoch with the epoch's number, its mean loss and the
   * validation loss after it (on the training thread, before early stopping acts).
   *
   * <pre>{@code
   * trainer.withValidation(xVal, yVal, (epoch, loss, validationLoss) ->
   *     System.out.println(epoch + " " + loss + " " + validationLoss));
   * }</pre>
   *
   * <p>In Kotlin: {@code trainer.withValidation(xVal, yVal) { epoch, loss, validationLoss -> ... }}.
   *
   * @param x the validation inputs, (rows, network inputs), at least one row, finite
   * @param y the validation targets, (rows, network outputs), finite, ones the loss can mean
   * @param listener called after every epoch
   * @return a new trainer
   * @throws IllegalArgumentException if an argument is null, not a matrix, the row counts differ
   *     or are 0, or a value is NaN or infinite
   * @since 0.1.0
   */
  public Trainer withValidation(Tensor x, Tensor y, ValidationListener listener) {
    ValidationData data = ValidationData.of(x, y);
    Engine.notNull(listener, "listener");
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, data, listener, patience);
  }

  /**
   * Returns a trainer that stops once {@code patience} epochs in a row have not brought a
   * strictly lower validation loss than the best so far, and then (or when the epochs run out)
   * puts back the parameters of the best epoch, {@link TrainingHistory#bestEpoch()}: Keras's
   * {@code EarlyStopping(patience, restore_best_weights=True)}. Only the parameters go back; the
   * optimiser's state and the epoch count stay where training stopped. Needs {@link
   * #withValidation}: a fit without it throws IllegalStateException (the withers may come in
   * any order, so the check is the fit's).
   *
   * <pre>{@code
   * TrainingHistory h = trainer.withValidation(xVal, yVal).withEarlyStopping(10).fitEpochs(net, x, y, 500);
   * h.stoppedEarly();   // true if it stopped before 500 epochs
   * }</pre>
   *
   * @param patience epochs without improvement before stopping, positive
   * @return a new trainer
   * @throws IllegalArgumentException if patience is not positive
   * @since 0.1.0
   */
  public Trainer withEarlyStopping(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be positive, but was " + patience);
    }
    return new Trainer(loss, optimizer, batchSize, shuffleSeed, targetLoss, diagnostics, diagnosticListener, schedule,
        maxGradientNorm, validation, validationListener, patience);
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
    Engine.notNull(listener, "listener");
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
    Engine.notNull(listener, "listener");
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
   * steps and to {@code fit}, as between two fits. Gradient clipping applies; a schedule gives the
   * rate of the network's current epoch (steps do not count epochs); validation and early stopping
   * are {@code fit}'s.
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
    checkData(network, x, y, loss);
    return TrainingLoop.single(network, x, y, this);
  }

  /**
   * Applies this trainer's optimiser ONCE with a gradient computed elsewhere (for example summed
   * over the shards of a distributed data set), in the store's order ({@link
   * io.github.nndsl.core.ParameterStore#names()}, each row-major), keeping the optimiser's state with the network as
   * {@link #step} does, with this trainer's gradient clipping and its schedule's rate for the
   * network's current epoch. The gradient (clipped, if so) is also left in the store's gradients.
   *
   * <pre>{@code
   * double[] g = ...;   // network.parameters().size() values
   * trainer.update(network, g);
   * }</pre>
   *
   * @param network the network to update in place
   * @param gradient the loss gradient, one finite value per parameter
   * @throws IllegalArgumentException if an argument is null, the gradient's length is not the
   *     network's parameter count or it holds NaN or an infinity (nothing is changed then)
   * @since 0.1.0
   */
  public void update(Network network, double[] gradient) {
    Engine.notNull(network, "network");
    Engine.notNull(gradient, "gradient");
    int size = network.parameters().size();
    if (gradient.length != size) {
      throw new IllegalArgumentException(
          "gradient must have " + size + " values (the network's parameters), but has " + gradient.length);
    }
    for (int i = 0; i < gradient.length; i++) {
      if (!Double.isFinite(gradient[i])) {
        throw new IllegalArgumentException("gradient must be finite, but gradient[" + i + "] is " + gradient[i]);
      }
    }
    TrainingLoop.update(network, gradient, this);
  }

  /**
   * The checks every training call makes on the network and the data before touching anything:
   * once per call on the whole of y (the targets the loss can mean), never per step.
   */
  private static void checkData(Network network, Tensor x, Tensor y, Loss loss) {
    Engine.notNull(network, "network");
    Engine.CORE.checkInputs(network, x, "x");
    Engine.CORE.checkTargets(network, x, y, "y");
    if (x.dim(0) == 0) {
      throw new IllegalArgumentException("x must have at least one row, but has shape " + Engine.shape(x));
    }
    Engine.CORE.checkFinite(x, "x");
    Engine.CORE.checkFinite(y, "y");
    Engine.CORE.function(loss).checkTargets(Engine.CORE.data(y), Engine.CORE.offset(y), y.dim(0), y.dim(1), "y");
  }

  private void check(Network network, Tensor x, Tensor y) {
    if (patience > 0 && validation == null) {
      throw new IllegalStateException(
          "withEarlyStopping(" + patience + ") needs validation data; call withValidation(x, y) on the trainer too");
    }
    checkData(network, x, y, loss);
    if (batchSize > x.dim(0)) {
      throw new IllegalArgumentException(
          "batchSize must be at most the number of rows (" + x.dim(0) + "), but was " + batchSize);
    }
    if (validation != null) {
      validation.check(network, loss);
    }
  }

  @Nullable Schedule schedule() {
    return schedule;
  }

  /** NaN: no clipping. */
  double maxGradientNorm() {
    return maxGradientNorm;
  }

  @Nullable ValidationData validation() {
    return validation;
  }

  @Nullable ValidationListener validationListener() {
    return validationListener;
  }

  /** 0: no early stopping. */
  int patience() {
    return patience;
  }

  int batchSize() {
    return batchSize;
  }

  long shuffleSeed() {
    return shuffleSeed;
  }

  double targetLoss() {
    return targetLoss;
  }

  private TrainingHistory run(
      Network net, Tensor x, Tensor y, int steps, @Nullable StepListener stepListener,
      @Nullable EpochListener epochListener) {
    int every = diagnostics.interval(); // -1: off, 0: at the end only
    DiagnosticMonitor monitor = every < 0 ? null : new DiagnosticMonitor(diagnostics, diagnosticListener, net);
    if (monitor != null) {
      monitor.checkLoss(loss);
    }
    TrainingLoop loop = new TrainingLoop(net, x, y, this, stepListener, epochListener, monitor,
        every);
    return loop.run(steps);
  }

}

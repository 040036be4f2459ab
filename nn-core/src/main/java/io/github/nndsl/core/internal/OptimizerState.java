package io.github.nndsl.core.internal;

/**
 * The mutable per-network state of one optimiser (momentum, Adam's moments) and its update: one
 * loop over the flat parameter and gradient arrays. nn-core's optimisers create it; the trainer
 * applies it after every backward pass.
 */
public abstract class OptimizerState {

  private final double baseRate;
  /** The learning rate the next steps use: the base rate, or a schedule's rate for the epoch. */
  protected double rate;

  /** @param baseRate the optimiser's own learning rate, which the state starts with */
  protected OptimizerState(double baseRate) {
    this.baseRate = baseRate;
    this.rate = baseRate;
  }

  /** Updates the parameters p in place from the gradients g (both of the store's size). */
  public abstract void step(double[] p, double[] g);

  /** The optimiser's own learning rate, the hyper-parameter it was created with. */
  public final double baseLearningRate() {
    return baseRate;
  }

  /**
   * Sets the learning rate the following steps use (a schedule's rate for the epoch; the trainer
   * sets {@link #baseLearningRate()} when there is no schedule). A field write: it allocates
   * nothing. {@link #fusedRate()} follows it. Not part of {@link #save()}: the trainer sets it
   * again at the start of every training call, from the epoch count.
   */
  public final void learningRate(double lr) {
    this.rate = lr;
  }

  /**
   * The rate r if this optimiser's whole update is {@code p -= r * g}, element by element and with
   * no state, else NaN. The backward walk may then apply it as it writes each gradient (after the
   * last use of the old value), which gives the bits of {@link #step} without a pass of its own.
   */
  public double fusedRate() {
    return Double.NaN;
  }

  /** The state's arrays and counters, flattened, for checkpoints. */
  public abstract double[] save();

  /** Restores what {@link #save()} produced. */
  public abstract void load(double[] saved);
}

package io.github.nndsl.core;

/**
 * An update rule for a network's parameters, described by its hyper-parameters; obtain one from
 * {@link Optimizers}. The description is an immutable value (equal when the rule and the
 * hyper-parameters are equal, safe to share); the state it needs (momentum, Adam moments) lives in
 * flat arrays beside the network's parameter store and is created when training starts.
 *
 * <pre>{@code
 * Optimizer sgd = Optimizers.sgd(0.5);
 * Optimizer adam = Optimizers.adam(1e-3);
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class Optimizer {

  /** Only {@link Optimizers} creates optimisers. */
  Optimizer() {}

  /** Creates fresh state for a store of {@code size} parameters. */
  abstract State newState(int size);

  /** The mutable per-network state of one optimiser: one fused loop over the flat arrays. */
  abstract static class State {

    /** Updates p in place from the gradients g (both of the store's size). */
    abstract void step(double[] p, double[] g);

    /**
     * The learning rate if this is plain SGD ({@code p -= lr * g} and nothing else, so the network
     * may apply it as it writes each gradient), else NaN.
     */
    double plainSgdRate() {
      return Double.NaN;
    }

    /** The state's arrays and counters, flattened, for checkpoints. */
    abstract double[] save();

    /** Restores what {@link #save()} produced. */
    abstract void load(double[] saved);
  }
}

package io.github.nndsl.core;

import io.github.nndsl.core.internal.OptimizerState;

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
  abstract OptimizerState newState(int size);
}

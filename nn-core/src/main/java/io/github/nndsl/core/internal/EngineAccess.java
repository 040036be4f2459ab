package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * What the engine package of nn-core lends nn-core's other packages (random, train): the insides
 * of its public types that are not API. The engine implements it and {@link Bridge} hands it out,
 * so this package never names the engine's types (they are the type parameters) and the packages
 * form no cycle. Not API: the module does not export this package.
 *
 * @param <T> the tensor type
 * @param <N> the network type
 * @param <L> the loss type
 * @param <O> the optimiser type
 */
public interface EngineAccess<T, N, L, O> {

  /** The tensor's backing array (shared, not copied). */
  double[] data(T tensor);

  /** Where the tensor's first element sits in {@link #data}. */
  int offset(T tensor);

  /** A tensor over {@code data} (taken, not copied) with this shape. */
  T wrap(double[] data, int... shape);

  /** Throws IllegalArgumentException naming the first NaN or infinite element of the tensor. */
  void checkFinite(T tensor, String name);

  /** The network's plan: its ops, parameter arrays and work buffers. */
  Plan plan(N network);

  /** Throws IllegalArgumentException unless x is a matrix with the network's input width. */
  void checkInputs(N network, T x, String name);

  /** Throws IllegalArgumentException unless y is (x's rows, the network's outputs). */
  void checkTargets(N network, T x, T y, String name);

  /** What the trainer keeps with the network between fits, or null. */
  @Nullable Object trainingState(N network);

  /** Replaces what the trainer keeps with the network. */
  void trainingState(N network, @Nullable Object state);

  /** The loss's arithmetic. */
  LossFunction function(L loss);

  /** Fresh optimiser state for a store of {@code size} parameters. */
  OptimizerState newState(O optimizer, int size);
}

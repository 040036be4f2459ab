package io.github.nndsl.core;

import org.jspecify.annotations.Nullable;

/**
 * What a network remembers between {@code fit} calls: the optimiser's state (for the optimiser it
 * was made for) and the shuffling generator with its position in the current epoch's order.
 */
final class TrainingState {

  final Optimizer optimizer;
  final Optimizer.State optimizerState;
  @Nullable NumPyRandom shuffler;
  long shuffleSeed = -1;
  int @Nullable [] order;
  int cursor;
  int epoch;

  TrainingState(Optimizer optimizer, int size) {
    this.optimizer = optimizer;
    this.optimizerState = optimizer.newState(size);
  }
}

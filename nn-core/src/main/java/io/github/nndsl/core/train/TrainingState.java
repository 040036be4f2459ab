package io.github.nndsl.core.train;

import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.random.NumPyRandom;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.internal.OptimizerState;
import org.jspecify.annotations.Nullable;

/**
 * What a network remembers between {@code fit} calls: the optimiser's state (for the optimiser it
 * was made for), the shuffling generator with its position in the current epoch's order, and the
 * number of updates taken (which, with the trainer's shuffle seed, keys the dropout masks).
 */
final class TrainingState {

  final Optimizer optimizer;
  final OptimizerState optimizerState;
  @Nullable NumPyRandom shuffler;
  long shuffleSeed = -1;
  int @Nullable [] order;
  int cursor;
  int epoch;
  // the updates taken with this state (fit's steps, Trainer.step's and Trainer.update's): with
  // the trainer's shuffle seed, the key of the next step's dropout masks, so a restored snapshot
  // resumes them exactly
  long steps;

  TrainingState(Optimizer optimizer, int size) {
    this.optimizer = optimizer;
    this.optimizerState = Engine.CORE.newState(optimizer, size);
  }

  /** The state the network carries, or null. */
  static @Nullable TrainingState of(Network network) {
    return (TrainingState) Engine.CORE.trainingState(network);
  }

  /** The network's state for this optimiser: the one it carries, or a fresh one it then carries. */
  static TrainingState forTraining(Network network, Optimizer optimizer) {
    TrainingState state = of(network);
    if (state == null || !state.optimizer.equals(optimizer)) {
      state = new TrainingState(optimizer, network.parameters().size());
      Engine.CORE.trainingState(network, state);
    }
    return state;
  }
}

package io.github.nndsl.core;

import io.github.nndsl.core.train.Trainer;

/** A planted violation (see PlantedViolationsTest): the engine package reaching up into training. */
final class PlantedEngineUsesTheTrainer {
  static Trainer trainer() {
    return Trainer.of(Losses.mse(), Optimizers.sgd(0.1));
  }
}

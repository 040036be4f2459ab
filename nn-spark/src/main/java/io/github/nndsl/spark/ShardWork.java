package io.github.nndsl.spark;

import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingSnapshot;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import org.jspecify.annotations.Nullable;

/**
 * Runs the per-shard part of a training step on every shard and hands the results back in shard
 * order: in this process ({@link ShardedTraining#inProcess}) or as one Spark job ({@code
 * SparkShardWork}). Both call the same static functions below, so the Spark run is only the
 * distribution of the in-process algorithm.
 */
interface ShardWork {

  /** Each shard's partial of step {@code step} (of {@code steps}) in epoch {@code epoch}; null where a shard has no rows then. */
  @Nullable Partial[] gradients(double[] parameters, int epoch, int step, int steps);

  /** Each shard's result after steps {@code from} (inclusive) to {@code to} of an epoch from these parameters. */
  @Nullable LocalRound[] localSteps(double[] parameters, double @Nullable [][] states, int epoch, int from, int to, int steps);

  /** The part of {@link #gradients} one shard does, on a network of the model's layout. */
  static @Nullable Partial partial(
      Network network, Loss loss, Shard shard, double[] parameters, boolean shuffle, long shuffleSeed, int epoch,
      int step, int steps) {
    Shard.Batch batch = shard.batch(shuffle, shuffleSeed, epoch, step, steps);
    if (batch == null) {
      return null;
    }
    network.parameters().restore(parameters);
    double value = network.computeGradients(batch.x(), batch.y(), loss);
    return new Partial(network.parameters().gradientSnapshot(), value, batch.rows());
  }

  /** The part of {@link #localSteps} one shard does: plain {@link Trainer#step}s on its own rows. */
  static @Nullable LocalRound local(
      Network network, Loss loss, Optimizer optimizer, Shard shard, double[] parameters,
      double @Nullable [] optimizerState, boolean shuffle, long shuffleSeed, int epoch, int from, int to, int steps) {
    if (shard.rows == 0) {
      return null;
    }
    network.parameters().restore(parameters);
    if (optimizerState == null) {
      TrainingSnapshot.forget(network);
    } else {
      TrainingSnapshot.of(optimizer, optimizerState, -1, new long[0], new int[0], 0, 0).restore(network);
    }
    Trainer trainer = Trainer.of(loss, optimizer);
    double lossSum = 0;
    long rows = 0;
    for (int step = from; step < to; step++) {
      Shard.Batch batch = shard.batch(shuffle, shuffleSeed, epoch, step, steps);
      if (batch != null) {
        lossSum += trainer.step(network, batch.x(), batch.y()) * batch.rows();
        rows += batch.rows();
      }
    }
    TrainingSnapshot after = TrainingSnapshot.take(network);
    return new LocalRound(
        network.parameters().snapshot(), after == null ? optimizerState : after.optimizerState(), lossSum, rows);
  }
}

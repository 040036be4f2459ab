package io.github.nndsl.spark;

import io.github.nndsl.core.train.EpochListener;
import io.github.nndsl.core.train.Trainer;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.dsl.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sharded training algorithm, in process and on plain arrays; {@link SparkTrainer} runs the same
 * algorithm with the shards' work spread over a cluster.
 *
 * <p>Rows go to {@code K} logical shards by the hash of their content (features and label bits),
 * and each shard keeps its rows in content order, so the shards do not depend on how the rows were
 * ordered or partitioned. An epoch has {@code S = ceil(N / batchSize)} steps (1 in full batch);
 * at step {@code t} each shard takes rows {@code [t n / S, (t + 1) n / S)} of its rows permuted by
 * a generator seeded by (shuffling seed, shard, epoch). Then either
 *
 * <ul>
 *   <li><b>synchronous</b> (the default): the step's gradient is {@code sum_s g_s (m_s / M)} over the
 *       shards in shard order ({@code g_s} the mean gradient of shard s's {@code m_s} rows, {@code M}
 *       their sum), applied once by the optimiser, whose state stays with the driver's network; with
 *       one shard it is exactly {@link Trainer#step} on that batch; or
 *   <li><b>local steps</b> ({@code localSteps = H > 0}): each shard takes H {@link Trainer#step}s from
 *       the common parameters with its own optimiser state (kept by the driver), then the parameters
 *       are averaged as {@code sum_s p_s (n_s / N)} in shard order.
 * </ul>
 */
final class ShardedTraining {

  /** What a training run needs besides the data; checked by {@link SparkTrainer}. */
  record Config(
      Sequential model, Loss loss, Optimizer optimizer, int batchSize, long shuffleSeed, int shards, int localSteps) {}

  private ShardedTraining() {}

  /**
   * Checks the rows and deals them to {@code config.shards()} shards; the message of a bad row
   * names its index in {@code features}.
   */
  static Shard[] shards(Config config, double[][] features, double[] labels) {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          "features and labels must have as many rows, but have " + features.length + " and " + labels.length);
    }
    Sequential model = config.model();
    List<List<ShardRow>> dealt = new ArrayList<>();
    for (int s = 0; s < config.shards(); s++) {
      dealt.add(new ArrayList<>());
    }
    for (int r = 0; r < features.length; r++) {
      String problem = RowCheck.problem(features[r], labels[r], model.inputs(), model.outputs(), "features", "labels");
      if (problem != null) {
        throw new IllegalArgumentException(problem + " (row " + r + ")");
      }
      ShardRow row = ShardRow.of(features[r].clone(), labels[r]);
      dealt.get(Shard.shardOf(row.hash(), config.shards())).add(row);
    }
    Shard[] shards = new Shard[config.shards()];
    for (int s = 0; s < shards.length; s++) {
      shards[s] = Shard.of(s, dealt.get(s), model.inputs(), model.outputs());
    }
    return shards;
  }

  /** Trains in this process on rows checked and dealt by {@link #shards}. */
  static Network fit(Config config, Shard[] shards, long seed, int epochs, @Nullable EpochListener listener) {
    return train(config, inProcess(config, shards), rowCounts(shards), seed, epochs, listener);
  }

  static int[] rowCounts(Shard[] shards) {
    int[] rows = new int[shards.length];
    for (int s = 0; s < shards.length; s++) {
      rows[s] = shards[s].rows;
    }
    return rows;
  }

  /** The shards' work done here, one after another, on one network. */
  static ShardWork inProcess(Config config, Shard[] shards) {
    Network network = config.model().compile(0);
    boolean shuffle = config.batchSize() > 0;
    return new ShardWork() {
      @Override
      public @Nullable Partial[] gradients(double[] parameters, int epoch, int step, int steps) {
        Partial[] out = new Partial[shards.length];
        for (int s = 0; s < shards.length; s++) {
          out[s] = ShardWork.partial(network, config.loss(), shards[s], parameters, shuffle, config.shuffleSeed(),
              epoch, step, steps);
        }
        return out;
      }

      @Override
      public @Nullable LocalRound[] localSteps(
          double[] parameters, double @Nullable [][] states, int epoch, int from, int to, int steps) {
        LocalRound[] out = new LocalRound[shards.length];
        for (int s = 0; s < shards.length; s++) {
          out[s] = ShardWork.local(network, config.loss(), config.optimizer(), shards[s], parameters, states[s],
              shuffle, config.shuffleSeed(), epoch, from, to, steps);
        }
        return out;
      }
    };
  }

  /** The steps of one epoch over {@code rows} rows. */
  static int stepsPerEpoch(Config config, long rows) {
    if (rows == 0) {
      throw new IllegalArgumentException("data must have at least one row, but has none");
    }
    if (config.batchSize() > rows) {
      throw new IllegalArgumentException(
          "batchSize must be at most the number of rows (" + rows + "), but was " + config.batchSize());
    }
    return config.batchSize() == 0 ? 1 : (int) ((rows + config.batchSize() - 1) / config.batchSize());
  }

  /**
   * The driver's loop: compiles the model with {@code seed}, then runs {@code epochs} epochs, the
   * shards' work done by {@code work}, combined here in shard order.
   */
  static Network train(
      Config config, ShardWork work, int[] shardRows, long seed, int epochs, @Nullable EpochListener listener) {
    long total = 0;
    for (int n : shardRows) {
      total += n;
    }
    int steps = stepsPerEpoch(config, total);
    Network network = config.model().compile(seed);
    if (config.localSteps() == 0) {
      synchronous(config, work, network, steps, epochs, listener);
    } else {
      local(config, work, network, shardRows, total, steps, epochs, listener);
    }
    return network;
  }

  private static void synchronous(
      Config config, ShardWork work, Network network, int steps, int epochs, @Nullable EpochListener listener) {
    Trainer trainer = Trainer.of(config.loss(), config.optimizer());
    for (int epoch = 0; epoch < epochs; epoch++) {
      double lossSum = 0;
      int taken = 0;
      for (int step = 0; step < steps; step++) {
        @Nullable Partial[] partials = work.gradients(network.parameters().snapshot(), epoch, step, steps);
        long rows = 0;
        for (Partial p : partials) {
          rows += p == null ? 0 : p.rows();
        }
        if (rows == 0) {
          continue; // every shard is smaller than the number of steps and sits this one out
        }
        // started from the first term, not from 0.0: with one shard the weight is exactly 1 and the
        // gradient is the shard's, bit for bit (0.0 + -0.0 would be +0.0)
        double[] gradient = null;
        double loss = 0;
        for (Partial p : partials) {
          if (p == null) {
            continue;
          }
          double w = (double) p.rows() / rows;
          double[] g = p.gradient();
          if (gradient == null) {
            gradient = new double[g.length];
            for (int i = 0; i < g.length; i++) {
              gradient[i] = g[i] * w;
            }
            loss = p.loss() * w;
          } else {
            for (int i = 0; i < g.length; i++) {
              gradient[i] += g[i] * w;
            }
            loss += p.loss() * w;
          }
        }
        if (!Double.isFinite(loss)) {
          throw new ArithmeticException("training diverged: the loss at epoch " + (epoch + 1) + ", step " + (step + 1)
              + " is " + loss + "; try a lower learning rate than " + config.optimizer());
        }
        trainer.update(network, gradient);
        lossSum += loss;
        taken++;
      }
      if (listener != null) {
        listener.onEpoch(epoch + 1, lossSum / taken);
      }
    }
  }

  private static void local(
      Config config, ShardWork work, Network network, int[] shardRows, long total, int steps, int epochs,
      @Nullable EpochListener listener) {
    double[][] states = new double[shardRows.length][];
    double[] parameters = network.parameters().snapshot();
    for (int epoch = 0; epoch < epochs; epoch++) {
      double lossSum = 0;
      long rows = 0;
      for (int from = 0; from < steps; from += config.localSteps()) {
        int to = Math.min(steps, from + config.localSteps());
        @Nullable LocalRound[] results = work.localSteps(parameters, states, epoch, from, to, steps);
        double[] average = null;
        for (int s = 0; s < results.length; s++) {
          LocalRound r = results[s];
          if (r == null) {
            continue;
          }
          double w = (double) shardRows[s] / total;
          double[] p = r.parameters();
          if (average == null) {
            average = new double[p.length];
            for (int i = 0; i < p.length; i++) {
              average[i] = p[i] * w;
            }
          } else {
            for (int i = 0; i < p.length; i++) {
              average[i] += p[i] * w;
            }
          }
          states[s] = r.optimizerState();
          lossSum += r.lossSum();
          rows += r.rows();
        }
        if (average == null) {
          throw new AssertionError("no shard has rows, but there are " + total);
        }
        parameters = average;
      }
      if (listener != null) {
        listener.onEpoch(epoch + 1, lossSum / rows);
      }
    }
    network.parameters().restore(parameters);
  }
}

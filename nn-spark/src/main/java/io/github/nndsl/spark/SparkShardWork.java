package io.github.nndsl.spark;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.jspecify.annotations.Nullable;

/**
 * The shards' work as Spark jobs, one per synchronous step or per round of local steps: each task
 * holds one cached {@link Shard} and runs {@link ShardWork#partial} or {@link ShardWork#local} on
 * a network from its JVM's pool; the driver gets the results back and orders them by shard.
 */
final class SparkShardWork implements ShardWork {

  /** Called at the start of every task (a test seam for failing one attempt); null: none. */
  interface TaskHook extends Serializable {
    void beforeTask(int epoch, int step, int shard);
  }

  /** A task's result with its shard's index. */
  record Indexed<T>(int shard, @Nullable T result) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** What every task needs besides its shard and the parameters. */
  record Setup(Broadcast<byte[]> model, String loss, String optimizer, boolean shuffle, long shuffleSeed,
      @Nullable TaskHook hook) implements Serializable {
    private static final long serialVersionUID = 1L;

    Network borrow() {
      return ModelBytes.borrow(model.id(), model.value());
    }

    void giveBack(Network network) {
      ModelBytes.giveBack(model.id(), network);
    }
  }

  private final JavaSparkContext context;
  private final JavaRDD<Shard> shards;
  private final int count;
  private final Setup setup;
  private final int epochs;

  SparkShardWork(JavaSparkContext context, JavaRDD<Shard> shards, int count, Setup setup, int epochs) {
    this.context = context;
    this.shards = shards;
    this.count = count;
    this.setup = setup;
    this.epochs = epochs;
  }

  @Override
  public @Nullable Partial[] gradients(double[] parameters, int epoch, int step, int steps) {
    context.setJobDescription(
        "nn-spark: epoch " + (epoch + 1) + "/" + epochs + ", step " + (step + 1) + "/" + steps + " (gradients)");
    List<Indexed<Partial>> results = shards.map(new GradientTask(setup, parameters, epoch, step, steps)).collect();
    Partial[] out = new Partial[count];
    for (Indexed<Partial> r : results) {
      out[r.shard()] = r.result();
    }
    return out;
  }

  @Override
  public @Nullable LocalRound[] localSteps(
      double[] parameters, double @Nullable [][] states, int epoch, int from, int to, int steps) {
    context.setJobDescription("nn-spark: epoch " + (epoch + 1) + "/" + epochs + ", local steps " + (from + 1) + "-"
        + to + "/" + steps);
    List<Indexed<LocalRound>> results =
        shards.map(new LocalTask(setup, parameters, states.clone(), epoch, from, to, steps)).collect();
    LocalRound[] out = new LocalRound[count];
    for (Indexed<LocalRound> r : results) {
      out[r.shard()] = r.result();
    }
    return out;
  }

  private static final class GradientTask implements Function<Shard, Indexed<Partial>> {
    private static final long serialVersionUID = 1L;
    private final Setup setup;
    private final double[] parameters;
    private final int epoch;
    private final int step;
    private final int steps;

    GradientTask(Setup setup, double[] parameters, int epoch, int step, int steps) {
      this.setup = setup;
      this.parameters = parameters;
      this.epoch = epoch;
      this.step = step;
      this.steps = steps;
    }

    @Override
    public Indexed<Partial> call(Shard shard) {
      if (setup.hook() != null) {
        setup.hook().beforeTask(epoch, step, shard.index);
      }
      Loss loss = LossNames.byName(setup.loss());
      Network network = setup.borrow();
      try {
        return new Indexed<>(shard.index, ShardWork.partial(network, loss, shard, parameters, setup.shuffle(),
            setup.shuffleSeed(), epoch, step, steps));
      } finally {
        setup.giveBack(network);
      }
    }
  }

  private static final class LocalTask implements Function<Shard, Indexed<LocalRound>> {
    private static final long serialVersionUID = 1L;
    private final Setup setup;
    private final double[] parameters;
    private final double @Nullable [][] states;
    private final int epoch;
    private final int from;
    private final int to;
    private final int steps;

    LocalTask(Setup setup, double[] parameters, double @Nullable [][] states, int epoch, int from, int to, int steps) {
      this.setup = setup;
      this.parameters = parameters;
      this.states = states;
      this.epoch = epoch;
      this.from = from;
      this.to = to;
      this.steps = steps;
    }

    @Override
    public Indexed<LocalRound> call(Shard shard) {
      if (setup.hook() != null) {
        setup.hook().beforeTask(epoch, from, shard.index);
      }
      Loss loss = LossNames.byName(setup.loss());
      Optimizer optimizer = Optimizers.parse(setup.optimizer());
      Network network = setup.borrow();
      try {
        return new Indexed<>(shard.index, ShardWork.local(network, loss, optimizer, shard, parameters,
            states[shard.index], setup.shuffle(), setup.shuffleSeed(), epoch, from, to, steps));
      } finally {
        setup.giveBack(network);
      }
    }
  }
}

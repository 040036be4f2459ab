package io.github.nndsl.spark;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.jspecify.annotations.Nullable;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The shards' work as Spark jobs, one per synchronous step or per round of local steps: each task
 * holds the cached {@link Shard}s of its partition (several shards a partition, so a step has as
 * many tasks as the cluster has cores, not one per shard) and runs {@link ShardWork#partial} or
 * {@link ShardWork#local} on each, on one network from its JVM's pool; the driver gets the
 * results back and orders them by shard.
 *
 * <p>A job is submitted with {@code SparkContext.runJob} and a plain function object rather than
 * {@code map(...).collect()}: Spark's closure cleaner parses the class file of the class that
 * declares a Scala lambda on every job, and {@code collect}'s lambda is declared in {@code RDD},
 * which took about 5 ms of driver time per step; an object that is not a lambda is only checked to
 * serialise. The parameters travel inside that function, so in the stage's task binary, which
 * Spark broadcasts once per job: no broadcast of our own per step.
 */
final class SparkShardWork implements ShardWork {

  /** Called at the start of every shard's work in a task (a test seam for failing one attempt); null: none. */
  interface TaskHook extends Serializable {
    void beforeTask(int epoch, int step, int shard);
  }

  /** A shard's result with its index. */
  record Indexed<T>(int shard, @Nullable T result) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** What every task needs besides its shards and the parameters. */
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

  @SuppressWarnings("unchecked")
  private static final ClassTag<List<Indexed<?>>> RESULT = (ClassTag<List<Indexed<?>>>) (ClassTag<?>)
      ClassTag$.MODULE$.apply(List.class);

  private final JavaSparkContext context;
  private final JavaRDD<Shard> shards;
  private final int count;
  private final Setup setup;
  private final int epochs;
  private final Seq<Object> partitions;

  SparkShardWork(JavaSparkContext context, JavaRDD<Shard> shards, int count, Setup setup, int epochs) {
    this.context = context;
    this.shards = shards;
    this.count = count;
    this.setup = setup;
    this.epochs = epochs;
    List<Object> indices = new ArrayList<>();
    for (int p = 0; p < shards.getNumPartitions(); p++) {
      indices.add(p);
    }
    this.partitions = CollectionConverters.asScala(indices).toSeq();
  }

  @Override
  public @Nullable Partial[] gradients(double[] parameters, int epoch, int step, int steps) {
    context.setJobDescription(
        "nn-spark: epoch " + (epoch + 1) + "/" + epochs + ", step " + (step + 1) + "/" + steps + " (gradients)");
    return run(new GradientJob(setup, parameters, epoch, step, steps), new Partial[count]);
  }

  @Override
  public @Nullable LocalRound[] localSteps(
      double[] parameters, double @Nullable [][] states, int epoch, int from, int to, int steps) {
    context.setJobDescription("nn-spark: epoch " + (epoch + 1) + "/" + epochs + ", local steps " + (from + 1) + "-"
        + to + "/" + steps);
    return run(new LocalJob(setup, parameters, states.clone(), epoch, from, to, steps), new LocalRound[count]);
  }

  /** Runs one job of {@code job} over every partition and puts each shard's result at its index in {@code out}. */
  @SuppressWarnings("unchecked")
  private <R> @Nullable R[] run(ShardJob<R> job, @Nullable R[] out) {
    // the handler runs on the scheduler's thread as each task ends; runJob returns after the last
    context.sc().runJob(shards.rdd(), job, partitions, (Object partition, List<Indexed<?>> results) -> {
      for (Indexed<?> r : results) {
        out[r.shard()] = (R) r.result();
      }
      return BoxedUnit.UNIT;
    }, RESULT);
    return out;
  }

  /**
   * The function of one job: runs {@link #one} on every shard of a task's partition, in the order
   * the partition holds them, on one network borrowed for the task. Not a lambda, so that Spark's
   * closure cleaner leaves it alone (see the class comment).
   */
  private abstract static class ShardJob<R> extends AbstractFunction2<TaskContext, Iterator<Shard>, List<Indexed<?>>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    final Setup setup;
    final int epoch;
    final int step;

    ShardJob(Setup setup, int epoch, int step) {
      this.setup = setup;
      this.epoch = epoch;
      this.step = step;
    }

    abstract @Nullable R one(Network network, Shard shard);

    @Override
    public List<Indexed<?>> apply(TaskContext context, Iterator<Shard> partition) {
      List<Indexed<?>> results = new ArrayList<>();
      Network network = null;
      try {
        while (partition.hasNext()) {
          Shard shard = partition.next();
          if (setup.hook() != null) {
            setup.hook().beforeTask(epoch, step, shard.index);
          }
          if (network == null) {
            network = setup.borrow();
          }
          results.add(new Indexed<>(shard.index, one(network, shard)));
        }
      } finally {
        if (network != null) {
          setup.giveBack(network);
        }
      }
      return results;
    }
  }

  private static final class GradientJob extends ShardJob<Partial> {
    private static final long serialVersionUID = 1L;
    private final double[] parameters;
    private final int steps;

    GradientJob(Setup setup, double[] parameters, int epoch, int step, int steps) {
      super(setup, epoch, step);
      this.parameters = parameters;
      this.steps = steps;
    }

    @Override
    @Nullable Partial one(Network network, Shard shard) {
      Loss loss = LossNames.byName(setup.loss());
      return ShardWork.partial(network, loss, shard, parameters, setup.shuffle(), setup.shuffleSeed(), epoch, step,
          steps);
    }
  }

  private static final class LocalJob extends ShardJob<LocalRound> {
    private static final long serialVersionUID = 1L;
    private final double[] parameters;
    private final double @Nullable [][] states;
    private final int to;
    private final int steps;

    LocalJob(Setup setup, double[] parameters, double @Nullable [][] states, int epoch, int from, int to, int steps) {
      super(setup, epoch, from);
      this.parameters = parameters;
      this.states = states;
      this.to = to;
      this.steps = steps;
    }

    @Override
    @Nullable LocalRound one(Network network, Shard shard) {
      Loss loss = LossNames.byName(setup.loss());
      Optimizer optimizer = Optimizers.parse(setup.optimizer());
      return ShardWork.local(network, loss, optimizer, shard, parameters, states[shard.index], setup.shuffle(),
          setup.shuffleSeed(), epoch, step, to, steps);
    }
  }
}

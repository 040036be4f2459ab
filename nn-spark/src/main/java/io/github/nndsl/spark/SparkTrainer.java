package io.github.nndsl.spark;

import io.github.nndsl.core.train.EpochListener;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.dsl.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * Trains a model on a Spark DataFrame, data-parallel and synchronous, with a result that is
 * bit-identical for any partitioning and any row order of the same rows.
 *
 * <p>Rows go to {@code K} logical shards by a hash of their content (features and label), not by
 * partition; each shard keeps its rows in content order. Every step, each shard computes the mean
 * gradient of its share of the step's rows, and the driver combines them in shard order, weighted
 * by their rows, and applies the optimiser, whose state stays on the driver. The shards are cached
 * as packed arrays, several to a partition: a step is one job of one task per core (at most K).
 * An epoch has {@code ceil(rows / batchSize)} steps; at each, every shard takes the next slice of
 * its rows in an order shuffled per shard and epoch. With {@link #withLocalSteps(int)} each shard
 * instead takes H steps on its own, and the parameters are then averaged (one job per H steps
 * instead of one per step): as deterministic, for a given K and H.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(4, 16), relu(), linear(16, 3));
 * Network net = SparkTrainer.of(model, Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
 *     .withBatchSize(32)
 *     .withShards(8)
 *     .fitEpochs(data, "features", "label", 0, 20);
 * Dataset<Row> scored = SparkPredict.predict(model, net, data, "features", "output");
 * }</pre>
 *
 * <p>The result depends on the model, seed, loss, optimiser, batch size, shuffling seed, K and H
 * only. Each step is one Spark job (a few milliseconds of scheduling on a local master, more on a
 * cluster), so prefer larger batches, or local steps, on small data.
 *
 * @since 0.1.0
 */
public final class SparkTrainer {

  private final Sequential model;
  private final Loss loss;
  private final Optimizer optimizer;
  private final int batchSize; // 0: full batch
  private final long shuffleSeed;
  private final int shards;
  private final int localSteps; // 0: synchronous
  private final SparkShardWork.@Nullable TaskHook hook;

  private SparkTrainer(Sequential model, Loss loss, Optimizer optimizer, int batchSize, long shuffleSeed, int shards,
      int localSteps, SparkShardWork.@Nullable TaskHook hook) {
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
    this.batchSize = batchSize;
    this.shuffleSeed = shuffleSeed;
    this.shards = shards;
    this.localSteps = localSteps;
    this.hook = hook;
  }

  /**
   * Creates a full-batch, synchronous trainer with 8 shards.
   *
   * <pre>{@code
   * SparkTrainer trainer = SparkTrainer.of(model, Losses.mse(), Optimizers.sgd(0.1));
   * }</pre>
   *
   * @param model the architecture to compile and train
   * @param loss one of {@code Losses}' losses
   * @param optimizer one of {@code Optimizers}' optimisers
   * @return the trainer
   * @throws IllegalArgumentException if an argument is null
   * @since 0.1.0
   */
  public static SparkTrainer of(Sequential model, Loss loss, Optimizer optimizer) {
    Checks.notNull(model, "model");
    Checks.notNull(loss, "loss");
    Checks.notNull(optimizer, "optimizer");
    LossNames.nameOf(loss);
    if (!Optimizers.parse(optimizer.toString()).equals(optimizer)) {
      throw new AssertionError("optimizer " + optimizer + " does not survive Optimizers.parse");
    }
    return new SparkTrainer(model, loss, optimizer, 0, 0, 8, 0, null);
  }

  /**
   * Returns a trainer that takes {@code ceil(rows / batchSize)} steps per epoch, each on about
   * {@code batchSize} rows (every shard contributing its share), shuffled afresh every epoch.
   *
   * @param batchSize rows per step, positive (at most the number of rows, checked in fit)
   * @return a new trainer
   * @throws IllegalArgumentException if batchSize is not positive
   * @since 0.1.0
   */
  public SparkTrainer withBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive, but was " + batchSize);
    }
    return new SparkTrainer(model, loss, optimizer, batchSize, shuffleSeed, shards, localSteps, hook);
  }

  /**
   * Returns a trainer whose shards shuffle their rows with generators seeded from {@code seed}
   * (default 0), their index and the epoch.
   *
   * @param seed the shuffling seed, non-negative
   * @return a new trainer
   * @throws IllegalArgumentException if the seed is negative
   * @since 0.1.0
   */
  public SparkTrainer withShuffleSeed(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, but was " + seed);
    }
    return new SparkTrainer(model, loss, optimizer, batchSize, seed, shards, localSteps, hook);
  }

  /**
   * Returns a trainer that deals the rows to {@code k} logical shards (default 8). A step runs
   * {@code min(k, cores)} tasks, each on about {@code k / cores} shards. The result depends on k,
   * never on the data's partitioning or the cluster; use at least as many shards as the cluster
   * has cores to use them all.
   *
   * @param k the number of shards, positive
   * @return a new trainer
   * @throws IllegalArgumentException if k is not positive
   * @since 0.1.0
   */
  public SparkTrainer withShards(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, but was " + k);
    }
    return new SparkTrainer(model, loss, optimizer, batchSize, shuffleSeed, k, localSteps, hook);
  }

  /**
   * Returns a trainer in which each shard takes {@code h} steps on its own rows, with its own
   * optimiser state, from the common parameters; then the parameters are averaged over the shards,
   * weighted by their rows, in shard order. One Spark job per {@code h} steps instead of one per
   * step; rounds do not cross epochs.
   *
   * <pre>{@code
   * trainer.withBatchSize(16).withShards(4).withLocalSteps(10);
   * }</pre>
   *
   * @param h the local steps between two averagings, positive
   * @return a new trainer
   * @throws IllegalArgumentException if h is not positive
   * @since 0.1.0
   */
  public SparkTrainer withLocalSteps(int h) {
    if (h < 1) {
      throw new IllegalArgumentException("h must be positive, but was " + h);
    }
    return new SparkTrainer(model, loss, optimizer, batchSize, shuffleSeed, shards, h, hook);
  }

  /** The same trainer calling {@code hook} at the start of every task: for fault tests. */
  SparkTrainer withTaskHook(SparkShardWork.TaskHook hook) {
    return new SparkTrainer(model, loss, optimizer, batchSize, shuffleSeed, shards, localSteps, hook);
  }

  /** The configuration, shared with the in-process algorithm. */
  ShardedTraining.Config config() {
    return new ShardedTraining.Config(model, loss, optimizer, batchSize, shuffleSeed, shards, localSteps);
  }

  /**
   * Compiles the model with {@code seed} and trains it for {@code epochs} epochs on {@code data}.
   *
   * <pre>{@code
   * Network net = trainer.fitEpochs(data, "features", "label", 0, 20);
   * }</pre>
   *
   * @param data the training rows
   * @param featuresColumn a Spark ML Vector (dense or sparse) or array&lt;double&gt; column of the
   *     model's input width, finite
   * @param labelColumn a numeric column: the class index 0..k-1 for a model of k &gt; 1 outputs
   *     (one-hot targets), else the target value
   * @param seed the seed of the model's initial parameters ({@code Sequential.compile(seed)})
   * @param epochs the number of passes, non-negative
   * @return the trained network, on the driver
   * @throws IllegalArgumentException if an argument is null or invalid, a column is missing or of
   *     the wrong type (found before any job runs), or a row is bad (a wrong width, a NaN or
   *     infinite value, a label outside 0..k-1: found by a checking job before training starts;
   *     the message names the column and quotes the row)
   * @since 0.1.0
   */
  public Network fitEpochs(Dataset<Row> data, String featuresColumn, String labelColumn, long seed, int epochs) {
    return fit(data, featuresColumn, labelColumn, seed, epochs, null);
  }

  /**
   * Trains as {@link #fitEpochs(Dataset, String, String, long, int)} does, calling {@code listener}
   * on the driver after each epoch with its mean loss (synchronous: the mean of its steps' losses;
   * local steps: the row-weighted mean of the shards' step losses).
   *
   * <pre>{@code
   * trainer.fitEpochs(data, "features", "label", 0, 20, (epoch, loss) -> System.out.println(loss));
   * }</pre>
   *
   * @param data the training rows
   * @param featuresColumn a Vector or array&lt;double&gt; column
   * @param labelColumn a numeric column
   * @param seed the seed of the model's initial parameters
   * @param epochs the number of passes, non-negative
   * @param listener called with each epoch's number (from 1) and mean loss
   * @return the trained network
   * @throws IllegalArgumentException as {@link #fitEpochs(Dataset, String, String, long, int)}
   * @since 0.1.0
   */
  public Network fitEpochs(
      Dataset<Row> data, String featuresColumn, String labelColumn, long seed, int epochs, EpochListener listener) {
    Checks.notNull(listener, "listener");
    return fit(data, featuresColumn, labelColumn, seed, epochs, listener);
  }

  private Network fit(Dataset<Row> data, String featuresColumn, String labelColumn, long seed, int epochs,
      @Nullable EpochListener listener) {
    Checks.notNull(data, "data");
    Checks.notNull(featuresColumn, "featuresColumn");
    Checks.notNull(labelColumn, "labelColumn");
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be non-negative, but was " + epochs);
    }
    Network initial = model.compile(seed); // checks the seed before any job
    StructType schema = data.schema();
    int features = SparkInput.featuresIndex(schema, featuresColumn);
    int label = SparkInput.labelIndex(schema, labelColumn);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    JavaRDD<Row> rows = data.javaRDD();
    int inputs = model.inputs();
    int outputs = model.outputs();

    context.setJobDescription("nn-spark: check the rows of '" + featuresColumn + "' and '" + labelColumn + "'");
    List<String> problems = rows.flatMap(row -> {
      String p = RowCheck.problem(SparkInput.features(row, features), SparkInput.label(row, label), inputs, outputs,
          featuresColumn, labelColumn);
      return p == null ? List.<String>of().iterator() : List.of(p).iterator();
    }).take(1);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0));
    }

    int k = shards;
    int maxRows = RowBlock.maxRows(inputs);
    // the rows cross the shuffle packed, a few arrays per shard and input partition: an object per
    // row made the deal of a million rows take seconds
    JavaPairRDD<Integer, RowBlock> blocks = rows.mapPartitionsToPair(
        it -> RowBlock.pack(SparkInput.shardRows(it, features, label), inputs, k, maxRows));
    // shard s lives in partition s % p, as the (s / p)-th of its shards: one task per core and step,
    // not one per shard (a task costs the scheduler about a millisecond; the numbers do not depend on p)
    int p = Math.min(k, Math.max(1, context.defaultParallelism()));
    JavaRDD<Shard> dealt = blocks.partitionBy(new HashPartitioner(p)).mapPartitionsWithIndex((index, it) -> {
      List<List<ShardRow>> lists = new ArrayList<>();
      for (int s = index; s < k; s += p) {
        lists.add(new ArrayList<>());
      }
      while (it.hasNext()) {
        Tuple2<Integer, RowBlock> t = it.next();
        t._2().unpackInto(lists.get(t._1() / p));
      }
      List<Shard> out = new ArrayList<>();
      for (int j = 0; j < lists.size(); j++) {
        out.add(Shard.of(index + j * p, lists.get(j), inputs, outputs));
      }
      return out.iterator();
    }, true).persist(StorageLevel.MEMORY_AND_DISK());
    Broadcast<byte[]> bytes = context.broadcast(ModelBytes.of(model, initial));
    try {
      context.setJobDescription("nn-spark: deal the rows to " + k + " shards");
      int[] shardRows = new int[k];
      for (Tuple2<Integer, Integer> t : dealt.map(s -> new Tuple2<>(s.index, s.rows)).collect()) {
        shardRows[t._1()] = t._2();
      }
      SparkShardWork.Setup setup = new SparkShardWork.Setup(
          bytes, LossNames.nameOf(loss), optimizer.toString(), batchSize > 0, shuffleSeed, hook);
      SparkShardWork work = new SparkShardWork(context, dealt, k, setup, epochs);
      return ShardedTraining.train(config(), work, shardRows, seed, epochs, listener);
    } finally {
      context.setJobDescription(null);
      dealt.unpersist(false);
      bytes.destroy();
    }
  }
}

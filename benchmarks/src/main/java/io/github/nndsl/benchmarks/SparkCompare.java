package io.github.nndsl.benchmarks;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.samples.GeneratedTable;
import io.github.nndsl.samples.SparkTables;
import io.github.nndsl.spark.SparkPredict;
import io.github.nndsl.spark.SparkTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * nn-spark side by side with Spark MLlib's {@code MultilayerPerceptronClassifier} in one
 * {@code local[2]} session, printed as one table, the contenders interleaved (the order rotates
 * each round; a first round warms up and is not counted).
 *
 * <p>First the UCI breast-cancer table (426 training rows, 143 test rows by content, standardised
 * on the training rows), one hidden layer of 64: MLPC with L-BFGS and with GD (sigmoid hidden
 * layer, softmax output, {@code --iterations} each, default 200), nn-dsl (ReLU, softmax
 * cross-entropy, Adam(0.01), batch 32, {@code --epochs} epochs, default 20) synchronous and with
 * local steps (one averaging per epoch), and synchronous as a user would set it for a table this
 * small: batch {@code --sync-batch} (default 0, the full batch: one Spark job per epoch) for
 * {@code --sync-epochs} epochs (default 20, chosen on a validation split of the training rows; see
 * nn-spark's NOTES); accuracy on the test rows and the wall time of the fit.
 * Then the generated 20-column table ({@link GeneratedTable}) for each of {@code --rows} (default
 * 100000,300000,1000000) and {@code --partitions} (default 1,2,4,8): the same contenders for
 * {@code --scale-passes} passes (default 2: epochs for nn-dsl, iterations for MLPC), nn-dsl with
 * batch {@code --scale-batch} (default 1024) and {@code --scale-local-steps} (default 100), as
 * passes per minute; the accuracy is on those rows.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am -Pspark-compare process-classes
 * ./mvnw -q -pl benchmarks -am -Pspark-compare process-classes -Dcompare.args="--rounds 1 --rows 2000 --partitions 1,2"
 * </pre>
 */
public final class SparkCompare {

  private SparkCompare() {}

  /** One contender's fit and score: the accuracy and the fit's wall time in seconds. */
  private interface Contender {
    double[] run();
  }

  /** A contender with its name and passes (iterations or epochs). */
  private record Entry(String name, int passes, Contender contender) {}

  public static void main(String[] args) {
    Map<String, String> o = options(args);
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
    int epochs = Integer.parseInt(o.getOrDefault("epochs", "20"));
    int syncBatch = Integer.parseInt(o.getOrDefault("sync-batch", "0"));
    int syncEpochs = Integer.parseInt(o.getOrDefault("sync-epochs", "20"));
    int iterations = Integer.parseInt(o.getOrDefault("iterations", "200"));
    int passes = Integer.parseInt(o.getOrDefault("scale-passes", "2"));
    int scaleBatch = Integer.parseInt(o.getOrDefault("scale-batch", "1024"));
    int scaleLocal = Integer.parseInt(o.getOrDefault("scale-local-steps", "100"));
    long[] rows = Arrays.stream(o.getOrDefault("rows", "100000,300000,1000000").split(","))
        .mapToLong(Long::parseLong).toArray();
    int[] partitions = Arrays.stream(o.getOrDefault("partitions", "1,2,4,8").split(","))
        .mapToInt(Integer::parseInt).toArray();

    long start = System.nanoTime();
    SparkSession spark = SparkTables.session("local[2]");
    System.out.printf(Locale.ROOT, "Spark %s, %s, JVM %s, %d cpus; session started in %.1f s; %d rounds after"
        + " a warm-up round (median, min-max)%n%n", spark.version(), spark.sparkContext().master(),
        Runtime.version(), Runtime.getRuntime().availableProcessors(), (System.nanoTime() - start) / 1e9, rounds);
    System.out.println("| data | rows | partitions | contender | passes | accuracy | fit wall time s | passes/min"
        + " | time / MLPC L-BFGS |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    try {
      breastCancer(spark, rounds, epochs, iterations, syncBatch, syncEpochs);
      for (long n : rows) {
        for (int p : partitions) {
          generated(spark, n, p, passes, scaleBatch, scaleLocal);
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static void breastCancer(SparkSession spark, int rounds, int epochs, int iterations, int syncBatch,
      int syncEpochs) {
    SparkTables.Split split = SparkTables.split(SparkTables.breastCancer(spark), 0.25);
    String[] columns = SparkTables.featureColumns(SparkTables.breastCancer(spark));
    PipelineModel prepare = new Pipeline().setStages(new PipelineStage[] {
        new StringIndexer().setInputCol(SparkTables.CLASS).setOutputCol("label").setStringOrderType("alphabetDesc"),
        new VectorAssembler().setInputCols(columns).setOutputCol("raw"),
        new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true)}).fit(split.train());
    Dataset<Row> train = prepare.transform(split.train()).select("features", "label").repartition(2).cache();
    Dataset<Row> test = prepare.transform(split.test()).select("features", "label").cache();
    long trainRows = train.count();
    long testRows = test.count();
    int steps = (int) Math.ceil(trainRows / 32.0);
    List<Entry> c = contenders(train, test, 30, iterations, epochs, 32, steps);
    Sequential model = Sequential.of(linear(30, 64), relu(), linear(64, 2));
    SparkTrainer chosen = SparkTrainer.of(model, Losses.crossEntropyWithLogits(), Optimizers.adam(0.01));
    if (syncBatch > 0) {
      chosen = chosen.withBatchSize(syncBatch);
    }
    SparkTrainer trainer = chosen;
    c.add(3, new Entry("nn-dsl synchronous, " + (syncBatch > 0 ? "batch " + syncBatch : "full batch"), syncEpochs,
        () -> ours(model, trainer, train, test, syncEpochs)));
    interleave(c, rounds, "UCI breast cancer", trainRows + " / " + testRows, 2);
    train.unpersist();
    test.unpersist();
  }

  private static void generated(SparkSession spark, long n, int p, int passes, int batch, int localSteps) {
    Dataset<Row> data = new VectorAssembler().setInputCols(GeneratedTable.featureNames()).setOutputCol("features")
        .transform(GeneratedTable.frame(spark, n, p)).select("features", "label").cache();
    data.count();
    List<Entry> c = contenders(data, data, GeneratedTable.FEATURES, passes, passes, batch, localSteps);
    interleave(c, 0, "generated (accuracy on the training rows)", Long.toString(n), p);
    data.unpersist();
  }

  /** MLPC L-BFGS, MLPC GD, nn-dsl synchronous, nn-dsl local steps, in that order. */
  private static List<Entry> contenders(Dataset<Row> train, Dataset<Row> test, int inputs,
      int iterations, int epochs, int batch, int localSteps) {
    List<Entry> c = new ArrayList<>();
    c.add(new Entry("MLPC L-BFGS", iterations, () -> mlpc(train, test, inputs, "l-bfgs", iterations)));
    c.add(new Entry("MLPC GD", iterations, () -> mlpc(train, test, inputs, "gd", iterations)));
    Sequential model = Sequential.of(linear(inputs, 64), relu(), linear(64, 2));
    SparkTrainer sync = SparkTrainer.of(model, Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
        .withBatchSize(batch);
    c.add(new Entry("nn-dsl synchronous, batch " + batch, epochs, () -> ours(model, sync, train, test, epochs)));
    c.add(new Entry("nn-dsl local steps, batch " + batch + ", h " + localSteps, epochs,
        () -> ours(model, sync.withLocalSteps(localSteps), train, test, epochs)));
    return c;
  }

  private static double[] mlpc(Dataset<Row> train, Dataset<Row> test, int inputs, String solver, int iterations) {
    MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier().setLayers(new int[] {inputs, 64, 2})
        .setSolver(solver).setMaxIter(iterations).setSeed(0L);
    long start = System.nanoTime();
    var model = mlpc.fit(train);
    double seconds = (System.nanoTime() - start) / 1e9;
    double accuracy = model.transform(test)
        .select(avg(when(col("prediction").equalTo(col("label")), 1.0).otherwise(0.0))).first().getDouble(0);
    return new double[] {accuracy, seconds};
  }

  private static double[] ours(Sequential model, SparkTrainer trainer, Dataset<Row> train, Dataset<Row> test,
      int epochs) {
    long start = System.nanoTime();
    Network network = trainer.fitEpochs(train, "features", "label", 0, epochs);
    double seconds = (System.nanoTime() - start) / 1e9;
    double accuracy = SparkTables.accuracy(SparkPredict.predict(model, network, test, "features", "logits"),
        "logits", "label");
    return new double[] {accuracy, seconds};
  }

  /** Runs a warm-up round (when rounds &gt; 0) and the rounds, rotating the order; prints the rows. */
  private static void interleave(List<Entry> c, int rounds, String data, String rows, int partitions) {
    List<List<double[]>> results = new ArrayList<>();
    c.forEach(entry -> results.add(new ArrayList<>()));
    int counted = Math.max(rounds, 1);
    for (int round = rounds > 0 ? -1 : 0; round < counted; round++) {
      for (int i = 0; i < c.size(); i++) {
        int at = Math.floorMod(i + round, c.size());
        double[] r = c.get(at).contender().run();
        if (round >= 0) {
          results.get(at).add(r);
        }
      }
    }
    double reference = median(results.get(0));
    for (int i = 0; i < c.size(); i++) {
      List<double[]> r = results.get(i);
      double time = median(r);
      double min = r.stream().mapToDouble(x -> x[1]).min().orElseThrow();
      double max = r.stream().mapToDouble(x -> x[1]).max().orElseThrow();
      System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %d | %.4f | %.2f (%.2f-%.2f) | %.1f | %.2fx |%n", data, rows,
          partitions, c.get(i).name(), c.get(i).passes(), r.get(r.size() - 1)[0], time, min, max,
          c.get(i).passes() / time * 60,
          time / reference);
    }
  }

  private static double median(List<double[]> r) {
    double[] t = r.stream().mapToDouble(x -> x[1]).sorted().toArray();
    return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value pairs, but got " + Arrays.toString(args));
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }
}

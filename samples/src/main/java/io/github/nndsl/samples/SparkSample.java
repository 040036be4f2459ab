package io.github.nndsl.samples;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.spark.NnEstimator;
import io.github.nndsl.spark.SparkTrainer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Trains and scores a network on a Spark DataFrame read from CSV, in a {@code local[2]} session:
 * the UCI breast-cancer table (569 rows, 30 features, 2 classes), or with {@code --generated N} a
 * generated table of N rows and 20 features ({@link GeneratedTable}, written to CSV once under
 * {@code target/spark-sample/} and read back). The rows are split 75/25 by content; the pipeline
 * {@code StringIndexer -> VectorAssembler -> StandardScaler -> NnEstimator} (the generated table
 * has a numeric label and needs neither the indexer nor the scaler) is fitted on the training
 * rows and scores the test rows. Prints the accuracy on the test rows and the wall times.
 *
 * <pre>{@code
 * ./mvnw -q -pl samples -am compile exec:exec@spark-sample
 * ./mvnw -q -pl samples -am compile exec:exec@spark-sample -Dspark.args="--generated 1000000"
 * }</pre>
 *
 * <p>Options: {@code --generated N}, {@code --epochs N} (default 20; 2 generated), {@code --batch N}
 * (32; 1024 generated), {@code --local-steps H} (0, synchronous; 100 generated), {@code --shards K}
 * (8), {@code --partitions P} (2), {@code --out DIR} (where the generated CSV goes, default
 * {@code target/spark-sample}). Exits with status 1 if the breast-cancer accuracy stays below 90 %.
 *
 * @since 0.1.0
 */
public final class SparkSample {

  private SparkSample() {}

  /**
   * The sample's settings.
   *
   * @param generated the generated table's rows, or 0 for the breast-cancer table
   * @param epochs the passes over the training rows
   * @param batch rows per step
   * @param localSteps local steps between two averagings, or 0 for synchronous training
   * @param shards the trainer's shards
   * @param partitions the table's partitions
   * @param out where the generated table's CSV goes
   */
  record Options(long generated, int epochs, int batch, int localSteps, int shards, int partitions, Path out) {

    static final String USAGE = "options: --generated N (rows; default: the breast-cancer table), --epochs N,"
        + " --batch N, --local-steps H (0: synchronous), --shards K, --partitions P, --out DIR";

    static Options parse(String... args) {
      long generated = 0;
      Integer epochs = null;
      Integer batch = null;
      Integer localSteps = null;
      int shards = 8;
      int partitions = 2;
      Path out = Path.of("target", "spark-sample");
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(
              (arg.startsWith("--") ? arg + " needs a value" : "unknown option " + arg) + "; " + USAGE);
        }
        String value = args[++i];
        switch (arg) {
          case "--generated" -> generated = number(arg, value, 1);
          case "--epochs" -> epochs = (int) number(arg, value, 0);
          case "--batch" -> batch = (int) number(arg, value, 1);
          case "--local-steps" -> localSteps = (int) number(arg, value, 0);
          case "--shards" -> shards = (int) number(arg, value, 1);
          case "--partitions" -> partitions = (int) number(arg, value, 1);
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
        }
      }
      boolean big = generated > 0;
      return new Options(generated, epochs != null ? epochs : big ? 2 : 20, batch != null ? batch : big ? 1024 : 32,
          localSteps != null ? localSteps : big ? 100 : 0, shards, partitions, out);
    }

    private static long number(String arg, String value, long least) {
      try {
        long n = Long.parseLong(value);
        if (n >= least && n <= Integer.MAX_VALUE) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below, with the usage
      }
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be an integer in [%d, %d], but was %s; %s",
          arg, least, Integer.MAX_VALUE, value, USAGE));
    }
  }

  /**
   * What a run measured.
   *
   * @param trainRows the training rows
   * @param testRows the test rows
   * @param accuracy the share of test rows classified right
   * @param trainSeconds the wall time of the pipeline's fit
   */
  record Result(long trainRows, long testRows, double accuracy, double trainSeconds) {}

  /**
   * Runs the sample.
   *
   * @param args the options above
   * @throws IllegalArgumentException on an unknown option or a bad value
   */
  public static void main(String[] args) {
    Options options = Options.parse(args);
    long start = System.nanoTime();
    SparkSession spark = SparkTables.session("local[2]");
    System.out.printf(Locale.ROOT, "Spark %s, master %s: session started in %.1f s%n", spark.version(),
        spark.sparkContext().master(), seconds(start));
    Result result;
    try {
      result = run(spark, options, System.out);
    } finally {
      spark.stop();
    }
    if (options.generated() == 0 && result.accuracy() < 0.9) {
      System.exit(1);
    }
  }

  /** Reads, splits, fits, scores and prints; returns what it measured. */
  static Result run(SparkSession spark, Options options, PrintStream out) {
    boolean generated = options.generated() > 0;
    Dataset<Row> table = generated ? generatedCsv(spark, options, out) : SparkTables.breastCancer(spark);
    table = table.repartition(options.partitions()).cache();
    String[] features = generated ? GeneratedTable.featureNames() : SparkTables.featureColumns(table);
    SparkTables.Split split = SparkTables.split(table, 0.25);
    Dataset<Row> train = split.train().cache();
    Dataset<Row> test = split.test().cache();
    long trainRows = train.count();
    long testRows = test.count();
    out.printf(Locale.ROOT, "%s: %d training rows, %d test rows, %d features, %d partitions%n",
        generated ? "generated table" : "UCI breast cancer", trainRows, testRows, features.length,
        options.partitions());

    Sequential model = Sequential.of(linear(features.length, 64), relu(), linear(64, 2));
    SparkTrainer trainer = SparkTrainer.of(model, Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
        .withBatchSize(options.batch())
        .withShards(options.shards());
    if (options.localSteps() > 0) {
      trainer = trainer.withLocalSteps(options.localSteps());
    }
    NnEstimator nn = NnEstimator.of(trainer).setFeaturesCol("features").setLabelCol("label")
        .setOutputCol("logits").setEpochs(options.epochs()).setSeed(0);
    List<PipelineStage> stages = new ArrayList<>();
    if (generated) {
      stages.add(new VectorAssembler().setInputCols(features).setOutputCol("features"));
    } else {
      // alphabetDesc: malignant 0, benign 1, scikit-learn's target
      stages.add(new StringIndexer().setInputCol(SparkTables.CLASS).setOutputCol("label")
          .setStringOrderType("alphabetDesc"));
      stages.add(new VectorAssembler().setInputCols(features).setOutputCol("raw"));
      stages.add(new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true));
    }
    stages.add(nn);
    out.println(model + ", softmax cross-entropy, Adam(0.01), batch " + options.batch() + ", "
        + options.shards() + " shards, " + (options.localSteps() > 0
            ? options.localSteps() + " local steps between averagings" : "synchronous"));

    long fitStart = System.nanoTime();
    PipelineModel fitted = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(train);
    double trainSeconds = seconds(fitStart);
    out.printf(Locale.ROOT, "trained %d epochs in %.1f s (%.1f epochs per minute)%n", options.epochs(),
        trainSeconds, options.epochs() / trainSeconds * 60);

    long scoreStart = System.nanoTime();
    double accuracy = SparkTables.accuracy(fitted.transform(test), "logits", "label");
    out.printf(Locale.ROOT, "test accuracy %.4f (%d of %d rows), scored in %.1f s%n", accuracy,
        Math.round(accuracy * testRows), testRows, seconds(scoreStart));
    train.unpersist();
    test.unpersist();
    table.unpersist();
    return new Result(trainRows, testRows, accuracy, trainSeconds);
  }

  /** The generated table as CSV under {@code out}, written once (it is deterministic), read back. */
  private static Dataset<Row> generatedCsv(SparkSession spark, Options options, PrintStream out) {
    Path dir = options.out().resolve("generated-" + options.generated());
    if (!Files.exists(dir.resolve("_SUCCESS"))) {
      long start = System.nanoTime();
      GeneratedTable.frame(spark, options.generated(), options.partitions()).write().mode(SaveMode.Overwrite)
          .option("header", "true").csv(dir.toString());
      out.printf(Locale.ROOT, "wrote %d generated rows to %s in %.1f s%n", options.generated(), dir, seconds(start));
    }
    return spark.read().option("header", "true").schema(GeneratedTable.schema()).csv(dir.toString());
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}

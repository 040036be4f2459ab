package io.github.nndsl.samples;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side of the samples and of the side-by-side with MLlib: a local session, the UCI
 * breast-cancer table read from CSV, a split by row content and the accuracy of a scored table.
 *
 * <pre>{@code
 * SparkSession spark = SparkTables.session("local[2]");
 * SparkTables.Split split = SparkTables.split(SparkTables.breastCancer(spark), 0.25);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SparkTables {

  /** The breast-cancer table's class column: {@code malignant} or {@code benign}. */
  public static final String CLASS = "class";

  private SparkTables() {}

  /**
   * A table split into training and test rows.
   *
   * @param train the training rows
   * @param test the test rows
   * @since 0.1.0
   */
  public record Split(Dataset<Row> train, Dataset<Row> test) {}

  /**
   * Starts (or returns the running) local session with BUILD.md's settings: no UI, no progress
   * bar, 4 shuffle partitions, bound to the loopback address.
   *
   * @param master the master, for example {@code local[2]}
   * @return the session
   * @since 0.1.0
   */
  public static SparkSession session(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("nn-dsl Spark sample")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "localhost")
        // the split hashes all 31 columns of the breast-cancer table: print its plan whole
        .config("spark.sql.debug.maxToStringFields", "100")
        .getOrCreate();
  }

  /**
   * Reads the UCI breast-cancer table (569 rows, {@code data/breast_cancer.csv} of this module's
   * resources) with Spark's CSV reader: 30 double columns named as scikit-learn names them
   * ({@code mean radius} ... {@code worst fractal dimension}) and the string column {@value #CLASS}.
   *
   * @param spark the session
   * @return the table, in one partition
   * @since 0.1.0
   */
  public static Dataset<Row> breastCancer(SparkSession spark) {
    return spark.read().option("header", "true").option("inferSchema", "true")
        .csv(resourceFile("breast_cancer.csv").toString());
  }

  /**
   * Returns the breast-cancer table's 30 feature columns.
   *
   * @param table the table {@link #breastCancer} read
   * @return every column but {@value #CLASS}
   * @since 0.1.0
   */
  public static String[] featureColumns(Dataset<Row> table) {
    return Arrays.stream(table.columns()).filter(c -> !c.equals(CLASS)).toArray(String[]::new);
  }

  /**
   * Splits {@code table} by row content: the {@code ceil(testFraction * rows)} rows with the
   * smallest {@code xxhash64} of all their columns are the test rows (scikit-learn's
   * {@code train_test_split} count: 143 of 569 for 0.25), the rest train. The split depends on
   * the rows only, not on their order or partitioning. Runs two jobs (a count and the threshold).
   *
   * @param table the rows, distinct
   * @param testFraction the share of test rows, in (0, 1)
   * @return the training and the test rows (lazy)
   * @throws IllegalArgumentException if testFraction is outside (0, 1)
   * @since 0.1.0
   */
  public static Split split(Dataset<Row> table, double testFraction) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), but was " + testFraction);
    }
    Column[] all = Arrays.stream(table.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    Dataset<Row> keyed = table.withColumn("split_key", xxhash64(all));
    long rows = keyed.count();
    int test = (int) Math.ceil(testFraction * rows);
    long threshold = keyed.select("split_key").orderBy("split_key").limit(test)
        .agg(max("split_key")).first().getLong(0);
    return new Split(keyed.where(col("split_key").gt(threshold)).drop("split_key"),
        keyed.where(col("split_key").leq(threshold)).drop("split_key"));
  }

  /**
   * Returns the share of rows whose largest output (the first of equal ones) is at the label's
   * index: {@code argmax(output) == label}, computed in Spark.
   *
   * @param scored rows with a Vector column {@code outputColumn} and a numeric {@code labelColumn}
   * @param outputColumn the scores (logits or probabilities)
   * @param labelColumn the class index
   * @return the accuracy in [0, 1]
   * @since 0.1.0
   */
  public static double accuracy(Dataset<Row> scored, String outputColumn, String labelColumn) {
    Column scores = functions.vector_to_array(col(outputColumn), "float64");
    Column predicted = array_position(scores, array_max(scores)).minus(1);
    return scored.select(avg(when(predicted.equalTo(col(labelColumn)), 1.0).otherwise(0.0))).first().getDouble(0);
  }

  /** The file of resource {@code data/NAME}: the file itself, or a temporary copy out of a jar. */
  static Path resourceFile(String name) {
    URL url = SparkTables.class.getResource("/data/" + name);
    if (url == null) {
      throw new IllegalStateException("resource data/" + name + " is missing from the class path");
    }
    try {
      if (url.getProtocol().equals("file")) {
        return Path.of(url.toURI());
      }
      Path copy = Files.createTempFile("nn-dsl-", "-" + name);
      copy.toFile().deleteOnExit();
      try (InputStream in = url.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

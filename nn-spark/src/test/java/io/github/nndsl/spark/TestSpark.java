package io.github.nndsl.spark;

import io.github.nndsl.core.random.NumPyRandom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one SparkSession of the test JVM (surefire runs every test class in one fork), and the test
 * data. {@code local[2,3]}: two threads, and a failed task is tried up to three times, which the
 * fault test relies on; the other settings are BUILD.md's.
 */
final class TestSpark {

  private static SparkSession session;

  private TestSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2,3]")
          .appName("nn-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "localhost")
          .getOrCreate();
    }
    return session;
  }

  /** Three Gaussian blobs in 4 dimensions, 20 rows each, from a fixed seed: x and class labels. */
  record Blobs(double[][] x, double[] labels) {
    static Blobs of(int perClass, long seed) {
      NumPyRandom rng = NumPyRandom.defaultRng(seed);
      double[][] x = new double[3 * perClass][4];
      double[] labels = new double[3 * perClass];
      for (int r = 0; r < x.length; r++) {
        int c = r % 3;
        labels[r] = c;
        for (int j = 0; j < 4; j++) {
          x[r][j] = (j == c ? 2.0 : 0.0) + 0.7 * rng.standardNormal();
        }
      }
      return new Blobs(x, labels);
    }

    /** The same rows in another order. */
    Blobs shuffled(long seed) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(seed));
      double[][] sx = new double[x.length][];
      double[] sl = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        sx[i] = x[order.get(i)];
        sl[i] = labels[order.get(i)];
      }
      return new Blobs(sx, sl);
    }

    /** Columns "features" (a dense Vector) and "label", in {@code partitions} partitions. */
    Dataset<Row> frame(int partitions) {
      return frame(partitions, false);
    }

    /** As {@link #frame(int)}, the features sparse vectors if asked. */
    Dataset<Row> frame(int partitions, boolean sparse) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        rows.add(RowFactory.create(sparse ? Vectors.dense(x[i]).toSparse() : Vectors.dense(x[i]), labels[i]));
      }
      StructType schema = new StructType()
          .add("features", SQLDataTypes.VectorType(), false)
          .add("label", DataTypes.DoubleType, false);
      return session().createDataFrame(rows, schema).repartition(partitions);
    }

    /** Columns "features" (array&lt;double&gt;) and "label". */
    Dataset<Row> arrayFrame(int partitions) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        Double[] boxed = new Double[x[i].length];
        for (int j = 0; j < boxed.length; j++) {
          boxed[j] = x[i][j];
        }
        rows.add(RowFactory.create(boxed, labels[i]));
      }
      StructType schema = new StructType()
          .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("label", DataTypes.DoubleType, false);
      return session().createDataFrame(rows, schema).repartition(partitions);
    }
  }
}

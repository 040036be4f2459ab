package io.github.nndsl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark sample with small settings, and the tables it reads, splits and scores. */
class SparkSampleTest {

  /** The one session of the samples' test JVM (the Kotlin Spark test shares it). */
  static SparkSession spark() {
    return SparkTables.session("local[2]");
  }

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Nested
  class Sample {
    @Test
    void trainsOnTheBreastCancerTableAndScoresItsTestRows() {
      SparkSample.Result result = SparkSample.run(spark(),
          SparkSample.Options.parse("--epochs", "3", "--local-steps", "14"), out);
      assertEquals(426, result.trainRows());
      assertEquals(143, result.testRows());
      // logistic regression reaches about 0.96 on this split; 3 epochs of the MLP get there too
      assertTrue(result.accuracy() >= 0.9, printed());
      assertTrue(printed().contains("UCI breast cancer: 426 training rows, 143 test rows, 30 features, 2 partitions"),
          printed());
      assertTrue(printed().contains("trained 3 epochs in "), printed());
      assertTrue(printed().contains("test accuracy "), printed());
    }

    @Test
    void writesTheGeneratedTableOnceAndReadsItBack(@TempDir Path dir) {
      String[] args = {"--generated", "2000", "--epochs", "1", "--out", dir.toString()};
      SparkSample.Result first = SparkSample.run(spark(), SparkSample.Options.parse(args), out);
      assertTrue(Files.exists(dir.resolve("generated-2000").resolve("_SUCCESS")), printed());
      assertTrue(printed().contains("wrote 2000 generated rows to "), printed());
      assertEquals(2000, first.trainRows() + first.testRows());
      assertEquals(500, first.testRows());
      bytes.reset();
      SparkSample.Result second = SparkSample.run(spark(), SparkSample.Options.parse(args), out);
      assertFalse(printed().contains("wrote"), printed());
      // the same CSV, split and training: the same accuracy, bit for bit
      assertEquals(first.accuracy(), second.accuracy());
      assertEquals(first.testRows(), second.testRows());
    }

    @Test
    void optionsHaveDefaultsPerTableAndNameBadValues() {
      assertEquals(new SparkSample.Options(0, 20, 32, 0, 8, 2, Path.of("target", "spark-sample")),
          SparkSample.Options.parse());
      assertEquals(new SparkSample.Options(1_000_000, 2, 1024, 100, 8, 2, Path.of("target", "spark-sample")),
          SparkSample.Options.parse("--generated", "1000000"));
      assertEquals("--batch must be an integer in [1, 2147483647], but was 0; " + SparkSample.Options.USAGE,
          assertThrows(IllegalArgumentException.class, () -> SparkSample.Options.parse("--batch", "0")).getMessage());
      assertEquals("--epochs needs a value; " + SparkSample.Options.USAGE,
          assertThrows(IllegalArgumentException.class, () -> SparkSample.Options.parse("--epochs")).getMessage());
      assertEquals("unknown option --rows; " + SparkSample.Options.USAGE,
          assertThrows(IllegalArgumentException.class, () -> SparkSample.Options.parse("--rows", "5")).getMessage());
    }
  }

  @Nested
  class Tables {
    @Test
    void theBreastCancerTableHas569RowsOf30FeaturesAndAClass() {
      Dataset<Row> table = SparkTables.breastCancer(spark());
      assertEquals(569, table.count());
      assertEquals(30, SparkTables.featureColumns(table).length);
      assertEquals("mean radius", SparkTables.featureColumns(table)[0]);
      assertEquals(212, table.where("class = 'malignant'").count());
      assertEquals(357, table.where("class = 'benign'").count());
      // the first row of scikit-learn's file
      Row first = table.first();
      assertEquals(17.99, ((Number) first.get(0)).doubleValue());
      assertEquals(0.1189, ((Number) first.get(29)).doubleValue());
    }

    @Test
    void theSplitIsByContentWhateverTheOrderAndPartitioning() {
      Dataset<Row> table = SparkTables.breastCancer(spark());
      SparkTables.Split split = SparkTables.split(table, 0.25);
      List<Row> test = split.test().collectAsList();
      List<Row> train = split.train().collectAsList();
      assertEquals(143, test.size()); // ceil(0.25 * 569), as scikit-learn's train_test_split
      assertEquals(426, train.size());
      Set<Row> all = new HashSet<>(train);
      all.addAll(test);
      assertEquals(569, all.size()); // disjoint, and together the whole table

      SparkTables.Split again = SparkTables.split(table.orderBy("worst area").repartition(5), 0.25);
      assertEquals(new HashSet<>(test), new HashSet<>(again.test().collectAsList()));
    }

    @Test
    void accuracyIsTheShareOfRowsWhoseFirstLargestScoreIsTheLabel() {
      StructType schema = new StructType().add("scores", SQLDataTypes.VectorType()).add("y", DataTypes.DoubleType);
      Dataset<Row> scored = spark().createDataFrame(List.of(
          RowFactory.create(Vectors.dense(0.1, 0.9), 1.0),        // right
          RowFactory.create(Vectors.dense(2.0, -1.0, 0.5), 0.0),  // right
          RowFactory.create(Vectors.dense(0.5, 0.5), 0.0),        // a tie goes to the first: right
          RowFactory.create(Vectors.dense(0.5, 0.5), 1.0),        // wrong
          RowFactory.create(Vectors.dense(-3.0, -2.0), 0.0)),     // wrong
          schema);
      assertEquals(0.6, SparkTables.accuracy(scored, "scores", "y"), 1e-15);
    }

    @Test
    void theSplitNamesABadFraction() {
      Dataset<Row> table = SparkTables.breastCancer(spark());
      assertEquals("testFraction must be in (0, 1), but was 1.0",
          assertThrows(IllegalArgumentException.class, () -> SparkTables.split(table, 1.0)).getMessage());
    }
  }

  @Nested
  class Generated {
    /** Row i recomputed in plain Java from Spark's xxhash64 (seed 42, chained over (i, stream)). */
    static double uniform(long id, int stream) {
      long h = XXH64.hashInt(stream, XXH64.hashLong(id, 42));
      return ((h >>> 11) + 0.5) * 0x1.0p-53;
    }

    static double normal(long id, int stream) {
      return Math.sqrt(-2 * Math.log(uniform(id, stream))) * Math.cos(2 * Math.PI * uniform(id, stream + 1));
    }

    @Test
    void everyRowIsTheFormulaOfItsIndex() {
      List<Row> rows = GeneratedTable.frame(spark(), 300, 3).collectAsList();
      assertEquals(300, rows.size());
      int ones = 0;
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        double[] x = new double[GeneratedTable.FEATURES];
        for (int j = 0; j < x.length; j++) {
          x[j] = normal(i, 2 * j);
          assertEquals(x[j], row.getDouble(j), 1e-12, "row " + i + ", x" + j);
        }
        double score = x[0] * x[1] + Math.sin(2 * x[2]) + x[3] + (1 - x[4] * x[4]) / 2
            + 0.25 * normal(i, 2 * GeneratedTable.FEATURES);
        if (Math.abs(score) > 1e-9) {
          assertEquals(score > 0 ? 1.0 : 0.0, row.getDouble(GeneratedTable.FEATURES), "row " + i);
        }
        ones += row.getDouble(GeneratedTable.FEATURES) == 1.0 ? 1 : 0;
      }
      assertTrue(ones > 100 && ones < 200, ones + " of 300 rows are class 1");
    }

    @Test
    void thePartitioningChangesNoRow() {
      assertEquals(GeneratedTable.frame(spark(), 500, 1).collectAsList(),
          GeneratedTable.frame(spark(), 500, 7).collectAsList());
      assertEquals(List.of(GeneratedTable.schema().fieldNames()),
          List.of(GeneratedTable.frame(spark(), 1, 1).schema().fieldNames()));
    }

    @Test
    void rowsAndPartitionsMustBePositive() {
      assertEquals("rows must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> GeneratedTable.frame(spark(), 0, 1)).getMessage());
      assertEquals("partitions must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> GeneratedTable.frame(spark(), 1, 0)).getMessage());
    }
  }
}

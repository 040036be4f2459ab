package io.github.nndsl.samples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A generated two-class table of any size for Spark at scale: columns {@code x0} ... {@code x19}
 * (standard normal) and {@code label} (0 or 1), row {@code i} a pure function of {@code i}, so the
 * table is the same for any partitioning, on any machine.
 *
 * <p>Each value comes from Spark's {@code xxhash64(i, j)} (seed 42): the top 53 bits make a uniform
 * u in (0, 1), two of them a normal by Box-Muller. The label is {@code x0 x1 + sin(2 x2) + x3 +
 * (1 - x4^2) / 2 + 0.25 e > 0} with e a further normal: not linearly separable, about half of each
 * class, and 15 of the 20 columns are noise.
 *
 * <pre>{@code
 * Dataset<Row> table = GeneratedTable.frame(spark, 1_000_000, 8);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GeneratedTable {

  /** The number of feature columns. */
  public static final int FEATURES = 20;

  private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

  private GeneratedTable() {}

  /**
   * Returns the feature columns' names, {@code x0} ... {@code x19}.
   *
   * @return a new array of the names
   * @since 0.1.0
   */
  public static String[] featureNames() {
    String[] names = new String[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      names[j] = "x" + j;
    }
    return names;
  }

  /**
   * Returns the table's schema: {@code x0} ... {@code x19} and {@code label}, all doubles.
   *
   * @return the schema
   * @since 0.1.0
   */
  public static StructType schema() {
    StructType schema = new StructType();
    for (String name : featureNames()) {
      schema = schema.add(name, DataTypes.DoubleType, false);
    }
    return schema.add("label", DataTypes.DoubleType, false);
  }

  /**
   * Returns rows 0 .. {@code rows - 1} of the table, in {@code partitions} partitions.
   *
   * @param spark the session
   * @param rows the number of rows, positive
   * @param partitions the number of partitions, positive
   * @return the table, lazily computed (nothing runs until an action)
   * @throws IllegalArgumentException if rows or partitions is not positive
   * @since 0.1.0
   */
  public static Dataset<Row> frame(SparkSession spark, long rows, int partitions) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be positive, but was " + rows);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive, but was " + partitions);
    }
    Column[] columns = new Column[FEATURES + 1];
    for (int j = 0; j < FEATURES; j++) {
      columns[j] = normal(2 * j).as("x" + j);
    }
    Column x0 = normal(0);
    Column x1 = normal(2);
    Column x2 = normal(4);
    Column x3 = normal(6);
    Column x4 = normal(8);
    Column score = x0.multiply(x1).plus(sin(x2.multiply(2))).plus(x3)
        .plus(lit(1.0).minus(x4.multiply(x4)).divide(2)).plus(normal(2 * FEATURES).multiply(0.25));
    columns[FEATURES] = when(score.gt(0), 1.0).otherwise(0.0).as("label");
    return spark.range(0, rows, 1, partitions).select(columns);
  }

  /** A uniform in (0, 1) from the top 53 bits of xxhash64(id, stream). */
  private static Column uniform(int stream) {
    return shiftrightunsigned(xxhash64(col("id"), lit(stream)), 11).cast(DataTypes.DoubleType)
        .plus(0.5).multiply(TWO_TO_MINUS_53);
  }

  /** A standard normal by Box-Muller from uniforms {@code stream} and {@code stream + 1}. */
  private static Column normal(int stream) {
    return sqrt(log(uniform(stream)).multiply(-2.0)).multiply(cos(uniform(stream + 1).multiply(2 * Math.PI)));
  }
}

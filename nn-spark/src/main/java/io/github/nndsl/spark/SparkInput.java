package io.github.nndsl.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/** Reads features and labels out of Spark rows, and checks a schema before any job runs. */
final class SparkInput {

  private SparkInput() {}

  /** The features column's index; it must be a Spark ML Vector or array&lt;double&gt; column. */
  static int featuresIndex(StructType schema, String column) {
    StructField field = field(schema, column);
    DataType type = field.dataType();
    boolean vector = type.equals(SQLDataTypes.VectorType());
    boolean doubles = type instanceof ArrayType && ((ArrayType) type).elementType().equals(DataTypes.DoubleType);
    if (!vector && !doubles) {
      throw new IllegalArgumentException(
          "column '" + column + "' must be a Spark ML Vector or array<double>, but is " + type.simpleString()
              + (type instanceof ArrayType ? "; cast it to array<double>" : "; assemble it with VectorAssembler"));
    }
    return schema.fieldIndex(column);
  }

  /** The label column's index; it must be numeric (read as a double). */
  static int labelIndex(StructType schema, String column) {
    StructField field = field(schema, column);
    if (!(field.dataType() instanceof NumericType)) {
      throw new IllegalArgumentException(
          "column '" + column + "' must be numeric (a double holding the class index or target), but is "
              + field.dataType().simpleString());
    }
    return schema.fieldIndex(column);
  }

  /** Checks that {@code column} is not taken yet. */
  static void checkNew(StructType schema, String column) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(
          "output column '" + column + "' already exists; the columns are " + Arrays.toString(schema.fieldNames()));
    }
  }

  private static StructField field(StructType schema, String column) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(
          "column '" + column + "' does not exist; the columns are " + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(column);
  }

  /**
   * The features of a row as a new array (a sparse vector made dense), or null if the cell is null;
   * a null element of an array reads as NaN, which the checks then reject.
   */
  static double @Nullable [] features(Row row, int index) {
    if (row.isNullAt(index)) {
      return null;
    }
    Object cell = row.get(index);
    if (cell instanceof Vector) {
      return ((Vector) cell).toArray();
    }
    List<Object> values = row.getList(index);
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = values.get(i);
      out[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
    }
    return out;
  }

  /** The rows as training rows (read lazily); the rows are checked already. */
  static Iterator<ShardRow> shardRows(Iterator<Row> rows, int features, int label) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public ShardRow next() {
        Row row = rows.next();
        return ShardRow.of(SparkInput.features(row, features), SparkInput.label(row, label));
      }
    };
  }

  /** The label of a row, NaN if the cell is null. */
  static double label(Row row, int index) {
    return row.isNullAt(index) ? Double.NaN : ((Number) row.get(index)).doubleValue();
  }
}

package io.github.nndsl.spark;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a DataFrame with a trained network: adds a column holding, for each row, exactly what
 * {@link Network#predict} gives for it.
 *
 * <p>The model travels once, as the bytes of its {@code ModelFile} in a broadcast; each executor
 * JVM builds a network from them per task running at once and keeps it for later tasks. Rows are
 * scored in blocks of {@value #BLOCK} through {@code mapPartitions}.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkPredict.predict(model, network, data, "features", "output");
 * scored.select("output").show();   // one Spark ML Vector of network.outputs() values per row
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SparkPredict {

  /** Rows per call of {@link Network#predict}. */
  static final int BLOCK = 256;

  private SparkPredict() {}

  /**
   * Returns {@code data} with a column {@code outputColumn} added: the network's outputs for each
   * row's features, as a dense Spark ML Vector, bit for bit {@code network.predict} of that row.
   * Lazy, like any Spark transformation: the schema is checked now, the rows when a job runs.
   *
   * <pre>{@code
   * Dataset<Row> scored = SparkPredict.predict(model, network, data, "features", "output");
   * }</pre>
   *
   * @param model the architecture the network was compiled from
   * @param network the trained network (copied now: training it later does not change the result)
   * @param data the rows to score
   * @param featuresColumn a Spark ML Vector (dense or sparse) or array&lt;double&gt; column of
   *     {@code network.inputs()} finite values
   * @param outputColumn the name of the new column, not yet in {@code data}
   * @return the scored rows, lazily
   * @throws IllegalArgumentException if an argument is null, the network was not compiled from
   *     the model, the features column is missing or of another type, or the output column exists;
   *     a row of the wrong width or with a NaN or infinite value fails the job, naming the column
   *     and quoting the row
   * @since 0.1.0
   */
  public static Dataset<Row> predict(
      Sequential model, Network network, Dataset<Row> data, String featuresColumn, String outputColumn) {
    Checks.notNull(model, "model");
    Checks.notNull(network, "network");
    Checks.notNull(data, "data");
    Checks.notNull(featuresColumn, "featuresColumn");
    Checks.notNull(outputColumn, "outputColumn");
    StructType schema = data.schema();
    int features = SparkInput.featuresIndex(schema, featuresColumn);
    SparkInput.checkNew(schema, outputColumn);
    byte[] bytes = ModelBytes.of(model, network);
    Broadcast<byte[]> broadcast = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()).broadcast(bytes);
    StructType out = schema.add(outputColumn, SQLDataTypes.VectorType(), false);
    return data.mapPartitions(new Scorer(broadcast, features, featuresColumn, model.inputs()), Encoders.row(out));
  }

  /** Scores one partition, block by block, on a network borrowed from this JVM's pool. */
  private static final class Scorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> model;
    private final int features;
    private final String column;
    private final int inputs;

    Scorer(Broadcast<byte[]> model, int features, String column, int inputs) {
      this.model = model;
      this.features = features;
      this.column = column;
      this.inputs = inputs;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private final List<Row> block = new ArrayList<>(BLOCK);
        private Tensor scores = Tensor.zeros(0, 1);
        private int next;

        @Override
        public boolean hasNext() {
          if (next < block.size()) {
            return true;
          }
          fill();
          return next < block.size();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row row = block.get(next);
          int outputs = scores.dim(1);
          double[] values = new double[outputs];
          for (int j = 0; j < outputs; j++) {
            values[j] = scores.get(next, j);
          }
          next++;
          Object[] cells = new Object[row.size() + 1];
          for (int i = 0; i < row.size(); i++) {
            cells[i] = row.get(i);
          }
          cells[row.size()] = Vectors.dense(values);
          return RowFactory.create(cells);
        }

        private void fill() {
          block.clear();
          next = 0;
          while (block.size() < BLOCK && rows.hasNext()) {
            block.add(rows.next());
          }
          if (block.isEmpty()) {
            return;
          }
          double[] x = new double[block.size() * inputs];
          for (int r = 0; r < block.size(); r++) {
            double[] f = SparkInput.features(block.get(r), features);
            String problem = RowCheck.featuresProblem(f, inputs, column, Double.NaN);
            if (problem != null) {
              throw new IllegalArgumentException(problem);
            }
            System.arraycopy(f, 0, x, r * inputs, inputs);
          }
          long id = model.id();
          Network network = ModelBytes.borrow(id, model.value());
          try {
            scores = network.predict(Tensor.fromArray(x, block.size(), inputs));
          } finally {
            ModelBytes.giveBack(id, network);
          }
        }
      };
    }
  }
}

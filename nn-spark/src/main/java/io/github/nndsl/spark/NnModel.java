package io.github.nndsl.spark;

import io.github.nndsl.core.Network;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.file.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A trained network as a Spark ML {@code Model}: {@link #transform} is {@link SparkPredict#predict}
 * (the output column a Vector of the network's outputs), and {@link #save}/{@link #load} keep the
 * model as a {@link ModelFile} ({@code model.safetensors}) beside Spark's own stage metadata, so it
 * also saves and loads inside a {@code PipelineModel}.
 *
 * <pre>{@code
 * NnModel fitted = NnEstimator.of(trainer).setEpochs(20).fit(train);
 * fitted.transform(test).select("output").show();
 * fitted.save("/models/iris");
 * NnModel again = NnModel.load("/models/iris");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NnModel extends Model<NnModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  /** The name of the model file inside a saved model's directory. */
  static final String FILE = "model.safetensors";

  /** This stage's unique id. */
  private final String uid;
  /** The features column. */
  private final Param<String> featuresCol;
  /** The output column. */
  private final Param<String> outputCol;
  private final transient Sequential model;
  private final transient Network network;

  NnModel(String uid, Sequential model, Network network) {
    this.uid = uid;
    this.model = model;
    this.network = network;
    this.featuresCol = new Param<>(this, "featuresCol", "the features: a Vector or array<double> column");
    this.outputCol = new Param<>(this, "outputCol", "the new column: a Vector of the network's outputs");
    setDefault(featuresCol, "features");
    setDefault(outputCol, "output");
  }

  /**
   * Wraps a trained network, with the default columns {@code features} and {@code output}.
   *
   * <pre>{@code
   * NnModel m = NnModel.of(model, network).setOutputCol("scores");
   * }</pre>
   *
   * @param model the architecture
   * @param network a network compiled from it (used as it is; do not train it further)
   * @return the Spark ML model
   * @throws IllegalArgumentException if an argument is null
   * @since 0.1.0
   */
  public static NnModel of(Sequential model, Network network) {
    Checks.notNull(model, "model");
    Checks.notNull(network, "network");
    return new NnModel("nnModel_" + UUID.randomUUID().toString().substring(0, 12), model, network);
  }

  /**
   * Returns this stage's unique id.
   *
   * @return the uid
   */
  @Override
  public String uid() {
    return uid;
  }

  /**
   * Returns the architecture.
   *
   * @return the model
   * @since 0.1.0
   */
  public Sequential model() {
    return model;
  }

  /**
   * Returns the trained network (on the driver).
   *
   * @return the network
   * @since 0.1.0
   */
  public Network network() {
    return network;
  }

  /**
   * The features column parameter.
   *
   * @return the parameter
   * @since 0.1.0
   */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /**
   * The output column parameter.
   *
   * @return the parameter
   * @since 0.1.0
   */
  public Param<String> outputCol() {
    return outputCol;
  }

  /**
   * Returns the features column (default {@code features}).
   *
   * @return the column name
   * @since 0.1.0
   */
  public String getFeaturesCol() {
    return getOrDefault(featuresCol);
  }

  /**
   * Returns the output column (default {@code output}).
   *
   * @return the column name
   * @since 0.1.0
   */
  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  /**
   * Sets the features column.
   *
   * @param column a Vector or array&lt;double&gt; column
   * @return this model
   * @since 0.1.0
   */
  public NnModel setFeaturesCol(String column) {
    set(featuresCol, column);
    return this;
  }

  /**
   * Sets the output column.
   *
   * @param column the new column's name
   * @return this model
   * @since 0.1.0
   */
  public NnModel setOutputCol(String column) {
    set(outputCol, column);
    return this;
  }

  /**
   * Adds the output column: {@link SparkPredict#predict} with this model's columns.
   *
   * @param dataset the rows to score
   * @return the scored rows, lazily
   * @throws IllegalArgumentException as {@link SparkPredict#predict} does
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return SparkPredict.predict(model, network, dataset.toDF(), getFeaturesCol(), getOutputCol());
  }

  /**
   * Checks the features column and adds the output column (a Vector).
   *
   * @param schema the input schema
   * @return the output schema
   * @throws IllegalArgumentException if the features column is missing or of another type, or the
   *     output column exists
   */
  @Override
  public StructType transformSchema(StructType schema) {
    SparkInput.featuresIndex(schema, getFeaturesCol());
    SparkInput.checkNew(schema, getOutputCol());
    return schema.add(getOutputCol(), SQLDataTypes.VectorType(), false);
  }

  /**
   * Returns a copy with the same network and these extra parameters.
   *
   * @param extra parameter values to override
   * @return the copy
   */
  @Override
  public NnModel copy(ParamMap extra) {
    NnModel copy = copyValues(new NnModel(uid, model, network), extra);
    return copy.setParent(parent());
  }

  /**
   * Returns a writer that saves Spark's stage metadata and the model file under a directory.
   *
   * @return the writer
   */
  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /**
   * Saves this model under {@code path} (a directory that must not exist yet; use {@code
   * write().overwrite().save(path)} to replace one).
   *
   * <pre>{@code
   * fitted.save("/models/iris");
   * }</pre>
   *
   * @param path a directory on any file system Spark's Hadoop configuration reaches
   * @throws UncheckedIOException if it cannot be written or already exists
   */
  @Override
  public void save(String path) {
    try {
      write().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save the model under " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the reader of saved models, as Spark ML's persistence looks it up.
   *
   * @return the reader
   * @since 0.1.0
   */
  public static MLReader<NnModel> read() {
    return new Reader();
  }

  /**
   * Loads a model saved by {@link #save}.
   *
   * <pre>{@code
   * NnModel m = NnModel.load("/models/iris");
   * }</pre>
   *
   * @param path the directory
   * @return the model, with its columns and uid as saved
   * @throws UncheckedIOException if it cannot be read
   * @throws io.github.nndsl.dsl.file.ModelFileException if the model file is malformed
   * @since 0.1.0
   */
  public static NnModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final NnModel stage;

    Writer(NnModel stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(stage, path, sparkSession());
      byte[] bytes = ModelBytes.of(stage.model, stage.network);
      Path file = new Path(path, FILE);
      try (OutputStream out = file.getFileSystem(sc().hadoopConfiguration()).create(file, false)) {
        out.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private static final class Reader extends MLReader<NnModel> {
    @Override
    public NnModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(), NnModel.class.getName());
      Path file = new Path(path, FILE);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (InputStream in = file.getFileSystem(sc().hadoopConfiguration()).open(file)) {
        in.transferTo(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
      }
      ModelFile.Loaded loaded = ModelBytes.load(bytes.toByteArray());
      NnModel stage = new NnModel(metadata.uid(), loaded.model(), loaded.network());
      metadata.getAndSetParams(stage, Option.empty());
      return stage;
    }
  }
}

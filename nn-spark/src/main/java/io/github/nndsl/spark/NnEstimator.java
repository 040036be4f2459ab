package io.github.nndsl.spark;

import io.github.nndsl.core.Network;
import java.util.UUID;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A {@link SparkTrainer} as a Spark ML {@code Estimator}: {@link #fit} trains with the trainer on
 * the features and label columns and returns an {@link NnModel}, so a network can be a stage of a
 * {@code Pipeline}, after a {@code VectorAssembler} for example.
 *
 * <pre>{@code
 * VectorAssembler assembler = new VectorAssembler()
 *     .setInputCols(new String[] {"a", "b", "c", "d"}).setOutputCol("features");
 * NnEstimator nn = NnEstimator.of(SparkTrainer.of(model, Losses.crossEntropyWithLogits(), Optimizers.adam(0.01)))
 *     .setEpochs(20).setSeed(1);
 * PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler, nn}).fit(train);
 * fitted.transform(test).select("output").show();
 * }</pre>
 *
 * <p>The estimator itself is not saved (its trainer holds the architecture, loss and optimiser as
 * Java objects); the fitted {@link NnModel} is.
 *
 * @since 0.1.0
 */
public final class NnEstimator extends Estimator<NnModel> {

  private static final long serialVersionUID = 1L;

  /** This stage's unique id. */
  private final String uid;
  private final transient SparkTrainer trainer;
  /** The features column. */
  private final Param<String> featuresCol;
  /** The label column. */
  private final Param<String> labelCol;
  /** The output column. */
  private final Param<String> outputCol;
  /** The seed of the initial parameters. */
  private final LongParam seed;
  /** The passes over the data. */
  private final IntParam epochs;

  private NnEstimator(String uid, SparkTrainer trainer) {
    this.uid = uid;
    this.trainer = trainer;
    this.featuresCol = new Param<>(this, "featuresCol", "the features: a Vector or array<double> column");
    this.labelCol = new Param<>(this, "labelCol", "the label: a class index 0..k-1, or the target value");
    this.outputCol = new Param<>(this, "outputCol", "the fitted model's new column: a Vector of outputs");
    this.seed = new LongParam(this, "seed", "the seed of the model's initial parameters");
    this.epochs = new IntParam(this, "epochs", "the passes over the data", ParamValidators.gtEq(0));
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(outputCol, "output");
    setDefault(seed, 0L);
    setDefault(epochs, 10);
  }

  /**
   * Creates an estimator that trains with {@code trainer}: columns {@code features}, {@code label}
   * and {@code output}, seed 0, 10 epochs.
   *
   * <pre>{@code
   * NnEstimator nn = NnEstimator.of(SparkTrainer.of(model, Losses.mse(), Optimizers.adam(0.01)));
   * }</pre>
   *
   * @param trainer the trainer (model, loss, optimiser, batch size, shards)
   * @return the estimator
   * @throws IllegalArgumentException if trainer is null
   * @since 0.1.0
   */
  public static NnEstimator of(SparkTrainer trainer) {
    Checks.notNull(trainer, "trainer");
    return new NnEstimator("nnEstimator_" + UUID.randomUUID().toString().substring(0, 12), trainer);
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
   * The features column parameter.
   *
   * @return the parameter
   * @since 0.1.0
   */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /**
   * The label column parameter.
   *
   * @return the parameter
   * @since 0.1.0
   */
  public Param<String> labelCol() {
    return labelCol;
  }

  /**
   * The output column parameter of the fitted model.
   *
   * @return the parameter
   * @since 0.1.0
   */
  public Param<String> outputCol() {
    return outputCol;
  }

  /**
   * The seed parameter.
   *
   * @return the parameter
   * @since 0.1.0
   */
  public LongParam seed() {
    return seed;
  }

  /**
   * The epochs parameter.
   *
   * @return the parameter
   * @since 0.1.0
   */
  public IntParam epochs() {
    return epochs;
  }

  /**
   * Sets the features column.
   *
   * @param column a Vector or array&lt;double&gt; column
   * @return this estimator
   * @since 0.1.0
   */
  public NnEstimator setFeaturesCol(String column) {
    set(featuresCol, column);
    return this;
  }

  /**
   * Sets the label column.
   *
   * @param column a numeric column
   * @return this estimator
   * @since 0.1.0
   */
  public NnEstimator setLabelCol(String column) {
    set(labelCol, column);
    return this;
  }

  /**
   * Sets the fitted model's output column.
   *
   * @param column the new column's name
   * @return this estimator
   * @since 0.1.0
   */
  public NnEstimator setOutputCol(String column) {
    set(outputCol, column);
    return this;
  }

  /**
   * Sets the seed of the model's initial parameters.
   *
   * @param value the seed
   * @return this estimator
   * @since 0.1.0
   */
  public NnEstimator setSeed(long value) {
    set(seed, value);
    return this;
  }

  /**
   * Sets the number of epochs.
   *
   * @param value the passes over the data, non-negative
   * @return this estimator
   * @throws IllegalArgumentException if value is negative
   * @since 0.1.0
   */
  public NnEstimator setEpochs(int value) {
    set(epochs, value);
    return this;
  }

  /**
   * Trains a network with the trainer: {@link SparkTrainer#fitEpochs(Dataset, String, String,
   * long, int)} with this estimator's columns, seed and epochs.
   *
   * @param dataset the training rows
   * @return the fitted model, whose parent is this estimator
   * @throws IllegalArgumentException as {@code fitEpochs} does
   */
  @Override
  public NnModel fit(Dataset<?> dataset) {
    String features = getOrDefault(featuresCol);
    Network network = trainer.fitEpochs(dataset.toDF(), features, getOrDefault(labelCol),
        (Long) getOrDefault(seed), (Integer) getOrDefault(epochs));
    NnModel model = new NnModel(uid + "_model", trainer.config().model(), network)
        .setFeaturesCol(features)
        .setOutputCol(getOrDefault(outputCol));
    return model.setParent(this);
  }

  /**
   * Checks the features and label columns and adds the output column (a Vector).
   *
   * @param schema the input schema
   * @return the fitted model's output schema
   * @throws IllegalArgumentException if a column is missing or of another type, or the output
   *     column exists
   */
  @Override
  public StructType transformSchema(StructType schema) {
    SparkInput.featuresIndex(schema, getOrDefault(featuresCol));
    SparkInput.labelIndex(schema, getOrDefault(labelCol));
    SparkInput.checkNew(schema, getOrDefault(outputCol));
    return schema.add(getOrDefault(outputCol), SQLDataTypes.VectorType(), false);
  }

  /**
   * Returns a copy with the same trainer and these extra parameters.
   *
   * @param extra parameter values to override
   * @return the copy
   */
  @Override
  public NnEstimator copy(ParamMap extra) {
    return copyValues(new NnEstimator(uid, trainer), extra);
  }
}

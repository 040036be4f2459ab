package io.github.nndsl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NnEstimatorTest {

  static final TestSpark.Blobs DATA = ShardedTrainingTest.DATA;
  static final SparkTrainer TRAINER = SparkTrainerTest.SYNC;

  /** The blobs as four plain double columns a, b, c, d and a label, for a VectorAssembler. */
  static Dataset<Row> columns() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < DATA.x().length; i++) {
      double[] x = DATA.x()[i];
      rows.add(RowFactory.create(x[0], x[1], x[2], x[3], DATA.labels()[i]));
    }
    StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
        .add("c", DataTypes.DoubleType).add("d", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
    return TestSpark.session().createDataFrame(rows, schema).repartition(3);
  }

  static Pipeline pipeline() {
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"})
        .setOutputCol("features");
    NnEstimator nn = NnEstimator.of(TRAINER).setEpochs(2).setSeed(11).setOutputCol("scores");
    return new Pipeline().setStages(new PipelineStage[] {assembler, nn});
  }

  /** The scores of the rows, in the order of their features. */
  static List<String> scores(Dataset<Row> scored) {
    List<String> out = new ArrayList<>();
    for (Row r : scored.orderBy("a", "b", "c", "d").select("scores").collectAsList()) {
      out.add(java.util.Arrays.toString(((Vector) r.get(0)).toArray()));
    }
    return out;
  }

  @Test
  void aPipelineStageAfterVectorAssemblerTrainsAsSparkTrainer() {
    PipelineModel fitted = pipeline().fit(columns());
    NnModel model = (NnModel) fitted.stages()[1];
    double[] expected = TRAINER.fitEpochs(DATA.frame(2), "features", "label", 11, 2).parameters().snapshot();
    assertArrayEquals(expected, model.network().parameters().snapshot());
    assertEquals("scores", model.getOutputCol());
    Dataset<Row> scored = fitted.transform(columns());
    Dataset<Row> direct = SparkPredict.predict(model.model(), model.network(),
        new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"}).setOutputCol("features")
            .transform(columns()), "features", "scores");
    assertEquals(scores(direct), scores(scored));
  }

  @Test
  void aModelSavesAndLoadsThroughItsModelFile(@TempDir Path dir) {
    NnModel model = NnModel.of(SparkPredictTest.MODEL, SparkPredictTest.NETWORK).setOutputCol("scores");
    String path = dir.resolve("nn").toString();
    model.save(path);
    NnModel loaded = NnModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals("scores", loaded.getOutputCol());
    assertEquals(model.model(), loaded.model());
    assertArrayEquals(model.network().parameters().snapshot(), loaded.network().parameters().snapshot());
    // a plain nn-dsl model file sits in the directory
    assertEquals(model.model(), io.github.nndsl.dsl.file.ModelFile.load(dir.resolve("nn").resolve(NnModel.FILE)).model());
  }

  @Test
  void aPipelineModelSavesAndLoadsWithTheNetwork(@TempDir Path dir) {
    Dataset<Row> data = columns();
    PipelineModel fitted = pipeline().fit(data);
    String path = dir.resolve("pipeline").toString();
    try {
      fitted.write().save(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(NnModel.class, loaded.stages()[1].getClass());
    assertEquals(scores(fitted.transform(data)), scores(loaded.transform(data)));
  }

  @Test
  void schemaChecksNameTheColumn() {
    NnEstimator nn = NnEstimator.of(TRAINER).setLabelCol("y");
    assertEquals("column 'y' does not exist; the columns are [features, label]",
        assertThrows(IllegalArgumentException.class, () -> nn.transformSchema(DATA.frame(1).schema())).getMessage());
    NnModel model = NnModel.of(SparkPredictTest.MODEL, SparkPredictTest.NETWORK).setFeaturesCol("label");
    assertEquals("column 'label' must be a Spark ML Vector or array<double>, but is double; assemble it with"
            + " VectorAssembler",
        assertThrows(IllegalArgumentException.class, () -> model.transformSchema(DATA.frame(1).schema())).getMessage());
  }

  @Test
  void copiesKeepTheTrainerAndTakeExtraParameters() {
    NnEstimator nn = NnEstimator.of(TRAINER).setEpochs(3);
    NnEstimator copy = nn.copy(new org.apache.spark.ml.param.ParamMap().put(nn.epochs(), 5));
    assertEquals(5, copy.getOrDefault(copy.epochs()));
    assertEquals(3, nn.getOrDefault(nn.epochs()));
    assertEquals(nn.uid(), copy.uid());
    NnModel model = NnModel.of(SparkPredictTest.MODEL, SparkPredictTest.NETWORK);
    assertSame(model.network(), model.copy(new org.apache.spark.ml.param.ParamMap()).network());
  }
}

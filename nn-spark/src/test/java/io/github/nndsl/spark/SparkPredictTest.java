package io.github.nndsl.spark;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.softmax;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SparkPredictTest {

  static final Sequential MODEL = Sequential.of(linear(4, 16), relu(), linear(16, 3), softmax());
  static final Network NETWORK = MODEL.compile(8);
  // 600 rows: more than two blocks of 256, so blocks and their ends are exercised
  static final TestSpark.Blobs DATA = TestSpark.Blobs.of(200, 9);

  /** Each row's output, looked up by its features (row order is not kept across partitions). */
  static void assertBitForBit(Dataset<Row> scored) {
    Tensor expected = NETWORK.predict(Tensor.of(DATA.x()));
    List<Row> rows = scored.collectAsList();
    assertEquals(DATA.x().length, rows.size());
    java.util.Map<String, double[]> byFeatures = new java.util.HashMap<>();
    for (Row r : rows) {
      byFeatures.put(java.util.Arrays.toString(SparkInput.features(r, 0)), ((Vector) r.getAs("output")).toArray());
    }
    for (int i = 0; i < DATA.x().length; i++) {
      double[] want = new double[3];
      for (int j = 0; j < 3; j++) {
        want[j] = expected.get(i, j);
      }
      assertArrayEquals(want, byFeatures.get(java.util.Arrays.toString(DATA.x()[i])), "row " + i);
      // one row at a time, too: the block a row is scored in does not change its bits
      assertArrayEquals(want, NETWORK.predict(Tensor.of(new double[][] {DATA.x()[i]})).toArray(), "row " + i);
    }
  }

  @Test
  void scoresBitForBitAsNetworkPredictInAnyPartitioning() {
    for (int partitions : new int[] {1, 2, 3, 7}) {
      assertBitForBit(SparkPredict.predict(MODEL, NETWORK, DATA.frame(partitions), "features", "output"));
    }
  }

  @Test
  void readsSparseVectorsAndDoubleArrays() {
    assertBitForBit(SparkPredict.predict(MODEL, NETWORK, DATA.frame(3, true), "features", "output"));
    assertBitForBit(SparkPredict.predict(MODEL, NETWORK, DATA.arrayFrame(2), "features", "output"));
  }

  @Test
  void keepsTheOtherColumns() {
    Dataset<Row> scored = SparkPredict.predict(MODEL, NETWORK, DATA.frame(2), "features", "output");
    assertArrayEquals(new String[] {"features", "label", "output"}, scored.columns());
    assertEquals(200, scored.filter(col("label").equalTo(1.0)).count());
  }

  @Test
  void rejectsAMissingOrMistypedColumnBeforeAnyJob() {
    Dataset<Row> frame = DATA.frame(2);
    int before = JobCounter.get().started();
    assertEquals("column 'x' does not exist; the columns are [features, label]",
        assertThrows(IllegalArgumentException.class,
            () -> SparkPredict.predict(MODEL, NETWORK, frame, "x", "output")).getMessage());
    assertEquals("column 'label' must be a Spark ML Vector or array<double>, but is double; assemble it with"
            + " VectorAssembler",
        assertThrows(IllegalArgumentException.class,
            () -> SparkPredict.predict(MODEL, NETWORK, frame, "label", "output")).getMessage());
    assertEquals("output column 'label' already exists; the columns are [features, label]",
        assertThrows(IllegalArgumentException.class,
            () -> SparkPredict.predict(MODEL, NETWORK, frame, "features", "label")).getMessage());
    assertEquals(before, JobCounter.get().started());
  }

  @Test
  void rejectsANetworkOfAnotherModel() {
    Network other = Sequential.of(linear(4, 3), softmax()).compile(0);
    String message = assertThrows(IllegalArgumentException.class,
        () -> SparkPredict.predict(MODEL, other, DATA.frame(1), "features", "output")).getMessage();
    assertTrue(message.startsWith("network Network(Linear(4, 3), Softmax; 15 parameters) was not compiled from"), message);
  }

  @Test
  void aRowOfTheWrongWidthFailsTheJobNamingTheColumnAndRow() {
    Dataset<Row> narrow = TestSpark.session().sql("SELECT array(1.0D, 2.0D, 3.0D) AS features");
    Exception e = assertThrows(Exception.class,
        () -> SparkPredict.predict(MODEL, NETWORK, narrow, "features", "output").collectAsList());
    assertTrue(rootMessage(e).contains(
        "column 'features' must hold 4 values (the model's inputs), but the row [1.0, 2.0, 3.0] has 3"), rootMessage(e));
  }

  @Test
  void aNaNFailsTheJobNamingTheColumnAndRow() {
    Dataset<Row> nan = TestSpark.session().sql("SELECT array(1.0D, double('NaN'), 3.0D, 4.0D) AS features");
    Exception e = assertThrows(Exception.class,
        () -> SparkPredict.predict(MODEL, NETWORK, nan, "features", "output").collectAsList());
    assertTrue(rootMessage(e).contains(
        "column 'features' must hold finite values, but value 1 of the row [1.0, NaN, 3.0, 4.0] is NaN"), rootMessage(e));
  }

  static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}

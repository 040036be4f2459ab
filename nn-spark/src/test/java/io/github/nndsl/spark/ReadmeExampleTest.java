package io.github.nndsl.spark;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.dsl.Sequential;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The README's "Apache Spark" example, line for line (NOTES.md until the lead merges it). */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleTrainsAndScores() {
    Dataset<Row> data = TestSpark.Blobs.of(100, 21).frame(4); // columns "features" (Vector), "label" (0, 1, 2)

    // --- README ---
    Sequential model = Sequential.of(linear(4, 16), relu(), linear(16, 3));
    Network network = SparkTrainer.of(model, Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
        .withBatchSize(32)
        .withShards(4)
        .fitEpochs(data, "features", "label", 0, 20, (epoch, loss) -> System.out.println(epoch + " " + loss));
    Dataset<Row> scored = SparkPredict.predict(model, network, data, "features", "logits");
    // --- end ---

    long right = 0;
    for (Row r : scored.select("logits", "label").collectAsList()) {
      right += ((Vector) r.get(0)).argmax() == (int) r.getDouble(1) ? 1 : 0;
    }
    assertEquals(300, scored.count());
    assertTrue(right >= 270, right + " of 300 right"); // the blobs overlap a little
  }
}

package io.github.nndsl.samples

import io.github.nndsl.core.Losses
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.Tensor
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.spark.SparkPredict
import io.github.nndsl.spark.SparkTrainer
import org.apache.spark.ml.feature.VectorAssembler
import org.apache.spark.ml.linalg.Vector
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The Spark API from Kotlin: SparkTrainer with a trailing-lambda epoch listener, then SparkPredict. */
class KotlinSparkTest {

    @Test
    fun trainsWithAnEpochListenerAndScoresBitForBitAsTheNetwork() {
        val spark = SparkSampleTest.spark()
        val table = GeneratedTable.frame(spark, 600, 3)
        val data = VectorAssembler()
            .setInputCols(GeneratedTable.featureNames())
            .setOutputCol("features")
            .transform(table)
            .select("features", "label")

        val model = Sequential.of(linear(GeneratedTable.FEATURES, 32), relu(), linear(32, 2))
        val losses = mutableListOf<Double>()
        val network = SparkTrainer.of(model, Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
            .withBatchSize(100)
            .withShards(4)
            .fitEpochs(data, "features", "label", 0, 8) { epoch, loss ->
                assertEquals(losses.size + 1, epoch)
                losses.add(loss)
            }
        assertEquals(8, losses.size)
        assertTrue(losses.last() < losses.first(), "losses $losses")

        val scored = SparkPredict.predict(model, network, data, "features", "logits")
        assertEquals(listOf("features", "label", "logits"), scored.columns().toList())
        val rows = scored.collectAsList()
        val features = rows.map { it.getAs<Vector>("features").toArray() }.toTypedArray()
        val expected = network.predict(Tensor.of(features))
        rows.forEachIndexed { i, row ->
            val logits = row.getAs<Vector>("logits").toArray()
            assertArrayEquals(doubleArrayOf(expected.get(i, 0), expected.get(i, 1)), logits, 0.0, "row $i")
        }
        val accuracy = SparkTables.accuracy(scored, "logits", "label")
        assertTrue(accuracy > 0.6, "accuracy $accuracy after 8 epochs on 600 rows")
    }
}

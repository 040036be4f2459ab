package io.github.nndsl.samples

import io.github.nndsl.core.Losses
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.core.metric.Metrics
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.data.Dataset
import io.github.nndsl.dsl.data.DatasetException
import io.github.nndsl.dsl.data.Target
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.toPath

/** The data and metric API from Kotlin: destructured splits, properties, Vavr's Validation. */
class KotlinDataTest {

    private val iris: Path = requireNotNull(KotlinDataTest::class.java.getResource("/data/iris.csv")).toURI().toPath()

    @Test
    fun readsSplitsTrainsAndMeasuresIris() {
        val data = Dataset.readCsv(iris, Target.classes("class"))
        val (train, validation) = data.split(0.2, 42)
        assertEquals(120, train.rows())
        assertEquals(30, validation.rows())
        val net = Sequential.of(linear(4, 16), relu(), linear(16, 3)).compile(0)
        Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-2))
            .withBatchSize(16)
            .fitEpochs(net, train.features(), train.targets(), 60)
        val p = net.predict(validation.features())
        val accuracy = Metrics.accuracy(p, validation.targets())
        assertTrue(accuracy > 0.8, "accuracy $accuracy")
        val report = Metrics.classificationReport(p, validation.targets(), data.classes())
        assertTrue(report.contains("versicolor"), report)
        val matrix = Metrics.confusionMatrix(p, validation.targets())
        assertEquals(30, matrix.sumOf { it.sum() })
    }

    @Test
    fun collectsEveryProblemAsAValidation(@TempDir dir: Path) {
        val file = dir.resolve("bad.csv")
        Files.writeString(file, "x,y\n1,a\n,b\nNaN,a\n")
        val read = Dataset.validateCsv(file, Target.classes("y"), listOf("x"))
        assertTrue(read.isInvalid)
        assertEquals(2, read.error.size())
        val thrown = assertThrows(DatasetException::class.java) { Dataset.readCsv(file, Target.classes("y")) }
        assertEquals(read.error.toJavaList(), thrown.problems())
    }
}

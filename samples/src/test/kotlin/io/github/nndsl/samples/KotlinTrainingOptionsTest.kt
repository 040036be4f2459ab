package io.github.nndsl.samples

import io.github.nndsl.core.Losses
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.train.Schedules
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.data.Dataset
import io.github.nndsl.dsl.data.Target
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Path
import kotlin.io.path.toPath

/** Validation, early stopping, AdamW, a schedule and clipping from Kotlin, with a trailing lambda. */
class KotlinTrainingOptionsTest {

    private val iris: Path =
        requireNotNull(KotlinTrainingOptionsTest::class.java.getResource("/data/iris.csv")).toURI().toPath()

    @Test
    fun trainsWithValidationAndStopsEarly() {
        val data = Dataset.readCsv(iris, Target.classes("class"))
        val (train, validation) = data.split(0.2, 42)
        val net = Sequential.of(linear(4, 16), relu(), linear(16, 3)).compile(0)
        val seen = mutableListOf<Double>()
        val history = Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adamW(1e-2, 1e-2))
            .withBatchSize(16)
            .withSchedule(Schedules.cosine(100))
            .withGradientClipping(5.0)
            .withEarlyStopping(10)
            .withValidation(validation.features(), validation.targets()) { _, _, validationLoss ->
                seen.add(validationLoss)
            }
            .fitEpochs(net, train.features(), train.targets(), 100)
        assertEquals(seen, history.validationLosses().toList())
        assertEquals(seen.indexOf(seen.min()), history.bestEpoch())
        assertTrue(history.validationLosses()[history.bestEpoch()] < 0.5, history.toString())
    }
}

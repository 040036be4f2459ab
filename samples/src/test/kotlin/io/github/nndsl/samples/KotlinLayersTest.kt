package io.github.nndsl.samples

import io.github.nndsl.core.Losses
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.metric.Metrics
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.dsl.Layers.dropout
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.standardize
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.data.Dataset
import io.github.nndsl.dsl.data.Target
import io.github.nndsl.dsl.file.ModelFile
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.io.path.toPath

/** standardize and dropout from Kotlin: a model that takes raw iris features, saved and loaded. */
class KotlinLayersTest {

    private val iris: Path = requireNotNull(KotlinLayersTest::class.java.getResource("/data/iris.csv")).toURI().toPath()

    @Test
    fun standardizesRawFeaturesTrainsWithDropoutAndSavesTheConstants(@TempDir dir: Path) {
        val (train, validation) = Dataset.readCsv(iris, Target.classes("class")).split(0.2, 42)
        val model = Sequential.of(standardize(train.features()), linear(4, 16), relu(), dropout(0.1), linear(16, 3))
        val net = model.compile(0)
        Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-2))
            .withBatchSize(16)
            .fitEpochs(net, train.features(), train.targets(), 60)
        val accuracy = Metrics.accuracy(net.predict(validation.features()), validation.targets())
        assertTrue(accuracy > 0.8, "accuracy $accuracy")

        val file = dir.resolve("iris.safetensors")
        ModelFile.save(file, model, net)
        val (loadedModel, loadedNet) = ModelFile.load(file)
        assertEquals(model, loadedModel)
        assertEquals(net.predict(validation.features()), loadedNet.predict(validation.features()))
        assertEquals("Standardize(4)", loadedModel.layers()[0].toString())
    }
}

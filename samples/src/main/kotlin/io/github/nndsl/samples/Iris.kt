@file:JvmName("Iris")

package io.github.nndsl.samples

import io.github.nndsl.core.Losses
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.metric.Metrics
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.dsl.Layers.linear
import io.github.nndsl.dsl.Layers.relu
import io.github.nndsl.dsl.Layers.standardize
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.data.Dataset
import io.github.nndsl.dsl.data.Target
import java.io.PrintStream
import java.nio.file.Path
import kotlin.system.exitProcess

/** Epochs without a lower validation loss before [trainIris] stops. */
private const val PATIENCE = 20

/** What a run of [trainIris] measured. */
data class IrisRun(val accuracy: Double, val epochsRun: Int, val bestEpoch: Int, val pictures: List<Path>)

/**
 * Real data from Kotlin: Fisher's iris flowers (150 rows, 4 measurements, 3 species) from a CSV file
 * to a validated, early-stopped model, its classification report and confusion matrix. Run it with
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.mainClass=io.github.nndsl.samples.Iris
 * (options: --out DIR, --epochs N; exits with status 1 below 90 % validation accuracy).
 */
fun main(args: Array<String>) {
    val options = SampleOptions.parse(args, "epochs", 300)
    if (trainIris(options.out(), options.length(), System.out).accuracy < 0.9) {
        exitProcess(1)
    }
}

/** Reads, trains at most [epochs] epochs, prints to [print] and writes two pictures to [out]. */
fun trainIris(out: Path, epochs: Int, print: PrintStream): IrisRun {
    val iris = Dataset.readCsv(SampleData.path("iris.csv"), Target.classes("class"))
    val (train, validation) = iris.split(0.2, 42)
    print.println("$iris: ${train.rows()} for training, ${validation.rows()} for validation")

    // the model's first layer standardises with the training rows' constants: it takes raw measurements
    val model = Sequential.of(standardize(train.features()), linear(4, 16), relu(), linear(16, 3))
    val net = model.compile(0)
    val history = Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(0.01)).withBatchSize(16).withShuffleSeed(1)
        .withValidation(validation.features(), validation.targets()).withEarlyStopping(PATIENCE)
        .fitEpochs(net, train.features(), train.targets(), epochs, Progress.to(print, "epochs", epochs))
    val best = history.bestEpoch()
    val losses = history.validationLosses()
    print.println("trained ${losses.size} epochs; kept epoch ${best + 1} (validation loss ${"%.4f".format(losses[best])})")

    val p = net.predict(validation.features())
    val accuracy = Metrics.accuracy(p, validation.targets())
    print.println("validation accuracy ${"%.4f".format(accuracy)}")
    print.print(Metrics.classificationReport(p, validation.targets(), iris.classes()))
    val matrix = Metrics.confusionMatrix(p, validation.targets())
    print.print(Digits.table(matrix, iris.classes()))

    val pictures = listOf(
        DataCharts.losses("Iris: loss per epoch (Adam 0.01)", history.epochLosses(), losses, best, out.resolve("iris-loss.png")),
        DataCharts.confusion("Iris: confusion matrix (validation rows)", matrix, iris.classes(), out.resolve("iris-confusion.png")),
    )
    print.println("pictures: ${pictures.joinToString()}")
    return IrisRun(accuracy, losses.size, best, pictures)
}

import io.github.nndsl.core.Losses
import io.github.nndsl.core.Optimizers
import io.github.nndsl.core.metric.Metrics
import io.github.nndsl.core.train.Trainer
import io.github.nndsl.dsl.Layers.*
import io.github.nndsl.dsl.Sequential
import io.github.nndsl.dsl.data.Dataset
import io.github.nndsl.dsl.data.Target
import java.nio.file.Path

fun main(args: Array<String>) {
    val file = Path.of(args.getOrElse(0) { "digits.csv" })             // samples/src/main/resources/data/
    val digits = Dataset.readCsv(file, Target.classes("label"))
    val (train, test) = digits.split(0.2, 42)                          // a Split destructures

    val net = Sequential.of(standardize(train.features()), linear(64, 64), relu(), linear(64, 10)).compile(0)
    val h = Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-3))
        .withBatchSize(32).withShuffleSeed(1)
        .withValidation(test.features(), test.targets()).withEarlyStopping(10)
        .fitEpochs(net, train.features(), train.targets(), 200)
    println("kept epoch ${h.bestEpoch() + 1} of ${h.validationLosses().size}")

    val p = net.predict(test.features())                               // raw pixels: the model scales them
    print(Metrics.classificationReport(p, test.targets(), digits.classes()))
    val accuracy = Metrics.accuracy(p, test.targets())
    check(accuracy >= 0.95) { "digits not learned: accuracy $accuracy" }
}

import static io.github.nndsl.dsl.Layers.*;

import io.github.nndsl.core.*;
import io.github.nndsl.core.metric.Metrics;
import io.github.nndsl.core.train.*;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.data.*;
import java.nio.file.Path;

public class RealData {
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "digits.csv");  // samples/src/main/resources/data/
    Dataset digits = Dataset.readCsv(file, Target.classes("label"));  // 1797 rows: 64 pixels, a label 0..9
    Dataset.Split split = digits.split(0.2, 42);                      // stratified by class, seeded
    Dataset train = split.train();
    Dataset test = split.validation();

    Sequential model = Sequential.of(standardize(train.features()), linear(64, 64), relu(), linear(64, 10));
    Network net = model.compile(0);
    TrainingHistory h = Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-3))
        .withBatchSize(32).withShuffleSeed(1)
        .withValidation(test.features(), test.targets()).withEarlyStopping(10)
        .fitEpochs(net, train.features(), train.targets(), 200);
    System.out.println("kept epoch " + (h.bestEpoch() + 1) + " of " + h.validationLosses().length);

    Tensor p = net.predict(test.features());                          // raw pixels: the model scales them
    System.out.print(Metrics.classificationReport(p, test.targets(), digits.classes()));
    int[][] cm = Metrics.confusionMatrix(p, test.targets());         // cm[actual][predicted]
    double accuracy = Metrics.accuracy(p, test.targets());
    System.out.println("accuracy " + accuracy + ", 3s read as 8s: " + cm[3][8]);
    if (accuracy < 0.95) {
      throw new IllegalStateException("digits not learned: accuracy " + accuracy);
    }
  }
}

package io.github.nndsl.samples;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.standardize;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.metric.Metrics;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.data.Dataset;
import io.github.nndsl.dsl.data.Target;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real data: the UCI handwritten digits (1,797 images of 8x8 pixels, 10 classes, as scikit-learn
 * ships them) from a CSV file to a validated, early-stopped, measured model. The recipe:
 * standardised pixels, {@code linear(64, 64) -> relu -> linear(64, 10)}, cross-entropy on logits,
 * Adam 1e-3, shuffled batches of 32, at most 200 epochs, stopping after 10 epochs without a lower
 * validation loss and keeping the best epoch's parameters. A stratified 80/20 split (seed 42)
 * gives the validation rows.
 *
 * <pre>{@code
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.mainClass=io.github.nndsl.samples.Digits
 * }</pre>
 *
 * <p>Prints the model, the training time, the classification report and the confusion matrix of
 * the validation rows; writes {@code digits-loss.png} (training and validation loss, the kept epoch
 * marked), {@code digits-confusion.png} and {@code digits-misclassified.png} to
 * {@code target/samples/} (or {@code --out DIR}); {@code --epochs N} changes the most epochs
 * (default 200). Exits with status 1 if the validation accuracy stays below 95 %.
 *
 * @since 0.1.0
 */
public final class Digits {

  static final int PATIENCE = 10;

  /** What a run measured, for the tests. */
  record Result(double accuracy, int epochsRun, int bestEpoch, double[] validationLosses, double bestValidationLoss) {}

  private Digits() {}

  /**
   * Runs the sample.
   *
   * @param args {@code --out DIR} (default {@code target/samples}), {@code --epochs N} (default 200)
   * @throws IllegalArgumentException on an unknown option
   */
  public static void main(String[] args) {
    if (run(SampleOptions.parse(args, "epochs", 200), System.out).accuracy() < 0.95) {
      System.exit(1);
    }
  }

  /** Reads, trains, prints and draws. */
  static Result run(SampleOptions options, PrintStream out) {
    Dataset digits = Dataset.readCsv(SampleData.path("digits.csv"), Target.classes("label"));
    Dataset.Split split = digits.split(0.2, 42);
    Dataset train = split.train();
    Dataset validation = split.validation();
    out.println(digits + ": " + train.rows() + " for training, " + validation.rows() + " for validation");

    // the model's first layer standardises with the training rows' constants: it takes raw pixels
    Sequential model = Sequential.of(standardize(train.features()), linear(64, 64), relu(), linear(64, 10));
    out.print(model.summary());
    out.println();
    Network net = model.compile(0);
    Loss loss = Losses.crossEntropyWithLogits();
    Trainer trainer = Trainer.of(loss, Optimizers.adam(1e-3)).withBatchSize(32).withShuffleSeed(1)
        .withValidation(validation.features(), validation.targets()).withEarlyStopping(PATIENCE);
    int epochs = options.length();

    long start = System.nanoTime();
    TrainingHistory history = trainer.fitEpochs(net, train.features(), train.targets(), epochs,
        Progress.to(out, "epochs", epochs));
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] validationLosses = history.validationLosses();
    int best = history.bestEpoch();
    out.println(Main.fmt("trained %d epochs in %.3f s; kept epoch %d (validation loss %.4f)%s",
        validationLosses.length, seconds, best + 1, validationLosses[best],
        history.stoppedEarly() ? ", stopped early after " + PATIENCE + " epochs without improvement" : ""));

    Tensor p = net.predict(validation.features());
    double accuracy = Metrics.accuracy(p, validation.targets());
    out.println(Main.fmt("validation accuracy %.4f (%d rows)", accuracy, validation.rows()));
    out.println();
    out.print(Metrics.classificationReport(p, validation.targets(), digits.classes()));
    out.println();
    int[][] matrix = Metrics.confusionMatrix(p, validation.targets());
    out.print(table(matrix, digits.classes()));

    List<DataCharts.Mistake> mistakes = mistakes(validation, p, digits.classes());
    Path lossPng = DataCharts.losses("Digits: loss per epoch (Adam 1e-3, batches of 32)", history.epochLosses(),
        validationLosses, best, options.out().resolve("digits-loss.png"));
    Path confusionPng = DataCharts.confusion("Digits: confusion matrix (validation rows)", matrix, digits.classes(),
        options.out().resolve("digits-confusion.png"));
    Path mistakesPng = DataCharts.mistakes("Digits: misclassified validation images", mistakes, 24,
        options.out().resolve("digits-misclassified.png"));
    out.println("pictures: " + lossPng + ", " + confusionPng + ", " + mistakesPng);
    return new Result(accuracy, validationLosses.length, best, validationLosses,
        loss.compute(net.predict(validation.features()), validation.targets()));
  }

  /** The confusion matrix as text: actual classes down, predicted across. */
  static String table(int[][] matrix, List<String> classes) {
    int width = 5;
    for (String c : classes) {
      width = Math.max(width, c.length() + 1);
    }
    String cell = "%" + width + "s";
    StringBuilder s = new StringBuilder("confusion matrix (rows: actual, columns: predicted)\n");
    s.append(Main.fmt(cell, ""));
    for (String c : classes) {
      s.append(Main.fmt(cell, c));
    }
    s.append('\n');
    for (int a = 0; a < matrix.length; a++) {
      s.append(Main.fmt(cell, classes.get(a)));
      for (int count : matrix[a]) {
        s.append(Main.fmt(cell, Integer.toString(count)));
      }
      s.append('\n');
    }
    return s.toString();
  }

  /** The validation rows whose predicted class (argmax) is not their class, with their raw pixels. */
  static List<DataCharts.Mistake> mistakes(Dataset validation, Tensor predictions, List<String> classes) {
    List<DataCharts.Mistake> found = new ArrayList<>();
    for (int r = 0; r < validation.rows(); r++) {
      int actual = argmax(validation.targets(), r);
      int predicted = argmax(predictions, r);
      if (actual != predicted) {
        double[] pixels = new double[validation.features().dim(1)];
        for (int j = 0; j < pixels.length; j++) {
          pixels[j] = validation.features().get(r, j);
        }
        found.add(new DataCharts.Mistake(pixels, classes.get(actual), classes.get(predicted)));
      }
    }
    return found;
  }

  private static int argmax(Tensor t, int row) {
    int best = 0;
    for (int c = 1; c < t.dim(1); c++) {
      if (t.get(row, c) > t.get(row, best)) {
        best = c;
      }
    }
    return best;
  }
}

package io.github.nndsl.benchmarks;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.standardize;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.metric.Metrics;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.data.Dataset;
import io.github.nndsl.dsl.data.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The digits recipe of issue 11 on nn-dsl's side, and the data both sides train on: the committed
 * digits (from nn-samples' jar), {@code Dataset.split(0.2, 42)}, and that split's row indices for
 * the Python peers, so every contender trains and is measured on exactly the same rows.
 */
final class DigitsRecipe {

  /** One measured fit: seconds of training and the accuracy on the validation rows. */
  record Fit(double seconds, double accuracy) {}

  final Path csv;
  final Dataset train;
  final Dataset validation;
  final int[] trainRows;
  final int[] validationRows;

  private DigitsRecipe(Path csv, Dataset digits, int[][] rows) {
    this.csv = csv;
    this.train = digits.select(rows[0]);
    this.validation = digits.select(rows[1]);
    this.trainRows = rows[0];
    this.validationRows = rows[1];
  }

  /** Reads the digits and splits them; the split's rows are checked against {@code Dataset.split}. */
  static DigitsRecipe load() {
    Path csv = extract("/data/digits.csv", ".csv");
    Dataset digits = Dataset.readCsv(csv, Target.classes("label"));
    Dataset.Split split = digits.split(0.2, 42);
    int[][] rows = splitRows(digits);
    DigitsRecipe recipe = new DigitsRecipe(csv, digits, rows);
    if (!recipe.train.features().equals(split.train().features())
        || !recipe.validation.features().equals(split.validation().features())
        || !recipe.validation.targets().equals(split.validation().targets())) {
      throw new IllegalStateException("the exported row indices do not give Dataset.split's rows");
    }
    return recipe;
  }

  /**
   * The row indices of {@code digits.split(0.2, 42)}: the split depends only on the targets and
   * the seed, so a table of (row number, label) with the same labels splits into the same rows,
   * and its one feature then names them.
   */
  private static int[][] splitRows(Dataset digits) {
    StringBuilder table = new StringBuilder("row,label\n");
    for (int r = 0; r < digits.rows(); r++) {
      int c = 0;
      for (int k = 1; k < digits.classes().size(); k++) {
        c = digits.targets().get(r, k) > digits.targets().get(r, c) ? k : c;
      }
      table.append(r).append(',').append(digits.classes().get(c)).append('\n');
    }
    try {
      Path file = Files.createTempFile("nndsl-digits-rows", ".csv");
      try {
        Files.writeString(file, table, StandardCharsets.UTF_8);
        Dataset.Split split = Dataset.readCsv(file, Target.classes("label")).split(0.2, 42);
        return new int[][] {column(split.train()), column(split.validation())};
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] column(Dataset d) {
    int[] rows = new int[d.rows()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (int) d.features().get(i, 0);
    }
    return rows;
  }

  /**
   * Row counts and sums of the training and validation features and class indices, as the
   * Python peer's {@code check} answers them: both sides then train on the same numbers.
   */
  String checksum() {
    return train.rows() + " " + validation.rows() + " " + sum(train) + " " + labelSum(train) + " " + sum(validation)
        + " " + labelSum(validation);
  }

  private static double sum(Dataset d) {
    double s = 0; // the pixels are small integers: any summation order gives the exact same double
    for (double v : d.features().toArray()) {
      s += v;
    }
    return s;
  }

  private static int labelSum(Dataset d) {
    int s = 0;
    for (int r = 0; r < d.rows(); r++) {
      for (int k = 0; k < d.classes().size(); k++) {
        if (d.targets().get(r, k) == 1) {
          s += Integer.parseInt(d.classes().get(k));
        }
      }
    }
    return s;
  }

  /** Writes {@code train: i,j,...} and {@code validation: ...} lines for the Python peers. */
  Path writeRows() throws IOException {
    Path file = Files.createTempFile("nndsl-digits-split", ".txt");
    file.toFile().deleteOnExit();
    Files.writeString(file, "train: " + join(trainRows) + "\nvalidation: " + join(validationRows) + "\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private static String join(int[] rows) {
    return Arrays.stream(rows).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  /**
   * Trains the recipe once and measures it: standardise, 64-64-10 with ReLU, cross-entropy on
   * logits, Adam 1e-3, shuffled batches of 32, {@code epochs} epochs, no L2, no early stopping.
   * Timed: the standardisation's fit (the model's first layer, so the network takes raw pixels),
   * compiling and training.
   */
  Fit fit(int epochs) {
    return fit(epochs, 0);
  }

  /** {@link #fit(int)} from other weights and another shuffle: compiled with seed, shuffled with seed + 1. */
  Fit fit(int epochs, long seed) {
    long start = System.nanoTime();
    Network net = Sequential.of(standardize(train.features()), linear(64, 64), relu(), linear(64, 10)).compile(seed);
    Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-3))
        .withBatchSize(32)
        .withShuffleSeed(seed + 1)
        .fitEpochs(net, train.features(), train.targets(), epochs);
    double seconds = (System.nanoTime() - start) / 1e9;
    Tensor p = net.predict(validation.features());
    return new Fit(seconds, Metrics.accuracy(p, validation.targets()));
  }

  /** Copies a class-path resource (inside the benchmarks jar) to a temporary file. */
  static Path extract(String resource, String suffix) {
    try (InputStream in = DigitsRecipe.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      Path file = Files.createTempFile("nndsl-", suffix);
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

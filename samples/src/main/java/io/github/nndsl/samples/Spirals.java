package io.github.nndsl.samples;

import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Non-linear 2-D classification: three interleaved spirals (300 points drawn from NumPy's seeded
 * generator), learned by a ReLU network with softmax cross-entropy on logits and Adam, in shuffled
 * mini-batches of 32.
 *
 * <pre>{@code
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.mainClass=io.github.nndsl.samples.Spirals
 * }</pre>
 *
 * <p>Prints the training time and accuracy, writes {@code spirals-loss.png} and
 * {@code spirals-boundary.png} to {@code target/samples/} (or {@code --out DIR}); {@code --epochs N}
 * changes the length of training (default 200). Exits with status 1 if the training accuracy stays
 * below 90 %.
 *
 * @since 0.1.0
 */
public final class Spirals {

  static final int CLASSES = 3;
  static final int POINTS_PER_CLASS = 100;

  private Spirals() {}

  /**
   * Runs the sample.
   *
   * @param args {@code --out DIR} (default {@code target/samples}), {@code --epochs N} (default 200)
   * @throws IllegalArgumentException on an unknown option
   */
  public static void main(String[] args) {
    if (run(SampleOptions.parse(args, "epochs", 200), System.out) < 0.9) {
      System.exit(1);
    }
  }

  /** Trains, prints and draws; returns the accuracy on the training points. */
  static double run(SampleOptions options, PrintStream out) {
    NumPyRandom rng = NumPyRandom.defaultRng(0);
    Tensor x = points(rng);
    int[] labels = labels();
    Tensor y = oneHot(labels);

    // the network ends in logits; crossEntropyWithLogits fuses the softmax into the loss
    Sequential model = Sequential.of(linear(2, 64), relu(), linear(64, 64), relu(), linear(64, CLASSES));
    out.println("three spirals, " + x.dim(0) + " points: " + model);
    out.print(model.summary());
    out.println();
    Network net = model.compile(1);
    int epochs = options.length();
    Trainer trainer = Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
        .withBatchSize(32)
        .withShuffleSeed(2);
    long start = System.nanoTime();
    TrainingHistory history = trainer.fitEpochs(net, x, y, epochs, Progress.to(out, "epochs", epochs));
    double seconds = (System.nanoTime() - start) / 1e9;

    Tensor probabilities = softmax(net.predict(x));
    int[] predicted = argmax(probabilities);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    double accuracy = (double) correct / labels.length;
    out.println(Main.fmt("trained %d epochs (%d steps of 32) in %.3f s: loss %.4f, training accuracy %.1f %%",
        epochs, history.steps(), seconds, history.finalLoss(), 100 * accuracy));
    int tip = POINTS_PER_CLASS - 1; // the outer end of spiral 0
    out.println(Main.fmt("softmax at the outer end of spiral 0 (%.2f, %.2f): [%.3f, %.3f, %.3f]",
        x.get(tip, 0), x.get(tip, 1), probabilities.get(tip, 0), probabilities.get(tip, 1), probabilities.get(tip, 2)));

    Path loss = Charts.lossCurve(history.epochLosses(), "Spirals: mean cross-entropy per epoch (Adam)", "epoch",
        options.out().resolve("spirals-loss.png"));
    Path boundary = Charts.decisionBoundary("Spirals: decision regions (argmax of softmax)", -1.1, 1.1,
        grid -> argmax(softmax(net.predict(grid))), x, labels, options.out().resolve("spirals-boundary.png"));
    out.println("pictures: " + loss + ", " + boundary);
    return accuracy;
  }

  /**
   * Draws the spirals: arm {@code k} has radius {@code r = i / 99} and angle {@code 4k + 4r + 0.2 n}
   * with {@code n} standard normal, as in CS231n's classic example; shape (300, 2).
   */
  static Tensor points(NumPyRandom rng) {
    double[][] rows = new double[CLASSES * POINTS_PER_CLASS][];
    for (int k = 0; k < CLASSES; k++) {
      for (int i = 0; i < POINTS_PER_CLASS; i++) {
        double r = (double) i / (POINTS_PER_CLASS - 1);
        double angle = 4.0 * k + 4.0 * r + 0.2 * rng.standardNormal();
        rows[k * POINTS_PER_CLASS + i] = new double[] {r * Math.sin(angle), r * Math.cos(angle)};
      }
    }
    return Tensor.of(rows);
  }

  /** The class of each point: 100 zeros, 100 ones, 100 twos. */
  static int[] labels() {
    int[] labels = new int[CLASSES * POINTS_PER_CLASS];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i / POINTS_PER_CLASS;
    }
    return labels;
  }

  private static Tensor oneHot(int[] labels) {
    Tensor y = Tensor.zeros(labels.length, CLASSES);
    for (int i = 0; i < labels.length; i++) {
      y.set(i, labels[i], 1.0);
    }
    return y;
  }

  /** Turns logits into probabilities, row by row, with the row maximum subtracted first. */
  static Tensor softmax(Tensor logits) {
    int rows = logits.dim(0);
    int cols = logits.dim(1);
    Tensor p = Tensor.zeros(rows, cols);
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < cols; c++) {
        max = Math.max(max, logits.get(r, c));
      }
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        double e = Math.exp(logits.get(r, c) - max);
        p.set(r, c, e);
        sum += e;
      }
      for (int c = 0; c < cols; c++) {
        p.set(r, c, p.get(r, c) / sum);
      }
    }
    return p;
  }

  private static int[] argmax(Tensor p) {
    int[] best = new int[p.dim(0)];
    for (int r = 0; r < best.length; r++) {
      for (int c = 1; c < p.dim(1); c++) {
        if (p.get(r, c) > p.get(r, best[r])) {
          best[r] = c;
        }
      }
    }
    return best;
  }
}

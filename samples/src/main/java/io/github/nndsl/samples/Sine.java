package io.github.nndsl.samples;

import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.tanh;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Regression: a tanh network learns {@code y = sin(x)} on {@code [-π, π]} from 200 evenly spaced
 * points, with MSE and Adam in shuffled mini-batches.
 *
 * <pre>{@code
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.mainClass=io.github.nndsl.samples.Sine
 * }</pre>
 *
 * <p>Prints the training time and the final error, writes {@code sine-loss.png} and
 * {@code sine-fit.png} to {@code target/samples/} (or {@code --out DIR}); {@code --epochs N} changes
 * the length of training (default 300). Exits with status 1 if the mean squared error stays above
 * 0.001.
 *
 * @since 0.1.0
 */
public final class Sine {

  static final int POINTS = 200;

  private Sine() {}

  /**
   * Runs the sample.
   *
   * @param args {@code --out DIR} (default {@code target/samples}), {@code --epochs N} (default 300)
   * @throws IllegalArgumentException on an unknown option
   */
  public static void main(String[] args) {
    if (run(SampleOptions.parse(args, "epochs", 300), System.out) > 1e-3) {
      System.exit(1);
    }
  }

  /** Trains, prints and draws; returns the mean squared error on all points after training. */
  static double run(SampleOptions options, PrintStream out) {
    double[] xs = new double[POINTS];
    double[] ys = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      xs[i] = -Math.PI + 2 * Math.PI * i / (POINTS - 1);
      ys[i] = Math.sin(xs[i]);
    }
    Tensor x = Tensor.fromArray(xs, POINTS, 1);
    Tensor y = Tensor.fromArray(ys, POINTS, 1);

    Sequential model = Sequential.of(linear(1, 32), tanh(), linear(32, 32), tanh(), linear(32, 1));
    out.println("y = sin(x) on [-pi, pi], " + POINTS + " points: " + model);
    out.print(model.summary());
    out.println();
    Network net = model.compile(0);
    int epochs = options.length();
    long start = System.nanoTime();
    TrainingHistory history = Trainer.of(Losses.mse(), Optimizers.adam(0.01))
        .withBatchSize(20)
        .withShuffleSeed(1)
        .fitEpochs(net, x, y, epochs, Progress.to(out, "epochs", epochs));
    double seconds = (System.nanoTime() - start) / 1e9;

    Tensor p = net.predict(x);
    double mse = 0;
    double worst = 0;
    for (int i = 0; i < POINTS; i++) {
      double e = p.get(i, 0) - ys[i];
      mse += e * e / POINTS;
      worst = Math.max(worst, Math.abs(e));
    }
    out.println(Main.fmt("trained %d epochs (%d steps of 20) in %.3f s: MSE %.2e, largest error %.4f",
        epochs, history.steps(), seconds, mse, worst));
    out.println(Main.fmt("sin(pi/2) = 1, the network says %.4f",
        net.predict(Tensor.of(new double[][] {{Math.PI / 2}})).get(0, 0)));

    Path loss = Charts.lossCurve(history.epochLosses(), "Sine: mean MSE per epoch (Adam, tanh)", "epoch",
        options.out().resolve("sine-loss.png"));
    Path fit = Charts.fit("Sine: target and network", xs, ys, p.toArray(), options.out().resolve("sine-fit.png"));
    out.println("pictures: " + loss + ", " + fit);
    return mse;
  }
}

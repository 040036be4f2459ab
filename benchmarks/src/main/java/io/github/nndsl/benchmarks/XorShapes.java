package io.github.nndsl.benchmarks;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Sequential;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * XOR through the DSL against the hand loop, in several calling shapes, each in the JVM it is run
 * in: the ratio DSL / hand of thread CPU time, rounds interleaved, median over rounds. One shape per
 * JVM, so that each starts from fresh profiles (run it in a loop of fresh JVMs):
 *
 * <ul>
 *   <li>{@code fresh}: the model declared, compiled and fitted by a new Trainer every round, the seed
 *       varying, as a user's test or a hyper-parameter search does;
 *   <li>{@code reused}: one model and trainer declared once, a new network compiled per round (the
 *       JMH benchmark's shape);
 *   <li>{@code hidden}: the hidden width varying between 2 and 8 round by round;
 *   <li>{@code program}: inside a larger program: a 64-32-10 network trained first (the engine's
 *       larger paths warm and its profiles polluted), then XOR;
 *   <li>{@code steps}: the network reused, trained 100 steps at a time by {@code Trainer.fit}.
 * </ul>
 *
 * <pre>{@code
 * for s in fresh reused hidden program steps; do for i in 1 2 3 4 5; do
 *   java -cp benchmarks/target/benchmarks.jar io.github.nndsl.benchmarks.XorShapes $s; done; done
 * }</pre>
 */
public final class XorShapes {

  private static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  private static final Tensor Y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
  private static final int STEPS = 5000;
  /** Trainings per timing: about 4 ms, well above the clock's and the scheduler's noise. */
  private static final int REPEATS = 8;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private XorShapes() {}

  /**
   * Runs one shape and prints its median ratio.
   *
   * @param args the shape, and optionally the number of rounds (default 45)
   */
  public static void main(String[] args) {
    String shape = args.length == 0 ? "fresh" : args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 45;
    if (shape.equals("program")) {
      warmLargerPaths();
    }
    Sequential reusedModel = model(4);
    Trainer reusedTrainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));
    Network reusedNet = reusedModel.compile(0);
    List<Double> ratios = new ArrayList<>();
    double sink = 0;
    for (int r = 0; r < rounds; r++) {
      long seed = r % 10;
      int hidden = shape.equals("hidden") ? 2 + r % 7 : 4;
      boolean dslFirst = r % 2 == 0;
      long hand = 0;
      long dsl = 0;
      for (int pass = 0; pass < 2; pass++) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        if ((pass == 0) == dslFirst) {
          for (int i = 0; i < REPEATS; i++) {
            sink += dsl(shape, seed, hidden, reusedModel, reusedTrainer, reusedNet);
          }
          dsl = THREADS.getCurrentThreadCpuTime() - t0;
        } else {
          for (int i = 0; i < REPEATS; i++) {
            sink += HandXor.train(seed, hidden, 0.5, STEPS);
          }
          hand = THREADS.getCurrentThreadCpuTime() - t0;
        }
      }
      if (r >= rounds / 3) { // after the first third: the JIT has settled
        ratios.add((double) dsl / hand);
      }
    }
    ratios.sort(null);
    System.out.printf(Locale.ROOT, "%s: dsl/hand %.2fx (median of %d rounds, min %.2f, max %.2f) %s%n", shape,
        ratios.get(ratios.size() / 2), ratios.size(), ratios.get(0), ratios.get(ratios.size() - 1),
        sink == sink ? "" : "NaN");
  }

  private static double dsl(String shape, long seed, int hidden, Sequential model, Trainer trainer, Network net) {
    switch (shape) {
      case "fresh":
      case "program":
      case "hidden": {
        Network n = model(hidden).compile(seed);
        return Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(n, X, Y, STEPS).finalLoss();
      }
      case "reused":
        return trainer.fit(model.compile(seed), X, Y, STEPS).finalLoss();
      case "steps": {
        double loss = 0;
        Network n = model.compile(seed);
        for (int i = 0; i < STEPS / 100; i++) {
          loss = trainer.fit(n, X, Y, 100).finalLoss();
        }
        return loss;
      }
      default:
        throw new IllegalArgumentException("shape must be fresh, reused, hidden, program or steps, but was " + shape);
    }
  }

  private static Sequential model(int hidden) {
    return Sequential.of(linear(2, hidden).withWeightInit(Init.normal(0.5)), relu(),
        linear(hidden, 1).withWeightInit(Init.normal(0.5)), sigmoid());
  }

  /** A 64-32-10 network trained on random data for a while, before any XOR. */
  private static void warmLargerPaths() {
    io.github.nndsl.core.random.NumPyRandom rng = io.github.nndsl.core.random.NumPyRandom.defaultRng(3);
    Tensor x = rng.standardNormal(256, 64);
    double[][] labels = new double[256][10];
    for (int i = 0; i < 256; i++) {
      labels[i][i % 10] = 1.0;
    }
    Network n = Sequential.of(linear(64, 32), relu(), linear(32, 10)).compile(1);
    Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-3)).withBatchSize(32)
        .fitEpochs(n, x, Tensor.of(labels), 300);
  }
}

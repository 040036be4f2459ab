package io.github.nndsl.samples;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.Trainer;
import io.github.nndsl.core.TrainingHistory;
import io.github.nndsl.dsl.Sequential;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The default sample: runs the exercise's five checks on {@link Xor#trainXor} and prints the truth
 * table a trained network predicts.
 *
 * <pre>{@code
 * ./mvnw -q -pl samples -am compile exec:java
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Main {

  private Main() {}

  /**
   * Runs the sample.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    boolean allPassed = report(System.out);
    if (!allPassed) {
      System.exit(1);
    }
  }

  /**
   * Prints the five checks and the truth table to {@code out}.
   *
   * @param out where to print
   * @return whether all five checks passed
   */
  static boolean report(PrintStream out) {
    out.println("XOR, Linear(2, 4) -> ReLU -> Linear(4, 1) -> Sigmoid, MSE, SGD (the build-nn exercise)");
    out.println();
    int passed = 0;

    double check1 = Xor.trainXor(1, 4, 0.5, 10);
    passed += check(out, 1, "train_xor(seed=1, steps=10) returns a float", true,
        fmt("%.4f", check1));

    double early = Xor.trainXor(0, 4, 0.5, 20);
    double late = Xor.trainXor(0, 4, 0.5, 5000);
    passed += check(out, 2, "loss decreases: steps=20 > steps=5000", early > late,
        fmt("%.4f > %.6f", early, late));

    passed += check(out, 3, "train_xor(seed=0) < 0.1", late < 0.1, fmt("%.6f", late));

    long[] seeds = {0, 1, 2, 7};
    int solved = 0;
    StringBuilder losses = new StringBuilder();
    for (long seed : seeds) {
      double loss = Xor.trainXor(seed);
      if (loss < 0.15) {
        solved++;
      }
      losses.append(losses.length() == 0 ? "" : ", ").append(fmt("%d: %.4f", seed, loss));
    }
    passed += check(out, 4, "at least 3 of seeds 0, 1, 2, 7 end < 0.15", solved >= 3,
        solved + " of 4 (" + losses + ")");

    double wide = Xor.trainXor(0, 8, 0.5, 3000);
    passed += check(out, 5, "train_xor(seed=0, hidden=8, steps=3000) < 0.1", wide < 0.1,
        fmt("%.6f", wide));

    out.println();
    out.println(passed + " of 5 checks passed");
    out.println();

    // the same network through the DSL: declared, compiled with seed 0, trained in place
    Sequential model = Xor.model(4);
    out.println(model);
    out.print(model.summary());
    out.println();
    Network net = model.compile(0);
    Tensor x = Xor.inputs();
    TrainingHistory history =
        Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(net, x, Xor.targets(), 5000);
    Tensor p = net.predict(x);
    out.println("truth table learned through the DSL with seed 0 (loss " + fmt("%.6f", history.finalLoss())
        + (history.finalLoss() == late ? ", bit for bit the exercise's" : "") + "):");
    out.println("  x1 x2 | target | output | predicted");
    Tensor t = Xor.targets();
    for (int r = 0; r < 4; r++) {
      out.println(fmt("  %2.0f %2.0f |   %1.0f    | %.4f |     %d",
          x.get(r, 0), x.get(r, 1), t.get(r, 0), p.get(r, 0), p.get(r, 0) >= 0.5 ? 1 : 0));
    }
    return passed == 5;
  }

  private static int check(PrintStream out, int number, String what, boolean ok, String value) {
    out.println(fmt("  [%s] %d. %-48s %s", ok ? "PASS" : "FAIL", number, what, value));
    return ok ? 1 : 0;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}

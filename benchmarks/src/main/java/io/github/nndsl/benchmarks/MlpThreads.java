package io.github.nndsl.benchmarks;

import io.github.nndsl.core.Kernels;
import java.util.Arrays;
import java.util.Locale;

/**
 * The 784-256-10 training step on 1 and 2 kernel threads, alternating round by round, with no other
 * process running: Compare keeps NumPy and PyTorch processes alive between its rounds, and their
 * OpenBLAS threads spin on the cores after each call, which is what our second thread then loses to.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     io.github.nndsl.benchmarks.MlpThreads
 * </pre>
 */
public final class MlpThreads {

  private MlpThreads() {}

  /**
   * Prints the median steps per second on each thread count and their ratio.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Mlp mlp = new Mlp(0);
    int rounds = 15;
    int steps = 100;
    double[][] rates = new double[2][rounds];
    double sink = 0;
    for (int r = -3; r < rounds; r++) { // three rounds of warm-up
      for (int t = 1; t <= 2; t++) {
        Kernels.setThreads(t);
        for (int i = 0; i < 20; i++) { // let the helper threads settle after the switch
          sink += mlp.step();
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          sink += mlp.step();
        }
        double rate = steps / ((System.nanoTime() - start) / 1e9);
        if (r >= 0) {
          rates[t - 1][r] = rate;
        }
      }
    }
    double one = median(rates[0]);
    double two = median(rates[1]);
    System.out.printf(Locale.ROOT, "%s, Vector API %s: 1 thread %.1f steps/s, 2 threads %.1f steps/s (%.2fx); %s%n",
        System.getProperty("java.version"), Kernels.vectorized() ? "on" : "off", one, two, two / one,
        Double.isFinite(sink) ? "losses finite" : "a loss was not finite");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}

package io.github.nndsl.core;

import io.github.nndsl.core.internal.Elementwise;
import io.github.nndsl.core.internal.LossFunction;

/**
 * The loss functions: mean squared error, binary cross-entropy and categorical cross-entropy (on
 * probabilities, or fused with a softmax on logits).
 *
 * <pre>{@code
 * Trainer.of(Losses.mse(), Optimizers.sgd(0.5));
 * Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-2));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Losses {

  /** PyTorch's floor for a log-probability: keeps log(0) finite. */
  private static final double LOG_FLOOR = -100.0;

  // each loss is a singleton (compared by identity) held by its own class, typed as Loss: a
  // process loads only the losses it uses (each class costs start-up time)

  private Losses() {}

  /**
   * Returns the mean squared error, {@code mean((p - t)^2)} over ALL elements, with gradient
   * {@code 2 (p - t) / N}; the exercise's loss, with NumPy's summation order.
   *
   * @return the loss
   * @since 0.1.0
   */
  public static Loss mse() {
    return Mse.INSTANCE;
  }

  /**
   * Returns the binary cross-entropy on probabilities p in [0, 1], averaged over all elements:
   * {@code -mean(t log p + (1 - t) log(1 - p))}, each log floored at -100 as PyTorch's {@code
   * BCELoss} does, so a saturated sigmoid gives a large finite loss instead of infinity. Use it
   * after a sigmoid output. Every target must be in [0, 1]: training, {@link Loss#compute} and
   * {@link Network#computeGradients} reject any other, naming its row.
   *
   * @return the loss
   * @since 0.1.0
   */
  public static Loss binaryCrossEntropy() {
    return BinaryCrossEntropy.INSTANCE;
  }

  /**
   * Returns the categorical cross-entropy on probabilities (a softmax output), averaged over the
   * batch: {@code -sum(t log p) / batch}, each log floored at -100. Targets are one-hot rows (or
   * any distributions): each row non-negative and summing to 1 within 1e-6, or training, {@link
   * Loss#compute} and {@link Network#computeGradients} reject it, naming the row.
   *
   * @return the loss
   * @since 0.1.0
   */
  public static Loss crossEntropy() {
    return CrossEntropy.INSTANCE;
  }

  /**
   * Returns the categorical cross-entropy fused with a softmax, on logits z (the network ends in a
   * linear layer, not a softmax): {@code sum(t) logsumexp(z) - sum(t z)} per row, averaged over the
   * batch, computed with the row maximum subtracted so it never overflows. Its gradient is {@code
   * (softmax(z) sum(t) - t) / batch}: exact and stable where softmax followed by {@link
   * #crossEntropy()} would lose precision. The network's predictions are then logits, so the
   * network must not end in a softmax (a trainer's diagnostics say so when it does). Each target
   * row must be probabilities, non-negative and summing to 1 within 1e-6 (one-hot rows, or
   * smoothed labels); training, {@link Loss#compute} and {@link Network#computeGradients} reject
   * any other row, naming it.
   *
   * @return the loss
   * @since 0.1.0
   */
  public static Loss crossEntropyWithLogits() {
    return CrossEntropyWithLogits.INSTANCE;
  }

  private static double floorLog(double x) {
    return Math.max(Math.log(x), LOG_FLOOR);
  }

  private static final class Mse extends LossFunction {
    static final Loss INSTANCE = new Loss(new Mse(), "mse()");

    @Override
    public boolean isMeanSquaredError() {
      return true;
    }

    @Override
    public double value(double[] p, int pOff, double[] t, int tOff, int rows, int cols) {
      return Elementwise.meanSquaredError(p, pOff, t, tOff, rows * cols);
    }

    @Override
    public void gradient(double[] p, int pOff, double[] t, int tOff, double[] g, int gOff, int rows, int cols) {
      Elementwise.mseBackward(p, pOff, t, tOff, g, gOff, rows * cols);
    }

  }

  private static final class BinaryCrossEntropy extends LossFunction {
    static final Loss INSTANCE = new Loss(new BinaryCrossEntropy(), "binaryCrossEntropy()");

    @Override
    public void checkTargets(double[] t, int off, int rows, int cols, String name) {
      checkUnitInterval(t, off, rows, cols, name, "binaryCrossEntropy()");
    }

    @Override
    public double value(double[] p, int pOff, double[] t, int tOff, int rows, int cols) {
      int n = rows * cols;
      double sum = 0.0;
      for (int i = 0; i < n; i++) {
        double pi = p[pOff + i];
        double ti = t[tOff + i];
        sum += ti * floorLog(pi) + (1.0 - ti) * floorLog(1.0 - pi);
      }
      return -sum / n;
    }

    @Override
    public void gradient(double[] p, int pOff, double[] t, int tOff, double[] g, int gOff, int rows, int cols) {
      int n = rows * cols;
      for (int i = 0; i < n; i++) {
        double pi = p[pOff + i];
        // PyTorch's form: (p - t) / max(p (1 - p), 1e-12), finite even at p = 0 or 1
        g[gOff + i] = (pi - t[tOff + i]) / Math.max((1.0 - pi) * pi, 1e-12) / n;
      }
    }

  }

  private static final class CrossEntropy extends LossFunction {
    static final Loss INSTANCE = new Loss(new CrossEntropy(), "crossEntropy()");

    @Override
    public void checkTargets(double[] t, int off, int rows, int cols, String name) {
      checkDistributions(t, off, rows, cols, name, "crossEntropy()");
    }

    @Override
    public double value(double[] p, int pOff, double[] t, int tOff, int rows, int cols) {
      double sum = 0.0;
      for (int i = 0; i < rows * cols; i++) {
        double ti = t[tOff + i];
        if (ti != 0.0) {
          sum += ti * floorLog(p[pOff + i]);
        }
      }
      return -sum / rows;
    }

    @Override
    public void gradient(double[] p, int pOff, double[] t, int tOff, double[] g, int gOff, int rows, int cols) {
      for (int i = 0; i < rows * cols; i++) {
        double ti = t[tOff + i];
        // d(-t log p)/dp = -t / p; p floored at e^-100 to match the floored log
        g[gOff + i] = ti == 0.0 ? 0.0 : -ti / Math.max(p[pOff + i], 3.720075976020836e-44) / rows;
      }
    }

  }

  private static final class CrossEntropyWithLogits extends LossFunction {
    static final Loss INSTANCE = new Loss(new CrossEntropyWithLogits(), "crossEntropyWithLogits()");

    @Override
    public void checkTargets(double[] t, int off, int rows, int cols, String name) {
      checkDistributions(t, off, rows, cols, name, "crossEntropyWithLogits()");
    }

    @Override
    public double value(double[] z, int zOff, double[] t, int tOff, int rows, int cols) {
      double total = 0.0;
      for (int r = 0; r < rows; r++) {
        int zi = zOff + r * cols;
        int ti = tOff + r * cols;
        double max = rowMax(z, zi, cols);
        double sumExp = 0.0;
        double sumT = 0.0;
        double dot = 0.0;
        for (int j = 0; j < cols; j++) {
          double shifted = z[zi + j] - max;
          sumExp += Math.exp(shifted);
          sumT += t[ti + j];
          dot += t[ti + j] * shifted;
        }
        total += sumT * Math.log(sumExp) - dot;
      }
      return total / rows;
    }

    @Override
    public void gradient(double[] z, int zOff, double[] t, int tOff, double[] g, int gOff, int rows, int cols) {
      for (int r = 0; r < rows; r++) {
        int zi = zOff + r * cols;
        int ti = tOff + r * cols;
        int gi = gOff + r * cols;
        double max = rowMax(z, zi, cols);
        double sumExp = 0.0;
        double sumT = 0.0;
        for (int j = 0; j < cols; j++) {
          double e = Math.exp(z[zi + j] - max);
          g[gi + j] = e;
          sumExp += e;
          sumT += t[ti + j];
        }
        for (int j = 0; j < cols; j++) {
          g[gi + j] = (g[gi + j] / sumExp * sumT - t[ti + j]) / rows;
        }
      }
    }

    /**
     * Both passes in one: each row's exponentials are computed once, kept in g for the gradient and
     * summed in the same order for the value, so both have the bits of the separate passes.
     */
    @Override
    public double valueAndGradient(double[] z, int zOff, double[] t, int tOff, double[] g, int gOff, int rows, int cols) {
      double total = 0.0;
      for (int r = 0; r < rows; r++) {
        int zi = zOff + r * cols;
        int ti = tOff + r * cols;
        int gi = gOff + r * cols;
        double max = rowMax(z, zi, cols);
        double sumExp = 0.0;
        double sumT = 0.0;
        double dot = 0.0;
        for (int j = 0; j < cols; j++) {
          double shifted = z[zi + j] - max;
          double e = Math.exp(shifted);
          g[gi + j] = e;
          sumExp += e;
          sumT += t[ti + j];
          dot += t[ti + j] * shifted;
        }
        total += sumT * Math.log(sumExp) - dot;
        for (int j = 0; j < cols; j++) {
          g[gi + j] = (g[gi + j] / sumExp * sumT - t[ti + j]) / rows;
        }
      }
      return total / rows;
    }

    private static double rowMax(double[] z, int off, int cols) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, z[off + j]);
      }
      return max;
    }

  }
}

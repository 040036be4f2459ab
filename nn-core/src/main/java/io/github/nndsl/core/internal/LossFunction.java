package io.github.nndsl.core.internal;

/**
 * The arithmetic of a loss on flat row-major buffers: its value and its gradient with respect to
 * the predictions. The public {@code Loss} of nn-core wraps one; the plan's ops call it directly.
 */
public abstract class LossFunction {

  /** The mean loss of predictions p against targets t, both (rows, cols) from their offsets. */
  public abstract double value(double[] p, int pOff, double[] t, int tOff, int rows, int cols);

  /** Writes the gradient of {@link #value} with respect to p into g, (rows, cols) from gOff. */
  public abstract void gradient(double[] p, int pOff, double[] t, int tOff, double[] g, int gOff, int rows, int cols);

  /**
   * {@link #value}, returned, and {@link #gradient}, written into g, with exactly their bits; a loss
   * whose two passes compute the same intermediate values (a softmax's exponentials) overrides it
   * to compute them once. The default runs the two passes.
   */
  public double valueAndGradient(double[] p, int pOff, double[] t, int tOff, double[] g, int gOff, int rows, int cols) {
    double value = value(p, pOff, t, tOff, rows, cols);
    gradient(p, pOff, t, tOff, g, gOff, rows, cols);
    return value;
  }

  /**
   * Whether this is the mean squared error, which a dense op ending in a sigmoid fuses with its
   * own derivative into one pass (see {@link Dense}).
   */
  public boolean isMeanSquaredError() {
    return false;
  }

  /**
   * Throws IllegalArgumentException naming the first row of the targets t ((rows, cols) from off,
   * finite) that this loss cannot mean, for example a target of 2 under a binary cross-entropy.
   * The callers check a whole target tensor once, before training, never per step: it is a pass
   * over the targets. The default accepts every finite target.
   *
   * @param name the targets' name in the message, for example {@code y}
   */
  public void checkTargets(double[] t, int off, int rows, int cols, String name) {}

  /** The distance from 1 within which a row of probabilities counts as summing to 1. */
  public static final double SUM_TOLERANCE = 1e-6;

  /** Every target in [0, 1]; {@code loss} names the loss in the message. */
  protected static void checkUnitInterval(double[] t, int off, int rows, int cols, String name, String loss) {
    for (int i = 0; i < rows * cols; i++) {
      double v = t[off + i];
      if (!(v >= 0.0 && v <= 1.0)) {
        throw new IllegalArgumentException(
            name + " row " + i / cols + " has " + v + " in column " + i % cols + ", but " + loss
                + " needs every target in [0, 1]");
      }
    }
  }

  /**
   * Every row a probability distribution: non-negative, summing to 1 within {@link
   * #SUM_TOLERANCE}; {@code loss} names the loss in the message.
   */
  protected static void checkDistributions(double[] t, int off, int rows, int cols, String name, String loss) {
    for (int r = 0; r < rows; r++) {
      double sum = 0.0;
      for (int j = 0; j < cols; j++) {
        double v = t[off + r * cols + j];
        if (!(v >= 0.0)) {
          throw new IllegalArgumentException(
              name + " row " + r + " has " + v + " in column " + j + ", but " + loss
                  + " needs every row to be probabilities (non-negative, summing to 1); use one-hot rows for"
                  + " class labels");
        }
        sum += v;
      }
      if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
        throw new IllegalArgumentException(
            name + " row " + r + " sums to " + sum + ", but " + loss + " needs every row to be probabilities"
                + " summing to 1 (within " + SUM_TOLERANCE + "); use one-hot rows for class labels");
      }
    }
  }
}

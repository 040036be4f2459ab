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
   * Whether this is the mean squared error, which a dense op ending in a sigmoid fuses with its
   * own derivative into one pass (see {@link Dense}).
   */
  public boolean isMeanSquaredError() {
    return false;
  }
}

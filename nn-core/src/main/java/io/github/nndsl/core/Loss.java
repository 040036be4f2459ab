package io.github.nndsl.core;

import io.github.nndsl.core.internal.LossFunction;

/**
 * A loss function: a scalar measure of how far predictions are from targets, and its gradient
 * with respect to the predictions. Obtain one from {@link Losses}.
 *
 * <p>Losses are immutable values, safe to share between threads and trainers.
 *
 * <pre>{@code
 * Loss mse = Losses.mse();
 * double value = mse.compute(predictions, targets);
 * Tensor grad = mse.gradient(predictions, targets);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Loss {

  private final LossFunction function;
  private final String name;

  /** Only {@link Losses} creates losses: the engine calls the function on its buffers. */
  Loss(LossFunction function, String name) {
    this.function = function;
    this.name = name;
  }

  /** The arithmetic, on flat buffers. */
  LossFunction function() {
    return function;
  }

  /**
   * Computes the loss of predictions against targets.
   *
   * @param predictions shape (batch, outputs) (or any shape, for element-wise losses); NaN
   *     propagates to the result, so a diverged network's loss can still be measured
   * @param targets the same shape, finite
   * @return the loss
   * @throws IllegalArgumentException if the shapes differ, the tensors are empty, a target is
   *     NaN or infinite, or a target row is one the loss cannot mean (see {@link Losses})
   * @since 0.1.0
   */
  public double compute(Tensor predictions, Tensor targets) {
    check(predictions, targets);
    return function.value(predictions.data(), predictions.offset(), targets.data(), targets.offset(), rows(predictions),
        cols(predictions));
  }

  /**
   * Computes the gradient of the loss with respect to the predictions.
   *
   * @param predictions shape (batch, outputs)
   * @param targets the same shape, finite
   * @return a new tensor of the predictions' shape
   * @throws IllegalArgumentException if the shapes differ, the tensors are empty, a target is
   *     NaN or infinite, or a target row is one the loss cannot mean (see {@link Losses})
   * @since 0.1.0
   */
  public Tensor gradient(Tensor predictions, Tensor targets) {
    check(predictions, targets);
    double[] g = new double[predictions.size()];
    function.gradient(predictions.data(), predictions.offset(), targets.data(), targets.offset(), g, 0, rows(predictions),
        cols(predictions));
    return Tensor.wrap(g, predictions.shape());
  }

  private static int rows(Tensor t) {
    return t.rank() == 2 ? t.dim(0) : 1;
  }

  private static int cols(Tensor t) {
    return t.rank() == 2 ? t.dim(1) : t.dim(0);
  }

  private void check(Tensor p, Tensor t) {
    Checks.sameShape(p, t, "predictions", "targets");
    if (p.size() == 0) {
      throw new IllegalArgumentException("predictions and targets must not be empty, but have shape " + p.shapeString());
    }
    Checks.finite(t, "targets");
    function.checkTargets(t.data(), t.offset(), rows(t), cols(t), "targets");
  }

  /** The loss over a (rows, cols) block of predictions p and targets t. */
  /**
   * Returns the factory call that makes this loss, for example {@code mse()}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return name;
  }
}

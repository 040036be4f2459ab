package io.github.nndsl.core;

/**
 * The three gradients of a linear layer {@code y = x · w + b}, as returned by {@link
 * Functional#linearBackward(Tensor, Tensor, Tensor)}.
 *
 * <p>Kotlin destructures it through the {@code componentN} methods:
 *
 * <pre>{@code
 * val (dx, dw, db) = Functional.linearBackward(g, x, w)
 * }</pre>
 *
 * @param dx the gradient with respect to the input, shape (batch, in): {@code g · wᵀ}
 * @param dw the gradient with respect to the weights, shape (in, out): {@code xᵀ · g}
 * @param db the gradient with respect to the bias, shape (out,): {@code g} summed over the batch
 * @since 0.1.0
 */
public record LinearGradients(Tensor dx, Tensor dw, Tensor db) {

  /**
   * Creates the record; no component may be null.
   *
   * @param dx the gradient with respect to the input, shape (batch, in)
   * @param dw the gradient with respect to the weights, shape (in, out)
   * @param db the gradient with respect to the bias, shape (out,)
   * @throws IllegalArgumentException if a component is null
   */
  public LinearGradients {
    Checks.notNull(dx, "dx");
    Checks.notNull(dw, "dw");
    Checks.notNull(db, "db");
  }

  /**
   * Returns {@link #dx()}, for Kotlin destructuring.
   *
   * @return the input gradient
   * @since 0.1.0
   */
  public Tensor component1() {
    return dx;
  }

  /**
   * Returns {@link #dw()}, for Kotlin destructuring.
   *
   * @return the weight gradient
   * @since 0.1.0
   */
  public Tensor component2() {
    return dw;
  }

  /**
   * Returns {@link #db()}, for Kotlin destructuring.
   *
   * @return the bias gradient
   * @since 0.1.0
   */
  public Tensor component3() {
    return db;
  }
}

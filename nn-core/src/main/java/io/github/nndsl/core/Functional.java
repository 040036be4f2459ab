package io.github.nndsl.core;

import io.github.nndsl.core.internal.ColumnStatistics;
import io.github.nndsl.core.internal.Elementwise;
import io.github.nndsl.core.internal.MatMul;
import java.util.List;

/**
 * The exercise series' functional operations: each takes tensors and returns a new one (except
 * {@link #sgdStep}, which updates in place), with NumPy's float64 semantics.
 *
 * <p>These are the same kernels a compiled {@link Network} runs, so a hand-written training loop
 * and a network built from the same seed produce the same bits. Shapes follow the exercise:
 * x is (batch, in), w is (in, out), b is (out,).
 *
 * <pre>{@code
 * Tensor z1 = Functional.linearForward(x, w1, b1);
 * Tensor a1 = Functional.relu(z1);
 * Tensor y  = Functional.sigmoid(Functional.linearForward(a1, w2, b2));
 * double loss = Functional.mseLoss(y, targets);
 * }</pre>
 *
 * <p>Matrix products accumulate each element as a chain of fused multiply-adds in increasing k,
 * which is what OpenBLAS's {@code dgemm} does for these shapes; NumPy routes matrix-vector products
 * (one output column) through {@code dgemv}, whose summation order differs, so those can differ from
 * NumPy in the last bit.
 *
 * @since 0.1.0
 */
public final class Functional {

  private Functional() {}

  /**
   * Computes a dense layer, {@code x · w + b}, with b broadcast over the batch.
   *
   * <pre>{@code
   * Tensor y = Functional.linearForward(Tensor.of(new double[][] {{1, 2}}),
   *     Tensor.of(new double[][] {{1, 0}, {0, 1}}), Tensor.vector(0.5, 0.5));   // [[1.5, 2.5]]
   * }</pre>
   *
   * @param x the input, shape (batch, in)
   * @param w the weights, shape (in, out)
   * @param b the bias, shape (out,)
   * @return a new tensor of shape (batch, out)
   * @throws IllegalArgumentException if a shape does not fit
   * @since 0.1.0
   */
  public static Tensor linearForward(Tensor x, Tensor w, Tensor b) {
    Checks.rank(x, 2, "x");
    Checks.rank(w, 2, "w");
    Checks.rank(b, 1, "b");
    int batch = x.dim(0);
    int in = x.dim(1);
    int out = w.dim(1);
    if (w.dim(0) != in) {
      throw new IllegalArgumentException(
          "w must have as many rows as x has columns ("
              + in
              + "), but x is "
              + x.shapeString()
              + " and w is "
              + w.shapeString());
    }
    if (b.dim(0) != out) {
      throw new IllegalArgumentException(
          "b must have as many elements as w has columns ("
              + out
              + "), but b is "
              + b.shapeString()
              + " and w is "
              + w.shapeString());
    }
    double[] y = new double[batch * out];
    MatMul.ab(x.data(), x.offset(), w.data(), w.offset(), y, 0, batch, in, out);
    Elementwise.addRow(y, 0, b.data(), b.offset(), batch, out);
    return Tensor.wrap(y, batch, out);
  }

  /**
   * Computes the gradients of a dense layer: {@code dx = g · wᵀ}, {@code dw = xᵀ · g}, {@code db =}
   * g summed over the batch (summed, not averaged).
   *
   * <pre>{@code
   * LinearGradients grads = Functional.linearBackward(g, x, w);
   * Tensor dw = grads.dw();
   * }</pre>
   *
   * @param g the gradient of the loss with respect to the layer's output, shape (batch, out)
   * @param x the layer's input, shape (batch, in)
   * @param w the layer's weights, shape (in, out)
   * @return the three gradients
   * @throws IllegalArgumentException if a shape does not fit
   * @since 0.1.0
   */
  public static LinearGradients linearBackward(Tensor g, Tensor x, Tensor w) {
    Checks.rank(g, 2, "g");
    Checks.rank(x, 2, "x");
    Checks.rank(w, 2, "w");
    int batch = x.dim(0);
    int in = x.dim(1);
    int out = w.dim(1);
    if (w.dim(0) != in) {
      throw new IllegalArgumentException(
          "w must have as many rows as x has columns ("
              + in
              + "), but x is "
              + x.shapeString()
              + " and w is "
              + w.shapeString());
    }
    if (g.dim(0) != batch || g.dim(1) != out) {
      throw new IllegalArgumentException(
          "g must have shape (" + batch + ", " + out + ") (x's rows, w's columns), but was " + g.shapeString());
    }
    double[] dx = new double[batch * in];
    double[] dw = new double[in * out];
    double[] db = new double[out];
    MatMul.abt(g.data(), g.offset(), w.data(), w.offset(), dx, 0, batch, out, in);
    MatMul.atb(x.data(), x.offset(), g.data(), g.offset(), dw, 0, in, batch, out);
    Elementwise.sumRows(g.data(), g.offset(), db, 0, batch, out);
    return new LinearGradients(Tensor.wrap(dx, batch, in), Tensor.wrap(dw, in, out), Tensor.wrap(db, out));
  }

  /**
   * Applies the rectifier elementwise: {@code max(0, x)}; NaN stays NaN.
   *
   * <pre>{@code
   * Functional.relu(Tensor.vector(-1, 0, 2));   // [0.0, 0.0, 2.0]
   * }</pre>
   *
   * @param x any tensor
   * @return a new tensor of the same shape
   * @throws IllegalArgumentException if x is null
   * @since 0.1.0
   */
  public static Tensor relu(Tensor x) {
    Checks.notNull(x, "x");
    double[] out = new double[x.size()];
    Elementwise.relu(x.data(), x.offset(), out, 0, x.size());
    return Tensor.wrap(out, x.shape());
  }

  /**
   * Propagates a gradient through {@link #relu}: {@code gradOut * (x > 0)}. It takes the layer's
   * input, and the gradient at exactly {@code x = 0} is 0.
   *
   * @param gradOut the gradient with respect to relu's output
   * @param x relu's input (not its output), the same shape
   * @return a new tensor of the same shape
   * @throws IllegalArgumentException if the shapes differ
   * @since 0.1.0
   */
  public static Tensor reluBackward(Tensor gradOut, Tensor x) {
    Checks.sameShape(gradOut, x, "gradOut", "x");
    double[] out = new double[x.size()];
    Elementwise.reluBackward(gradOut.data(), gradOut.offset(), x.data(), x.offset(), out, 0, x.size());
    return Tensor.wrap(out, x.shape());
  }

  /**
   * Applies the logistic function elementwise, {@code 1 / (1 + exp(-x))}, in the numerically
   * stable form (no overflow at ±1000).
   *
   * <pre>{@code
   * Functional.sigmoid(Tensor.vector(0));   // [0.5]
   * }</pre>
   *
   * @param x any tensor
   * @return a new tensor of the same shape, every element in [0, 1]
   * @throws IllegalArgumentException if x is null
   * @since 0.1.0
   */
  public static Tensor sigmoid(Tensor x) {
    Checks.notNull(x, "x");
    double[] out = new double[x.size()];
    Elementwise.sigmoid(x.data(), x.offset(), out, 0, x.size());
    return Tensor.wrap(out, x.shape());
  }

  /**
   * Propagates a gradient through {@link #sigmoid}: {@code gradOut * s * (1 - s)}. It takes the
   * sigmoid's OUTPUT s, not its input.
   *
   * @param gradOut the gradient with respect to the sigmoid's output
   * @param s the sigmoid's output, the same shape
   * @return a new tensor of the same shape
   * @throws IllegalArgumentException if the shapes differ
   * @since 0.1.0
   */
  public static Tensor sigmoidBackward(Tensor gradOut, Tensor s) {
    Checks.sameShape(gradOut, s, "gradOut", "s");
    double[] out = new double[s.size()];
    Elementwise.sigmoidBackward(gradOut.data(), gradOut.offset(), s.data(), s.offset(), out, 0, s.size());
    return Tensor.wrap(out, s.shape());
  }

  /**
   * Returns the mean squared error over ALL elements: {@code mean((p - t)^2)}, summed in NumPy's
   * pairwise order.
   *
   * <pre>{@code
   * Functional.mseLoss(Tensor.vector(1, 2), Tensor.vector(1, 4));   // 2.0
   * }</pre>
   *
   * @param p the predictions
   * @param t the targets, the same shape
   * @return the loss, a scalar
   * @throws IllegalArgumentException if the shapes differ or the tensors are empty
   * @since 0.1.0
   */
  public static double mseLoss(Tensor p, Tensor t) {
    checkLossArguments(p, t);
    return Elementwise.meanSquaredError(p.data(), p.offset(), t.data(), t.offset(), p.size());
  }

  /**
   * Returns the gradient of {@link #mseLoss} with respect to p: {@code 2 * (p - t) / N}, N the
   * total number of elements (p minus t, not t minus p).
   *
   * @param p the predictions
   * @param t the targets, the same shape
   * @return a new tensor of p's shape
   * @throws IllegalArgumentException if the shapes differ or the tensors are empty
   * @since 0.1.0
   */
  public static Tensor mseLossBackward(Tensor p, Tensor t) {
    checkLossArguments(p, t);
    double[] out = new double[p.size()];
    Elementwise.mseBackward(p.data(), p.offset(), t.data(), t.offset(), out, 0, p.size());
    return Tensor.wrap(out, p.shape());
  }

  private static void checkLossArguments(Tensor p, Tensor t) {
    Checks.sameShape(p, t, "p", "t");
    if (p.size() == 0) {
      throw new IllegalArgumentException("p and t must not be empty, but have shape " + p.shapeString());
    }
  }

  /**
   * Takes one plain gradient-descent step IN PLACE: for each pair, {@code p -= lr * g}. Callers
   * holding the parameter tensors see the new values. Every argument is checked before anything
   * is written, so a rejected call changes nothing.
   *
   * <pre>{@code
   * Functional.sgdStep(List.of(w1, b1, w2, b2), List.of(dw1, db1, dw2, db2), 0.5);
   * }</pre>
   *
   * @param params the tensors to update
   * @param grads their gradients, one per parameter, of the same shapes
   * @param lr the learning rate, finite and non-negative (0 leaves params unchanged)
   * @throws IllegalArgumentException if the lists differ in length, a pair differs in shape, an
   *     element is null, or lr is negative or not finite
   * @since 0.1.0
   */
  public static void sgdStep(List<Tensor> params, List<Tensor> grads, double lr) {
    Checks.notNull(params, "params");
    Checks.notNull(grads, "grads");
    if (params.size() != grads.size()) {
      throw new IllegalArgumentException(
          "params and grads must have the same length, but params has "
              + params.size()
              + " and grads has "
              + grads.size());
    }
    if (!(lr >= 0.0) || lr == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("lr must be finite and non-negative, but was " + lr);
    }
    for (int i = 0; i < params.size(); i++) {
      Checks.sameShape(params.get(i), grads.get(i), "params[" + i + "]", "grads[" + i + "]");
    }
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      Tensor g = grads.get(i);
      Elementwise.sgd(p.data(), p.offset(), g.data(), g.offset(), lr, p.size());
    }
  }

  /**
   * Returns the mean of each column, bit for bit NumPy's {@code x.mean(0)} of a C-ordered float64
   * matrix: each column summed from 0.0 in row order (pairwise, as NumPy sums a contiguous vector,
   * when x has one column), then divided by the row count.
   *
   * <pre>{@code
   * Functional.columnMean(Tensor.of(new double[][] {{1, 10}, {3, 20}}));   // [2.0, 15.0]
   * }</pre>
   *
   * @param x a matrix with at least one row
   * @return a new vector of x's column count
   * @throws IllegalArgumentException if x is null, not a matrix or has no rows
   * @since 0.1.0
   */
  public static Tensor columnMean(Tensor x) {
    checkRows(x);
    return Tensor.wrap(ColumnStatistics.mean(x.data(), x.offset(), x.dim(0), x.dim(1)), x.dim(1));
  }

  /**
   * Returns the population standard deviation of each column, bit for bit NumPy's {@code x.std(0)}
   * (ddof 0): {@code sqrt(sum((x - mean)^2) / rows)} with {@link #columnMean}'s mean and the same
   * summation order, each square rounded before it is added.
   *
   * <pre>{@code
   * Functional.columnStd(Tensor.of(new double[][] {{1, 10}, {3, 10}}));   // [1.0, 0.0]
   * }</pre>
   *
   * @param x a matrix with at least one row
   * @return a new vector of x's column count
   * @throws IllegalArgumentException if x is null, not a matrix or has no rows
   * @since 0.1.0
   */
  public static Tensor columnStd(Tensor x) {
    checkRows(x);
    int rows = x.dim(0);
    int cols = x.dim(1);
    double[] mean = ColumnStatistics.mean(x.data(), x.offset(), rows, cols);
    return Tensor.wrap(ColumnStatistics.std(x.data(), x.offset(), rows, cols, mean), cols);
  }

  private static void checkRows(Tensor x) {
    Checks.rank(x, 2, "x");
    if (x.dim(0) == 0) {
      throw new IllegalArgumentException("x must have at least one row, but has shape " + x.shapeString());
    }
  }
}

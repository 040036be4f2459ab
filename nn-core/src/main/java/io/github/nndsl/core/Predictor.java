package io.github.nndsl.core;

import io.github.nndsl.core.internal.FrozenPlan;
import java.util.List;

/**
 * A frozen network for serving: an immutable copy of a {@link Network}'s parameters, taken by
 * {@link Network#freeze()}, that any number of threads may call at once without locks. Its
 * answers are bit for bit those of {@link Network#predict} at the moment of freezing; training
 * the network afterwards does not change them.
 *
 * <pre>{@code
 * Predictor predictor = network.freeze();                 // share it between request threads
 * double[] p = predictor.predict(new double[] {0, 1});    // a new array of outputs() values
 * double[] out = new double[predictor.outputs()];
 * predictor.predictInto(new double[] {1, 0}, out);        // allocates nothing once warm
 * }</pre>
 *
 * <p>Each thread that calls a predictor gets its own work buffers on its first call (a
 * thread-local, sized for the rows it runs, at most {@value #CHUNK_ROWS} rows: a larger batch is
 * run that many rows at a time, which changes no bits, as every row is computed on its own). They
 * are dropped with the thread, or once the predictor is unreachable.
 *
 * @since 0.1.0
 */
public final class Predictor {

  /** The most rows one pass runs: larger batches go through in chunks of this many. */
  static final int CHUNK_ROWS = 64;

  private final FrozenPlan plan;
  private final List<String> layerNames;
  private final ThreadLocal<double[][]> buffers;

  private Predictor(FrozenPlan plan, List<String> layerNames) {
    this.plan = plan;
    this.layerNames = layerNames;
    this.buffers = ThreadLocal.withInitial(() -> plan.newBuffers(1));
  }

  /** Freezes {@code network} as it is now (see {@link Network#freeze()}). */
  static Predictor of(Network network, List<String> layerNames) {
    return new Predictor(FrozenPlan.of(network.plan()), layerNames);
  }

  /**
   * Returns the number of input features.
   *
   * @return the width of a row
   * @since 0.1.0
   */
  public int inputs() {
    return plan.inputs();
  }

  /**
   * Returns the number of outputs.
   *
   * @return the width of a prediction
   * @since 0.1.0
   */
  public int outputs() {
    return plan.outputs();
  }

  /**
   * Predicts one row.
   *
   * <pre>{@code
   * double[] p = predictor.predict(new double[] {0.5, -1.0});
   * }</pre>
   *
   * @param row the inputs, {@link #inputs()} finite values
   * @return a new array of {@link #outputs()} values
   * @throws IllegalArgumentException if row is null, has another length or holds NaN or an
   *     infinity (the message names the element)
   * @since 0.1.0
   */
  public double[] predict(double[] row) {
    checkRows(row, "row", 1);
    double[] out = new double[outputs()];
    plan.forward(row, 0, 1, buffers(1), out, 0);
    return out;
  }

  /**
   * Predicts one row into the caller's array: once the calling thread has warmed up, this
   * allocates nothing. {@code out} may be {@code row} itself when the widths agree.
   *
   * <pre>{@code
   * double[] out = new double[predictor.outputs()];
   * predictor.predictInto(row, out);
   * }</pre>
   *
   * @param row the inputs, {@link #inputs()} finite values
   * @param out where to write the {@link #outputs()} predictions
   * @throws IllegalArgumentException if an array is null or has another length, or row holds NaN
   *     or an infinity (out is then unchanged)
   * @since 0.1.0
   */
  public void predictInto(double[] row, double[] out) {
    checkRows(row, "row", 1);
    checkOut(out, outputs());
    plan.forward(row, 0, 1, buffers(1), out, 0);
  }

  /**
   * Predicts a batch of rows laid out one after another (row-major) into the caller's array:
   * once the calling thread has warmed up, this allocates nothing.
   *
   * <pre>{@code
   * double[] rows = {0, 0, 0, 1, 1, 0, 1, 1};                 // four rows of two inputs
   * double[] out = new double[4 * predictor.outputs()];
   * predictor.predictBatchInto(rows, out);
   * }</pre>
   *
   * @param rows the inputs, a whole number of rows of {@link #inputs()} finite values each
   * @param out where to write the predictions, {@link #outputs()} per row
   * @throws IllegalArgumentException if an array is null, rows does not hold whole rows, out's
   *     length does not fit, or rows holds NaN or an infinity (out is then unchanged)
   * @since 0.1.0
   */
  public void predictBatchInto(double[] rows, double[] out) {
    Checks.notNull(rows, "rows");
    if (rows.length % inputs() != 0) {
      throw new IllegalArgumentException(
          "rows must hold whole rows of " + inputs() + " values (the predictor's inputs), but has " + rows.length
              + " values");
    }
    int batch = rows.length / inputs();
    checkRows(rows, "rows", batch);
    checkOut(out, batch * outputs());
    run(rows, 0, batch, out);
  }

  /**
   * Predicts a batch, as {@link Network#predict} does.
   *
   * <pre>{@code
   * Tensor p = predictor.predict(Tensor.of(new double[][] {{0, 0}, {1, 1}}));   // (2, outputs)
   * }</pre>
   *
   * @param x the inputs, shape (batch, inputs), finite; a batch of 0 rows gives 0 rows
   * @return a new tensor of shape (batch, outputs)
   * @throws IllegalArgumentException if x is not a matrix with {@link #inputs()} columns or holds
   *     NaN or an infinity (the message names the element)
   * @since 0.1.0
   */
  public Tensor predict(Tensor x) {
    Checks.rank(x, 2, "x");
    if (x.dim(1) != inputs()) {
      throw new IllegalArgumentException(
          "x must have " + inputs() + " columns (the predictor's inputs), but has shape " + x.shapeString());
    }
    Checks.finite(x, "x");
    int batch = x.dim(0);
    double[] result = new double[batch * outputs()];
    double[] data = x.data();
    int offset = x.offset();
    if (offset == 0) {
      run(data, 0, batch, result);
    } else {
      for (int r = 0; r < batch; r += CHUNK_ROWS) {
        int n = Math.min(CHUNK_ROWS, batch - r);
        plan.forward(data, offset + r * inputs(), n, buffers(n), result, r * outputs());
      }
    }
    return Tensor.wrap(result, batch, outputs());
  }

  private void run(double[] x, int xOff, int batch, double[] out) {
    for (int r = 0; r < batch; r += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, batch - r);
      plan.forward(x, xOff + r * inputs(), n, buffers(n), out, r * outputs());
    }
  }

  /** The calling thread's buffers, grown to hold {@code rows} rows (at most {@link #CHUNK_ROWS}). */
  private double[][] buffers(int rows) {
    double[][] mine = buffers.get();
    if (plan.rows(mine) < rows) {
      mine = plan.newBuffers(Math.max(rows, Math.min(CHUNK_ROWS, 2 * plan.rows(mine))));
      buffers.set(mine);
    }
    return mine;
  }

  private void checkRows(double[] rows, String name, int batch) {
    Checks.notNull(rows, name);
    int width = inputs();
    if (batch == 1 && rows.length != width) {
      throw new IllegalArgumentException(
          name + " must have " + width + " values (the predictor's inputs), but has " + rows.length);
    }
    for (int i = 0; i < rows.length; i++) {
      double v = rows[i];
      if (!Double.isFinite(v)) {
        String at = batch == 1 && name.equals("row") ? Integer.toString(i) : i / width + ", " + i % width;
        throw new IllegalArgumentException(name + " must be finite, but " + name + "[" + at + "] is " + v);
      }
    }
  }

  private static void checkOut(double[] out, int length) {
    Checks.notNull(out, "out");
    if (out.length != length) {
      throw new IllegalArgumentException("out must have length " + length + ", but has length " + out.length);
    }
  }

  /**
   * Describes the frozen network, for example {@code Predictor(Linear(2, 4), ReLU, Linear(4, 1),
   * Sigmoid; 17 parameters)}.
   *
   * @return a readable description
   */
  @Override
  public String toString() {
    return "Predictor(" + String.join(", ", layerNames) + "; " + plan.size() + " parameters)";
  }
}

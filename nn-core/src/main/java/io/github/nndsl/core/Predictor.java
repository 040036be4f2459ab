package io.github.nndsl.core;

import io.github.nndsl.core.internal.FloatPlan;
import io.github.nndsl.core.internal.FrozenPlan;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * <p>It computes in float64 unless {@link #withPrecision} asks for {@link Precision#FLOAT32}.
 *
 * @since 0.1.0
 */
public final class Predictor {

  /** The most rows one pass runs: larger batches go through in chunks of this many. */
  static final int CHUNK_ROWS = 64;

  private final FrozenPlan plan;
  private final @Nullable FloatPlan floats; // not null: FLOAT32
  private final List<String> layerNames;
  private final List<String> parameterNames; // the store's, with their sizes: for error messages
  private final int[] parameterSizes;
  private final ThreadLocal<double[][]> buffers;
  private final ThreadLocal<FloatPlan.Work> work; // FLOAT32's buffers (created on first use only)

  private Predictor(FrozenPlan plan, @Nullable FloatPlan floats, List<String> layerNames,
      List<String> parameterNames, int[] parameterSizes) {
    this.plan = plan;
    this.floats = floats;
    this.layerNames = layerNames;
    this.parameterNames = parameterNames;
    this.parameterSizes = parameterSizes;
    this.buffers = ThreadLocal.withInitial(() -> plan.newBuffers(1));
    this.work = floats == null ? new ThreadLocal<>() : ThreadLocal.withInitial(() -> floats.newWork(1));
  }

  /** Freezes {@code network} as it is now (see {@link Network#freeze()}). */
  static Predictor of(Network network, List<String> layerNames) {
    ParameterStore store = network.parameters();
    List<String> names = store.names();
    int[] sizes = new int[names.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = store.get(names.get(i)).size();
    }
    return new Predictor(FrozenPlan.of(network.plan()), null, layerNames, names, sizes);
  }

  /**
   * Returns a predictor of the same frozen parameters computing in {@code precision}; this one is
   * unchanged (and is returned when it computes so already). The two share the frozen copy, so
   * going back to {@link Precision#FLOAT64} gives this predictor's float64 answers exactly.
   *
   * <pre>{@code
   * Predictor fast = network.freeze().withPrecision(Precision.FLOAT32);
   * double[] p = fast.predict(row);          // float's precision, widened to double
   * }</pre>
   *
   * <p>What {@link Precision#FLOAT32} computes, exactly:
   * <ul>
   *   <li>the weights and biases are rounded once, when this is called, to the nearest float;
   *   <li>the layers before the first linear layer (a {@code standardize}, say) compute in double
   *       as in float64; the input of the first linear layer is rounded to the nearest float, row by
   *       row as it arrives (the caller still passes and receives double arrays);
   *   <li>each output of a linear layer is one chain of float fused multiply-adds, {@code
   *       Math.fma(x[p], w[p][j], s)} in increasing p from 0, then the float bias added;
   *   <li>every activation (and a later {@code standardize}) takes each float, computes in double
   *       with the float64 operations, and rounds the result to float once: exactly {@code (float)
   *       f((double) v)};
   *   <li>the outputs, floats, are widened exactly to double.
   * </ul>
   *
   * <p>Each output of a linear layer of k inputs is then within {@code (k + 2) · 2^-24 · sum_p
   * |x[p] w[p][j]|} (the classical bound of a float dot product, plus the rounding of its inputs
   * and weights) of the float64 one for the same inputs, plus what earlier layers pass on. Measured
   * on the networks tested (784-256-10, 300-200-130-4 and others with weights far larger than an
   * initialiser draws; layers of up to 2,000 inputs): every output within {@code 1e-5 · max(1, m)}
   * of float64, m the row's largest |output|, typically 1e-7 to 1e-6: the order of ONNX Runtime's
   * float32 on the same files, which sums long products in blocks and so comes a little closer on
   * the widest layer tested (2,000 inputs: 2e-6 against 7e-6). The error grows with a layer's
   * inputs, about as their square root. A bound relative to each output alone does not hold: an
   * output that cancels to near 0 keeps the rounding of the row's larger terms.
   *
   * <p>Every row is computed on its own on the calling thread (a float32 product is never split
   * across {@link Kernels} threads), so the answers do not depend on the batch, the thread or the
   * call form. A network with no linear layer computes as float64. The new predictor keeps the
   * float64 copy it shares with this one and adds a float copy of the weights and biases.
   *
   * @param precision the arithmetic of the new predictor
   * @return a predictor in that precision
   * @throws IllegalArgumentException if precision is null, or (FLOAT32) a finite parameter is beyond
   *     float's range (its magnitude above {@link Float#MAX_VALUE}; the message names it)
   * @since 0.1.0
   */
  public Predictor withPrecision(Precision precision) {
    Checks.notNull(precision, "precision");
    if (precision == precision()) {
      return this;
    }
    if (precision == Precision.FLOAT64) {
      return new Predictor(plan, null, layerNames, parameterNames, parameterSizes);
    }
    checkFloatRange();
    return new Predictor(plan, FloatPlan.of(plan), layerNames, parameterNames, parameterSizes);
  }

  /**
   * Returns the arithmetic this predictor computes in.
   *
   * @return {@link Precision#FLOAT64} for {@link Network#freeze()}'s predictor
   * @since 0.1.0
   */
  public Precision precision() {
    return floats == null ? Precision.FLOAT64 : Precision.FLOAT32;
  }

  private void checkFloatRange() {
    double[] values = plan.values();
    int offset = 0;
    for (int n = 0; n < parameterSizes.length; offset += parameterSizes[n], n++) {
      for (int i = 0; i < parameterSizes[n]; i++) {
        double v = values[offset + i];
        if (Double.isFinite(v) && Float.isInfinite((float) v)) {
          throw new IllegalArgumentException("parameter " + parameterNames.get(n) + "[" + i + "] is " + v
              + ", beyond float32's range (+-" + Float.MAX_VALUE + "); keep Precision.FLOAT64");
        }
      }
    }
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
   *     infinity (the message names the element), or for {@link Precision#FLOAT32} a value beyond
   *     float's range
   * @since 0.1.0
   */
  public double[] predict(double[] row) {
    checkRows(row, "row", 1);
    double[] out = new double[outputs()];
    forward(row, 0, 1, out, 0);
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
   *     or an infinity, or for {@link Precision#FLOAT32} a value beyond float's range (out is then
   *     unchanged)
   * @since 0.1.0
   */
  public void predictInto(double[] row, double[] out) {
    checkRows(row, "row", 1);
    checkOut(out, outputs());
    forward(row, 0, 1, out, 0);
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
   *     length does not fit, or rows holds NaN or an infinity, or for {@link Precision#FLOAT32} a
   *     value beyond float's range (out is then unchanged)
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
   *     NaN or an infinity (the message names the element), or for {@link Precision#FLOAT32} a
   *     value beyond float's range
   * @since 0.1.0
   */
  public Tensor predict(Tensor x) {
    Checks.rank(x, 2, "x");
    if (x.dim(1) != inputs()) {
      throw new IllegalArgumentException(
          "x must have " + inputs() + " columns (the predictor's inputs), but has shape " + x.shapeString());
    }
    Checks.finite(x, "x");
    checkFloatRange(x);
    int batch = x.dim(0);
    double[] result = new double[batch * outputs()];
    double[] data = x.data();
    int offset = x.offset();
    if (offset == 0) {
      run(data, 0, batch, result);
    } else {
      for (int r = 0; r < batch; r += CHUNK_ROWS) {
        int n = Math.min(CHUNK_ROWS, batch - r);
        forward(data, offset + r * inputs(), n, result, r * outputs());
      }
    }
    return Tensor.wrap(result, batch, outputs());
  }

  private void run(double[] x, int xOff, int batch, double[] out) {
    for (int r = 0; r < batch; r += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, batch - r);
      forward(x, xOff + r * inputs(), n, out, r * outputs());
    }
  }

  /** One pass over at most {@link #CHUNK_ROWS} rows, in this predictor's precision. */
  private void forward(double[] x, int xOff, int n, double[] out, int outOff) {
    FloatPlan f = floats;
    if (f != null) {
      f.forward(x, xOff, n, work(f, n), out, outOff);
    } else {
      plan.forward(x, xOff, n, buffers(n), out, outOff);
    }
  }

  /** The calling thread's float32 buffers, grown to hold {@code rows} rows. */
  private FloatPlan.Work work(FloatPlan f, int rows) {
    FloatPlan.Work mine = work.get();
    if (f.rows(mine) < rows) {
      mine = f.newWork(Math.max(rows, Math.min(CHUNK_ROWS, 2 * f.rows(mine))));
      work.set(mine);
    }
    return mine;
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
    // FLOAT64: |v| <= Double.MAX_VALUE is exactly "finite"; FLOAT32 also refuses what float cannot hold
    double limit = floats == null ? Double.MAX_VALUE : Float.MAX_VALUE;
    for (int i = 0; i < rows.length; i++) {
      double v = rows[i];
      if (!(Math.abs(v) <= limit)) {
        String at = batch == 1 && name.equals("row") ? Integer.toString(i) : i / width + ", " + i % width;
        throw notRepresentable(name, at, v);
      }
    }
  }

  private static IllegalArgumentException notRepresentable(String name, String at, double v) {
    if (!Double.isFinite(v)) {
      return new IllegalArgumentException(name + " must be finite, but " + name + "[" + at + "] is " + v);
    }
    return new IllegalArgumentException(name + " must be within float32's range (+-" + Float.MAX_VALUE
        + ") for a FLOAT32 predictor, but " + name + "[" + at + "] is " + v);
  }

  /** FLOAT32: a finite value of x beyond float's range is refused, naming it as Checks.finite does. */
  private void checkFloatRange(Tensor x) {
    if (floats == null) {
      return;
    }
    double[] d = x.data();
    int off = x.offset();
    int cols = x.dim(1);
    for (int i = 0; i < x.size(); i++) {
      if (Math.abs(d[off + i]) > Float.MAX_VALUE) {
        throw notRepresentable("x", i / cols + ", " + i % cols, d[off + i]);
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
   * Sigmoid; 17 parameters)}, with {@code , FLOAT32} after the count for a float32 predictor.
   *
   * @return a readable description
   */
  @Override
  public String toString() {
    return "Predictor(" + String.join(", ", layerNames) + "; " + plan.size() + " parameters"
        + (floats == null ? ")" : ", FLOAT32)");
  }
}

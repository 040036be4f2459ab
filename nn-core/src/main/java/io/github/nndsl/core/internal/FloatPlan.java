package io.github.nndsl.core.internal;

/**
 * A {@link FrozenPlan} in float32: the ops before the first one with parameters (a standardize,
 * say) run as they are, in double, on the double input; the input of the first dense op is rounded
 * to float, and from there every op is its float form ({@link Op#float32()}): weights and biases
 * rounded once to float, products as float fma chains, activations rounded once from double. The
 * outputs are floats, widened to double. A plan with no dense op is its frozen plan, bit for bit.
 *
 * <p>Immutable; the callers bring the work buffers ({@link #newWork}), one set per thread. Like the
 * frozen plan it checks nothing, and every row is computed on its own: a row's answer does not
 * depend on the batch it came in.
 */
public final class FloatPlan {

  private final int inputs;
  private final int outputs;
  private final Op[] head; // frozen ops, in double
  private final FloatOp[] ops;

  private FloatPlan(int inputs, int outputs, Op[] head, FloatOp[] ops) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.head = head;
    this.ops = ops;
  }

  /** The float32 form of {@code frozen}; the frozen plan's ops and values are shared, not copied. */
  public static FloatPlan of(FrozenPlan frozen) {
    Op[] all = frozen.ops();
    int first = 0;
    while (first < all.length && !all[first].hasParameters()) {
      first++;
    }
    if (first == all.length) {
      return new FloatPlan(frozen.inputs(), frozen.outputs(), all.clone(), new FloatOp[0]);
    }
    Op[] head = java.util.Arrays.copyOf(all, first);
    FloatOp[] ops = new FloatOp[all.length - first];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = all[first + i].float32();
    }
    return new FloatPlan(frozen.inputs(), frozen.outputs(), head, ops);
  }

  public int inputs() {
    return inputs;
  }

  public int outputs() {
    return outputs;
  }

  /** One thread's work buffers, for up to {@code rows} rows. */
  public static final class Work {
    final int rows;
    final double[][] head; // the head ops' outputs
    final float[] input; // the first dense op's input, rounded
    final float[][] outs; // the float ops' outputs
    final float[][] acc = new float[4][FloatMatMul.WIDTH];

    private Work(FloatPlan plan, int rows) {
      this.rows = rows;
      this.head = new double[plan.head.length][];
      for (int i = 0; i < head.length; i++) {
        head[i] = new double[Math.multiplyExact(rows, plan.head[i].outputs)];
      }
      this.input = new float[plan.ops.length == 0 ? 0 : Math.multiplyExact(rows, plan.ops[0].inputs)];
      this.outs = new float[plan.ops.length][];
      for (int i = 0; i < outs.length; i++) {
        outs[i] = new float[Math.multiplyExact(rows, plan.ops[i].outputs)];
      }
    }
  }

  /** New work buffers for up to {@code rows} rows. */
  public Work newWork(int rows) {
    return new Work(this, rows);
  }

  /** The number of rows {@code work} holds. */
  public int rows(Work work) {
    return work.rows;
  }

  /**
   * Forward over {@code batch} rows of x into {@code out} at {@code outOff}, through {@code work}
   * (at least {@code batch} rows).
   */
  public void forward(double[] x, int xOff, int batch, Work work, double[] out, int outOff) {
    double[] in = x;
    int inOff = xOff;
    for (int i = 0; i < head.length; i++) {
      head[i].forward(in, inOff, work.head[i], batch);
      in = work.head[i];
      inOff = 0;
    }
    if (ops.length == 0) {
      System.arraycopy(in, inOff, out, outOff, batch * outputs);
      return;
    }
    float[] f = work.input;
    round(in, inOff, f, batch * ops[0].inputs);
    for (int i = 0; i < ops.length; i++) {
      ops[i].forward(f, 0, work.outs[i], batch, work.acc);
      f = work.outs[i];
    }
    widen(f, out, outOff, batch * outputs);
  }

  private static void round(double[] x, int xOff, float[] f, int n) {
    for (int i = 0; i < n; i++) {
      f[i] = (float) x[xOff + i];
    }
  }

  private static void widen(float[] f, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = f[i];
    }
  }
}

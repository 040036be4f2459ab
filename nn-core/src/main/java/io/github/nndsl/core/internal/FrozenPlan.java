package io.github.nndsl.core.internal;

/**
 * An immutable copy of a {@link Plan}'s forward pass: its own copy of the parameter values, ops
 * bound to that copy (see {@link Op#frozen}), and no buffers. The caller brings the work buffers
 * ({@link #newBuffers}), one set per thread, so any number of threads run it at once without
 * locks; every pass runs the plan's kernels on the plan's shapes, so the bits are the plan's.
 *
 * <p>Like the plan, it checks nothing: the callers check shapes and values first.
 */
public final class FrozenPlan {

  private final int inputs;
  private final int outputs;
  private final Op[] ops;
  private final double[] values; // never written after construction; the ops read it

  private FrozenPlan(int inputs, int outputs, Op[] ops, double[] values) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.ops = ops;
    this.values = values;
  }

  /** Copies the plan's parameter values as they are now and binds a copy of its ops to them. */
  public static FrozenPlan of(Plan plan) {
    double[] values = plan.values().clone();
    Op[] source = plan.ops();
    Op[] ops = new Op[source.length];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = source[i].frozen(values);
    }
    return new FrozenPlan(plan.inputs(), plan.outputs(), ops, values);
  }

  public int inputs() {
    return inputs;
  }

  public int outputs() {
    return outputs;
  }

  /** The ops, bound to the frozen values, for {@link FloatPlan}; not to be modified. */
  Op[] ops() {
    return ops;
  }

  /** The frozen parameter values, in store order; never to be written. */
  public double[] values() {
    return values;
  }

  /** The number of parameter values. */
  public int size() {
    return values.length;
  }

  /**
   * New work buffers for up to {@code rows} rows: {@code [i]} holds the output of op i. A plan
   * without ops needs none.
   */
  public double[][] newBuffers(int rows) {
    double[][] buffers = new double[ops.length][];
    for (int i = 0; i < ops.length; i++) {
      buffers[i] = new double[Math.multiplyExact(rows, ops[i].outputs)];
    }
    return buffers;
  }

  /** The number of rows {@code buffers} (from {@link #newBuffers}) hold; any count without ops. */
  public int rows(double[][] buffers) {
    return ops.length == 0 ? Integer.MAX_VALUE : buffers[0].length / ops[0].outputs;
  }

  /**
   * Forward over {@code batch} rows of x into {@code out} at {@code outOff}, through {@code
   * buffers} (at least {@code batch} rows).
   */
  public void forward(double[] x, int xOff, int batch, double[][] buffers, double[] out, int outOff) {
    double[] in = x;
    int inOff = xOff;
    for (int i = 0; i < ops.length; i++) {
      ops[i].forward(in, inOff, buffers[i], batch);
      in = buffers[i];
      inOff = 0;
    }
    System.arraycopy(in, inOff, out, outOff, batch * outputs);
  }
}

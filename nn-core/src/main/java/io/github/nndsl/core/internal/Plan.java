package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * A compiled network's plan: its ops in order, the parameter and gradient arrays they read and
 * write, and the work buffers, sized for the batch and reused, so a training step allocates
 * nothing. nn-core's {@code Network} wraps one; the trainer drives its passes.
 *
 * <p>The passes work on flat row-major arrays from an offset and check nothing: the callers check
 * shapes and values first.
 */
public final class Plan {

  private final int inputs;
  private final Op[] ops;
  private final int[] opLayers; // opLayers[i]: the index of the last layer op i computes
  private final double[] values;
  private final double[] gradients;
  private final double[][] activations; // activations[i + 1] is the output of ops[i]; [0] is unused
  private final double[][] activationGradients; // the gradient with respect to activations[i]
  private final Op[] randomOps; // the dropout ops, whose mode each forward pass sets
  private int capacity;

  /**
   * @param inputs the input width
   * @param ops the ops, in order, each reading the previous one's output
   * @param opLayers for each op, the index (as the user counts layers) of the last layer it computes
   * @param values every parameter, the array the ops read
   * @param gradients every parameter's gradient, the array the ops write
   */
  // backward stops here: the ops before the first one with parameters (a standardize, say) have no
  // gradient to write, and nobody needs the gradient with respect to their input
  private final int firstWithParameters;

  public Plan(int inputs, Op[] ops, int[] opLayers, double[] values, double[] gradients) {
    this.inputs = inputs;
    this.ops = ops.clone();
    this.opLayers = opLayers.clone();
    this.values = values;
    this.gradients = gradients;
    this.activations = new double[ops.length + 1][];
    this.activationGradients = new double[ops.length + 1][];
    int random = 0;
    for (Op op : ops) {
      random += op.random() ? 1 : 0;
    }
    this.randomOps = new Op[random];
    random = 0;
    for (Op op : ops) {
      if (op.random()) {
        randomOps[random++] = op;
      }
    }
    int first = ops.length;
    for (int i = ops.length - 1; i >= 0; i--) {
      if (ops[i].hasParameters()) {
        first = i;
      }
    }
    this.firstWithParameters = first;
    ensureCapacity(1);
  }

  public int inputs() {
    return inputs;
  }

  public int outputs() {
    return ops.length == 0 ? inputs : ops[ops.length - 1].outputs;
  }

  /** Every parameter, in store order: what the optimiser updates. */
  public double[] values() {
    return values;
  }

  /** Every parameter's gradient, in store order, as the last backward pass wrote it. */
  public double[] gradients() {
    return gradients;
  }

  /** Whether the plan has any op (a network of no layers passes its input through). */
  public boolean hasOps() {
    return ops.length > 0;
  }

  /** The buffer holding the last forward pass's output, offset 0; only when {@link #hasOps()}. */
  public double[] output() {
    return activations[ops.length];
  }

  /** The ops, for the activation scans; not to be modified. */
  Op[] ops() {
    return ops;
  }

  /**
   * The index, as the user counts layers, of the last layer op {@code i} computes: a dense op that
   * absorbed the activation after it reports that activation's index.
   */
  int layerOf(int i) {
    return opLayers[i];
  }

  /** The buffer holding the output of op {@code i - 1}, offset 0; {@code i} from 1. */
  double[] activation(int i) {
    return activations[i];
  }

  /** Grows the work buffers to hold at least {@code batch} rows; never shrinks them. */
  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    int rows = Math.max(batch, capacity * 2);
    for (int i = 0; i < ops.length; i++) {
      activations[i + 1] = new double[Math.multiplyExact(rows, ops[i].outputs)];
      activationGradients[i + 1] = new double[rows * ops[i].outputs];
    }
    capacity = rows;
  }

  /**
   * How many ops at the head of the plan are {@link Op#constant constant} (standardizations): a
   * training loop may apply them once to its whole input ({@link #applyConstantHead}) and start
   * every pass after them, with the same bits as running them at each step.
   */
  public int constantHead() {
    int n = 0;
    while (n + 1 < ops.length && n < firstWithParameters && ops[n].constant()) {
      n++;
    }
    return n;
  }

  /** The width of op {@code count - 1}'s output, the input's for 0. */
  public int widthAfter(int count) {
    return count == 0 ? inputs : ops[count - 1].outputs;
  }

  /**
   * The output of the first {@code count} ops (all constant) for {@code rows} rows of x: a new
   * array of (rows, that op's outputs), each row computed by the op's own forward pass.
   */
  public double[] applyConstantHead(int count, double[] x, int xOff, int rows) {
    double[] in = x;
    int inOff = xOff;
    for (int i = 0; i < count; i++) {
      double[] out = new double[Math.multiplyExact(rows, ops[i].outputs)];
      ops[i].forward(in, inOff, out, rows);
      in = out;
      inOff = 0;
    }
    return in;
  }

  /** Whether the plan has an op that acts differently while training (a dropout op). */
  public boolean hasRandomOps() {
    return randomOps.length > 0;
  }

  /**
   * Forward over {@code batch} rows of x, not training (dropout passes its input through);
   * returns the buffer holding the output, which starts at offset 0 (or is x itself, at xOff, for a
   * plan with no ops). Every pass but {@link #trainingForwardLossAndGradient} is this one.
   */
  public double[] forward(double[] x, int xOff, int batch) {
    return forward(0, x, xOff, batch);
  }

  /** {@link #forward} from op {@code start}, x the output of the {@link #constantHead} ops before it. */
  public double[] forward(int start, double[] x, int xOff, int batch) {
    for (Op op : randomOps) {
      op.mode(false, 0, 0);
    }
    return run(start, x, xOff, batch);
  }

  private double[] run(double[] x, int xOff, int batch) {
    return run(0, x, xOff, batch);
  }

  private double[] run(int start, double[] x, int xOff, int batch) {
    ensureCapacity(batch);
    double[] in = x;
    int inOff = xOff;
    for (int i = start; i < ops.length; i++) {
      ops[i].forward(in, inOff, activations[i + 1], batch);
      in = activations[i + 1];
      inOff = 0;
    }
    return in;
  }

  /** Forward, then the loss of the output against y. */
  public double forwardLoss(double[] x, int xOff, double[] y, int yOff, int batch, LossFunction loss) {
    double[] out = forward(x, xOff, batch);
    int outOff = ops.length == 0 ? xOff : 0;
    return loss.value(out, outOff, y, yOff, batch, outputs());
  }

  /**
   * Forward, then the loss of the output against y, returned, and its gradient at the output, kept
   * for {@link #backwardFromLoss}: one pass over the output where the last op can fuse the two.
   */
  public double forwardLossAndGradient(double[] x, int xOff, double[] y, int yOff, int batch, LossFunction loss) {
    return lossAndGradient(forward(x, xOff, batch), xOff, y, yOff, batch, loss);
  }

  /**
   * {@link #forwardLossAndGradient} as a training step: dropout ops drop with the masks of {@code
   * (seed, step)} (see {@link CounterRandom}), in this forward pass and the {@link
   * #backwardFromLoss} after it. The next {@link #forward} leaves training mode.
   */
  public double trainingForwardLossAndGradient(
      double[] x, int xOff, double[] y, int yOff, int batch, LossFunction loss, long seed, long step) {
    return trainingForwardLossAndGradient(0, x, xOff, y, yOff, batch, loss, seed, step);
  }

  /**
   * {@link #trainingForwardLossAndGradient} from op {@code start}: x is then the output of the
   * {@link #constantHead} ops before it (start at most {@link #constantHead()}).
   */
  public double trainingForwardLossAndGradient(
      int start, double[] x, int xOff, double[] y, int yOff, int batch, LossFunction loss, long seed, long step) {
    for (Op op : randomOps) {
      op.mode(true, seed, step);
    }
    return lossAndGradient(run(start, x, xOff, batch), xOff, y, yOff, batch, loss);
  }

  private double lossAndGradient(double[] out, int xOff, double[] y, int yOff, int batch, LossFunction loss) {
    int last = ops.length;
    if (last == 0) {
      return loss.value(out, xOff, y, yOff, batch, outputs());
    }
    return ops[last - 1].lossAndGradient(loss, out, y, yOff, activationGradients[last], batch, outputs());
  }

  /** Backward after {@link #forwardLoss} on the same batch: fills the gradients, updates nothing. */
  public void backward(double[] x, int xOff, double[] y, int yOff, int batch, LossFunction loss) {
    int last = ops.length;
    if (last == 0) {
      return;
    }
    ops[last - 1].lossGradient(loss, activations[last], y, yOff, activationGradients[last], batch, outputs());
    backwardFromLoss(x, xOff, batch, Double.NaN);
  }

  /**
   * Backward after {@link #forwardLossAndGradient} on the same batch, from the loss gradient it
   * kept: fills the gradients, and when {@code fusedRate} is not NaN also applies the update
   * {@code p -= fusedRate * g} to each parameter as soon as its gradient is written (an optimiser
   * offers such a rate through {@link OptimizerState#fusedRate()}; see there).
   */
  public void backwardFromLoss(double[] x, int xOff, int batch, double fusedRate) {
    backwardFromLoss(0, x, xOff, batch, fusedRate);
  }

  /** {@link #backwardFromLoss} after the pass from op {@code start}, x its input as there. */
  public void backwardFromLoss(int start, double[] x, int xOff, int batch, double fusedRate) {
    for (int i = ops.length - 1; i >= firstWithParameters; i--) {
      double[] in = i == start ? x : activations[i];
      int inOff = i == start ? xOff : 0;
      double @Nullable [] gIn = i == firstWithParameters ? null : activationGradients[i];
      ops[i].backward(in, inOff, activations[i + 1], activationGradients[i + 1], gIn, batch, fusedRate);
    }
  }
}

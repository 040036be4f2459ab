package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * One step of a compiled network's plan: reads a (batch, inputs) activation, writes a (batch,
 * outputs) one, and on the way back turns the output gradient into parameter gradients and (when
 * asked) the input gradient. Output buffers start at offset 0; inputs may be a view on the caller's x.
 *
 * <p>An op may end in an elementwise activation fused into it ({@link #fused}, see {@link Dense}).
 * The gradient handed to such an op's {@code backward} is then already taken through that
 * activation: whoever produces it (the next op, or the loss) folds the derivative in, in the same
 * pass, so no op runs a separate elementwise pass on the way back.
 */
public abstract class Op {

  final int inputs;
  final int outputs;

  Op(int inputs, int outputs) {
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /** The elementwise activation fused at the end of this op, or null. */
  @Nullable Kind fused() {
    return null;
  }

  /**
   * The elementwise activation this op applies last: its own kind for an activation op, the
   * absorbed one for a dense op that fused it (see Dense), or null.
   */
  @Nullable Kind applied() {
    return fused();
  }

  /** Whether this op has parameters (weights or a bias) whose gradients backward writes. */
  boolean hasParameters() {
    return false;
  }

  /** Whether this op draws random numbers while training (a dropout op), so the plan sets its mode. */
  boolean random() {
    return false;
  }

  /**
   * Whether this op is a fixed function of its input, the same while training as not, with no
   * parameters (a standardization): at the head of a plan, a trainer may apply it to the whole
   * training input once instead of at every step.
   */
  boolean constant() {
    return false;
  }

  /**
   * Sets the mode of a {@link #random()} op: training with the masks of {@code (seed, step)}, or
   * not (then it passes its input through). The default does nothing.
   */
  void mode(boolean training, long seed, long step) {}

  /** The leaky rectifier's slope when {@link #fused()} is {@code LEAKY_RELU}. */
  double fusedSlope() {
    return 0.0;
  }

  abstract void forward(double[] in, int inOff, double[] out, int batch);

  /**
   * This op reading its parameters from {@code frozenValues}, an immutable copy of the store's
   * values laid out as the store, for a {@link FrozenPlan}: the copy runs only {@link #forward},
   * from any number of threads at once. An op without parameters or mutable state returns itself;
   * an op that reads the store or keeps state that forward changes (or that training switches)
   * must override this and return an independent copy.
   */
  Op frozen(double[] frozenValues) {
    return this;
  }

  /**
   * The float32 form of this frozen op (one from {@link #frozen}), for a {@link FloatPlan}. The
   * default widens each float to double, runs this op's forward and rounds its output to float: right
   * for any op, so a new kind of op works in float32 at once; ops on the hot path override it.
   */
  FloatOp float32() {
    return FloatOps.widened(this);
  }

  /**
   * @param in the forward input
   * @param out the forward output
   * @param gOut the gradient with respect to out, taken through this op's fused activation if it has one;
   *     the op may overwrite it
   * @param gIn where to write the gradient the previous op expects (taken through its fused
   *     activation), or null when nobody needs it
   * @param fusedRate NaN, or the rate r of a linear update {@code p -= r * g} to apply to this op's
   *     parameters as soon as their gradients are written (see {@link OptimizerState#fusedRate()})
   */
  abstract void backward(
      double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch, double fusedRate);

  /**
   * Writes into g the loss gradient with respect to this op's output p (n elements), taken through
   * the fused activation if there is one. The default runs the loss, then the derivative in place.
   */
  void lossGradient(LossFunction loss, double[] p, double[] y, int yOff, double[] g, int rows, int cols) {
    loss.gradient(p, 0, y, yOff, g, 0, rows, cols);
    Kind kind = fused();
    if (kind != null) {
      derivativeInPlace(kind, fusedSlope(), g, 0, p, 0, rows * cols);
    }
  }

  /**
   * Returns the loss of this op's output p against y and writes into g what {@link #lossGradient}
   * writes, in one pass where an op can: the value's bits are {@code loss.value}'s.
   */
  double lossAndGradient(LossFunction loss, double[] p, double[] y, int yOff, double[] g, int rows, int cols) {
    double value = loss.valueAndGradient(p, 0, y, yOff, g, 0, rows, cols);
    Kind kind = fused();
    if (kind != null) {
      derivativeInPlace(kind, fusedSlope(), g, 0, p, 0, rows * cols);
    }
    return value;
  }

  /**
   * {@code g[i] *= f'} for the fused activation {@code kind}, from its OUTPUT a, with the
   * operations of the unfused backward kernels: a rectifier's output is positive exactly when its
   * input is (NaN and -0.0 included, and for a leaky one with a non-negative slope), so the
   * output-based test gives the same bits as the input-based one.
   */
  static void derivativeInPlace(Kind kind, double slope, double[] g, int gOff, double[] a, int aOff, int n) {
    switch (kind) {
      case RELU:
        if (gOff == 0 && aOff == 0) {
          Elementwise.reluBackwardOfOutput(g, a, n);
        } else {
          Elementwise.reluBackward(g, gOff, a, aOff, g, gOff, n);
        }
        break;
      case SIGMOID:
        Elementwise.sigmoidBackward(g, gOff, a, aOff, g, gOff, n);
        break;
      case TANH:
        Activations.tanhBackward(g, gOff, a, aOff, g, gOff, n);
        break;
      case LEAKY_RELU:
        Activations.leakyReluBackward(g, gOff, a, aOff, slope, g, gOff, n);
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  /** Applies the fused activation {@code kind} in place to n elements. */
  static void activateInPlace(Kind kind, double slope, double[] a, int aOff, int n) {
    switch (kind) {
      case RELU:
        Elementwise.relu(a, aOff, a, aOff, n);
        break;
      case SIGMOID:
        Elementwise.sigmoid(a, aOff, a, aOff, n);
        break;
      case TANH:
        Activations.tanh(a, aOff, a, aOff, n);
        break;
      case LEAKY_RELU:
        Activations.leakyRelu(a, aOff, slope, a, aOff, n);
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  /**
   * Creates an activation op of {@code width} units; {@code previous} is the op before it, whose
   * fused activation's derivative it folds into the gradient it passes back (null: none).
   */
  public static Op activation(Kind kind, int width, double slope, @Nullable Op previous) {
    return Activation.create(kind, width, slope, previous);
  }

  /**
   * Creates a standardization op {@code (x - mean) / std} per column; the arrays are copied into
   * the op (see {@link Standardization}).
   */
  public static Op standardize(double[] mean, double[] std, @Nullable Op previous) {
    return Standardization.create(mean, std, previous);
  }

  /**
   * Creates an inverted-dropout op of {@code width} units that drops with probability {@code rate}
   * while training; {@code layer} is its index as the user counts layers, part of its masks' key
   * (see {@link Dropout}).
   */
  public static Op dropout(int width, double rate, int layer, @Nullable Op previous) {
    return Dropout.create(width, rate, layer, previous);
  }

  /** Whether a {@link Dense} op can absorb an activation of this kind that follows it. */
  public static boolean fusable(Kind kind) {
    return kind == Kind.RELU || kind == Kind.SIGMOID || kind == Kind.TANH || kind == Kind.LEAKY_RELU
        || kind == Kind.IDENTITY;
  }

  /** The kinds of parameter-free elementwise (or row-wise) layers. */
  public enum Kind {
    RELU, SIGMOID, TANH, LEAKY_RELU, SOFTMAX, IDENTITY
  }

  /**
   * A parameter-free activation standing alone (a softmax, or one that follows something other
   * than a dense layer); the switch runs once per call, never per element.
   */
  static final class Activation extends Op {
    final Kind kind;
    final double slope;
    private final @Nullable Kind previous; // the previous op's fused activation, folded into gIn
    private final double previousSlope;

    /**
     * Typed as Op, so that verifying the network builder does not load this class: a network whose
     * activations all fuse into dense layers never does (each class costs start-up time).
     */
    static Op create(Kind kind, int width, double slope, @Nullable Op previous) {
      return new Activation(kind, width, slope, previous);
    }

    private Activation(Kind kind, int width, double slope, @Nullable Op previous) {
      super(width, width);
      this.kind = kind;
      this.slope = slope;
      this.previous = previous == null ? null : previous.fused();
      this.previousSlope = previous == null ? 0.0 : previous.fusedSlope();
    }

    @Override
    Kind applied() {
      return kind;
    }

    @Override
    FloatOp float32() {
      return FloatOps.activation(kind, inputs, slope);
    }

    @Override
    void forward(double[] in, int inOff, double[] out, int batch) {
      int n = batch * inputs;
      switch (kind) {
        case RELU:
          Elementwise.relu(in, inOff, out, 0, n);
          break;
        case SIGMOID:
          Elementwise.sigmoid(in, inOff, out, 0, n);
          break;
        case TANH:
          Activations.tanh(in, inOff, out, 0, n);
          break;
        case LEAKY_RELU:
          Activations.leakyRelu(in, inOff, slope, out, 0, n);
          break;
        case SOFTMAX:
          Activations.softmax(in, inOff, out, 0, batch, inputs);
          break;
        case IDENTITY:
          System.arraycopy(in, inOff, out, 0, n);
          break;
        default:
          throw new AssertionError(kind);
      }
    }

    @Override
    void backward(
        double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch, double fusedRate) {
      if (gIn == null) {
        return;
      }
      int n = batch * inputs;
      switch (kind) {
        case RELU:
          Elementwise.reluBackward(gOut, 0, in, inOff, gIn, 0, n);
          break;
        case SIGMOID:
          Elementwise.sigmoidBackward(gOut, 0, out, 0, gIn, 0, n);
          break;
        case TANH:
          Activations.tanhBackward(gOut, 0, out, 0, gIn, 0, n);
          break;
        case LEAKY_RELU:
          Activations.leakyReluBackward(gOut, 0, in, inOff, slope, gIn, 0, n);
          break;
        case SOFTMAX:
          Activations.softmaxBackward(gOut, 0, out, 0, gIn, 0, batch, inputs);
          break;
        case IDENTITY:
          System.arraycopy(gOut, 0, gIn, 0, n);
          break;
        default:
          throw new AssertionError(kind);
      }
      if (previous != null) {
        derivativeInPlace(previous, previousSlope, gIn, 0, in, inOff, n);
      }
    }
  }
}

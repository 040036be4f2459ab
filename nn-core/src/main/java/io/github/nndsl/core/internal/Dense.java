package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * A dense layer {@code x · w + b} with the elementwise activation that follows it in the plan
 * fused in: forward writes the activation's output straight from the product, and the backward
 * pass receives its gradient already taken through the activation (the next op or the loss folds
 * the derivative in), so a Linear-ReLU pair costs the passes of one op. Weights (inputs, outputs)
 * and bias live in the parameter store.
 *
 * <p>The bits are those of the unfused ops: each element is still the product's fma chain, then
 * {@code + bias} as a separate addition, then the activation; the backward kernels are unchanged.
 */
public final class Dense extends Op {
  private static final double[] NO_GRADIENTS = new double[0]; // a frozen copy never runs backward
  private final double[] values;
  private final double[] gradients;
  private final int weightOffset;
  private final int biasOffset; // -1: no bias
  private final @Nullable Kind activation; // null: none (an Identity fuses to none as well)
  private final double slope;
  private final @Nullable Kind previous; // the previous op's fused activation, folded into gIn
  private final double previousSlope;
  private final int activationCode; // the same two as SmallDense's codes
  private final int previousCode;
  /** A frozen copy's weights packed for the plain-loop kernel ({@link PackedMatMul#pack}), or null. */
  private final double @Nullable [][][] packed;

  public Dense(int inputs, int outputs, double[] values, double[] gradients, int weightOffset, int biasOffset,
      @Nullable Kind activation, double slope, @Nullable Op previous) {
    super(inputs, outputs);
    this.values = values;
    this.gradients = gradients;
    this.weightOffset = weightOffset;
    this.biasOffset = biasOffset;
    this.activation = activation == Kind.IDENTITY ? null : activation;
    this.slope = slope;
    this.previous = previous == null ? null : previous.fused();
    this.previousSlope = previous == null ? 0.0 : previous.fusedSlope();
    this.activationCode = code(this.activation);
    this.previousCode = code(this.previous);
    this.packed = null;
  }

  /** A copy of {@code source} that reads its parameters from {@code values}; it has no gradients. */
  private Dense(Dense source, double[] values) {
    super(source.inputs, source.outputs);
    this.values = values;
    this.gradients = NO_GRADIENTS;
    this.weightOffset = source.weightOffset;
    this.biasOffset = source.biasOffset;
    this.activation = source.activation;
    this.slope = source.slope;
    this.previous = source.previous;
    this.previousSlope = source.previousSlope;
    this.activationCode = source.activationCode;
    this.previousCode = source.previousCode;
    // served rows read the weights from row arrays: no copy of them per call (784-256-10's
    // first layer is 1.6 MB), and loops the JIT vectorises on JDK 17 as on 25
    this.packed = outputs >= PackedMatMul.MIN_WIDTH ? PackedMatMul.pack(values, weightOffset, inputs, outputs) : null;
  }

  @Override
  boolean hasParameters() {
    return true;
  }

  @Override
  Op frozen(double[] frozenValues) {
    return new Dense(this, frozenValues);
  }

  @Override
  FloatOp float32() {
    return new FloatDense(inputs, outputs, values, weightOffset, biasOffset, activationCode, slope);
  }

  private static int code(@Nullable Kind kind) {
    if (kind == null) {
      return SmallDense.NONE;
    }
    // an if chain, not a switch: javac turns a switch on another class's enum into a lookup
    // class of its own, one more class for every process to load
    if (kind == Kind.RELU) {
      return SmallDense.RELU;
    } else if (kind == Kind.SIGMOID) {
      return SmallDense.SIGMOID;
    } else if (kind == Kind.TANH) {
      return SmallDense.TANH;
    } else if (kind == Kind.LEAKY_RELU) {
      return SmallDense.LEAKY_RELU;
    }
    throw new AssertionError(kind);
  }

  @Override
  @Nullable Kind fused() {
    return activation;
  }

  @Override
  double fusedSlope() {
    return slope;
  }

  @Override
  void forward(double[] in, int inOff, double[] out, int batch) {
    if (SmallDense.fits(batch, inputs, outputs)) {
      SmallDense.forward(activationCode, slope, in, inOff, values, weightOffset, values, biasOffset, out,
          batch, inputs, outputs);
      return;
    }
    boolean plain = !MatMul.vectorized() && (long) batch * inputs * outputs < MatMul.PARALLEL_WORK;
    // the plain-loop kernel adds the bias and rectifies as it stores each row's sums (the same
    // bits as the separate passes, which then do not run)
    boolean fused = activation == null || activation == Kind.RELU;
    if (packed != null && plain) {
      PackedMatMul.rowsPacked(in, inOff, inputs, 1, packed, out, 0, 0, batch, inputs, outputs,
          values, fused ? biasOffset : -1, activation == Kind.RELU);
      if (fused) {
        return;
      }
      if (biasOffset >= 0) {
        Elementwise.addRow(out, 0, values, biasOffset, batch, outputs);
      }
    } else if (plain && fused && outputs >= PackedMatMul.MIN_WIDTH
        && (batch > 1 || (long) inputs * outputs > MatMul.ONE_ROW_MAX)) {
      PackedMatMul.rows(in, inOff, inputs, 1, values, weightOffset, out, 0, 0, batch, inputs, outputs,
          values, biasOffset, activation == Kind.RELU);
      return;
    } else if (biasOffset >= 0) {
      MatMul.abPlusRow(in, inOff, values, weightOffset, values, biasOffset, out, 0, batch, inputs, outputs);
    } else {
      MatMul.ab(in, inOff, values, weightOffset, out, 0, batch, inputs, outputs);
    }
    if (activation != null) {
      activateInPlace(activation, slope, out, 0, batch * outputs);
    }
  }

  @Override
  void backward(
      double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch, double fusedRate) {
    if (SmallDense.fits(batch, inputs, outputs)) {
      SmallDense.backward(previousCode, previousSlope, in, inOff, values, weightOffset, gOut, gradients,
          biasOffset, gIn == null ? gOut : gIn, gIn != null, fusedRate, batch, inputs, outputs);
      return;
    }
    if (gIn != null) {
      MatMul.abt(gOut, 0, values, weightOffset, gIn, 0, batch, outputs, inputs);
      if (previous != null) {
        derivativeInPlace(previous, previousSlope, gIn, 0, in, inOff, batch * inputs);
      }
    }
    MatMul.atb(in, inOff, gOut, 0, gradients, weightOffset, inputs, batch, outputs);
    if (biasOffset >= 0) {
      Elementwise.sumRows(gOut, 0, gradients, biasOffset, batch, outputs);
    }
    if (fusedRate == fusedRate) {
      int weights = inputs * outputs;
      if (weights < KernelThreads.PARALLEL_SGD || KernelThreads.threads() == 1
          || !KernelThreads.sgd(values, weightOffset, gradients, weightOffset, fusedRate, weights)) {
        Elementwise.sgd(values, weightOffset, gradients, weightOffset, fusedRate, weights);
      }
      if (biasOffset >= 0) {
        Elementwise.sgd(values, biasOffset, gradients, biasOffset, fusedRate, outputs);
      }
    }
  }

  @Override
  void lossGradient(LossFunction loss, double[] p, double[] y, int yOff, double[] g, int rows, int cols) {
    if (activation == Kind.SIGMOID && loss.isMeanSquaredError()) {
      Elementwise.mseSigmoidBackward(p, 0, y, yOff, g, 0, rows * cols);
    } else {
      super.lossGradient(loss, p, y, yOff, g, rows, cols);
    }
  }

  @Override
  double lossAndGradient(LossFunction loss, double[] p, double[] y, int yOff, double[] g, int rows, int cols) {
    if (activation == Kind.SIGMOID && loss.isMeanSquaredError()) {
      return Elementwise.mseSigmoidLossAndBackward(p, 0, y, yOff, g, 0, rows * cols);
    }
    return super.lossAndGradient(loss, p, y, yOff, g, rows, cols);
  }
}

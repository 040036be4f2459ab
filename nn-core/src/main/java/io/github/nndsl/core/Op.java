package io.github.nndsl.core;

import io.github.nndsl.core.internal.Activations;
import io.github.nndsl.core.internal.Elementwise;
import io.github.nndsl.core.internal.MatMul;
import org.jspecify.annotations.Nullable;

/**
 * One step of a compiled network's plan: reads a (batch, inputs) activation, writes a (batch,
 * outputs) one, and on the way back turns the output gradient into parameter gradients and (when
 * asked) the input gradient. Output buffers start at offset 0; inputs may be a view on the caller's x.
 */
abstract class Op {

  final int inputs;
  final int outputs;

  Op(int inputs, int outputs) {
    this.inputs = inputs;
    this.outputs = outputs;
  }

  abstract void forward(double[] in, int inOff, double[] out, int batch);

  /**
   * @param in the forward input
   * @param out the forward output
   * @param gOut the gradient with respect to out
   * @param gIn where to write the gradient with respect to in, or null when nobody needs it
   */
  abstract void backward(
      double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch);

  /** A dense layer whose weights (inputs, outputs) and bias live in the parameter store. */
  static final class Linear extends Op {
    private final double[] values;
    private final double[] gradients;
    private final int weightOffset;
    private final int biasOffset; // -1: no bias

    Linear(int inputs, int outputs, ParameterStore store, int weightOffset, int biasOffset) {
      super(inputs, outputs);
      this.values = store.values();
      this.gradients = store.gradients();
      this.weightOffset = weightOffset;
      this.biasOffset = biasOffset;
    }

    @Override
    void forward(double[] in, int inOff, double[] out, int batch) {
      if (biasOffset >= 0) {
        MatMul.abPlusRow(in, inOff, values, weightOffset, values, biasOffset, out, 0, batch, inputs, outputs);
      } else {
        MatMul.ab(in, inOff, values, weightOffset, out, 0, batch, inputs, outputs);
      }
    }

    @Override
    void backward(double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch) {
      if (gIn != null) {
        MatMul.abt(gOut, 0, values, weightOffset, gIn, 0, batch, outputs, inputs);
      }
      MatMul.atb(in, inOff, gOut, 0, gradients, weightOffset, inputs, batch, outputs);
      if (biasOffset >= 0) {
        Elementwise.sumRows(gOut, 0, gradients, biasOffset, batch, outputs);
      }
    }
  }

  /** The kinds of parameter-free elementwise (or row-wise) layers. */
  enum Kind {
    RELU, SIGMOID, TANH, LEAKY_RELU, SOFTMAX, IDENTITY
  }

  /** A parameter-free activation; the switch runs once per call, never per element. */
  static final class Activation extends Op {
    final Kind kind;
    final double slope;

    Activation(Kind kind, int width, double slope) {
      super(width, width);
      this.kind = kind;
      this.slope = slope;
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
    void backward(double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch) {
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
    }
  }
}

package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Inverted dropout: while the plan trains ({@link Plan#trainingForwardLossAndGradient}), each
 * element is zeroed with probability {@code rate} and the others are multiplied by {@code 1 / (1 -
 * rate)}, as PyTorch's {@code torch.nn.Dropout} does ({@code input * (bernoulli(1 - p) / (1 - p))}),
 * so the expected output is the input; at any other time it passes its input through.
 *
 * <p>The mask holds no state: element {@code i} of a (batch, width) step is dropped when {@link
 * CounterRandom#uniform(long, long) uniform(key, i)} {@code < rate}, the key made from the
 * trainer's seed, the training step and this layer's index ({@link CounterRandom#key}); the
 * backward pass recomputes the same mask, so nothing is stored and nothing allocated. A rate of 0
 * copies, which is bit for bit {@code x * 1.0}.
 */
final class Dropout extends Op {

  private final double rate;
  private final double scale;
  private final int layer;
  private final @Nullable Kind previous; // the previous op's fused activation, folded into gIn
  private final double previousSlope;
  private boolean training;
  private long key;

  /** Typed as Op, so that verifying the network builder does not load this class. */
  static Op create(int width, double rate, int layer, @Nullable Op previous) {
    return new Dropout(width, rate, layer, previous);
  }

  private Dropout(int width, double rate, int layer, @Nullable Op previous) {
    super(width, width);
    this.rate = rate;
    this.scale = 1.0 / (1.0 - rate);
    this.layer = layer;
    this.previous = previous == null ? null : previous.fused();
    this.previousSlope = previous == null ? 0.0 : previous.fusedSlope();
  }

  /** A copy for a frozen plan: it never enters training mode, so a predictor never drops. */
  private Dropout(Dropout source) {
    super(source.inputs, source.outputs);
    this.rate = source.rate;
    this.scale = source.scale;
    this.layer = source.layer;
    this.previous = source.previous;
    this.previousSlope = source.previousSlope;
  }

  @Override
  Op frozen(double[] frozenValues) {
    // not this op: training switches its mode, and a predictor must not see that
    return new Dropout(this);
  }

  @Override
  FloatOp float32() {
    return FloatOps.copy(inputs); // called on a frozen copy, which never drops
  }

  @Override
  boolean random() {
    return true;
  }

  @Override
  void mode(boolean training, long seed, long step) {
    this.training = training && rate > 0.0;
    this.key = training ? CounterRandom.key(seed, step, layer) : 0;
  }

  @Override
  void forward(double[] in, int inOff, double[] out, int batch) {
    int n = batch * inputs;
    if (!training) {
      System.arraycopy(in, inOff, out, 0, n);
      return;
    }
    for (int i = 0; i < n; i++) {
      out[i] = CounterRandom.uniform(key, i) < rate ? 0.0 : in[inOff + i] * scale;
    }
  }

  @Override
  void backward(
      double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch, double fusedRate) {
    if (gIn == null) {
      return;
    }
    int n = batch * inputs;
    if (!training) {
      System.arraycopy(gOut, 0, gIn, 0, n);
    } else {
      for (int i = 0; i < n; i++) {
        gIn[i] = CounterRandom.uniform(key, i) < rate ? 0.0 : gOut[i] * scale;
      }
    }
    if (previous != null) {
      derivativeInPlace(previous, previousSlope, gIn, 0, in, inOff, n);
    }
  }
}

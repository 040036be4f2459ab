package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * {@code (x - mean) / std} per column, with constants that are part of the op (copied in when the
 * network is built), not parameters: they sit in no store, get no gradient and no optimiser ever
 * sees them. The arithmetic is NumPy's {@code (x - mean) / std}: a subtraction, then a division
 * (not a multiplication by a reciprocal), so the bits are NumPy's.
 */
final class Standardization extends Op {

  private final double[] mean;
  private final double[] std;
  private final @Nullable Kind previous; // the previous op's fused activation, folded into gIn
  private final double previousSlope;

  /** Typed as Op, so that verifying the network builder does not load this class. */
  static Op create(double[] mean, double[] std, @Nullable Op previous) {
    return new Standardization(mean, std, previous);
  }

  private Standardization(double[] mean, double[] std, @Nullable Op previous) {
    super(mean.length, mean.length);
    this.mean = mean.clone();
    this.std = std.clone();
    this.previous = previous == null ? null : previous.fused();
    this.previousSlope = previous == null ? 0.0 : previous.fusedSlope();
  }

  @Override
  boolean constant() {
    return true;
  }

  @Override
  FloatOp float32() {
    return FloatOps.standardize(mean, std);
  }

  @Override
  void forward(double[] in, int inOff, double[] out, int batch) {
    int w = inputs;
    for (int r = 0; r < batch; r++) {
      int o = r * w;
      int i = inOff + o;
      for (int c = 0; c < w; c++) {
        out[o + c] = (in[i + c] - mean[c]) / std[c];
      }
    }
  }

  @Override
  void backward(
      double[] in, int inOff, double[] out, double[] gOut, double @Nullable [] gIn, int batch, double fusedRate) {
    if (gIn == null) {
      return; // the usual place, first: nothing before it needs a gradient, and it has no parameters
    }
    int w = inputs;
    for (int r = 0; r < batch; r++) {
      int o = r * w;
      for (int c = 0; c < w; c++) {
        gIn[o + c] = gOut[o + c] / std[c];
      }
    }
    if (previous != null) {
      derivativeInPlace(previous, previousSlope, gIn, 0, in, inOff, batch * w);
    }
  }
}

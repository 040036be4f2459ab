package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * The float32 form of a frozen {@link Dense}: its weights and bias rounded once to the nearest
 * float, {@code out = act(x · w + b)} with the product's float fma chain ({@link FloatMatMul}), the
 * bias then added in float, and the fused activation as {@link FloatOps#activate} computes it.
 */
final class FloatDense extends FloatOp {

  private final float[][][] weights; // packed by FloatMatMul.pack
  private final float @Nullable [] bias;
  private final int activation; // SmallDense's codes
  private final double slope;

  FloatDense(int inputs, int outputs, double[] values, int weightOffset, int biasOffset, int activation, double slope) {
    super(inputs, outputs);
    this.weights = FloatMatMul.pack(values, weightOffset, inputs, outputs);
    this.bias = biasOffset < 0 ? null : FloatOps.rounded(values, biasOffset, outputs);
    this.activation = activation;
    this.slope = slope;
  }

  @Override
  void forward(float[] in, int inOff, float[] out, int batch, float[][] acc) {
    FloatMatMul.ab(in, inOff, weights, out, batch, inputs, outputs, acc);
    float[] b = bias;
    if (b != null) {
      for (int r = 0; r < batch; r++) {
        addRow(out, r * outputs, b, outputs);
      }
    }
    if (activation != SmallDense.NONE) {
      FloatOps.activate(activation, slope, out, 0, batch * outputs);
    }
  }

  /** {@code out[o + j] += b[j]}: the rounded product, then the bias, as the float64 layer adds it. */
  private static void addRow(float[] out, int o, float[] b, int n) {
    for (int j = 0; j < n; j++) {
      out[o + j] += b[j];
    }
  }
}

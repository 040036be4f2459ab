package io.github.nndsl.core.internal;

/**
 * The float32 forms of the ops without parameters, and the rule they share: an activation (or a
 * standardization) takes each float, computes in double with the float64 kernel's operations and
 * rounds the result to float once, so its output is exactly {@code (float) f((double) x)} with f
 * the float64 op (a ReLU's is its float result anyway).
 */
final class FloatOps {

  private FloatOps() {}

  /** {@code n} values from {@code off}, each rounded to the nearest float. */
  static float[] rounded(double[] values, int off, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) values[off + i];
    }
    return f;
  }

  /** Applies the activation of {@link SmallDense}'s {@code code} in place to n floats. */
  static void activate(int code, double slope, float[] a, int off, int n) {
    // an if chain over int codes: no switch map class to load; each loop is plain and separate
    if (code == SmallDense.RELU) {
      for (int i = off; i < off + n; i++) {
        a[i] = Math.max(a[i], 0f); // NaN stays NaN, -0 becomes +0, as the float64 ReLU
      }
    } else if (code == SmallDense.SIGMOID) {
      for (int i = off; i < off + n; i++) {
        a[i] = (float) Elementwise.sigmoid(a[i]);
      }
    } else if (code == SmallDense.TANH) {
      for (int i = off; i < off + n; i++) {
        a[i] = (float) Math.tanh(a[i]);
      }
    } else if (code == SmallDense.LEAKY_RELU) {
      for (int i = off; i < off + n; i++) {
        double v = a[i];
        a[i] = (float) (v > 0.0 ? v : slope * v);
      }
    } else if (code != SmallDense.NONE) {
      throw new AssertionError(code);
    }
  }

  /** The code {@link #activate} takes for an elementwise kind. */
  static int code(Op.Kind kind) {
    if (kind == Op.Kind.RELU) {
      return SmallDense.RELU;
    } else if (kind == Op.Kind.SIGMOID) {
      return SmallDense.SIGMOID;
    } else if (kind == Op.Kind.TANH) {
      return SmallDense.TANH;
    } else if (kind == Op.Kind.LEAKY_RELU) {
      return SmallDense.LEAKY_RELU;
    } else if (kind == Op.Kind.IDENTITY) {
      return SmallDense.NONE;
    }
    throw new AssertionError(kind);
  }

  /** An activation standing alone: elementwise, or a row-wise softmax. */
  static FloatOp activation(Op.Kind kind, int width, double slope) {
    return kind == Op.Kind.SOFTMAX ? new Softmax(width) : new Pointwise(code(kind), width, slope);
  }

  /** {@code (x - mean) / std} per column, in double with the float64 constants, then rounded. */
  static FloatOp standardize(double[] mean, double[] std) {
    return new Standardize(mean, std);
  }

  /** Passes its input through: a dropout op of a frozen plan, which never drops. */
  static FloatOp copy(int width) {
    return new Pointwise(SmallDense.NONE, width, 0.0);
  }

  /**
   * Any frozen op without a float form of its own: the floats widened to double, the op's float64
   * forward, the result rounded, through the calling thread's double buffers.
   */
  static FloatOp widened(Op frozen) {
    return new Widened(frozen);
  }

  private static final class Pointwise extends FloatOp {
    private final int code;
    private final double slope;

    Pointwise(int code, int width, double slope) {
      super(width, width);
      this.code = code;
      this.slope = slope;
    }

    @Override
    void forward(float[] in, int inOff, float[] out, int batch, float[][] acc) {
      int n = batch * inputs;
      System.arraycopy(in, inOff, out, 0, n);
      activate(code, slope, out, 0, n);
    }
  }

  /**
   * Row-wise softmax with {@link Activations#softmax}'s operations in double: the row maximum, then
   * the sum of {@code exp(x - max)}; each output is {@code exp(x - max) / sum}, the exponential
   * computed again (the same bits) rather than stored, rounded once to float.
   */
  private static final class Softmax extends FloatOp {
    Softmax(int width) {
      super(width, width);
    }

    @Override
    void forward(float[] in, int inOff, float[] out, int batch, float[][] acc) {
      int cols = inputs;
      for (int r = 0; r < batch; r++) {
        int xi = inOff + r * cols;
        int oi = r * cols;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
          max = Math.max(max, in[xi + j]);
        }
        double sum = 0.0;
        for (int j = 0; j < cols; j++) {
          sum += Math.exp(in[xi + j] - max);
        }
        for (int j = 0; j < cols; j++) {
          out[oi + j] = (float) (Math.exp(in[xi + j] - max) / sum);
        }
      }
    }
  }

  private static final class Standardize extends FloatOp {
    private final double[] mean;
    private final double[] std;

    Standardize(double[] mean, double[] std) {
      super(mean.length, mean.length);
      this.mean = mean;
      this.std = std;
    }

    @Override
    void forward(float[] in, int inOff, float[] out, int batch, float[][] acc) {
      int w = inputs;
      for (int r = 0; r < batch; r++) {
        int o = r * w;
        int i = inOff + o;
        for (int c = 0; c < w; c++) {
          out[o + c] = (float) ((in[i + c] - mean[c]) / std[c]);
        }
      }
    }
  }

  private static final class Widened extends FloatOp {
    private final Op op;
    private final ThreadLocal<double[][]> buffers; // [0]: the input widened, [1]: the op's output

    Widened(Op op) {
      super(op.inputs, op.outputs);
      this.op = op;
      this.buffers = ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[0]});
    }

    @Override
    void forward(float[] in, int inOff, float[] out, int batch, float[][] acc) {
      double[][] mine = buffers.get();
      int n = batch * inputs;
      int m = batch * outputs;
      if (mine[0].length < n || mine[1].length < m) {
        mine[0] = new double[n];
        mine[1] = new double[m];
      }
      double[] wide = mine[0];
      for (int i = 0; i < n; i++) {
        wide[i] = in[inOff + i];
      }
      op.forward(wide, 0, mine[1], batch);
      double[] result = mine[1];
      for (int i = 0; i < m; i++) {
        out[i] = (float) result[i];
      }
    }
  }
}

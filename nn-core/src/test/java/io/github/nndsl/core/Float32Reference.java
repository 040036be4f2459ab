package io.github.nndsl.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A network described step by step, built into a {@link Network} and evaluated by a plain,
 * independent reading of what {@link Predictor#withPrecision} documents for {@link
 * Precision#FLOAT32}: double up to the first linear layer, then floats; each output of a linear
 * layer a float fma chain in increasing p from 0 plus the float bias; each activation {@code
 * (float) f((double) v)}; the outputs widened. Nothing here calls nn-core's kernels.
 */
final class Float32Reference {

  private final int inputs;
  private final List<Object[]> steps = new ArrayList<>(); // {kind, args...}

  private Float32Reference(int inputs) {
    this.inputs = inputs;
  }

  static Float32Reference of(int inputs) {
    return new Float32Reference(inputs);
  }

  Float32Reference linear(int outputs, boolean bias) {
    steps.add(new Object[] {"linear", outputs, bias});
    return this;
  }

  Float32Reference standardize(double[] mean, double[] std) {
    steps.add(new Object[] {"standardize", mean, std});
    return this;
  }

  Float32Reference dropout(double rate) {
    steps.add(new Object[] {"dropout", rate});
    return this;
  }

  Float32Reference leakyRelu(double slope) {
    steps.add(new Object[] {"leakyRelu", slope});
    return this;
  }

  Float32Reference activation(String kind) {
    steps.add(new Object[] {kind});
    return this;
  }

  Network build() {
    Network.Builder b = Network.builder(inputs);
    for (Object[] s : steps) {
      switch ((String) s[0]) {
        case "linear": b.linear((Integer) s[1], (Boolean) s[2]); break;
        case "standardize": b.standardize((double[]) s[1], (double[]) s[2]); break;
        case "dropout": b.dropout((Double) s[1]); break;
        case "leakyRelu": b.leakyRelu((Double) s[1]); break;
        case "relu": b.relu(); break;
        case "sigmoid": b.sigmoid(); break;
        case "tanh": b.tanh(); break;
        case "softmax": b.softmax(); break;
        case "identity": b.identity(); break;
        default: throw new AssertionError(s[0]);
      }
    }
    return b.build();
  }

  /** The documented FLOAT32 answer for one row of {@code net} (built by {@link #build}). */
  double[] predict(Network net, double[] row) {
    double[] x = row.clone(); // every value so far; after the first linear layer, each a float
    boolean floats = false;
    for (int layer = 0; layer < steps.size(); layer++) {
      Object[] s = steps.get(layer);
      String kind = (String) s[0];
      if (kind.equals("linear")) {
        int outputs = (Integer) s[1];
        double[] w = net.parameters().get(layer + ".weight").toArray(); // (in, out)
        double[] b = (Boolean) s[2] ? net.parameters().get(layer + ".bias").toArray() : null;
        double[] y = new double[outputs];
        for (int j = 0; j < outputs; j++) {
          float acc = 0f;
          for (int p = 0; p < x.length; p++) {
            acc = Math.fma((float) x[p], (float) w[p * outputs + j], acc);
          }
          y[j] = b == null ? acc : acc + (float) b[j];
        }
        x = y;
        floats = true;
      } else if (kind.equals("softmax")) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
          max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
          sum += Math.exp(v - max);
        }
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
          y[j] = Math.exp(x[j] - max) / sum;
        }
        x = round(y, floats);
      } else {
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
          y[j] = elementwise(s, j, x[j]);
        }
        x = round(y, floats);
      }
    }
    return x;
  }

  private static double elementwise(Object[] s, int column, double v) {
    switch ((String) s[0]) {
      case "standardize": return (v - ((double[]) s[1])[column]) / ((double[]) s[2])[column];
      case "dropout":
      case "identity": return v;
      case "leakyRelu": return v > 0 ? v : (Double) s[1] * v;
      case "relu": return v > 0 ? v : 0.0;
      case "sigmoid": return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      case "tanh": return Math.tanh(v);
      default: throw new AssertionError(s[0]);
    }
  }

  private static double[] round(double[] y, boolean floats) {
    if (floats) {
      for (int j = 0; j < y.length; j++) {
        y[j] = (float) y[j];
      }
    }
    return y;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(inputs);
    for (Object[] s : steps) {
      b.append(' ').append(s[0]).append(s.length > 1 && s[1] instanceof Integer ? "(" + s[1] + ")" : "");
    }
    return b.toString();
  }
}

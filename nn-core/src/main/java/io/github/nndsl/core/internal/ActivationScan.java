package io.github.nndsl.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Reads what a network's last forward pass left in its work buffers: dead ReLU units, saturated
 * sigmoid outputs, how much the output varies across rows. Plain loops, no allocation except for
 * the descriptions, which are built only when a diagnostic fires.
 */
public final class ActivationScan {

  /** A sigmoid output this close to 0 or 1 counts as saturated: its gradient is below 1e-6. */
  public static final double SATURATION_MARGIN = 1e-6;

  private ActivationScan() {}

  /** The number of units in all ReLU layers. */
  public static int reluUnits(Plan net) {
    int units = 0;
    for (Op op : net.ops()) {
      if (op.applied() == Op.Kind.RELU) {
        units += op.outputs;
      }
    }
    return units;
  }

  /** The number of ReLU units whose input is at most 0 in every one of the last {@code batch} rows. */
  public static int deadUnits(Plan net, int batch) {
    Op[] ops = net.ops();
    int dead = 0;
    for (int i = 0; i < ops.length; i++) {
      if (ops[i].applied() == Op.Kind.RELU) {
        for (int unit = 0; unit < ops[i].outputs; unit++) {
          if (isDead(net, i, unit, batch)) {
            dead++;
          }
        }
      }
    }
    return dead;
  }

  /** Names the dead units: {@code layer 1: unit 2}, {@code layer 1: units 0, 3; layer 3: unit 1}. */
  public static String describeDead(Plan net, int batch) {
    Op[] ops = net.ops();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < ops.length; i++) {
      if (ops[i].applied() != Op.Kind.RELU) {
        continue;
      }
      StringBuilder units = new StringBuilder();
      int count = 0;
      for (int unit = 0; unit < ops[i].outputs; unit++) {
        if (isDead(net, i, unit, batch)) {
          if (count < 8) {
            units.append(count == 0 ? "" : ", ").append(unit);
          } else if (count == 8) {
            units.append(", ...");
          }
          count++;
        }
      }
      if (count > 0) {
        s.append(s.length() == 0 ? "" : "; ").append("layer ").append(net.layerOf(i)).append(count == 1 ? ": unit " : ": units ")
            .append(units);
      }
    }
    return s.toString();
  }


  /**
   * Whether a ReLU unit's output is 0 for every row. The output buffer serves: relu(z) <= 0
   * exactly when z <= 0, and a fused op keeps no separate z.
   */
  private static boolean isDead(Plan net, int op, int unit, int batch) {
    double[] out = net.activation(op + 1);
    int width = net.ops()[op].outputs;
    for (int r = 0; r < batch; r++) {
      if (!(out[r * width + unit] <= 0.0)) { // NaN counts as alive: it is another problem
        return false;
      }
    }
    return true;
  }

  /** The number of sigmoid outputs of the last forward pass. */
  public static long sigmoidOutputs(Plan net, int batch) {
    long n = 0;
    for (Op op : net.ops()) {
      if (op.applied() == Op.Kind.SIGMOID) {
        n += (long) batch * op.outputs;
      }
    }
    return n;
  }

  /**
   * The number of sigmoid outputs within {@code margin} of 0 or 1; for a sigmoid that is the
   * network's output and when targets are given, only those saturated on the wrong side count.
   */
  public static long saturated(Plan net, double @Nullable [] y, int yOff, int batch, double margin) {
    Op[] ops = net.ops();
    long count = 0;
    for (int i = 0; i < ops.length; i++) {
      if (ops[i].applied() != Op.Kind.SIGMOID) {
        continue;
      }
      double[] out = net.activation(i + 1);
      int n = batch * ops[i].outputs;
      boolean judged = y != null && i == ops.length - 1;
      for (int j = 0; j < n; j++) {
        double s = out[j];
        boolean low = s <= margin;
        boolean high = s >= 1.0 - margin;
        if (judged) {
          double t = y[yOff + j];
          if (low && t > 0.5 || high && t < 0.5) {
            count++;
          }
        } else if (low || high) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * The largest spread (max - min across the rows) of any output column of the last forward
   * pass; 0 when every input gets the same prediction.
   */
  public static double outputSpread(Plan net, int batch) {
    double[] out = net.output();
    int width = net.outputs();
    double spread = 0;
    for (int c = 0; c < width; c++) {
      double min = out[c];
      double max = out[c];
      for (int r = 1; r < batch; r++) {
        double v = out[r * width + c];
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      spread = Math.max(spread, max - min);
    }
    return spread;
  }

  /** The global L2 norm of the gradients in the store. */
  public static double gradientNorm(double[] g) {
    double sum = 0;
    for (double v : g) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  /** Whether the plan's last op ends in a softmax: the network's outputs are then probabilities. */
  public static boolean endsInSoftmax(Plan net) {
    Op[] ops = net.ops();
    return ops.length > 0 && ops[ops.length - 1].applied() == Op.Kind.SOFTMAX;
  }
}

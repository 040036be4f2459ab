package io.github.nndsl.core.train;

import io.github.nndsl.core.internal.LossFunction;
import io.github.nndsl.core.internal.Plan;

/**
 * The validation stage of one fit: measures the loss on the validation data after an epoch,
 * remembers the parameters of the best epoch (a copy made once, refilled in place: no allocation
 * per epoch) and, with a patience, says when it has run out. Keras's {@code EarlyStopping} with
 * {@code min_delta=0} and {@code restore_best_weights=True}: better means strictly lower.
 */
final class EarlyStopping {

  private final Plan plan;
  private final LossFunction loss;
  private final double[] x;
  private final int xOff;
  private final double[] y;
  private final int yOff;
  private final int rows;
  private final int patience; // 0: measure only, never stop, keep no copy
  private final double[] best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private boolean measured;
  private int sinceBest;

  EarlyStopping(Plan plan, LossFunction loss, ValidationData data, int patience) {
    this.plan = plan;
    this.loss = loss;
    this.x = Engine.CORE.data(data.x);
    this.xOff = Engine.CORE.offset(data.x);
    this.y = Engine.CORE.data(data.y);
    this.yOff = Engine.CORE.offset(data.y);
    this.rows = data.x.dim(0);
    this.patience = patience;
    this.best = new double[patience > 0 ? plan.values().length : 0];
  }

  /** The validation loss of the parameters as they are; remembers them if they are the best yet. */
  double measure() {
    double value = plan.forwardLoss(x, xOff, y, yOff, rows, loss);
    if (!measured || value < bestLoss) {  // NaN is never better, except as the first measurement
      measured = true;
      bestLoss = value;
      sinceBest = 0;
      if (patience > 0) {
        System.arraycopy(plan.values(), 0, best, 0, best.length);
      }
    } else {
      sinceBest++;
    }
    return value;
  }

  /** Whether {@code patience} epochs in a row have brought no strictly lower loss. */
  boolean exhausted() {
    return patience > 0 && sinceBest >= patience;
  }

  /** Puts the best epoch's parameters back (with early stopping; otherwise nothing changes). */
  void restoreBest() {
    if (patience > 0 && measured) {
      System.arraycopy(best, 0, plan.values(), 0, best.length);
    }
  }
}

package io.github.nndsl.core.train;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;

/**
 * A trainer's validation data: checked for what can be checked alone when the trainer is made
 * (matrices, the same rows, at least one, finite), and against the network and the loss when a
 * fit starts, before anything changes.
 */
final class ValidationData {

  final Tensor x;
  final Tensor y;

  private ValidationData(Tensor x, Tensor y) {
    this.x = x;
    this.y = y;
  }

  static ValidationData of(Tensor x, Tensor y) {
    Engine.notNull(x, "validation x");
    Engine.notNull(y, "validation y");
    if (x.rank() != 2 || y.rank() != 2) {
      throw new IllegalArgumentException("validation x and y must be matrices, but have shapes " + Engine.shape(x)
          + " and " + Engine.shape(y));
    }
    if (x.dim(0) != y.dim(0) || x.dim(0) == 0) {
      throw new IllegalArgumentException("validation x and y must have the same number of rows, at least one, but"
          + " have shapes " + Engine.shape(x) + " and " + Engine.shape(y));
    }
    Engine.CORE.checkFinite(x, "validation x");
    Engine.CORE.checkFinite(y, "validation y");
    return new ValidationData(x, y);
  }

  /** The checks against the network and the loss, made by fit before it touches anything. */
  void check(Network network, Loss loss) {
    Engine.CORE.checkInputs(network, x, "validation x");
    Engine.CORE.checkTargets(network, x, y, "validation y");
    Engine.CORE.function(loss).checkTargets(Engine.CORE.data(y), Engine.CORE.offset(y), y.dim(0), y.dim(1),
        "validation y");
  }
}

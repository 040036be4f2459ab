package io.github.nndsl.spark;

import java.io.Serializable;

/**
 * One shard's share of a synchronous step.
 *
 * @param gradient the MEAN gradient over the shard's rows of the step, in store order
 * @param loss the loss over those rows
 * @param rows how many rows
 */
record Partial(double[] gradient, double loss, int rows) implements Serializable {
  private static final long serialVersionUID = 1L;
}

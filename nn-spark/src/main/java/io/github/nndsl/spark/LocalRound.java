package io.github.nndsl.spark;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * One shard's result after a round of local steps.
 *
 * @param parameters its parameters after the steps
 * @param optimizerState its optimiser state, null if it took no step yet
 * @param lossSum the sum of its steps' losses, each times its rows
 * @param rows the rows of those steps
 */
record LocalRound(double[] parameters, double @Nullable [] optimizerState, double lossSum, long rows)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}

package io.github.nndsl.core.train;

/**
 * Called after every epoch (one pass over the data in mini-batches) with its number (from 1) and
 * the mean loss of its steps.
 *
 * <pre>{@code
 * trainer.fitEpochs(net, x, y, 20, (epoch, loss) -> System.out.println(epoch + ": " + loss));
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EpochListener {

  /**
   * Receives one epoch's mean loss.
   *
   * @param epoch the number of the epoch just finished, from 1
   * @param meanLoss the mean of its steps' losses
   * @since 0.1.0
   */
  void onEpoch(int epoch, double meanLoss);
}

package io.github.nndsl.core.train;

/**
 * Called after every epoch by a trainer made with {@link Trainer#withValidation(
 * io.github.nndsl.core.Tensor, io.github.nndsl.core.Tensor, ValidationListener)}, with the
 * epoch's number (from 1), the mean loss of its steps and the loss on the validation data after
 * it.
 *
 * <pre>{@code
 * trainer.withValidation(xVal, yVal, (epoch, loss, validationLoss) -> System.out.println(validationLoss))
 *     .fitEpochs(net, x, y, 20);
 * }</pre>
 *
 * <p>In Kotlin: {@code trainer.withValidation(xVal, yVal) { epoch, loss, validationLoss -> ... }}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ValidationListener {

  /**
   * Receives one epoch's losses.
   *
   * @param epoch the number of the epoch just finished, from 1 (counted across fits, as {@link
   *     EpochListener}'s)
   * @param meanLoss the mean of its steps' losses
   * @param validationLoss the loss on the whole validation data after the epoch's last update
   * @since 0.1.0
   */
  void onEpoch(int epoch, double meanLoss, double validationLoss);
}

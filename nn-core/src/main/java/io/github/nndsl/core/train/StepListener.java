package io.github.nndsl.core.train;

/**
 * Called after every training step with the step's number (from 1) and its loss (measured on the
 * forward pass, before the step's update). Primitive arguments: calling it allocates nothing.
 *
 * <pre>{@code
 * trainer.fit(net, x, y, 5000, (step, loss) -> {
 *   if (step % 1000 == 0) System.out.println(step + ": " + loss);
 * });
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface StepListener {

  /**
   * Receives one step's loss.
   *
   * @param step the number of the step just taken, from 1
   * @param loss the loss of its forward pass
   * @since 0.1.0
   */
  void onStep(int step, double loss);
}

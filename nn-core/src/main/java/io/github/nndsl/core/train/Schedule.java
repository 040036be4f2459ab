package io.github.nndsl.core.train;

/**
 * A learning-rate schedule: the rate of each epoch, from the optimiser's own rate, as PyTorch's
 * schedulers compute it when {@code scheduler.step()} runs after every epoch. Obtain one from
 * {@link Schedules} and give it to {@link Trainer#withSchedule(Schedule)}. An immutable value:
 * equal when the kind and the settings are, printed as the factory call.
 *
 * <pre>{@code
 * Schedule s = Schedules.step(10, 0.5);
 * s.rate(0.1, 25);   // 0.025: the rate of epoch 25 (0-based) for an optimiser made with lr 0.1
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class Schedule {

  /** Only {@link Schedules} creates schedules. */
  Schedule() {}

  /**
   * The rate of {@code epoch} (from 1) given the rate {@code previous} of the epoch before and
   * the optimiser's rate {@code base}: PyTorch's chainable form, the one {@code scheduler.step()}
   * uses, so the rates are PyTorch's bit for bit (a closed form such as {@code base * gamma^k}
   * rounds differently).
   */
  abstract double next(double previous, double base, int epoch);

  /**
   * Returns the learning rate of {@code epoch} (0-based: epoch 0 runs at {@code base}) for an
   * optimiser made with rate {@code base}: what the trainer gives the optimiser for that epoch.
   *
   * @param base the optimiser's learning rate, finite and non-negative
   * @param epoch the epoch, 0-based, non-negative
   * @return the rate
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public final double rate(double base, int epoch) {
    if (!(base >= 0.0) || base == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("base must be finite and non-negative, but was " + base);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be non-negative, but was " + epoch);
    }
    return rateAt(base, epoch);
  }

  /** The rate of {@code epoch}, by the chain from epoch 0; unchecked. */
  final double rateAt(double base, int epoch) {
    double r = base;
    for (int e = 1; e <= epoch; e++) {
      r = next(r, base, e);
    }
    return r;
  }
}

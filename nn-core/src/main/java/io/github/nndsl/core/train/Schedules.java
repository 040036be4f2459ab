package io.github.nndsl.core.train;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The learning-rate schedules, as PyTorch's {@code StepLR}, {@code ExponentialLR} and {@code
 * CosineAnnealingLR} with {@code scheduler.step()} after every epoch: the rate changes between
 * epochs (with full-batch training every step is an epoch), never within one. Epochs are counted
 * by the network across {@code fit} calls and checkpoints ({@link TrainingSnapshot#epoch()}), so
 * a run continued in two fits follows the same rates as one long fit.
 *
 * <pre>{@code
 * Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).withSchedule(Schedules.step(30, 0.1));
 * Trainer.of(Losses.mse(), Optimizers.adamW(1e-3, 0.01)).withSchedule(Schedules.cosine(200));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Schedules {

  private Schedules() {}

  /**
   * Returns PyTorch's {@code StepLR(step_size=stepSize, gamma=gamma)}: the rate is multiplied by
   * {@code gamma} at every epoch that is a multiple of {@code stepSize}, so epoch e runs at {@code
   * lr * gamma^(e / stepSize)} (computed as PyTorch does, one multiplication per decay).
   *
   * <pre>{@code
   * Schedules.step(30, 0.1);   // epochs 0-29 at lr, 30-59 at lr * 0.1, ...
   * }</pre>
   *
   * @param stepSize epochs between decays, positive
   * @param gamma the factor, finite and non-negative
   * @return the schedule
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static Schedule step(int stepSize, double gamma) {
    if (stepSize < 1) {
      throw new IllegalArgumentException("stepSize must be positive, but was " + stepSize);
    }
    return new Step(stepSize, checkGamma(gamma));
  }

  /**
   * Returns PyTorch's {@code ExponentialLR(gamma=gamma)}: every epoch runs at the rate of the one
   * before times {@code gamma}, so epoch e runs at {@code lr * gamma^e}.
   *
   * <pre>{@code
   * Schedules.exponential(0.95);
   * }</pre>
   *
   * @param gamma the factor per epoch, finite and non-negative
   * @return the schedule
   * @throws IllegalArgumentException if gamma is out of range
   * @since 0.1.0
   */
  public static Schedule exponential(double gamma) {
    return new Step(1, checkGamma(gamma));
  }

  /**
   * Returns PyTorch's {@code CosineAnnealingLR(T_max=period)}: the rate falls from lr to 0 along
   * half a cosine, {@code lr (1 + cos(pi e / period)) / 2} at epoch e, reaching 0 at epoch {@code
   * period} (and, as in PyTorch, rising again after it).
   *
   * <pre>{@code
   * Schedules.cosine(200);   // for a 200-epoch run
   * }</pre>
   *
   * @param period the epochs from lr down to the minimum, positive (PyTorch's T_max)
   * @return the schedule
   * @throws IllegalArgumentException if period is not positive
   * @since 0.1.0
   */
  public static Schedule cosine(int period) {
    return cosine(period, 0.0);
  }

  /**
   * Returns PyTorch's {@code CosineAnnealingLR(T_max=period, eta_min=minRate)}: {@code minRate +
   * (lr - minRate) (1 + cos(pi e / period)) / 2} at epoch e, computed by PyTorch's recursive form
   * with {@link Math#cos}: PyTorch's rates bit for bit where that cosine rounds as the C library's
   * (the JDK promises 1 ulp; on x86-64 Linux the tested rates agree in every bit).
   *
   * <pre>{@code
   * Schedules.cosine(50, 1e-5);
   * }</pre>
   *
   * @param period the epochs from lr down to the minimum, positive (PyTorch's T_max)
   * @param minRate the rate at the bottom, finite and non-negative (PyTorch's eta_min)
   * @return the schedule
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static Schedule cosine(int period, double minRate) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be positive, but was " + period);
    }
    if (!(minRate >= 0.0) || minRate == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("minRate must be finite and non-negative, but was " + minRate);
    }
    return new Cosine(period, minRate + 0.0);
  }

  private static double checkGamma(double gamma) {
    if (!(gamma >= 0.0) || gamma == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("gamma must be finite and non-negative, but was " + gamma);
    }
    return gamma + 0.0;
  }

  /** StepLR; ExponentialLR is StepLR with a step of 1 (PyTorch's two get_lr agree then). */
  private static final class Step extends Schedule {
    private final int stepSize;
    private final double gamma;

    Step(int stepSize, double gamma) {
      this.stepSize = stepSize;
      this.gamma = gamma;
    }

    @Override
    double next(double previous, double base, int epoch) {
      return epoch % stepSize == 0 ? previous * gamma : previous;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Step && ((Step) o).stepSize == stepSize && Double.compare(((Step) o).gamma, gamma) == 0;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(new double[] {stepSize, gamma});
    }

    @Override
    public String toString() {
      return stepSize == 1 ? "exponential(" + gamma + ")" : "step(" + stepSize + ", " + gamma + ")";
    }
  }

  /** CosineAnnealingLR's get_lr (torch/optim/lr_scheduler.py, 1.13), term for term. */
  private static final class Cosine extends Schedule {
    private final int period;
    private final double minRate;

    Cosine(int period, double minRate) {
      this.period = period;
      this.minRate = minRate;
    }

    @Override
    double next(double previous, double base, int epoch) {
      // Math.cos, not StrictMath (fdlibm): here it gives the C library's bits, which are PyTorch's
      if (Math.floorMod(epoch - 1 - period, 2 * period) == 0) {
        return previous + (base - minRate) * (1 - Math.cos(Math.PI / period)) / 2;
      }
      return (1 + Math.cos(Math.PI * epoch / period)) / (1 + Math.cos(Math.PI * (epoch - 1) / period))
          * (previous - minRate) + minRate;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Cosine && ((Cosine) o).period == period && Double.compare(((Cosine) o).minRate, minRate) == 0;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(new double[] {period, minRate});
    }

    @Override
    public String toString() {
      return minRate == 0.0 ? "cosine(" + period + ")" : "cosine(" + period + ", " + minRate + ")";
    }
  }
}

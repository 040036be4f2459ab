package io.github.nndsl.core;

/**
 * The arithmetic a {@link Predictor} computes in: {@link #FLOAT64}, bit for bit {@link
 * Network#predict}, or {@link #FLOAT32}, for speed, to float's precision.
 *
 * <pre>{@code
 * Predictor exact = network.freeze();                                  // FLOAT64
 * Predictor fast = network.freeze().withPrecision(Precision.FLOAT32);
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Precision {

  /** float64 throughout: the answers are bit for bit {@link Network#predict}'s. */
  FLOAT64,

  /**
   * float32 from the first linear layer on: half the parameter memory and twice the lanes per
   * vector instruction, within 1e-5 of {@link #FLOAT64} relative to {@code max(1, the row's largest
   * |output|)} on the networks tested; see {@link Predictor#withPrecision} for exactly what is
   * rounded where.
   */
  FLOAT32
}

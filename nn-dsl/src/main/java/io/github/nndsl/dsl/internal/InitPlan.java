package io.github.nndsl.dsl.internal;

/**
 * How to fill one parameter tensor, with every number resolved: He and Glorot have become normal
 * and uniform with their computed scale, and {@code auto()} has been decided.
 *
 * @param kind how to draw
 * @param a the standard deviation (normal), the lower bound (uniform) or the value (constant)
 * @param b the upper bound (uniform), else 0
 */
public record InitPlan(Kind kind, double a, double b) {

  /** The three ways of filling a tensor. */
  public enum Kind {
    /** {@code rng.standardNormal() * a} per element. */
    NORMAL,
    /** {@code a + (b - a) * rng.random()} per element, NumPy's {@code uniform(a, b)}. */
    UNIFORM,
    /** {@code a} everywhere; draws nothing. */
    CONSTANT
  }

  /**
   * Draws {@code standardNormal() * std}.
   *
   * @param std the standard deviation
   * @return the plan
   */
  public static InitPlan normal(double std) {
    return new InitPlan(Kind.NORMAL, std, 0);
  }

  /**
   * Draws {@code low + (high - low) * random()}.
   *
   * @param low the lower bound
   * @param high the upper bound
   * @return the plan
   */
  public static InitPlan uniform(double low, double high) {
    return new InitPlan(Kind.UNIFORM, low, high);
  }

  /**
   * Fills with one value, drawing nothing.
   *
   * @param value the value
   * @return the plan
   */
  public static InitPlan constant(double value) {
    return new InitPlan(Kind.CONSTANT, value, 0);
  }
}

package io.github.nndsl.dsl;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Describes a standardization {@code (x - mean) / std} per column, created by {@link
 * Layers#standardize(io.github.nndsl.core.Tensor)} or {@link Layers#standardize(double[], double[])}
 * and printed as {@code Standardize(64)}, its width.
 *
 * <p>The constants belong to the descriptor: they are saved and loaded with the model, copied into
 * the compiled network (not into its parameter store: they are never trained and have no
 * gradient), and two descriptors are equal when their constants are, element by element as {@link
 * Double#equals(Object)} compares them (bit for bit). Like {@link Linear} it fixes its width: the
 * layer before it must give {@code mean.length} features, and a model that starts with it takes
 * that many inputs.
 *
 * <pre>{@code
 * Standardize s = standardize(new double[] {5.8, 3.0}, new double[] {0.8, 0.4});
 * s.inputs();     // 2
 * s.toString();   // "Standardize(2)"
 * }</pre>
 *
 * @param mean the value subtracted from each column, finite; at least one
 * @param std the value each column is then divided by, finite and positive; as many as means
 * @since 0.1.0
 */
public record Standardize(double[] mean, double[] std) implements Layer, FixedWidth {

  /**
   * Creates the descriptor from copies of the arrays; {@link Layers#standardize(double[],
   * double[])} is the usual way.
   *
   * @param mean the value subtracted from each column, finite; at least one
   * @param std the divisor of each column, finite and positive; as many as means
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a mean is
   *     not finite or a std is not finite and positive (the message names the element)
   */
  public Standardize {
    Checks.notNull(mean, "mean");
    Checks.notNull(std, "std");
    if (mean.length == 0) {
      throw new IllegalArgumentException("mean must have at least one value, but is empty");
    }
    if (std.length != mean.length) {
      throw new IllegalArgumentException(
          "std must have as many values as mean (" + mean.length + "), but has " + std.length);
    }
    for (int i = 0; i < mean.length; i++) {
      if (!Double.isFinite(mean[i])) {
        throw new IllegalArgumentException("mean[" + i + "] must be finite, but was " + mean[i]);
      }
      if (!(std[i] > 0.0) || std[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "std[" + i + "] must be finite and positive, but was " + std[i]
                + (std[i] == 0.0 ? "; a constant column divides by 1, as standardize(x) does" : ""));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Returns a copy of the means.
   *
   * @return a new array
   * @since 0.1.0
   */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Returns a copy of the standard deviations.
   *
   * @return a new array
   * @since 0.1.0
   */
  @Override
  public double[] std() {
    return std.clone();
  }

  /**
   * Returns the width this layer takes: the number of means.
   *
   * @return the width
   * @since 0.1.0
   */
  @Override
  public int inputs() {
    return mean.length;
  }

  /**
   * Returns the width this layer gives, the same as it takes.
   *
   * @return the width
   * @since 0.1.0
   */
  @Override
  public int outputs() {
    return mean.length;
  }

  /**
   * Returns {@link #inputs()}, checking that the input has that width.
   *
   * @param inputWidth the number of features per example
   * @return the same width
   * @throws IllegalArgumentException if {@code inputWidth} is not this layer's width
   * @since 0.1.0
   */
  @Override
  public int outputWidth(int inputWidth) {
    if (inputWidth != mean.length) {
      throw new IllegalArgumentException(this + " expects " + mean.length + " inputs, but was given " + inputWidth);
    }
    return inputWidth;
  }

  /**
   * Returns whether {@code other} is a standardization with equal constants, compared element by
   * element as {@link Double#equals(Object)} compares ({@link Arrays#equals(double[], double[])}).
   *
   * @param other any object
   * @return whether equal
   * @since 0.1.0
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Standardize && Arrays.equals(mean, ((Standardize) other).mean)
        && Arrays.equals(std, ((Standardize) other).std);
  }

  /**
   * Returns a hash code of the constants.
   *
   * @return the hash code
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  /**
   * Returns the factory-call form with the width, {@code Standardize(64)}.
   *
   * @return the width in parentheses after {@code Standardize}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "Standardize(" + mean.length + ")";
  }
}

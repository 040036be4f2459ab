package io.github.nndsl.dsl.internal;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One layer as the compiler needs it: what to build and how to fill its parameters. Made from a
 * descriptor by the DSL's lowering step, so the compiler never looks at the descriptor types (and
 * the two packages do not depend on each other in a cycle).
 *
 * @param kind what the layer computes
 * @param outputs the output width (for a linear layer; activations keep their input width)
 * @param bias whether a linear layer has a bias
 * @param slope the negative-side slope of a leaky ReLU, the rate of a dropout layer, else 0
 * @param weightInit how to fill a linear layer's weights
 * @param biasInit how to fill a linear layer's bias
 * @param mean a standardization's means, else empty (not copied: the lowering made it)
 * @param std a standardization's standard deviations, else empty
 */
public record LayerPlan(Kind kind, int outputs, boolean bias, double slope, InitPlan weightInit, InitPlan biasInit,
    double[] mean, double[] std) {

  /**
   * A plan without standardization constants.
   *
   * @param kind what the layer computes
   * @param outputs the output width of a linear layer
   * @param bias whether a linear layer has a bias
   * @param slope the leaky ReLU's slope or the dropout rate, else 0
   * @param weightInit how to fill a linear layer's weights
   * @param biasInit how to fill a linear layer's bias
   */
  public LayerPlan(Kind kind, int outputs, boolean bias, double slope, InitPlan weightInit, InitPlan biasInit) {
    this(kind, outputs, bias, slope, weightInit, biasInit, new double[0], new double[0]);
  }

  /** The engine operations a layer can lower to. */
  public enum Kind {
    /** A dense layer. */
    LINEAR,
    /** max(0, x). */
    RELU,
    /** The logistic function. */
    SIGMOID,
    /** The hyperbolic tangent. */
    TANH,
    /** x or slope * x. */
    LEAKY_RELU,
    /** A row-wise softmax. */
    SOFTMAX,
    /** Passes its input through. */
    IDENTITY,
    /** (x - mean) / std per column, with constants. */
    STANDARDIZE,
    /** Inverted dropout while training; passes its input through otherwise. */
    DROPOUT
  }

  /**
   * A parameter-free layer.
   *
   * @param kind any kind but {@link Kind#LINEAR} and {@link Kind#STANDARDIZE}
   * @param slope the leaky ReLU's slope or the dropout rate, else 0
   * @return the plan
   */
  public static LayerPlan activation(Kind kind, double slope) {
    return new LayerPlan(kind, 0, false, slope, InitPlan.constant(0), InitPlan.constant(0));
  }

  /**
   * Compares every component, the constants by value.
   *
   * @param other any object
   * @return whether equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof LayerPlan)) {
      return false;
    }
    LayerPlan o = (LayerPlan) other;
    return kind == o.kind && outputs == o.outputs && bias == o.bias && Double.compare(slope, o.slope) == 0
        && weightInit.equals(o.weightInit) && biasInit.equals(o.biasInit) && Arrays.equals(mean, o.mean)
        && Arrays.equals(std, o.std);
  }

  /**
   * Hashes every component, the constants by value.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(kind, outputs, bias, slope, weightInit, biasInit) * 31 + Arrays.hashCode(mean) * 7
        + Arrays.hashCode(std);
  }

  /**
   * A standardization with its constants.
   *
   * @param mean the means, taken (not copied)
   * @param std the standard deviations, taken
   * @return the plan
   */
  public static LayerPlan standardize(double[] mean, double[] std) {
    return new LayerPlan(Kind.STANDARDIZE, mean.length, false, 0, InitPlan.constant(0), InitPlan.constant(0), mean,
        std);
  }
}

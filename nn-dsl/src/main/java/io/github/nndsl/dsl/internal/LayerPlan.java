package io.github.nndsl.dsl.internal;

/**
 * One layer as the compiler needs it: what to build and how to fill its parameters. Made from a
 * descriptor by the DSL's lowering step, so the compiler never looks at the descriptor types (and
 * the two packages do not depend on each other in a cycle).
 *
 * @param kind what the layer computes
 * @param outputs the output width (for a linear layer; activations keep their input width)
 * @param bias whether a linear layer has a bias
 * @param slope the negative-side slope of a leaky ReLU, else 0
 * @param weightInit how to fill a linear layer's weights
 * @param biasInit how to fill a linear layer's bias
 */
public record LayerPlan(Kind kind, int outputs, boolean bias, double slope, InitPlan weightInit, InitPlan biasInit) {

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
    IDENTITY
  }

  /**
   * A parameter-free layer.
   *
   * @param kind any kind but {@link Kind#LINEAR}
   * @param slope the leaky ReLU's slope, else 0
   * @return the plan
   */
  public static LayerPlan activation(Kind kind, double slope) {
    return new LayerPlan(kind, 0, false, slope, InitPlan.constant(0), InitPlan.constant(0));
  }
}

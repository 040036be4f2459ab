package io.github.nndsl.dsl;

/**
 * Describes a fully connected layer, {@code y = x · W + b}, that maps {@code inputs} features to
 * {@code outputs}: W has shape (inputs, outputs), b has shape (outputs,).
 *
 * <p>Create it with {@link Layers#linear(int, int)}, which gives a bias, {@link Init#auto()}
 * weights and {@link Init#zeros()} biases, and change options with the withers. It prints as the
 * factory call with the options that differ from those defaults: {@code Linear(2, 4)}, {@code
 * Linear(2, 4, bias=false)}, {@code Linear(2, 4, weightInit=normal(0.5))}.
 *
 * <pre>{@code
 * Linear hidden = linear(2, 4).withWeightInit(Init.normal(0.5));   // the exercise's layer
 * Linear plain = linear(4, 1).withoutBias();
 * }</pre>
 *
 * @param inputs the number of input features, positive
 * @param outputs the number of output features, positive
 * @param bias whether the layer adds a bias
 * @param weightInit how the weights are initialised
 * @param biasInit how the bias is initialised: not {@link Init#auto()}, and {@link Init#zeros()}
 *     when there is no bias
 * @since 0.1.0
 */
public record Linear(int inputs, int outputs, boolean bias, Init weightInit, Init biasInit)
    implements Layer, FixedWidth {

  /**
   * Creates the descriptor; {@link Layers#linear(int, int)} and the withers are the usual way.
   *
   * @param inputs the number of input features, positive
   * @param outputs the number of output features, positive
   * @param bias whether the layer adds a bias
   * @param weightInit how the weights are initialised
   * @param biasInit how the bias is initialised: not {@link Init#auto()}, and {@link Init#zeros()}
   *     when there is no bias
   * @throws IllegalArgumentException if {@code inputs} or {@code outputs} is not positive, an init
   *     is null, {@code biasInit} is {@link Init#auto()}, or {@code biasInit} is not {@link
   *     Init#zeros()} although there is no bias
   */
  public Linear {
    Checks.positive(inputs, "inputs");
    Checks.positive(outputs, "outputs");
    Checks.notNull(weightInit, "weightInit");
    Checks.notNull(biasInit, "biasInit");
    if (biasInit instanceof Init.Auto) {
      throw new IllegalArgumentException(
          "biasInit must not be auto(), which only chooses weight initialisations; use zeros() or"
              + " another init");
    }
    if (!bias && !(biasInit instanceof Init.Zeros)) {
      throw new IllegalArgumentException(
          "biasInit must be zeros() when bias is false, but was " + biasInit);
    }
  }

  /**
   * Returns a copy of this layer without a bias, {@code y = x · W}; its bias init becomes {@link
   * Init#zeros()}.
   *
   * <pre>{@code
   * linear(2, 4).withoutBias();   // Linear(2, 4, bias=false)
   * }</pre>
   *
   * @return the layer without a bias
   * @since 0.1.0
   */
  public Linear withoutBias() {
    return new Linear(inputs, outputs, false, weightInit, Init.zeros());
  }

  /**
   * Returns a copy of this layer with or without a bias; {@code withBias(false)} is {@link
   * #withoutBias()}, {@code withBias(true)} keeps the bias init (zeros if there was no bias).
   *
   * <pre>{@code
   * linear(2, 4).withoutBias().withBias(true);   // Linear(2, 4)
   * }</pre>
   *
   * @param bias whether the layer adds a bias
   * @return the layer with that option
   * @since 0.1.0
   */
  public Linear withBias(boolean bias) {
    return bias ? new Linear(inputs, outputs, true, weightInit, biasInit) : withoutBias();
  }

  /**
   * Returns a copy of this layer whose weights are initialised by {@code init}.
   *
   * <pre>{@code
   * linear(2, 4).withWeightInit(Init.normal(0.5));   // Linear(2, 4, weightInit=normal(0.5))
   * }</pre>
   *
   * @param init the weight initialisation
   * @return the layer with that initialisation
   * @throws IllegalArgumentException if {@code init} is null
   * @since 0.1.0
   */
  public Linear withWeightInit(Init init) {
    Checks.notNull(init, "init");
    return new Linear(inputs, outputs, bias, init, biasInit);
  }

  /**
   * Returns a copy of this layer whose bias is initialised by {@code init}.
   *
   * <pre>{@code
   * linear(2, 4).withBiasInit(Init.constant(0.1));   // Linear(2, 4, biasInit=constant(0.1))
   * }</pre>
   *
   * @param init the bias initialisation, not {@link Init#auto()}
   * @return the layer with that initialisation
   * @throws IllegalArgumentException if {@code init} is null or {@link Init#auto()}
   * @throws IllegalStateException if this layer has no bias
   * @since 0.1.0
   */
  public Linear withBiasInit(Init init) {
    Checks.notNull(init, "init");
    if (!bias) {
      throw new IllegalStateException(
          this + " has no bias to initialise; call withBias(true) first");
    }
    return new Linear(inputs, outputs, true, weightInit, init);
  }

  /**
   * Returns {@code inputs * outputs}, plus {@code outputs} with a bias.
   *
   * @return the number of weights and biases
   * @since 0.1.0
   */
  @Override
  public long parameterCount() {
    return (long) inputs * outputs + (bias ? outputs : 0);
  }

  /**
   * Returns {@code outputs}, after checking that {@code inputWidth} is {@code inputs}.
   *
   * @param inputWidth the number of features per example, equal to {@code inputs}
   * @return {@code outputs}
   * @throws IllegalArgumentException if {@code inputWidth} is not {@code inputs}
   * @since 0.1.0
   */
  @Override
  public int outputWidth(int inputWidth) {
    if (inputWidth != inputs) {
      throw new IllegalArgumentException(
          this + " expects " + inputs + " inputs, but was given " + inputWidth);
    }
    return outputs;
  }

  /**
   * Returns the factory-call form with the options that differ from the defaults: {@code Linear(2,
   * 4)}, {@code Linear(2, 4, bias=false)}, {@code Linear(2, 4, weightInit=normal(0.5),
   * biasInit=constant(0.1))}.
   *
   * @return the printed layer
   * @since 0.1.0
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Linear(").append(inputs).append(", ").append(outputs);
    if (!bias) {
      s.append(", bias=false");
    }
    if (!(weightInit instanceof Init.Auto)) {
      s.append(", weightInit=").append(weightInit);
    }
    if (!(biasInit instanceof Init.Zeros)) {
      s.append(", biasInit=").append(biasInit);
    }
    return s.append(')').toString();
  }
}

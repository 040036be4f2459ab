package io.github.nndsl.dsl;

/**
 * Describes how a parameter tensor gets its initial values when a {@link Sequential} is compiled.
 *
 * <p>An {@code Init} is an immutable value: it draws nothing itself. {@link
 * Sequential#compile(long)} draws every parameter from one {@code NumPyRandom.defaultRng(seed)},
 * layer by layer, weights before bias, each tensor in row-major order, so a descriptor reproduces
 * NumPy's draws exactly:
 *
 * <ul>
 *   <li>{@link #normal(double) normal(std)}: {@code rng.standard_normal((in, out)) * std}
 *   <li>{@link #uniform(double, double) uniform(low, high)}: {@code rng.uniform(low, high, (in,
 *       out))}, that is {@code low + (high - low) * rng.random()} per element
 *   <li>{@link #zeros()} and {@link #constant(double) constant(c)}: draw nothing
 *   <li>{@link #he()}: {@code normal(sqrt(2 / fanIn))}
 *   <li>{@link #glorot()}: {@code uniform(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}
 *   <li>{@link #auto()}: {@code he()} when a ReLU or LeakyReLU directly follows the layer, {@code
 *       glorot()} otherwise; the default weight initialisation of {@link Layers#linear(int, int)}
 * </ul>
 *
 * <p>For a {@link Linear} layer, fanIn is its {@code inputs} and fanOut its {@code outputs}, for
 * the weights and the bias alike. Every kind prints as its factory call, {@code normal(0.5)}, and
 * compares by value.
 *
 * <pre>{@code
 * Linear hidden = linear(2, 4).withWeightInit(Init.normal(0.5));   // the exercise's weights
 * Linear out = linear(4, 1).withWeightInit(Init.glorot()).withBiasInit(Init.constant(0.1));
 * }</pre>
 *
 * @since 0.1.0
 */
public sealed interface Init
    permits Init.Normal, Init.Uniform, Init.Zeros, Init.Constant, Init.He, Init.Glorot, Init.Auto {

  /**
   * Creates a normal initialisation: each element is {@code rng.standardNormal() * std}.
   *
   * <pre>{@code
   * Init w = Init.normal(0.5);   // NumPy: rng.standard_normal((in, out)) * 0.5
   * }</pre>
   *
   * @param std the standard deviation, finite and non-negative
   * @return the descriptor
   * @throws IllegalArgumentException if {@code std} is negative, NaN or infinite
   * @since 0.1.0
   */
  static Init normal(double std) {
    return new Normal(std);
  }

  /**
   * Creates a uniform initialisation over [low, high): each element is {@code low + (high - low) *
   * rng.random()}, exactly NumPy's {@code rng.uniform(low, high)}.
   *
   * <pre>{@code
   * Init w = Init.uniform(-1, 2);   // NumPy: rng.uniform(-1, 2, (in, out))
   * }</pre>
   *
   * @param low the lower bound, finite
   * @param high the upper bound, finite and greater than {@code low}
   * @return the descriptor
   * @throws IllegalArgumentException if a bound is not finite, {@code low >= high}, or {@code high
   *     - low} overflows
   * @since 0.1.0
   */
  static Init uniform(double low, double high) {
    return new Uniform(low, high);
  }

  /**
   * Returns the all-zeros initialisation, which draws nothing from the generator; the default for
   * biases.
   *
   * <pre>{@code
   * Linear l = linear(2, 4).withBiasInit(Init.zeros());   // the same as linear(2, 4)
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  static Init zeros() {
    return Zeros.INSTANCE;
  }

  /**
   * Creates a constant initialisation: every element is {@code value}; draws nothing.
   *
   * <pre>{@code
   * Linear l = linear(2, 4).withBiasInit(Init.constant(0.1));
   * }</pre>
   *
   * @param value the value, finite
   * @return the descriptor
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   * @since 0.1.0
   */
  static Init constant(double value) {
    return new Constant(value);
  }

  /**
   * Returns He (Kaiming) normal initialisation: {@code rng.standardNormal() * Math.sqrt(2.0 /
   * fanIn)}, suited to layers followed by a ReLU.
   *
   * <pre>{@code
   * Linear l = linear(2, 4).withWeightInit(Init.he());   // std = sqrt(2 / 2) = 1
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  static Init he() {
    return He.INSTANCE;
  }

  /**
   * Returns Glorot (Xavier) uniform initialisation: {@code uniform(-a, a)} with {@code a =
   * Math.sqrt(6.0 / (fanIn + fanOut))}, suited to layers followed by a sigmoid or tanh.
   *
   * <pre>{@code
   * Linear l = linear(4, 1).withWeightInit(Init.glorot());   // a = sqrt(6 / 5)
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  static Init glorot() {
    return Glorot.INSTANCE;
  }

  /**
   * Returns the automatic weight initialisation, resolved when the model is compiled: {@link #he()}
   * when the layer right after is a {@link Relu} or {@link LeakyRelu}, {@link #glorot()} otherwise
   * (including for the last layer). It is the default weight initialisation and cannot initialise a
   * bias.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());   // he(), then glorot()
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  static Init auto() {
    return Auto.INSTANCE;
  }

  /**
   * Normal initialisation, created by {@link Init#normal(double)}.
   *
   * @param std the standard deviation, finite and non-negative ({@code -0.0} is stored as {@code
   *     0.0})
   * @since 0.1.0
   */
  record Normal(double std) implements Init {

    /**
     * Creates the descriptor; {@link Init#normal(double)} is the usual way.
     *
     * @param std the standard deviation, finite and non-negative
     * @throws IllegalArgumentException if {@code std} is negative, NaN or infinite
     */
    public Normal {
      Checks.finiteNonNegative(std, "std");
      std += 0.0; // -0.0 becomes 0.0, so that equal descriptors are equal records
    }

    /** Returns the factory call, {@code normal(0.5)}. */
    @Override
    public String toString() {
      return "normal(" + std + ")";
    }
  }

  /**
   * Uniform initialisation over [low, high), created by {@link Init#uniform(double, double)}.
   *
   * @param low the lower bound, finite
   * @param high the upper bound, finite and greater than {@code low}
   * @since 0.1.0
   */
  record Uniform(double low, double high) implements Init {

    /**
     * Creates the descriptor; {@link Init#uniform(double, double)} is the usual way.
     *
     * @param low the lower bound, finite
     * @param high the upper bound, finite and greater than {@code low}
     * @throws IllegalArgumentException if a bound is not finite, {@code low >= high}, or {@code
     *     high - low} overflows
     */
    public Uniform {
      Checks.finite(low, "low");
      Checks.finite(high, "high");
      if (!(low < high)) {
        throw new IllegalArgumentException(
            "low must be less than high, but low was " + low + " and high was " + high);
      }
      if (!Double.isFinite(high - low)) {
        throw new IllegalArgumentException(
            "high - low must be finite, but was "
                + (high - low)
                + " for low "
                + low
                + " and high "
                + high);
      }
    }

    /** Returns the factory call, {@code uniform(-1.0, 2.0)}. */
    @Override
    public String toString() {
      return "uniform(" + low + ", " + high + ")";
    }
  }

  /**
   * All-zeros initialisation, returned by {@link Init#zeros()}; draws nothing.
   *
   * @since 0.1.0
   */
  record Zeros() implements Init {

    private static final Zeros INSTANCE = new Zeros();

    /** Returns the factory call, {@code zeros()}. */
    @Override
    public String toString() {
      return "zeros()";
    }
  }

  /**
   * Constant initialisation, created by {@link Init#constant(double)}; draws nothing.
   *
   * @param value the value of every element, finite
   * @since 0.1.0
   */
  record Constant(double value) implements Init {

    /**
     * Creates the descriptor; {@link Init#constant(double)} is the usual way.
     *
     * @param value the value of every element, finite
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public Constant {
      Checks.finite(value, "value");
    }

    /** Returns the factory call, {@code constant(0.1)}. */
    @Override
    public String toString() {
      return "constant(" + value + ")";
    }
  }

  /**
   * He normal initialisation, returned by {@link Init#he()}.
   *
   * @since 0.1.0
   */
  record He() implements Init {

    private static final He INSTANCE = new He();

    /** Returns the factory call, {@code he()}. */
    @Override
    public String toString() {
      return "he()";
    }
  }

  /**
   * Glorot uniform initialisation, returned by {@link Init#glorot()}.
   *
   * @since 0.1.0
   */
  record Glorot() implements Init {

    private static final Glorot INSTANCE = new Glorot();

    /** Returns the factory call, {@code glorot()}. */
    @Override
    public String toString() {
      return "glorot()";
    }
  }

  /**
   * Automatic weight initialisation, returned by {@link Init#auto()}: He before a ReLU or
   * LeakyReLU, Glorot otherwise.
   *
   * @since 0.1.0
   */
  record Auto() implements Init {

    private static final Auto INSTANCE = new Auto();

    /** Returns the factory call, {@code auto()}. */
    @Override
    public String toString() {
      return "auto()";
    }
  }
}

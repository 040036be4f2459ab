package io.github.nndsl.dsl;

/**
 * Creates layer descriptors: the entry point of the DSL, meant to be imported statically.
 *
 * <pre>{@code
 * import static io.github.nndsl.dsl.Layers.*;
 *
 * Sequential xor = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
 * }</pre>
 *
 * <p>In Kotlin: {@code import io.github.nndsl.dsl.Layers.*}, then the same calls.
 *
 * @since 0.1.0
 */
public final class Layers {

  private Layers() {}

  /**
   * Creates a fully connected layer that maps {@code inputs} features to {@code outputs}: {@code y
   * = x · W + b}, W of shape (inputs, outputs) initialised by {@link Init#auto()}, b of shape
   * (outputs,) initialised to zeros. Change the options with the withers of {@link Linear}.
   *
   * <pre>{@code
   * Linear hidden = linear(2, 4);                                   // Linear(2, 4)
   * Linear exercise = linear(2, 4).withWeightInit(Init.normal(0.5));
   * }</pre>
   *
   * @param inputs the number of input features, positive
   * @param outputs the number of output features, positive
   * @return the descriptor
   * @throws IllegalArgumentException if {@code inputs} or {@code outputs} is not positive
   * @since 0.1.0
   */
  public static Linear linear(int inputs, int outputs) {
    return new Linear(inputs, outputs, true, Init.auto(), Init.zeros());
  }

  /**
   * Returns the rectifier activation, {@code max(0, x)}, printed as {@code ReLU}.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), relu(), linear(4, 1));
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  public static Relu relu() {
    return new Relu();
  }

  /**
   * Returns the logistic activation, {@code 1 / (1 + exp(-x))}, printed as {@code Sigmoid}.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  public static Sigmoid sigmoid() {
    return new Sigmoid();
  }

  /**
   * Returns the hyperbolic tangent activation, printed as {@code Tanh}.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), tanh(), linear(4, 1));
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  public static Tanh tanh() {
    return new Tanh();
  }

  /**
   * Returns the leaky rectifier with slope 0.01, printed as {@code LeakyReLU(0.01)}.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), leakyRelu(), linear(4, 1));
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  public static LeakyRelu leakyRelu() {
    return new LeakyRelu(LeakyRelu.DEFAULT_SLOPE);
  }

  /**
   * Creates the leaky rectifier {@code x > 0 ? x : slope * x}, printed as {@code LeakyReLU(slope)}.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), leakyRelu(0.2), linear(4, 1));
   * }</pre>
   *
   * @param slope the slope for negative inputs, finite and non-negative
   * @return the descriptor
   * @throws IllegalArgumentException if {@code slope} is negative, NaN or infinite
   * @since 0.1.0
   */
  public static LeakyRelu leakyRelu(double slope) {
    return new LeakyRelu(slope);
  }

  /**
   * Returns the softmax activation, applied along each row, printed as {@code Softmax}.
   *
   * <pre>{@code
   * Sequential.of(linear(4, 3), softmax());
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  public static Softmax softmax() {
    return new Softmax();
  }

  /**
   * Returns the identity activation, {@code f(x) = x}, printed as {@code Identity}.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 1), identity());
   * }</pre>
   *
   * @return the descriptor
   * @since 0.1.0
   */
  public static Identity identity() {
    return new Identity();
  }
}

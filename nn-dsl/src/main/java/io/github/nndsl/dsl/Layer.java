package io.github.nndsl.dsl;

/**
 * Describes one layer of a {@link Sequential} model: an immutable value with no parameters of its
 * own; {@link Sequential#compile(long)} turns the descriptors into a network.
 *
 * <p>There is one record per kind, each created by a factory of {@link Layers} and printed as that
 * factory call: {@link Linear} ({@code Linear(2, 4)}), and the activations {@link Relu} ({@code
 * ReLU}), {@link Sigmoid}, {@link Tanh}, {@link LeakyRelu} ({@code LeakyReLU(0.01)}), {@link
 * Softmax} and {@link Identity}, {@link Standardize} ({@code Standardize(64)}, constants, not
 * trained) and {@link Dropout} ({@code Dropout(0.5)}, active only while training). Activations are
 * applied elementwise (softmax along each row) and keep the width of their input, as dropout does.
 *
 * <pre>{@code
 * import static io.github.nndsl.dsl.Layers.*;
 *
 * Layer hidden = linear(2, 4);
 * hidden.parameterCount();    // 12: 2 * 4 weights and 4 biases
 * relu().outputWidth(4);      // 4
 * }</pre>
 *
 * @since 0.1.0
 */
public sealed interface Layer
    permits Linear, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, Standardize, Dropout {

  /**
   * Returns the number of trainable parameters this layer holds: weights and bias for {@link
   * Linear}, 0 for an activation.
   *
   * <pre>{@code
   * linear(4, 1).parameterCount();                  // 5
   * linear(4, 1).withoutBias().parameterCount();    // 4
   * sigmoid().parameterCount();                     // 0
   * }</pre>
   *
   * @return the parameter count, non-negative (0 unless overridden: activations have none)
   * @since 0.1.0
   */
  default long parameterCount() {
    return 0;
  }

  /**
   * Returns the width of this layer's output for an input of {@code inputWidth} features per
   * example: the input width for an activation, {@code outputs} for a {@link Linear} layer.
   *
   * <pre>{@code
   * linear(2, 4).outputWidth(2);   // 4
   * tanh().outputWidth(7);         // 7
   * }</pre>
   *
   * @param inputWidth the number of features per example, positive
   * @return the number of features per example after this layer
   * @throws IllegalArgumentException if {@code inputWidth} is not positive, or this layer is a
   *     {@link Linear} layer that expects another width
   * @since 0.1.0
   */
  default int outputWidth(int inputWidth) {
    Checks.positive(inputWidth, "inputWidth");
    return inputWidth; // activations keep the width; Linear overrides this
  }
}

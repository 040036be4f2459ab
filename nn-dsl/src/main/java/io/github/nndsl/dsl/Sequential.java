package io.github.nndsl.dsl;

import io.github.nndsl.core.Network;
import io.github.nndsl.dsl.internal.NetworkCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Describes a network as a chain of layers, each feeding the next: an immutable, validated value
 * that {@link #compile(long)} turns into a trainable nn-core {@link Network}.
 *
 * <p>The factories check that the layers fit together: each {@link Linear} layer must expect the
 * width the layers before it give (activations keep the width), and every mismatch is reported at
 * once. The input width is that of the first {@link Linear} layer, so a model needs at least one.
 * Two models are equal when their layers are; a model prints as {@code Sequential(Linear(2, 4),
 * ReLU, Linear(4, 1), Sigmoid)}.
 *
 * <pre>{@code
 * import static io.github.nndsl.dsl.Layers.*;
 *
 * Sequential xor = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
 * xor.parameterCount();            // 17
 * Network net = xor.compile(0);    // parameters drawn from NumPyRandom.defaultRng(0)
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Sequential {

  /** The longest array most JVMs allocate; the parameter store is one array. */
  static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  private final List<Layer> layers; // immutable (List.of)
  private final int inputs;
  private final int outputs;

  private Sequential(List<Layer> layers, int inputs, int outputs) {
    this.layers = layers;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /**
   * Creates a model from layers, checking that they fit together.
   *
   * <pre>{@code
   * Sequential xor = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
   * }</pre>
   *
   * @param layers the layers in order, at least one of them {@link Linear}; the array is copied
   * @return the model
   * @throws IllegalArgumentException if {@code layers} or an element is null, there is no {@link
   *     Linear} layer, or layers do not fit together; the message lists every mismatch, one per
   *     line
   * @since 0.1.0
   */
  public static Sequential of(Layer... layers) {
    Checks.notNull(layers, "layers");
    return create(layers.clone());
  }

  /**
   * Creates a model from the layers of an iterable, checking that they fit together.
   *
   * <pre>{@code
   * List<Layer> layers = List.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
   * Sequential xor = Sequential.ofAll(layers);
   * }</pre>
   *
   * @param layers the layers in order, at least one of them {@link Linear}; they are copied
   * @return the model
   * @throws IllegalArgumentException if {@code layers} or an element is null, there is no {@link
   *     Linear} layer, or layers do not fit together; the message lists every mismatch, one per
   *     line
   * @since 0.1.0
   */
  public static Sequential ofAll(Iterable<? extends Layer> layers) {
    Checks.notNull(layers, "layers");
    List<Layer> copy = new ArrayList<>();
    for (Layer layer : layers) {
      copy.add(layer);
    }
    return create(copy.toArray(new Layer[0]));
  }

  /**
   * Returns a new model with {@code layer} appended; this one is unchanged.
   *
   * <pre>{@code
   * Sequential body = Sequential.of(linear(2, 4), relu());
   * Sequential xor = body.then(linear(4, 1)).then(sigmoid());
   * }</pre>
   *
   * @param layer the layer to append
   * @return the longer model
   * @throws IllegalArgumentException if {@code layer} is null or does not fit the width this model
   *     gives
   * @since 0.1.0
   */
  public Sequential then(Layer layer) {
    Checks.notNull(layer, "layer");
    Layer[] longer = layers.toArray(new Layer[layers.size() + 1]);
    longer[layers.size()] = layer;
    return create(longer);
  }

  /** Checks and wraps layers, an array nobody else holds. */
  private static Sequential create(Layer[] layers) {
    if (layers.length == 0) {
      throw new IllegalArgumentException(
          "layers must not be empty; start with a linear layer, e.g. Sequential.of(linear(2, 4),"
              + " relu())");
    }
    List<String> nulls = new ArrayList<>();
    for (int i = 0; i < layers.length; i++) {
      if (layers[i] == null) {
        nulls.add("layers[" + i + "] is null");
      }
    }
    if (!nulls.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", nulls));
    }
    // plain loops, no lambdas: the first lambda of a process costs milliseconds of bootstrap, and
    // every program that declares a model runs this
    int first = -1;
    for (int i = 0; i < layers.length && first < 0; i++) {
      if (layers[i] instanceof Linear) {
        first = i;
      }
    }
    if (first < 0) {
      throw new IllegalArgumentException(
          describe(layers)
              + " has no linear layer, so its input width is unknown; start with linear(inputs,"
              + " outputs)");
    }
    List<String> problems = new ArrayList<>();
    int previous = -1;
    int width = ((Linear) layers[first]).inputs();
    for (int i = first; i < layers.length; i++) {
      if (layers[i] instanceof Linear) {
        Linear linear = (Linear) layers[i];
        if (previous >= 0 && linear.inputs() != width) {
          problems.add(mismatch(i, linear, previous, layers[previous], width));
        }
        previous = i;
        width = linear.outputs();
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new Sequential(List.of(layers), ((Linear) layers[first]).inputs(), width);
  }

  /** The factory call: {@code Sequential(Linear(2, 4), ReLU)}. */
  private static String describe(Layer[] layers) {
    StringBuilder s = new StringBuilder("Sequential(");
    for (int i = 0; i < layers.length; i++) {
      s.append(i == 0 ? "" : ", ").append(layers[i]);
    }
    return s.append(')').toString();
  }

  /** Describes one shape mismatch: "layer 2 Linear(3, 1) expects 3 inputs, but layer 0 ...". */
  private static String mismatch(int index, Linear layer, int previous, Layer source, int width) {
    return String.format(
        Locale.ROOT,
        "layer %d %s expects %d inputs, but layer %d %s gives %d",
        index,
        layer,
        layer.inputs(),
        previous,
        source,
        width);
  }

  /**
   * Returns the layers in order, as an unmodifiable list.
   *
   * <pre>{@code
   * xor.layers().get(1);   // ReLU
   * }</pre>
   *
   * @return the layers; changing the list throws {@link UnsupportedOperationException}
   * @since 0.1.0
   */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * Returns the number of input features per example: the {@code inputs} of the first {@link
   * Linear} layer.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), relu(), linear(4, 1)).inputs();   // 2
   * }</pre>
   *
   * @return the input width
   * @since 0.1.0
   */
  public int inputs() {
    return inputs;
  }

  /**
   * Returns the number of output features per example: the {@code outputs} of the last {@link
   * Linear} layer.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), relu(), linear(4, 1)).outputs();   // 1
   * }</pre>
   *
   * @return the output width
   * @since 0.1.0
   */
  public int outputs() {
    return outputs;
  }

  /**
   * Returns the number of trainable parameters of all layers together.
   *
   * <pre>{@code
   * Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid()).parameterCount();   // 17
   * }</pre>
   *
   * @return the sum of {@link Layer#parameterCount()} over the layers, or {@link Long#MAX_VALUE}
   *     if that sum does not fit a long (no model that large can be compiled)
   * @since 0.1.0
   */
  public long parameterCount() {
    long total = 0;
    for (int i = 0; i < layers.size(); i++) {
      long count = layers.get(i).parameterCount();
      // saturate: nine Linear(2^30, 2^30) layers would wrap around to a negative count, which
      // compile(seed) would then accept and fail later with an ArithmeticException
      total = count > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + count;
    }
    return total;
  }

  /**
   * Returns a table of the layers, one per line, with each layer's index, its output shape and its
   * parameter count, then the total; lines end with {@code \n}, the last one without.
   *
   * <pre>{@code
   * System.out.println(Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid()).summary());
   * // #  layer         output shape  params
   * // -  ------------  ------------  ------
   * // 0  Linear(2, 4)  (batch, 4)        12
   * // 1  ReLU          (batch, 4)         0
   * // 2  Linear(4, 1)  (batch, 1)         5
   * // 3  Sigmoid       (batch, 1)         0
   * // -  ------------  ------------  ------
   * // total params: 17
   * }</pre>
   *
   * @return the table
   * @since 0.1.0
   */
  public String summary() {
    return Summary.of(layers, inputs);
  }

  /**
   * Builds a network from these descriptors with every parameter drawn from one {@code
   * NumPyRandom.defaultRng(seed)}: layer by layer, weights before bias, each tensor in row-major
   * order; {@link Init#zeros()} and {@link Init#constant(double)} draw nothing. Parameters are
   * named {@code <index>.weight} and {@code <index>.bias}, the index counting every layer
   * (activations too), as in PyTorch.
   *
   * <p>Each call returns a new, independent network; the same seed gives the same initial values.
   *
   * <pre>{@code
   * Network net = Sequential.of(
   *         linear(2, 4).withWeightInit(Init.normal(0.5)), relu(),
   *         linear(4, 1).withWeightInit(Init.normal(0.5)), sigmoid())
   *     .compile(0);   // the exercise's initial weights for seed 0
   * net.parameters().get("2.weight");   // shape (4, 1)
   * }</pre>
   *
   * @param seed the seed of the generator, non-negative
   * @return a new network with freshly initialised parameters
   * @throws IllegalArgumentException if {@code seed} is negative or the model has more parameters
   *     than one array can hold
   * @since 0.1.0
   */
  public Network compile(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, but was " + seed);
    }
    long count = parameterCount();
    if (count > MAX_PARAMETERS) {
      throw new IllegalArgumentException(
          this + " has " + count + " parameters, more than one array can hold (" + MAX_PARAMETERS + ")");
    }
    return NetworkCompiler.compile(inputs(), Lowering.lower(layers), seed);
  }

  /**
   * Returns whether {@code other} is a model with equal layers in the same order.
   *
   * @param other any object
   * @return whether the models are equal
   * @since 0.1.0
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Sequential && layers.equals(((Sequential) other).layers);
  }

  /**
   * Returns a hash code computed from the layers.
   *
   * @return the hash code
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return layers.hashCode();
  }

  /**
   * Returns the model as the factory call, {@code Sequential(Linear(2, 4), ReLU, Linear(4, 1),
   * Sigmoid)}.
   *
   * @return the printed model
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return describe(layers.toArray(new Layer[0]));
  }
}

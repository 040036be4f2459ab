package io.github.nndsl.dsl;

import io.github.nndsl.core.Network;
import io.github.nndsl.dsl.internal.NetworkCompiler;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Describes a network as a chain of layers, each feeding the next: an immutable, validated value
 * that {@link #compile(long)} turns into a trainable nn-core {@link Network}.
 *
 * <p>The factories check that the layers fit together: each {@link Linear} (or {@link
 * Standardize}) layer must expect the width the layers before it give (activations and dropout
 * keep the width), and every mismatch is reported at once: thrown by {@link #of(Layer...)}, or
 * returned as a value by {@link #validate(Layer...)}, the one {@code of} is built on. The input
 * width is that of the first {@link Linear} or {@link Standardize} layer, so a model needs at
 * least one.
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
   * Checks that layers fit together and returns every problem at once, or the model; never throws.
   *
   * <p>The problems are the lines of the message {@link #of(Layer...)} throws for the same layers,
   * in the same order: that there are no layers, or every null layer, or (once there is none) a
   * missing {@link Linear} layer, or every width mismatch. Nothing is thrown for bad input, not even for a null array ({@code
   * "layers is null"}).
   *
   * <pre>{@code
   * Validation<Seq<String>, Sequential> checked =
   *     Sequential.validate(linear(2, 4), relu(), linear(3, 1), sigmoid(), linear(2, 5));
   * checked.isInvalid();    // true
   * checked.getError();     // List(layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4,
   *                         //      layer 4 Linear(2, 5) expects 2 inputs, but layer 2 Linear(3, 1) gives 1)
   * String report = checked.fold(problems -> problems.mkString("\n"), Sequential::summary);
   * }</pre>
   *
   * @param layers the layers in order, at least one of them {@link Linear} or {@link Standardize}; the array is copied
   * @return {@code Valid} with the model, or {@code Invalid} with every problem, one string each
   * @since 0.1.0
   */
  public static Validation<Seq<String>, Sequential> validate(Layer... layers) {
    if (layers == null) {
      return problem("layers is null");
    }
    return check(Arrays.asList(layers.clone()));
  }

  /**
   * Creates a model from layers, checking that they fit together: {@link #validate(Layer...)}, or
   * its problems as an exception.
   *
   * <pre>{@code
   * Sequential xor = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
   * }</pre>
   *
   * @param layers the layers in order, at least one of them {@link Linear} or {@link Standardize}; the array is copied
   * @return the model
   * @throws IllegalArgumentException if {@code layers} or an element is null, there is no {@link
   *     Linear} layer, or layers do not fit together; the message lists every problem {@code
   *     validate} returns, one per line
   * @since 0.1.0
   */
  public static Sequential of(Layer... layers) {
    return orThrow(validate(layers));
  }

  /**
   * Creates a model from the layers of an iterable, checking that they fit together.
   *
   * <pre>{@code
   * List<Layer> layers = List.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
   * Sequential xor = Sequential.ofAll(layers);
   * }</pre>
   *
   * @param layers the layers in order, at least one of them {@link Linear} or {@link Standardize}; they are copied
   * @return the model
   * @throws IllegalArgumentException if {@code layers} or an element is null, there is no {@link
   *     Linear} layer, or layers do not fit together; the message lists every problem, one per
   *     line, as {@link #of(Layer...)} does
   * @since 0.1.0
   */
  public static Sequential ofAll(Iterable<? extends Layer> layers) {
    if (layers == null) {
      return orThrow(problem("layers is null"));
    }
    List<@Nullable Layer> copy = new ArrayList<>();
    for (Layer layer : layers) {
      copy.add(layer);
    }
    return orThrow(check(copy));
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
    if (layer == null) {
      return orThrow(problem("layer is null"));
    }
    List<@Nullable Layer> longer = new ArrayList<>(layers);
    longer.add(layer);
    return orThrow(check(longer));
  }

  /** The model, or an IllegalArgumentException listing the problems one per line. */
  private static Sequential orThrow(Validation<Seq<String>, Sequential> checked) {
    if (checked.isInvalid()) {
      throw new IllegalArgumentException(checked.getError().mkString("\n"));
    }
    return checked.get();
  }

  private static <T> Validation<Seq<String>, T> problem(String message) {
    return Validation.invalid(io.vavr.collection.List.of(message));
  }

  // The checks below are plain loops over Validation values, whose problems Validation.sequence
  // accumulates; no lambdas and none of Vavr's collection combinators on the way of a valid
  // model: the first Sequential.of of a process would otherwise spin lambda classes, about 30 ms
  // of start-up for a four-layer model (measured: 67 ms against 40 and then 24 ms for that call).

  /**
   * Checks layers in stages, each reporting all its problems: no layers; null layers; no linear
   * layer; width mismatches (which need the layers to be there).
   */
  private static Validation<Seq<String>, Sequential> check(List<@Nullable Layer> layers) {
    if (layers.isEmpty()) {
      return problem(
          "layers must not be empty; start with a linear layer, e.g. Sequential.of(linear(2, 4),"
              + " relu())");
    }
    List<Validation<Seq<String>, Layer>> present = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      present.add(present(layers.get(i), i));
    }
    Seq<String> missing = problems(present);
    if (!missing.isEmpty()) {
      return Validation.invalid(missing);
    }
    @SuppressWarnings({"nullness", "unchecked"}) // every element was checked present just above
    List<Layer> checked = (List<Layer>) (List<?>) layers;
    return fit(checked);
  }

  /**
   * Every problem of the checks, in order, as {@link Validation#sequence} accumulates them; empty
   * when every check passed. That case skips sequence, which has nothing to collect then: its list
   * reversal spins a lambda class, the first of the process (about 15 ms of start-up).
   */
  private static <T> Seq<String> problems(List<Validation<Seq<String>, T>> checks) {
    for (Validation<Seq<String>, T> check : checks) {
      if (check.isInvalid()) {
        return Validation.sequence(checks).getError();
      }
    }
    return io.vavr.collection.List.empty();
  }

  /** The layer, or "layers[i] is null". */
  private static Validation<Seq<String>, Layer> present(@Nullable Layer layer, int index) {
    return layer == null ? problem("layers[" + index + "] is null") : Validation.valid(layer);
  }

  /**
   * The model, or why its linear (and standardize) layers do not fit: each must take the width the
   * one before gives. FixedWidth, not Linear and Standardize: a model without standardize never
   * loads that class.
   */
  private static Validation<Seq<String>, Sequential> fit(List<Layer> layers) {
    int first = -1;
    int last = -1;
    List<Validation<Seq<String>, Layer>> fits = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof FixedWidth) {
        if (last >= 0) {
          fits.add(fits(layers.get(last), last, layers.get(i), i));
        } else {
          first = i;
        }
        last = i;
      }
    }
    if (first < 0) {
      return problem(
          describe(layers)
              + " has no linear layer, so its input width is unknown; start with linear(inputs,"
              + " outputs)");
    }
    Seq<String> mismatches = problems(fits);
    if (!mismatches.isEmpty()) {
      return Validation.invalid(mismatches);
    }
    return Validation.valid(new Sequential(List.copyOf(layers), ((FixedWidth) layers.get(first)).inputs(),
        ((FixedWidth) layers.get(last)).outputs()));
  }

  /**
   * The next linear layer, or the mismatch: "layer 2 Linear(3, 1) expects 3 inputs, but layer 0
   * Linear(2, 4) gives 4".
   */
  private static Validation<Seq<String>, Layer> fits(Layer sourceLayer, int sourceIndex, Layer layer, int index) {
    FixedWidth source = (FixedWidth) sourceLayer;
    FixedWidth linear = (FixedWidth) layer;
    if (linear.inputs() == source.outputs()) {
      return Validation.valid(layer);
    }
    return problem(
        String.format(
            Locale.ROOT,
            "layer %d %s expects %d inputs, but layer %d %s gives %d",
            index,
            linear,
            linear.inputs(),
            sourceIndex,
            source,
            source.outputs()));
  }

  /** The factory call: {@code Sequential(Linear(2, 4), ReLU)}. */
  private static String describe(Iterable<Layer> layers) {
    StringBuilder s = new StringBuilder("Sequential(");
    String separator = "";
    for (Layer layer : layers) {
      s.append(separator).append(layer);
      separator = ", ";
    }
    return s.append(')').toString();
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
   * Linear} (or {@link Standardize}) layer.
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
   * Linear} (or {@link Standardize}) layer.
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
    return describe(layers);
  }
}

package io.github.nndsl.core;

import io.github.nndsl.core.internal.ActivationScan;
import io.github.nndsl.core.internal.Dense;
import io.github.nndsl.core.internal.LossFunction;
import io.github.nndsl.core.internal.Op;
import io.github.nndsl.core.internal.Plan;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled feed-forward network: a {@link ParameterStore} and a plan of operations with work
 * buffers that are sized for the batch and reused, so a training step allocates nothing.
 *
 * <p>Networks are usually compiled from an nn-dsl {@code Sequential}; the builder here is the
 * engine-level way to lay one out. Parameters start at zero; fill them through {@link
 * #parameters()}.
 *
 * <pre>{@code
 * Network net = Network.builder(2).linear(4, true).relu().linear(1, true).sigmoid().build();
 * net.parameters().get("0.weight").set(0, 0, 0.5);
 * Tensor p = net.predict(Tensor.of(new double[][] {{0, 1}}));   // shape (1, 1)
 * }</pre>
 *
 * <p>Not thread-safe: a network owns mutable buffers, so use one network per thread (compile the
 * same descriptor once per thread). Different networks can train concurrently. To serve one
 * network from many threads, {@link #freeze()} it.
 *
 * @since 0.1.0
 */
public final class Network {

  private final Plan plan;
  private final ParameterStore store;
  private final List<String> layerNames;
  // what the trainer (io.github.nndsl.core.train) keeps here between fits: optimiser state and
  // the shuffling position; typed Object so that this package does not depend on that one
  private @Nullable Object trainingState;

  private Network(Plan plan, ParameterStore store, List<String> layerNames) {
    this.plan = plan;
    this.store = store;
    this.layerNames = layerNames;
  }

  /**
   * Starts laying out a network that takes {@code inputs} features.
   *
   * @param inputs the input width, positive
   * @return a builder
   * @throws IllegalArgumentException if inputs is not positive
   * @since 0.1.0
   */
  public static Builder builder(int inputs) {
    if (inputs < 1) {
      throw new IllegalArgumentException("inputs must be positive, but was " + inputs);
    }
    return new Builder(inputs);
  }

  /**
   * Returns the parameter store: every weight and bias, and their gradients, as named views.
   *
   * @return the store, owned by this network
   * @since 0.1.0
   */
  public ParameterStore parameters() {
    return store;
  }

  /**
   * Returns the number of input features.
   *
   * @return the width of x's rows
   * @since 0.1.0
   */
  public int inputs() {
    return plan.inputs();
  }

  /**
   * Returns the number of outputs.
   *
   * @return the width of the prediction's rows
   * @since 0.1.0
   */
  public int outputs() {
    return plan.outputs();
  }

  /**
   * Runs the network forward on a batch.
   *
   * <pre>{@code
   * Tensor p = net.predict(Tensor.of(new double[][] {{0, 0}, {1, 1}}));   // (2, outputs)
   * }</pre>
   *
   * @param x the inputs, shape (batch, inputs), finite; a batch of 0 rows gives 0 rows
   * @return a new tensor of shape (batch, outputs)
   * @throws IllegalArgumentException if x is not a matrix with {@link #inputs()} columns or holds
   *     NaN or an infinity (the message names the element)
   * @since 0.1.0
   */
  public Tensor predict(Tensor x) {
    checkInputs(x, "x");
    Checks.finite(x, "x");
    int batch = x.dim(0);
    double[] out = plan.forward(x.data(), x.offset(), batch);
    double[] result = new double[batch * outputs()];
    System.arraycopy(out, 0, result, 0, result.length);
    return Tensor.wrap(result, batch, outputs());
  }

  /**
   * Freezes the network for serving: returns a {@link Predictor} holding an immutable copy of the
   * parameters as they are now, which any number of threads may call at once without locks, and
   * whose answers are bit for bit those of {@link #predict}. Training this network afterwards
   * does not change the predictor; freeze again to serve the new parameters.
   *
   * <pre>{@code
   * Predictor predictor = net.freeze();
   * double[] p = predictor.predict(new double[] {0, 1});
   * }</pre>
   *
   * @return a new predictor, independent of this network
   * @since 0.1.0
   */
  public Predictor freeze() {
    return Predictor.of(this, layerNames);
  }

  /**
   * Runs forward and backward on a batch without updating anything: fills every parameter's
   * gradient (see {@link ParameterStore#gradient(String)}) and returns the loss. This is the
   * building block for custom training loops and gradient checks.
   *
   * <pre>{@code
   * double loss = net.computeGradients(x, y, Losses.mse());
   * Tensor dw = net.parameters().gradient("0.weight");
   * }</pre>
   *
   * @param x the inputs, shape (batch, inputs), at least one row, finite
   * @param y the targets, shape (batch, outputs), finite
   * @param loss the loss to differentiate
   * @return the loss of this forward pass
   * @throws IllegalArgumentException if an argument is null, a shape does not fit, x has no rows,
   *     x or y holds NaN or an infinity, or a row of y is one the loss cannot mean (see {@link
   *     Losses}; nothing is changed then)
   * @since 0.1.0
   */
  public double computeGradients(Tensor x, Tensor y, Loss loss) {
    Checks.notNull(loss, "loss");
    checkRows(x);
    checkTargets(x, y, "y");
    Checks.finite(x, "x");
    Checks.finite(y, "y");
    int batch = x.dim(0);
    LossFunction function = loss.function();
    function.checkTargets(y.data(), y.offset(), batch, outputs(), "y");
    double value = plan.forwardLoss(x.data(), x.offset(), y.data(), y.offset(), batch, function);
    plan.backward(x.data(), x.offset(), y.data(), y.offset(), batch, function);
    return value;
  }

  /**
   * Measures the fraction of dead ReLU units on a batch: units whose input is at most 0 for every
   * row of x, so that their output and gradient are 0 whatever these inputs. Such a unit has
   * stopped learning and, with plain ReLU, never recovers. Counts over all ReLU layers together.
   *
   * <pre>{@code
   * double dead = net.deadReluFraction(x);   // 0.25: one of the XOR network's 4 hidden units
   * }</pre>
   *
   * @param x the inputs, shape (batch, inputs), at least one row, finite
   * @return the fraction of ReLU units that are dead on x, in [0, 1]; 0 without ReLU layers
   * @throws IllegalArgumentException if x is not a matrix with {@link #inputs()} columns, has no
   *     rows or holds NaN or an infinity
   * @since 0.1.0
   */
  public double deadReluFraction(Tensor x) {
    checkFiniteRows(x);
    int units = ActivationScan.reluUnits(plan);
    if (units == 0) {
      return 0;
    }
    plan.forward(x.data(), x.offset(), x.dim(0));
    return (double) ActivationScan.deadUnits(plan, x.dim(0)) / units;
  }

  /**
   * Measures the fraction of sigmoid outputs within 1e-6 of 0 or 1 on a batch, where the
   * sigmoid's gradient {@code s (1 - s)} is below 1e-6 and learning all but stops. Counts the
   * outputs of all sigmoid layers together, the network's output included.
   *
   * <pre>{@code
   * double saturated = net.saturatedSigmoidFraction(x);
   * }</pre>
   *
   * @param x the inputs, shape (batch, inputs), at least one row, finite
   * @return the fraction of saturated sigmoid outputs, in [0, 1]; 0 without sigmoid layers
   * @throws IllegalArgumentException if x is not a matrix with {@link #inputs()} columns, has no
   *     rows or holds NaN or an infinity
   * @since 0.1.0
   */
  public double saturatedSigmoidFraction(Tensor x) {
    checkFiniteRows(x);
    int batch = x.dim(0);
    long total = ActivationScan.sigmoidOutputs(plan, batch);
    if (total == 0) {
      return 0;
    }
    plan.forward(x.data(), x.offset(), batch);
    return (double) ActivationScan.saturated(plan, null, 0, batch, ActivationScan.SATURATION_MARGIN) / total;
  }

  private void checkRows(Tensor x) {
    checkInputs(x, "x");
    if (x.dim(0) == 0) {
      throw new IllegalArgumentException("x must have at least one row, but has shape " + x.shapeString());
    }
  }

  private void checkFiniteRows(Tensor x) {
    checkRows(x);
    Checks.finite(x, "x");
  }

  /** The compiled plan, for nn-core's other packages (through CoreAccess). */
  Plan plan() {
    return plan;
  }

  @Nullable Object trainingState() {
    return trainingState;
  }

  void trainingState(@Nullable Object state) {
    this.trainingState = state;
  }

  void checkInputs(Tensor x, String name) {
    Checks.rank(x, 2, name);
    if (x.dim(1) != inputs()) {
      throw new IllegalArgumentException(
          name + " must have " + inputs() + " columns (the network's inputs), but has shape " + x.shapeString());
    }
  }

  void checkTargets(Tensor x, Tensor y, String name) {
    Checks.rank(y, 2, name);
    if (y.dim(0) != x.dim(0) || y.dim(1) != outputs()) {
      throw new IllegalArgumentException(
          name
              + " must have shape ("
              + x.dim(0)
              + ", "
              + outputs()
              + ") (x's rows, the network's outputs), but has shape "
              + y.shapeString());
    }
  }

  /**
   * Describes the plan, for example {@code Network(Linear(2, 4), ReLU, Linear(4, 1), Sigmoid; 17
   * parameters)}.
   *
   * @return a readable description
   */
  @Override
  public String toString() {
    return "Network(" + String.join(", ", layerNames) + "; " + store.size() + " parameters)";
  }

  /**
   * Lays out a network layer by layer; parameters are named {@code "<index>.weight"} and {@code
   * "<index>.bias"} by the layer's position, activations counted.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final int inputs;
    private int width;
    private final List<Spec> specs = new ArrayList<>();

    /** What a {@link Spec} that is no activation is: ints, not an enum (one class fewer to load). */
    private static final int DENSE = 0;
    private static final int STANDARDIZE = 1;
    private static final int DROPOUT = 2;

    /**
     * One planned layer: an activation when {@code activation} is not null, else a {@code role}:
     * dense, standardize (with its constants) or dropout (its rate in {@code slope}).
     */
    private record Spec(Op.@Nullable Kind activation, int in, int out, boolean bias, double slope, int role,
        double @Nullable [] mean, double @Nullable [] std) {}

    private Builder(int inputs) {
      this.inputs = inputs;
      this.width = inputs;
    }

    /**
     * Adds a dense layer {@code x · w + b} with weights (width, outputs) and, if asked, a bias.
     *
     * @param outputs the layer's output width, positive
     * @param bias whether the layer has a bias
     * @return this builder
     * @throws IllegalArgumentException if outputs is not positive
     * @since 0.1.0
     */
    public Builder linear(int outputs, boolean bias) {
      if (outputs < 1) {
        throw new IllegalArgumentException("outputs must be positive, but was " + outputs);
      }
      specs.add(new Spec(null, width, outputs, bias, 0.0, DENSE, null, null));
      width = outputs;
      return this;
    }

    /**
     * Adds a standardization {@code (x - mean) / std} per column, with constants that are copied
     * into the plan: they are not parameters (not in the store, never trained).
     *
     * <pre>{@code
     * Network net = Network.builder(2).standardize(new double[] {1, 2}, new double[] {0.5, 4}).linear(1, true).build();
     * }</pre>
     *
     * @param mean one finite value per column of the current width
     * @param std one finite, positive value per column
     * @return this builder
     * @throws IllegalArgumentException if an array is null, its length is not the current width, a
     *     mean is not finite or a std is not finite and positive (the message names the element)
     * @since 0.1.0
     */
    public Builder standardize(double[] mean, double[] std) {
      Checks.constants(mean, "mean", width, false);
      Checks.constants(std, "std", width, true);
      specs.add(new Spec(null, width, width, false, 0.0, STANDARDIZE, mean.clone(), std.clone()));
      return this;
    }

    /**
     * Adds inverted dropout: while a trainer trains the network, each element is zeroed with
     * probability {@code rate} and the others are scaled by {@code 1 / (1 - rate)}; every other
     * pass ({@link Network#predict}, {@link Network#computeGradients}, frozen predictors) passes
     * the input through.
     *
     * @param rate the probability of dropping an element, in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException if rate is not in [0, 1)
     * @since 0.1.0
     */
    public Builder dropout(double rate) {
      if (!(rate >= 0.0 && rate < 1.0)) {
        throw new IllegalArgumentException("rate must be in [0, 1), but was " + rate);
      }
      specs.add(new Spec(null, width, width, false, rate + 0.0, DROPOUT, null, null));
      return this;
    }

    /**
     * Adds a rectifier, {@code max(0, x)}.
     *
     * @return this builder
     * @since 0.1.0
     */
    public Builder relu() {
      return activation(Op.Kind.RELU, 0.0);
    }

    /**
     * Adds a logistic sigmoid.
     *
     * @return this builder
     * @since 0.1.0
     */
    public Builder sigmoid() {
      return activation(Op.Kind.SIGMOID, 0.0);
    }

    /**
     * Adds a hyperbolic tangent.
     *
     * @return this builder
     * @since 0.1.0
     */
    public Builder tanh() {
      return activation(Op.Kind.TANH, 0.0);
    }

    /**
     * Adds a leaky rectifier, {@code x > 0 ? x : slope * x}.
     *
     * @param slope the negative-side slope, finite and non-negative
     * @return this builder
     * @throws IllegalArgumentException if the slope is negative or not finite
     * @since 0.1.0
     */
    public Builder leakyRelu(double slope) {
      if (!(slope >= 0.0) || slope == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("slope must be finite and non-negative, but was " + slope);
      }
      return activation(Op.Kind.LEAKY_RELU, slope);
    }

    /**
     * Adds a row-wise softmax.
     *
     * @return this builder
     * @since 0.1.0
     */
    public Builder softmax() {
      return activation(Op.Kind.SOFTMAX, 0.0);
    }

    /**
     * Adds a layer that passes its input through unchanged.
     *
     * @return this builder
     * @since 0.1.0
     */
    public Builder identity() {
      return activation(Op.Kind.IDENTITY, 0.0);
    }

    private Builder activation(Op.Kind kind, double slope) {
      specs.add(new Spec(kind, width, width, false, slope, DENSE, null, null));
      return this;
    }

    /**
     * Builds the network, with every parameter zero.
     *
     * @return a new, independent network
     * @since 0.1.0
     */
    public Network build() {
      // lay out the store first (names in layer order, weight before bias), then the ops on it
      ParameterStore.Layout layout = new ParameterStore.Layout();
      int[] weightOffsets = new int[specs.size()];
      int[] biasOffsets = new int[specs.size()];
      for (int i = 0; i < specs.size(); i++) {
        Spec s = specs.get(i);
        if (s.activation() == null && s.role() == DENSE) {
          weightOffsets[i] = layout.add(i + ".weight", s.in(), s.out());
          biasOffsets[i] = s.bias() ? layout.add(i + ".bias", s.out()) : -1;
        }
      }
      ParameterStore store = layout.build();
      // a dense layer absorbs the elementwise activation right after it (see Dense): the plan
      // then has fewer ops than there are layers, and layer names still count every layer
      List<Op> ops = new ArrayList<>();
      List<Integer> opLayers = new ArrayList<>();
      List<String> names = new ArrayList<>();
      @Nullable Op previous = null;
      for (int i = 0; i < specs.size(); i++) {
        Spec s = specs.get(i);
        Op.Kind kind = s.activation();
        Op op;
        if (kind == null && s.role() == STANDARDIZE) {
          op = Op.standardize(nonNull(s.mean()), nonNull(s.std()), previous);
          names.add("Standardize(" + s.in() + ")");
        } else if (kind == null && s.role() == DROPOUT) {
          op = Op.dropout(s.in(), s.slope(), i, previous);
          names.add("Dropout(" + s.slope() + ")");
        } else if (kind == null) {
          Op.@Nullable Kind fused = null;
          double slope = 0.0;
          if (i + 1 < specs.size()) {
            Spec next = specs.get(i + 1);
            if (next.activation() != null && Op.fusable(next.activation())) {
              fused = next.activation();
              slope = next.slope();
            }
          }
          op = new Dense(s.in(), s.out(), store.values(), store.gradients(), weightOffsets[i], biasOffsets[i], fused, slope, previous);
          names.add("Linear(" + s.in() + ", " + s.out() + (s.bias() ? "" : ", bias=false") + ")");
          if (fused != null) {
            names.add(describe(fused, slope));
            i++;
          }
        } else {
          op = Op.activation(kind, s.in(), s.slope(), previous);
          names.add(describe(kind, s.slope()));
        }
        ops.add(op);
        opLayers.add(i); // after a fusion, i is the absorbed activation's index
        previous = op;
      }
      int[] layerOfOp = new int[opLayers.size()];
      for (int i = 0; i < layerOfOp.length; i++) {
        layerOfOp[i] = opLayers.get(i);
      }
      Plan plan = new Plan(inputs, ops.toArray(new Op[0]), layerOfOp, store.values(), store.gradients());
      return new Network(plan, store, List.copyOf(names));
    }

    private static double[] nonNull(double @Nullable [] constants) {
      if (constants == null) {
        throw new AssertionError("a standardize spec without its constants");
      }
      return constants;
    }

    // an if chain, not a switch: javac turns a switch on another class's enum into a lookup
    // class of its own, one more class for every process to load
    private static String describe(Op.Kind kind, double slope) {
      if (kind == Op.Kind.RELU) {
        return "ReLU";
      } else if (kind == Op.Kind.SIGMOID) {
        return "Sigmoid";
      } else if (kind == Op.Kind.TANH) {
        return "Tanh";
      } else if (kind == Op.Kind.LEAKY_RELU) {
        return "LeakyReLU(" + slope + ")";
      } else if (kind == Op.Kind.SOFTMAX) {
        return "Softmax";
      } else if (kind == Op.Kind.IDENTITY) {
        return "Identity";
      }
      throw new AssertionError(kind);
    }
  }
}

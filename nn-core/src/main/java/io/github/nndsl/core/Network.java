package io.github.nndsl.core;

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
 * same descriptor once per thread). Different networks can train concurrently.
 *
 * @since 0.1.0
 */
public final class Network {

  private final int inputs;
  private final Op[] ops;
  private final ParameterStore store;
  private final List<String> layerNames;
  private final int[] opLayers; // opLayers[i]: the index of the last layer op i computes
  private double[][] activations; // activations[i + 1] is the output of ops[i]; [0] is unused
  private double[][] activationGradients; // the gradient with respect to activations[i]
  private int capacity;
  private @Nullable TrainingState trainingState;

  private Network(int inputs, Op[] ops, int[] opLayers, ParameterStore store, List<String> layerNames) {
    this.inputs = inputs;
    this.ops = ops;
    this.opLayers = opLayers;
    this.store = store;
    this.layerNames = layerNames;
    this.activations = new double[ops.length + 1][];
    this.activationGradients = new double[ops.length + 1][];
    ensureCapacity(1);
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
    return inputs;
  }

  /**
   * Returns the number of outputs.
   *
   * @return the width of the prediction's rows
   * @since 0.1.0
   */
  public int outputs() {
    return ops.length == 0 ? inputs : ops[ops.length - 1].outputs;
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
    double[] out = forward(x.data(), x.offset(), batch);
    double[] result = new double[batch * outputs()];
    System.arraycopy(out, 0, result, 0, result.length);
    return Tensor.wrap(result, batch, outputs());
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
   *     or x or y holds NaN or an infinity (nothing is changed then)
   * @since 0.1.0
   */
  public double computeGradients(Tensor x, Tensor y, Loss loss) {
    Checks.notNull(loss, "loss");
    checkRows(x);
    checkTargets(x, y, "y");
    Checks.finite(x, "x");
    Checks.finite(y, "y");
    int batch = x.dim(0);
    double value = forwardLoss(x.data(), x.offset(), y.data(), y.offset(), batch, loss);
    backward(x.data(), x.offset(), y.data(), y.offset(), batch, loss);
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
    int units = ActivationScan.reluUnits(this);
    if (units == 0) {
      return 0;
    }
    forward(x.data(), x.offset(), x.dim(0));
    return (double) ActivationScan.deadUnits(this, x.dim(0)) / units;
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
    long total = ActivationScan.sigmoidOutputs(this, batch);
    if (total == 0) {
      return 0;
    }
    forward(x.data(), x.offset(), batch);
    return (double) ActivationScan.saturated(this, null, 0, batch, Diagnostics.SATURATION_MARGIN) / total;
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

  /** The plan, for the diagnostics; not to be modified. */
  Op[] ops() {
    return ops;
  }

  /**
   * The index, as the user counts layers, of the last layer op {@code i} computes: a dense op that
   * absorbed the activation after it reports that activation's index.
   */
  int layerOf(int i) {
    return opLayers[i];
  }

  /** The buffer holding the output of op {@code i - 1}, offset 0; {@code i} from 1. */
  double[] activation(int i) {
    return activations[i];
  }

  void checkInputs(Tensor x, String name) {
    Checks.rank(x, 2, name);
    if (x.dim(1) != inputs) {
      throw new IllegalArgumentException(
          name + " must have " + inputs + " columns (the network's inputs), but has shape " + x.shapeString());
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

  /** Grows the work buffers to hold at least {@code batch} rows; never shrinks them. */
  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    int rows = Math.max(batch, capacity * 2);
    for (int i = 0; i < ops.length; i++) {
      activations[i + 1] = new double[Math.multiplyExact(rows, ops[i].outputs)];
      activationGradients[i + 1] = new double[rows * ops[i].outputs];
    }
    capacity = rows;
  }

  /** Forward over {@code batch} rows of x; returns the buffer holding the output (offset 0). */
  double[] forward(double[] x, int xOff, int batch) {
    ensureCapacity(batch);
    double[] in = x;
    int inOff = xOff;
    for (int i = 0; i < ops.length; i++) {
      ops[i].forward(in, inOff, activations[i + 1], batch);
      in = activations[i + 1];
      inOff = 0;
    }
    return in;
  }

  /** Forward, then the loss of the output against y. */
  double forwardLoss(double[] x, int xOff, double[] y, int yOff, int batch, Loss loss) {
    double[] out = forward(x, xOff, batch);
    int outOff = ops.length == 0 ? xOff : 0;
    return loss.value(out, outOff, y, yOff, batch, outputs());
  }

  /**
   * Forward, then the loss of the output against y, returned, and its gradient at the output, kept
   * for {@link #backwardFromLoss}: one pass over the output where the last op can fuse the two.
   */
  double forwardLossAndGradient(double[] x, int xOff, double[] y, int yOff, int batch, Loss loss) {
    double[] out = forward(x, xOff, batch);
    int last = ops.length;
    if (last == 0) {
      return loss.value(out, xOff, y, yOff, batch, outputs());
    }
    return ops[last - 1].lossAndGradient(loss, out, y, yOff, activationGradients[last], batch, outputs());
  }

  /** Backward after {@link #forwardLoss} on the same batch: fills the store's gradients. */
  void backward(double[] x, int xOff, double[] y, int yOff, int batch, Loss loss) {
    int last = ops.length;
    if (last == 0) {
      return;
    }
    ops[last - 1].lossGradient(loss, activations[last], y, yOff, activationGradients[last], batch, outputs());
    backwardFromLoss(x, xOff, batch, Double.NaN);
  }

  /**
   * {@link #backward} after {@link #forwardLossAndGradient} on the same batch, whose loss gradient
   * it starts from; when {@code sgdRate} is not NaN, also plain SGD ({@code p -= rate * g}) on each
   * parameter as soon as its gradient is written, which is after every use of the old value: the
   * same bits as the optimiser's loop afterwards, without a pass of its own.
   */
  void backwardFromLoss(double[] x, int xOff, int batch, double sgdRate) {
    int last = ops.length;
    for (int i = last - 1; i >= 0; i--) {
      double[] in = i == 0 ? x : activations[i];
      int inOff = i == 0 ? xOff : 0;
      double[] gIn = i == 0 ? null : activationGradients[i];
      ops[i].backward(in, inOff, activations[i + 1], activationGradients[i + 1], gIn, batch, sgdRate);
    }
  }

  /** The optimiser and shuffling state of the last training run, kept for the next one. */
  @Nullable TrainingState trainingState() {
    return trainingState;
  }

  void trainingState(@Nullable TrainingState state) {
    this.trainingState = state;
  }

  /**
   * Returns a copy of the training state this network carries between {@code fit} calls (the
   * optimiser's state, the shuffling generator and the position in the epoch), or null if it has
   * not been trained since it was built or {@link #resetTrainingState()} was called.
   *
   * <pre>{@code
   * TrainingSnapshot s = net.trainingSnapshot();
   * }</pre>
   *
   * @return an independent snapshot, or null
   * @since 0.1.0
   */
  public @Nullable TrainingSnapshot trainingSnapshot() {
    TrainingState state = trainingState;
    return state == null ? null : TrainingSnapshot.of(state);
  }

  /**
   * Replaces this network's training state with a snapshot's, so that the next {@code fit} with an
   * equal optimiser and shuffling seed continues exactly where the snapshot was taken. Parameters
   * are not touched: restore them with {@link ParameterStore#restore(double[])}.
   *
   * <pre>{@code
   * other.parameters().restore(net.parameters().snapshot());
   * other.restoreTrainingSnapshot(net.trainingSnapshot());
   * }</pre>
   *
   * @param snapshot a snapshot from a network of the same layout
   * @throws IllegalArgumentException if snapshot is null or its optimiser state does not fit this
   *     network's parameter count (nothing is changed then)
   * @since 0.1.0
   */
  public void restoreTrainingSnapshot(TrainingSnapshot snapshot) {
    Checks.notNull(snapshot, "snapshot");
    this.trainingState = snapshot.toState(store.size());
  }

  /**
   * Forgets the optimiser's state (momentum, Adam moments) and the shuffling position, so the next
   * {@code fit} starts fresh; parameters are kept.
   *
   * @since 0.1.0
   */
  public void resetTrainingState() {
    this.trainingState = null;
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

    /** One planned layer: a dense layer when {@code activation} is null. */
    private record Spec(Op.@Nullable Kind activation, int in, int out, boolean bias, double slope) {}

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
      specs.add(new Spec(null, width, outputs, bias, 0.0));
      width = outputs;
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
      specs.add(new Spec(kind, width, width, false, slope));
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
        if (s.activation() == null) {
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
        if (kind == null) {
          Op.@Nullable Kind fused = null;
          double slope = 0.0;
          if (i + 1 < specs.size()) {
            Spec next = specs.get(i + 1);
            if (next.activation() != null && Op.fusable(next.activation())) {
              fused = next.activation();
              slope = next.slope();
            }
          }
          op = new Dense(s.in(), s.out(), store, weightOffsets[i], biasOffsets[i], fused, slope, previous);
          names.add("Linear(" + s.in() + ", " + s.out() + (s.bias() ? "" : ", bias=false") + ")");
          if (fused != null) {
            names.add(describe(fused, slope));
            i++;
          }
        } else {
          op = Op.Activation.create(kind, s.in(), s.slope(), previous);
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
      return new Network(inputs, ops.toArray(new Op[0]), layerOfOp, store, List.copyOf(names));
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

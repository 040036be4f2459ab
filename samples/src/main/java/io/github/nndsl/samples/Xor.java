package io.github.nndsl.samples;

import io.github.nndsl.core.random.NumPyRandom;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;

import io.github.nndsl.core.Functional;
import io.github.nndsl.core.LinearGradients;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Sequential;
import java.util.List;

/**
 * The exercise itself (build-nn problem 07, {@code train_xor}): a 2-layer MLP trained on XOR with
 * the functional operations, written line for line like the NumPy scaffold and loop.
 *
 * <p>This is the faithful reference: with the same seed it draws NumPy's weights bit for bit and
 * returns NumPy's loss (to within the last bits of NumPy's matrix-vector products).
 *
 * <pre>{@code
 * double loss = Xor.trainXor(0);               // 2.68e-4: XOR solved
 * double stuck = Xor.trainXor(7);              // 0.1667: a dead ReLU unit, as in NumPy
 * double more = Xor.trainXor(0, 8, 0.5, 3000); // 1.74e-4
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Xor {

  /** The four XOR inputs, one per row. */
  private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

  /** The XOR targets, shape (4, 1). */
  private static final double[][] TARGETS = {{0}, {1}, {1}, {0}};

  private Xor() {}

  /**
   * Returns the XOR inputs as a fresh (4, 2) tensor: {@code [[0,0],[0,1],[1,0],[1,1]]}.
   *
   * @return the inputs
   * @since 0.1.0
   */
  public static Tensor inputs() {
    return Tensor.of(INPUTS);
  }

  /**
   * Returns the XOR targets as a fresh (4, 1) tensor: {@code [[0],[1],[1],[0]]}.
   *
   * @return the targets
   * @since 0.1.0
   */
  public static Tensor targets() {
    return Tensor.of(TARGETS);
  }

  /**
   * Trains with the exercise's defaults: hidden 4, lr 0.5, 5000 steps.
   *
   * @param seed the seed of {@code np.random.default_rng(seed)}, non-negative
   * @return the loss of the last forward pass
   * @throws IllegalArgumentException if the seed is negative
   * @since 0.1.0
   */
  public static double trainXor(long seed) {
    return trainXor(seed, 4, 0.5, 5000);
  }

  /**
   * Trains a Linear(2, hidden) → ReLU → Linear(hidden, 1) → Sigmoid network on XOR, full batch, with
   * MSE and plain SGD, and returns the MSE of the LAST FORWARD PASS (the loss before the final
   * update), exactly as the exercise does.
   *
   * <p>With {@code steps = 0} the exercise's code has no answer (it crashes); here it returns the
   * loss of the untrained network.
   *
   * <pre>{@code
   * Xor.trainXor(0, 4, 0.5, 20);     // 0.2414: barely trained
   * Xor.trainXor(0, 4, 0.5, 5000);   // 0.000268
   * }</pre>
   *
   * @param seed the seed of the weight initialisation, non-negative
   * @param hidden the hidden width, at least 1
   * @param lr the learning rate, finite and non-negative
   * @param steps the number of full-batch updates, non-negative
   * @return the loss of the last forward pass
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static double trainXor(long seed, int hidden, double lr, int steps) {
    return train(seed, hidden, lr, steps).loss();
  }

  /**
   * Trains like {@link #trainXor(long, int, double, int)} and returns the trained weights with the
   * loss, so the caller can use the network.
   *
   * <pre>{@code
   * Xor.Trained net = Xor.train(0, 4, 0.5, 5000);
   * Tensor p = net.predict(Xor.inputs());   // about [[0.02], [0.98], [0.98], [0.02]]
   * }</pre>
   *
   * @param seed the seed of the weight initialisation, non-negative
   * @param hidden the hidden width, at least 1
   * @param lr the learning rate, finite and non-negative
   * @param steps the number of full-batch updates, non-negative
   * @return the loss of the last forward pass and the weights after the last update
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static Trained train(long seed, int hidden, double lr, int steps) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, but was " + seed);
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be at least 1, but was " + hidden);
    }
    if (!Double.isFinite(lr) || lr < 0) {
      throw new IllegalArgumentException("lr must be finite and non-negative, but was " + lr);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be non-negative, but was " + steps);
    }
    // the scaffold: W1 is drawn before W2, both row-major, scaled by 0.5; biases start at zero
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    Tensor x = inputs();
    Tensor t = targets();
    Tensor w1 = scaled(rng.standardNormal(2, hidden), 0.5);
    Tensor b1 = Tensor.zeros(hidden);
    Tensor w2 = scaled(rng.standardNormal(hidden, 1), 0.5);
    Tensor b2 = Tensor.zeros(1);
    List<Tensor> params = List.of(w1, b1, w2, b2);

    if (steps == 0) {
      Tensor y = forward(x, w1, b1, w2, b2);
      return new Trained(Functional.mseLoss(y, t), w1, b1, w2, b2);
    }
    Tensor y = null;
    for (int step = 0; step < steps; step++) {
      // forward
      Tensor z1 = Functional.linearForward(x, w1, b1);
      Tensor a1 = Functional.relu(z1);
      Tensor z2 = Functional.linearForward(a1, w2, b2);
      y = Functional.sigmoid(z2);
      // backward: the sigmoid takes its OUTPUT y, relu its INPUT z1
      Tensor dy = Functional.mseLossBackward(y, t);
      Tensor dz2 = Functional.sigmoidBackward(dy, y);
      LinearGradients g2 = Functional.linearBackward(dz2, a1, w2);
      Tensor dz1 = Functional.reluBackward(g2.dx(), z1);
      LinearGradients g1 = Functional.linearBackward(dz1, x, w1);
      // update in place
      Functional.sgdStep(params, List.of(g1.dw(), g1.db(), g2.dw(), g2.db()), lr);
    }
    return new Trained(Functional.mseLoss(y, t), w1, b1, w2, b2);
  }

  /**
   * Returns the exercise's network as a DSL model: Linear(2, hidden) → ReLU → Linear(hidden, 1) →
   * Sigmoid, weights {@code normal(0.5)}, biases zero. Compiled with a seed and trained with MSE and
   * {@code sgd(lr)}, it reproduces {@link #trainXor(long, int, double, int)} bit for bit.
   *
   * <pre>{@code
   * Network net = Xor.model(4).compile(0);
   * double loss = Trainer.of(Losses.mse(), Optimizers.sgd(0.5))
   *     .fit(net, Xor.inputs(), Xor.targets(), 5000).finalLoss();   // == Xor.trainXor(0)
   * }</pre>
   *
   * @param hidden the hidden width, at least 1
   * @return the model
   * @throws IllegalArgumentException if hidden is less than 1
   * @since 0.1.0
   */
  public static Sequential model(int hidden) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be at least 1, but was " + hidden);
    }
    return Sequential.of(
        linear(2, hidden).withWeightInit(Init.normal(0.5)),
        relu(),
        linear(hidden, 1).withWeightInit(Init.normal(0.5)),
        sigmoid());
  }

  private static Tensor forward(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
    Tensor a1 = Functional.relu(Functional.linearForward(x, w1, b1));
    return Functional.sigmoid(Functional.linearForward(a1, w2, b2));
  }

  private static Tensor scaled(Tensor t, double factor) {
    double[] v = t.toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return Tensor.fromArray(v, t.shape());
  }

  /**
   * A network trained by {@link #train}: the loss of its last forward pass and its weights.
   *
   * @param loss the loss of the last forward pass
   * @param w1 the first layer's weights, (2, hidden)
   * @param b1 the first layer's bias, (hidden,)
   * @param w2 the second layer's weights, (hidden, 1)
   * @param b2 the second layer's bias, (1,)
   * @since 0.1.0
   */
  public record Trained(double loss, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {

    /**
     * Creates the record; {@link #train} is the usual way.
     *
     * @param loss the loss of the last forward pass
     * @param w1 the first layer's weights, (2, hidden)
     * @param b1 the first layer's bias, (hidden,)
     * @param w2 the second layer's weights, (hidden, 1)
     * @param b2 the second layer's bias, (1,)
     * @throws IllegalArgumentException if a tensor is null
     * @since 0.1.0
     */
    public Trained {
      String[] names = {"w1", "b1", "w2", "b2"};
      Tensor[] tensors = {w1, b1, w2, b2};
      for (int i = 0; i < tensors.length; i++) {
        if (tensors[i] == null) {
          throw new IllegalArgumentException(names[i] + " is null");
        }
      }
    }

    /**
     * Runs the trained network forward.
     *
     * @param x inputs, shape (batch, 2)
     * @return the sigmoid outputs, shape (batch, 1)
     * @throws IllegalArgumentException if x is null or not of shape (batch, 2)
     * @since 0.1.0
     */
    public Tensor predict(Tensor x) {
      if (x == null) {
        throw new IllegalArgumentException("x is null");
      }
      if (x.rank() != 2 || x.dim(1) != 2) {
        throw new IllegalArgumentException(
            "x must have shape (batch, 2), but has shape "
                + (x.rank() == 1 ? "(" + x.dim(0) + ",)" : "(" + x.dim(0) + ", " + x.dim(1) + ")"));
      }
      return forward(x, w1, b1, w2, b2);
    }
  }
}

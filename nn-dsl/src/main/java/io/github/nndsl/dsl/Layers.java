package io.github.nndsl.dsl;

import io.github.nndsl.core.Functional;
import io.github.nndsl.core.Tensor;

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

  /**
   * Creates a standardization fitted to {@code x}: {@code (x - mean) / std} with x's column means
   * and population standard deviations, printed as {@code Standardize(columns)}. A model that
   * starts with it takes raw features, and the constants are saved with it.
   *
   * <p>The constants are NumPy's {@code x.mean(0)} and {@code x.std(0)} (ddof 0), bit for bit
   * ({@link Functional#columnMean}, {@link Functional#columnStd}): each column summed in row order
   * from 0.0 (pairwise when x has one column, as NumPy does), divided by the row count. A column
   * whose values are all equal, or whose std computes to 0 (the squares underflow), gets std 1, as
   * scikit-learn's {@code StandardScaler} does, so it becomes {@code x - mean} instead of NaN.
   *
   * <pre>{@code
   * Dataset train = Dataset.readCsv(Path.of("digits.csv"), Target.classes("digit"));
   * Sequential model = Sequential.of(
   *     standardize(train.features()), linear(64, 64), relu(), linear(64, 10));
   * }</pre>
   *
   * @param x the training features, shape (rows, columns), at least one row, finite; x is read,
   *     not kept
   * @return the descriptor, holding copies of the constants
   * @throws IllegalArgumentException if x is null, not a matrix, has no rows or holds NaN or an
   *     infinity (the message names the element)
   * @since 0.1.0
   */
  public static Standardize standardize(Tensor x) {
    Checks.notNull(x, "x");
    double[] mean = Functional.columnMean(x).toArray(); // checks the rank and the rows
    int rows = x.dim(0);
    int cols = x.dim(1);
    double[] values = x.toArray();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "x must be finite, but x[" + i / cols + ", " + i % cols + "] is " + values[i]);
      }
    }
    double[] std = Functional.columnStd(x).toArray();
    for (int c = 0; c < cols; c++) {
      boolean constant = true;
      for (int r = 1; r < rows && constant; r++) {
        constant = values[r * cols + c] == values[c];
      }
      if (constant || std[c] == 0.0) {
        std[c] = 1.0;
      }
    }
    return new Standardize(mean, std);
  }

  /**
   * Creates a standardization with known constants, {@code (x - mean) / std} per column, printed
   * as {@code Standardize(mean.length)}.
   *
   * <pre>{@code
   * Sequential model = Sequential.of(
   *     standardize(new double[] {5.84, 3.06}, new double[] {0.83, 0.43}), linear(2, 3), softmax());
   * }</pre>
   *
   * @param mean the value subtracted from each column, finite; at least one (copied)
   * @param std the divisor of each column, finite and positive; as many as means (copied)
   * @return the descriptor
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a mean is
   *     not finite or a std is not finite and positive (a constant column's std is 1, not 0)
   * @since 0.1.0
   */
  public static Standardize standardize(double[] mean, double[] std) {
    return new Standardize(mean, std);
  }

  /**
   * Creates inverted dropout with probability {@code rate}, printed as {@code Dropout(rate)}:
   * active only while a {@code Trainer} trains ({@code fit}, {@code fitEpochs}, {@code step}),
   * where each element is zeroed with probability {@code rate} and the others are scaled by {@code
   * 1 / (1 - rate)} (PyTorch's {@code torch.nn.Dropout}); {@code Network.predict}, {@code freeze()}
   * and every file pass the input through.
   *
   * <p>The masks are seeded, so a training run repeats bit for bit: the mask of a step is a
   * function of the trainer's shuffle seed ({@code withShuffleSeed}, default 0), the number of
   * updates the network's training state has taken, the layer's index and the element's position
   * in the batch, and nothing else; a checkpoint resumes it exactly. {@code dropout(0)} trains bit
   * for bit as the same model without the layer.
   *
   * <pre>{@code
   * Sequential model = Sequential.of(linear(64, 64), relu(), dropout(0.2), linear(64, 10));
   * }</pre>
   *
   * @param rate the probability of dropping an element, in [0, 1)
   * @return the descriptor
   * @throws IllegalArgumentException if {@code rate} is outside [0, 1) or NaN
   * @since 0.1.0
   */
  public static Dropout dropout(double rate) {
    return new Dropout(rate);
  }
}

package io.github.nndsl.samples;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.train.EpochListener;
import io.github.nndsl.core.train.Trainer;
import java.util.Arrays;

/**
 * Stand-ins, by hand, for two library features that are being added on other branches: feature
 * standardisation ({@code Layers.standardize(x)}) and validation with early stopping
 * ({@code Trainer.withValidation(x, y).withEarlyStopping(patience)}). The real-data samples use
 * them until those land; each use is marked where the library call replaces it, and this class
 * then goes.
 *
 * <pre>{@code
 * Stopgap.Scaling scaling = Stopgap.Scaling.of(train.features());
 * Stopgap.EarlyStopping run = new Stopgap.EarlyStopping(net, loss, scaling.apply(val.features()), val.targets(), 10);
 * run.fit(trainer, scaling.apply(train.features()), train.targets(), 200, (epoch, loss) -> {});
 * }</pre>
 *
 * @since 0.1.0
 */
final class Stopgap {

  private Stopgap() {}

  /**
   * {@code (x - mean) / std} with the column means and population standard deviations of the
   * tensor it was fitted on; a constant column divides by 1 (the definition of
   * {@code Layers.standardize}, and of scikit-learn's {@code StandardScaler}).
   *
   * @param mean the column means
   * @param std the column standard deviations, 1 where a column is constant
   */
  record Scaling(double[] mean, double[] std) {

    /** Fits the scaling to the columns of {@code x}, shape (rows, features). */
    static Scaling of(Tensor x) {
      int rows = x.dim(0);
      int cols = x.dim(1);
      double[] mean = new double[cols];
      double[] std = new double[cols];
      for (int c = 0; c < cols; c++) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
          sum += x.get(r, c);
        }
        mean[c] = sum / rows;
        double squares = 0;
        for (int r = 0; r < rows; r++) {
          double d = x.get(r, c) - mean[c];
          squares += d * d;
        }
        double s = Math.sqrt(squares / rows);
        std[c] = s == 0 ? 1 : s;
      }
      return new Scaling(mean, std);
    }

    /** Returns {@code (x - mean) / std}, column by column, as a new tensor. */
    Tensor apply(Tensor x) {
      if (x.dim(1) != mean.length) {
        throw new IllegalArgumentException(
            "x must have " + mean.length + " columns, but has " + x.dim(1));
      }
      Tensor z = Tensor.zeros(x.dim(0), x.dim(1));
      for (int r = 0; r < x.dim(0); r++) {
        for (int c = 0; c < mean.length; c++) {
          z.set(r, c, (x.get(r, c) - mean[c]) / std[c]);
        }
      }
      return z;
    }
  }

  /**
   * Early stopping by hand: trains one epoch at a time (a network keeps its optimiser state and
   * shuffling between calls, so this is exactly one long {@code fitEpochs}), measures the
   * validation loss after each epoch in the epoch listener, keeps a snapshot of the parameters of
   * the best epoch, stops after {@code patience} epochs without a strictly lower validation loss,
   * and restores the best parameters: the contract of {@code Trainer.withEarlyStopping}.
   */
  static final class EarlyStopping implements EpochListener {

    private final Network network;
    private final Loss loss;
    private final Tensor validationX;
    private final Tensor validationY;
    private final int patience;
    private double[] trainingLosses = new double[0];
    private double[] validationLosses = new double[0];
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private double[] bestParameters = new double[0];

    EarlyStopping(Network network, Loss loss, Tensor validationX, Tensor validationY, int patience) {
      if (patience < 1) {
        throw new IllegalArgumentException("patience must be at least 1, but was " + patience);
      }
      this.network = network;
      this.loss = loss;
      this.validationX = validationX;
      this.validationY = validationY;
      this.patience = patience;
    }

    /**
     * Trains at most {@code epochs} epochs, calling {@code listener} after each, and leaves the
     * network with the parameters of the epoch of lowest validation loss.
     */
    void fit(Trainer trainer, Tensor x, Tensor y, int epochs, EpochListener listener) {
      for (int e = 0; e < epochs && !stopped(); e++) {
        trainer.fitEpochs(network, x, y, 1, (epoch, meanLoss) -> {
          onEpoch(epoch, meanLoss);
          listener.onEpoch(epoch, meanLoss);
        });
      }
      if (bestEpoch >= 0) {
        network.parameters().restore(bestParameters);
      }
    }

    @Override
    public void onEpoch(int epoch, double meanLoss) {
      double v = loss.compute(network.predict(validationX), validationY);
      trainingLosses = append(trainingLosses, meanLoss);
      validationLosses = append(validationLosses, v);
      if (v < best) {
        best = v;
        bestEpoch = validationLosses.length - 1;
        bestParameters = network.parameters().snapshot();
      }
    }

    /** Whether {@code patience} epochs have passed since the best one. */
    boolean stopped() {
      return bestEpoch >= 0 && validationLosses.length - 1 - bestEpoch >= patience;
    }

    /** The mean training loss of each epoch run (becomes {@code TrainingHistory.epochLosses()}). */
    double[] trainingLosses() {
      return trainingLosses.clone();
    }

    /** The validation loss after each epoch run (becomes {@code TrainingHistory.validationLosses()}). */
    double[] validationLosses() {
      return validationLosses.clone();
    }

    /** The 0-based epoch of the lowest validation loss (becomes {@code TrainingHistory.bestEpoch()}). */
    int bestEpoch() {
      return bestEpoch;
    }

    private static double[] append(double[] values, double value) {
      double[] longer = Arrays.copyOf(values, values.length + 1);
      longer[values.length] = value;
      return longer;
    }
  }
}

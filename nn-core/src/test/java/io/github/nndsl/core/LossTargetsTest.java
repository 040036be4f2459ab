package io.github.nndsl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingSnapshot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Targets a loss cannot mean are rejected before anything changes, naming the row. */
class LossTargetsTest {

  private static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}});

  private static Network net(int outputs, boolean sigmoid) {
    Network.Builder b = Network.builder(2).linear(outputs, true);
    Network n = (sigmoid ? b.sigmoid() : b).build();
    NetworkTest.randomize(n, 3);
    return n;
  }

  /** Every entry point rejects y with the same message and leaves the network as it was. */
  private static void assertRejected(Loss loss, Network net, Tensor y, String message) {
    double[] before = net.parameters().snapshot();
    double[] gradients = net.parameters().gradientSnapshot();
    Trainer trainer = Trainer.of(loss, Optimizers.adam(0.1));
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> trainer.fit(net, X, y, 5)).getMessage());
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> trainer.withBatchSize(2).fitEpochs(net, X, y, 5))
            .getMessage());
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> trainer.step(net, X, y)).getMessage());
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> net.computeGradients(X, y, loss)).getMessage());
    assertEquals(message.replaceFirst("^y ", "targets "),
        assertThrows(IllegalArgumentException.class, () -> loss.compute(net.predict(X), y)).getMessage());
    assertEquals(message.replaceFirst("^y ", "targets "),
        assertThrows(IllegalArgumentException.class, () -> loss.gradient(net.predict(X), y)).getMessage());
    assertArrayEquals(before, net.parameters().snapshot(), 0.0);
    assertArrayEquals(gradients, net.parameters().gradientSnapshot(), 0.0);
    assertNull(TrainingSnapshot.take(net));
  }

  @Nested
  class BinaryCrossEntropy {

    @Test
    void rejectsATargetAboveOne() {
      assertRejected(Losses.binaryCrossEntropy(), net(1, true), Tensor.of(new double[][] {{0}, {1}, {2}}),
          "y row 2 has 2.0 in column 0, but binaryCrossEntropy() needs every target in [0, 1]");
    }

    @Test
    void rejectsANegativeTarget() {
      assertRejected(Losses.binaryCrossEntropy(), net(2, true), Tensor.of(new double[][] {{0, 1}, {-0.5, 1}, {1, 1}}),
          "y row 1 has -0.5 in column 0, but binaryCrossEntropy() needs every target in [0, 1]");
    }

    @Test
    void acceptsSoftTargets() {
      assertDoesNotThrow(() -> Trainer.of(Losses.binaryCrossEntropy(), Optimizers.sgd(0.1))
          .fit(net(1, true), X, Tensor.of(new double[][] {{0}, {0.25}, {1}}), 2));
    }
  }

  @Nested
  class CrossEntropy {

    @Test
    void rejectsARowThatDoesNotSumToOne() {
      Tensor y = Tensor.of(new double[][] {{1, 0}, {0.5, 0}, {0, 1}});
      assertRejected(Losses.crossEntropyWithLogits(), net(2, false), y,
          "y row 1 sums to 0.5, but crossEntropyWithLogits() needs every row to be probabilities summing to 1"
              + " (within 1.0E-6); use one-hot rows for class labels");
      assertRejected(Losses.crossEntropy(), net(2, false), y,
          "y row 1 sums to 0.5, but crossEntropy() needs every row to be probabilities summing to 1"
              + " (within 1.0E-6); use one-hot rows for class labels");
    }

    @Test
    void rejectsANegativeEntryEvenWhenTheRowSumsToOne() {
      Tensor y = Tensor.of(new double[][] {{1.5, -0.5}, {1, 0}, {0, 1}});
      assertRejected(Losses.crossEntropyWithLogits(), net(2, false), y,
          "y row 0 has -0.5 in column 1, but crossEntropyWithLogits() needs every row to be probabilities"
              + " (non-negative, summing to 1); use one-hot rows for class labels");
    }

    @Test
    void rejectsClassIndicesInsteadOfOneHotRows() {
      // a common mistake: labels 0, 1, 2 in one column; a width-1 row must be exactly 1
      Network one = Network.builder(2).linear(1, true).build();
      assertRejected(Losses.crossEntropyWithLogits(), one, Tensor.of(new double[][] {{1}, {0}, {2}}),
          "y row 1 sums to 0.0, but crossEntropyWithLogits() needs every row to be probabilities summing to 1"
              + " (within 1.0E-6); use one-hot rows for class labels");
    }

    @Test
    void acceptsSmoothedLabelsAndSumsWithinTheTolerance() {
      Tensor y = Tensor.of(new double[][] {{0.9, 0.1}, {0.3, 0.7 + 9e-7}, {0.1 + 0.2, 0.7}});
      assertDoesNotThrow(() -> Losses.crossEntropyWithLogits().compute(Tensor.zeros(3, 2), y));
      Tensor off = Tensor.of(new double[][] {{0.9, 0.1}, {0.3, 0.7 + 2e-6}, {0.3, 0.7}});
      assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy().compute(Tensor.zeros(3, 2), off));
    }
  }

  @Test
  void mseAcceptsAnyFiniteTarget() {
    assertDoesNotThrow(() -> Trainer.of(Losses.mse(), Optimizers.sgd(0.1))
        .fit(net(1, false), X, Tensor.of(new double[][] {{-5}, {2}, {1e6}}), 2));
  }
}

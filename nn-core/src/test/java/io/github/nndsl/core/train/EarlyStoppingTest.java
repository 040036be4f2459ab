package io.github.nndsl.core.train;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.SchedulesTest.bits;
import static io.github.nndsl.core.train.SchedulesTest.net;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  // one weight w, no bias, from 0; trained on x = 1, y = 1 with sgd(0.1) under MSE, full batch:
  // w <- w - 0.1 * 2 (w - 1), so after epoch k (0-based) w = 1 - 0.8^(k + 1):
  // 0.2, 0.36, 0.488, 0.5904, 0.67232, ...; validated on x = 1, y = 0.5: (w - 0.5)^2 =
  // 0.09, 0.0196, 0.000144, 0.00817216, 0.0296941824, lowest at epoch 2, then rising
  private static final Tensor ONE = Tensor.of(new double[][] {{1}});
  private static final Tensor HALF = Tensor.of(new double[][] {{0.5}});
  private static final Trainer LINE = Trainer.of(Losses.mse(), Optimizers.sgd(0.1));

  private static Network line() {
    return Network.builder(1).linear(1, false).build();
  }

  @Test
  void recordsTheValidationCurveAsWorkedByHand() {
    TrainingHistory h = LINE.withValidation(ONE, HALF).fit(line(), ONE, ONE, 5);
    double[] expected = {0.09, 0.0196, 0.000144, 0.00817216, 0.0296941824};
    double[] actual = h.validationLosses();
    assertEquals(5, actual.length);
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], actual[i], 1e-12, "epoch " + i);
    }
    assertEquals(2, h.bestEpoch());
    assertFalse(h.stoppedEarly());
  }

  @Test
  void stopsAfterPatienceEpochsAndRestoresTheBestEpoch() {
    Network net = line();
    TrainingHistory h = LINE.withValidation(ONE, HALF).withEarlyStopping(2).fit(net, ONE, ONE, 100);
    assertTrue(h.stoppedEarly());
    assertEquals(5, h.steps(), "epochs 3 and 4 bring no improvement: stop after epoch 4");
    assertEquals(5, h.validationLosses().length);
    assertEquals(2, h.bestEpoch());
    Network third = line();
    LINE.fit(third, ONE, ONE, 3); // the parameters right after epoch 2
    assertArrayEquals(bits(third.parameters().snapshot()), bits(net.parameters().snapshot()));
    assertEquals(0.488, net.parameters().get("0.weight").get(0, 0), 1e-15);
  }

  @Test
  void restoresTheBestEpochWhenTheEpochsRunOutToo() {
    Network net = line();
    TrainingHistory h = LINE.withValidation(ONE, HALF).withEarlyStopping(10).fit(net, ONE, ONE, 4);
    assertFalse(h.stoppedEarly());
    Network third = line();
    LINE.fit(third, ONE, ONE, 3);
    assertArrayEquals(bits(third.parameters().snapshot()), bits(net.parameters().snapshot()));
  }

  @Test
  void theFirstOfEqualLossesIsTheBest() {
    // x = 0: the validation loss is (0 - 0.5)^2 whatever w, so no epoch is strictly better
    Tensor zero = Tensor.of(new double[][] {{0}});
    TrainingHistory h = LINE.withValidation(zero, HALF).withEarlyStopping(3).fit(line(), ONE, ONE, 50);
    assertEquals(0, h.bestEpoch());
    assertEquals(4, h.steps());
    assertTrue(h.stoppedEarly());
  }

  @Test
  void miniBatchRunsRestoreTheSnapshotOfTheBestEpochBitForBit() {
    Tensor xv = Tensor.of(new double[][] {{0.1, 0.9}, {0.9, 0.2}, {0.5, 0.5}});
    Tensor yv = Tensor.of(new double[][] {{1}, {1}, {0}});
    List<double[]> snapshots = new ArrayList<>();
    List<Double> seen = new ArrayList<>();
    Network net = net();
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.adam(0.05)).withBatchSize(3).withShuffleSeed(4)
        .withValidation(xv, yv, (epoch, loss, validationLoss) -> {
          seen.add(validationLoss);
          snapshots.add(net.parameters().snapshot());
          // the listener's loss is the network's, measured independently
          assertEquals(Losses.mse().compute(net.predict(xv), yv), validationLoss, 0.0);
        })
        .withEarlyStopping(5);
    TrainingHistory h = trainer.fitEpochs(net, XOR_X, XOR_Y, 300);
    double[] v = h.validationLosses();
    assertEquals(seen.size(), v.length);
    int argmin = 0;
    for (int i = 0; i < v.length; i++) {
      assertEquals(seen.get(i), v[i], 0.0);
      argmin = v[i] < v[argmin] ? i : argmin;
    }
    assertEquals(argmin, h.bestEpoch());
    assertTrue(h.stoppedEarly(), "the validation loss must stop improving within 300 epochs: " + h);
    assertEquals(h.bestEpoch() + 6, v.length, "five epochs without improvement after the best");
    assertArrayEquals(bits(snapshots.get(h.bestEpoch())), bits(net.parameters().snapshot()));
  }

  @Test
  void withoutValidationThereIsNoBestEpoch() {
    TrainingHistory h = LINE.fit(line(), ONE, ONE, 3);
    assertEquals(0, h.validationLosses().length);
    assertEquals(-1, h.bestEpoch());
  }

  @Nested
  class RejectedCallsChangeNothing {

    @Test
    void earlyStoppingWithoutValidation() {
      Network net = line();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> LINE.withEarlyStopping(3).fit(net, ONE, ONE, 10));
      assertEquals("withEarlyStopping(3) needs validation data; call withValidation(x, y) on the trainer too",
          e.getMessage());
      assertUntouched(net);
    }

    @Test
    void validationOfTheWrongWidth() {
      Network net = line();
      Tensor wide = Tensor.of(new double[][] {{1, 2}});
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LINE.withValidation(wide, HALF).fitEpochs(net, ONE, ONE, 10));
      assertEquals("validation x must have 1 columns (the network's inputs), but has shape (1, 2)", e.getMessage());
      Tensor tall = Tensor.of(new double[][] {{1, 2}});
      e = assertThrows(IllegalArgumentException.class, () -> LINE.withValidation(ONE, tall).fit(net, ONE, ONE, 1));
      assertEquals("validation y must have shape (1, 1) (x's rows, the network's outputs), but has shape (1, 2)",
          e.getMessage());
      assertUntouched(net);
    }

    @Test
    void validationTargetsTheLossCannotMean() {
      Network net = Network.builder(1).linear(1, false).sigmoid().build();
      Tensor two = Tensor.of(new double[][] {{0}, {2}});
      Tensor x2 = Tensor.of(new double[][] {{1}, {1}});
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Trainer.of(Losses.binaryCrossEntropy(), Optimizers.sgd(0.1)).withValidation(x2, two)
              .fit(net, ONE, ONE, 1));
      assertEquals("validation y row 1 has 2.0 in column 0, but binaryCrossEntropy() needs every target in [0, 1]",
          e.getMessage());
      assertUntouched(net);
    }

    @Test
    void badValidationData() {
      Tensor two = Tensor.of(new double[][] {{1}, {2}});
      assertEquals("validation x and y must have the same number of rows, at least one, but have shapes (1, 1) and"
              + " (2, 1)",
          assertThrows(IllegalArgumentException.class, () -> LINE.withValidation(ONE, two)).getMessage());
      Tensor nan = Tensor.of(new double[][] {{Double.NaN}});
      assertEquals("validation x must be finite, but validation x[0, 0] is NaN",
          assertThrows(IllegalArgumentException.class, () -> LINE.withValidation(nan, ONE)).getMessage());
      assertEquals("validation y is null",
          assertThrows(IllegalArgumentException.class, () -> LINE.withValidation(ONE, null)).getMessage());
      assertEquals("listener is null",
          assertThrows(IllegalArgumentException.class, () -> LINE.withValidation(ONE, ONE, null)).getMessage());
      assertEquals("patience must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> LINE.withEarlyStopping(0)).getMessage());
    }

    private void assertUntouched(Network net) {
      assertArrayEquals(bits(line().parameters().snapshot()), bits(net.parameters().snapshot()));
      assertNull(TrainingSnapshot.take(net), "no training state either");
    }
  }
}

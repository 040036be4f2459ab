package io.github.nndsl.core.train;

import io.github.nndsl.core.FunctionalTest;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;

import static io.github.nndsl.core.NetworkTest.randomize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Training with dropout: the masks come from the trainer's shuffle seed and the update count, so
 * runs repeat bit for bit and a restored snapshot resumes exactly.
 */
class DropoutTrainingTest {

  private static final Tensor X = FunctionalTest.filled(100, 24, 3);
  private static final Tensor Y = FunctionalTest.filled(101, 24, 2);

  private static Network net() {
    Network n = Network.builder(3).linear(16, true).relu().dropout(0.4).linear(2, true).build();
    randomize(n, 102);
    return n;
  }

  private static Network withoutDropout() {
    Network n = Network.builder(3).linear(16, true).relu().linear(2, true).build();
    randomize(n, 102);
    return n;
  }

  private static final Trainer MINI = Trainer.of(Losses.mse(), Optimizers.adam(0.01)).withBatchSize(5).withShuffleSeed(3);
  private static final Trainer FULL = Trainer.of(Losses.mse(), Optimizers.sgd(0.1));

  @Test
  void aRunRepeatsBitForBit() {
    Network a = net();
    Network b = net();
    double[] la = MINI.fitEpochs(a, X, Y, 6).losses();
    double[] lb = MINI.fitEpochs(b, X, Y, 6).losses();
    assertArrayEquals(la, lb, 0.0);
    assertArrayEquals(a.parameters().snapshot(), b.parameters().snapshot(), 0.0);
  }

  @Test
  void theShuffleSeedKeysTheMasksEvenOnTheFullBatch() {
    Network a = net();
    Network b = net();
    FULL.fit(a, X, Y, 5);
    FULL.withShuffleSeed(1).fit(b, X, Y, 5);
    assertFalse(Arrays.equals(a.parameters().snapshot(), b.parameters().snapshot()));
  }

  @Test
  void dropoutTrainsDifferentlyThanNoDropoutAndStepsDrawFreshMasks() {
    Network a = net();
    Network plain = withoutDropout();
    FULL.fit(a, X, Y, 3);
    FULL.fit(plain, X, Y, 3);
    assertFalse(Arrays.equals(a.parameters().snapshot(), plain.parameters().snapshot()));
    // Trainer.step counts updates as fit does: 3 steps equal fit(3)
    Network stepped = net();
    for (int i = 0; i < 3; i++) {
      FULL.step(stepped, X, Y);
    }
    assertArrayEquals(a.parameters().snapshot(), stepped.parameters().snapshot(), 0.0);
    assertEquals(3, TrainingSnapshot.take(stepped).steps());
  }

  @Test
  void aRestoredSnapshotResumesTheMasksExactly() {
    Network straight = net();
    MINI.fit(straight, X, Y, 17);

    Network first = net();
    MINI.fit(first, X, Y, 9);
    TrainingSnapshot s = TrainingSnapshot.take(first);
    assertNotNull(s);
    assertEquals(9, s.steps());
    Network resumed = net();
    resumed.parameters().restore(first.parameters().snapshot());
    TrainingSnapshot.of(s.optimizer(), s.optimizerState(), s.shuffleSeed(), s.shufflerState(), s.order(), s.cursor(),
        s.epoch(), s.steps()).restore(resumed);
    MINI.fit(resumed, X, Y, 8);
    assertArrayEquals(straight.parameters().snapshot(), resumed.parameters().snapshot(), 0.0);
  }

  @Test
  void aSnapshotWithoutTheStepCountRestartsTheMasks() {
    Network first = net();
    MINI.fit(first, X, Y, 9);
    TrainingSnapshot s = TrainingSnapshot.take(first);
    TrainingSnapshot zero = TrainingSnapshot.of(s.optimizer(), s.optimizerState(), s.shuffleSeed(), s.shufflerState(),
        s.order(), s.cursor(), s.epoch());
    assertEquals(0, zero.steps());
    assertFalse(zero.equals(s), "the step count is part of the state");
  }
}

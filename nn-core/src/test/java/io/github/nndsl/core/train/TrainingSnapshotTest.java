package io.github.nndsl.core.train;

import io.github.nndsl.core.FunctionalTest;

import io.github.nndsl.core.internal.OptimizerState;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.random.NumPyRandom;

import static io.github.nndsl.core.NetworkTest.randomize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingSnapshotTest {

  private static final Tensor X = FunctionalTest.filled(60, 10, 2);
  // in [0, 1], as binaryCrossEntropy needs
  private static final Tensor Y = Tensor.fromArray(
      Arrays.stream(FunctionalTest.filled(61, 10, 1).toArray()).map(v -> (v + 2) / 4).toArray(), 10, 1);

  static Network net() {
    Network n = Network.builder(2).linear(4, true).tanh().linear(1, true).sigmoid().build();
    randomize(n, 62);
    return n;
  }

  static Stream<Trainer> trainers() {
    return Stream.of(
        Trainer.of(Losses.mse(), Optimizers.adam(0.05)).withBatchSize(3).withShuffleSeed(9),
        Trainer.of(Losses.binaryCrossEntropy(), Optimizers.nesterov(0.1, 0.9)).withBatchSize(4),
        Trainer.of(Losses.mse(), Optimizers.sgd(0.3, 0.5)),
        Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).withBatchSize(10).withShuffleSeed(1));
  }

  static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Nested
  class Resuming {

    @ParameterizedTest
    @MethodSource("io.github.nndsl.core.train.TrainingSnapshotTest#trainers")
    void endsBitIdenticalToTrainingThatNeverStopped(Trainer trainer) {
      Network straight = net();
      double[] straightLosses = trainer.fit(straight, X, Y, 23).losses();

      Network first = net();
      double[] before = trainer.fit(first, X, Y, 8).losses(); // stops mid-epoch with batch 3 or 4
      Network resumed = net();
      resumed.parameters().restore(first.parameters().snapshot());
      TrainingSnapshot.take(first).restore(resumed);
      double[] after = trainer.fit(resumed, X, Y, 15).losses();

      assertArrayEquals(bits(straight.parameters().snapshot()), bits(resumed.parameters().snapshot()));
      double[] joined = Arrays.copyOf(before, 23);
      System.arraycopy(after, 0, joined, 8, 15);
      assertArrayEquals(bits(straightLosses), bits(joined));
    }

    @Test
    void withoutTheSnapshotAdamWouldDiffer() {
      Trainer trainer = trainers().findFirst().orElseThrow();
      Network straight = net();
      trainer.fit(straight, X, Y, 23);
      Network first = net();
      trainer.fit(first, X, Y, 8);
      Network fresh = net();
      fresh.parameters().restore(first.parameters().snapshot());
      trainer.fit(fresh, X, Y, 15);

      assertTrue(!Arrays.equals(straight.parameters().snapshot(), fresh.parameters().snapshot()),
          "the test would prove nothing if the state did not matter");
    }

    @Test
    void aSnapshotIsACopy() {
      Trainer trainer = trainers().findFirst().orElseThrow();
      Network n = net();
      trainer.fit(n, X, Y, 5);
      TrainingSnapshot s = TrainingSnapshot.take(n);
      trainer.fit(n, X, Y, 5);

      assertNotNull(s);
      assertEquals(s, TrainingSnapshot.of(s.optimizer(), s.optimizerState(), s.shuffleSeed(), s.shufflerState(),
          s.order(), s.cursor(), s.epoch(), s.steps()));
      assertTrue(!s.equals(TrainingSnapshot.take(n)));
    }

    @Test
    void anUntrainedNetworkHasNoSnapshot() {
      Network n = net();
      assertNull(TrainingSnapshot.take(n));
      Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).fit(n, X, Y, 1);
      assertNotNull(TrainingSnapshot.take(n));
      TrainingSnapshot.forget(n);
      assertNull(TrainingSnapshot.take(n));
    }
  }

  @Nested
  class Validation {

    private final long[] rng = NumPyRandom.defaultRng(0).state();

    @Test
    void rejectsAnOptimizerStateOfAnotherNetwork() {
      Network n = net();
      Trainer.of(Losses.mse(), Optimizers.adam(0.01)).fit(n, X, Y, 2);
      TrainingSnapshot s = TrainingSnapshot.take(n);
      Network bigger = Network.builder(2).linear(5, true).linear(1, true).build();

      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> s.restore(bigger));
      assertEquals("optimizerState must have 45 values for adam(0.01, 0.9, 0.999, 1.0E-8) on 21 parameters,"
          + " but has 37", e.getMessage());
      assertNull(TrainingSnapshot.take(bigger), "a rejected call changes nothing");
    }

    @Test
    void rejectsAnOrderThatIsNotAPermutation() {
      assertEquals("order must be a permutation of 0..2, but order[2] is 0, seen before",
          assertThrows(IllegalArgumentException.class,
              () -> TrainingSnapshot.of(Optimizers.sgd(1), new double[0], 0, rng, new int[] {0, 1, 0}, 0, 0))
              .getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> TrainingSnapshot.of(Optimizers.sgd(1), new double[0], 0, rng, new int[] {0, 3}, 0, 0));
    }

    @Test
    void rejectsInconsistentParts() {
      Optimizer o = Optimizers.sgd(1);
      double[] none = new double[0];
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(null, none, -1, new long[0], new int[0], 0, 0));
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(o, none, 3, new long[0], new int[0], 0, 0));
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(o, none, -1, rng, new int[0], 0, 0));
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(o, none, -2, new long[0], new int[0], 0, 0));
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(o, none, 0, new long[4], new int[0], 0, 0));
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(o, none, -1, new long[0], new int[0], 1, 0));
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(o, none, -1, new long[0], new int[0], 0, -1));
      long[] evenIncrement = rng.clone();
      evenIncrement[3] &= ~1L;
      assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.of(o, none, 0, evenIncrement, new int[0], 0, 0));
    }

    @Test
    void rejectsNullOnRestore() {
      Network n = net();
      Trainer.of(Losses.mse(), Optimizers.adam(0.01)).fit(n, X, Y, 2);
      TrainingSnapshot s = TrainingSnapshot.take(n);
      assertEquals("network is null",
          assertThrows(IllegalArgumentException.class, () -> s.restore(null)).getMessage());
      assertEquals("network is null",
          assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.take(null)).getMessage());
      assertEquals("network is null",
          assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.forget(null)).getMessage());
    }
  }

  @Nested
  class ParsingOptimizers {

    @Test
    void parsesWhatEveryOptimizerPrints() {
      for (Optimizer o : new Optimizer[] {Optimizers.sgd(0.5), Optimizers.sgd(0.1, 0.9), Optimizers.sgd(1e-9, -0.0),
          Optimizers.nesterov(0.3, 0.99), Optimizers.adam(1e-3), Optimizers.adam(0.0123456789, 0.5, 0.25, 1e-300)}) {
        assertEquals(o, Optimizers.parse(o.toString()), o.toString());
      }
    }

    @Test
    void rejectsMalformedDescriptions() {
      for (String bad : new String[] {"", "sgd", "sgd()", "sgd(x)", "sgd(0.5", "adam(1, 2)", "momentum(0.1, 0.9)",
          "sgd(NaN)", "sgd(-1.0)", "sgd(1e5)", "sgd(0.5,0.9)", "adam(0.1, 0.9, 1.0, 1.0E-8)", "sgd(" + "9".repeat(500) + ")"}) {
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse(bad), bad);
      }
    }
  }
}

package io.github.nndsl.core.train;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.NetworkTest.randomize;
import static io.github.nndsl.core.NetworkTest.xorNetwork;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Golden;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schedules against PyTorch 1.13's own schedulers (golden/training.txt, gen_training.py). */
class SchedulesTest {

  private static final Golden TORCH = Golden.load("/golden/training.txt");

  static Schedule schedule(String golden) {
    switch (golden) {
      case "schedule.step":
        return Schedules.step(3, 0.1);
      case "schedule.step.half":
        return Schedules.step(1, 0.5);
      case "schedule.exponential":
        return Schedules.exponential(0.9);
      case "schedule.cosine":
        return Schedules.cosine(7);
      case "schedule.cosine.min":
        return Schedules.cosine(5, 0.001);
      default:
        throw new AssertionError(golden);
    }
  }

  @ParameterizedTest
  @CsvSource({"schedule.step, 0.1", "schedule.step.half, 0.3", "schedule.exponential, 0.05",
      "schedule.cosine, 0.1", "schedule.cosine.min, 0.01"})
  void ratesArePyTorchsBitForBit(String golden, double base) {
    double[] expected = TORCH.tensor(golden).toArray();
    Schedule s = schedule(golden);
    for (int epoch = 0; epoch < expected.length; epoch++) {
      assertEquals(expected[epoch], s.rate(base, epoch), 0.0, golden + " epoch " + epoch);
    }
  }

  @Test
  void cosineRisesAgainAfterItsPeriodAsPyTorchsDoes() {
    double[] expected = TORCH.tensor("schedule.cosine").toArray(); // T_max 7, 30 epochs
    assertEquals(0.0, expected[7], 1e-17);
    assertEquals(0.1, expected[14], 1e-15);
  }

  /** The rate sgd ends up applying, epoch by epoch: plain SGD, one full-batch step per epoch. */
  @Test
  void fusedSgdFollowsTheSchedule() {
    Schedule s = Schedules.step(2, 0.5);
    Network scheduled = net();
    Trainer.of(Losses.mse(), Optimizers.sgd(0.4)).withSchedule(s).fit(scheduled, XOR_X, XOR_Y, 7);
    Network byHand = net();
    for (int epoch = 0; epoch < 7; epoch++) {
      Trainer.of(Losses.mse(), Optimizers.sgd(s.rate(0.4, epoch))).fit(byHand, XOR_X, XOR_Y, 1);
    }
    assertArrayEquals(bits(byHand.parameters().snapshot()), bits(scheduled.parameters().snapshot()));
  }

  @Test
  void miniBatchEpochsChangeTheRateBetweenEpochsOnly() {
    Schedule s = Schedules.exponential(0.5);
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.4)).withBatchSize(2).withShuffleSeed(3);
    Network scheduled = net();
    trainer.withSchedule(s).fitEpochs(scheduled, XOR_X, XOR_Y, 3);
    Network plain = net();
    trainer.fitEpochs(plain, XOR_X, XOR_Y, 3);
    assertNotEquals(Arrays.toString(plain.parameters().snapshot()), Arrays.toString(scheduled.parameters().snapshot()));
    // the same shuffles, epoch by epoch, each at its own rate: a new optimiser starts fresh
    // training state, so carry the shuffler over by hand (plain SGD has no other state)
    Network byHand = net();
    for (int epoch = 0; epoch < 3; epoch++) {
      Optimizer sgd = Optimizers.sgd(0.4 * Math.pow(0.5, epoch));
      TrainingSnapshot s0 = TrainingSnapshot.take(byHand);
      if (s0 != null) {
        TrainingSnapshot.of(sgd, new double[0], s0.shuffleSeed(), s0.shufflerState(), s0.order(), s0.cursor(),
            s0.epoch()).restore(byHand);
      }
      Trainer.of(Losses.mse(), sgd).withBatchSize(2).withShuffleSeed(3).fitEpochs(byHand, XOR_X, XOR_Y, 1);
    }
    assertArrayEquals(bits(byHand.parameters().snapshot()), bits(scheduled.parameters().snapshot()));
  }

  @Test
  void aContinuedFitStaysOnTheSchedule() {
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.adamW(0.05, 0.01)).withSchedule(Schedules.cosine(10))
        .withBatchSize(3).withShuffleSeed(1);
    Network once = net();
    trainer.fitEpochs(once, XOR_X, XOR_Y, 12);
    Network twice = net();
    trainer.fitEpochs(twice, XOR_X, XOR_Y, 5);
    trainer.fitEpochs(twice, XOR_X, XOR_Y, 7);
    assertArrayEquals(bits(once.parameters().snapshot()), bits(twice.parameters().snapshot()));
  }

  @Test
  void aTrainerWithoutAScheduleGoesBackToTheOptimisersRate() {
    Trainer plain = Trainer.of(Losses.mse(), Optimizers.sgd(0.4));
    Network after = net();
    plain.withSchedule(Schedules.step(1, 0.0)).fit(after, XOR_X, XOR_Y, 3); // rate 0 from epoch 1
    double[] frozen = after.parameters().snapshot();
    plain.fit(after, XOR_X, XOR_Y, 1);
    assertNotEquals(Arrays.toString(frozen), Arrays.toString(after.parameters().snapshot()));
  }

  @Nested
  class AsValues {

    @Test
    void printAndCompare() {
      assertEquals("step(30, 0.1)", Schedules.step(30, 0.1).toString());
      assertEquals("exponential(0.95)", Schedules.exponential(0.95).toString());
      assertEquals("cosine(200)", Schedules.cosine(200).toString());
      assertEquals("cosine(50, 1.0E-5)", Schedules.cosine(50, 1e-5).toString());
      assertEquals(Schedules.step(3, 0.5), Schedules.step(3, 0.5));
      assertEquals(Schedules.cosine(7), Schedules.cosine(7, 0.0));
      assertNotEquals(Schedules.step(3, 0.5), Schedules.step(4, 0.5));
      assertNotEquals(Schedules.cosine(7), Schedules.step(7, 0.5));
    }

    @Test
    void rejectBadSettings() {
      assertEquals("stepSize must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> Schedules.step(0, 0.5)).getMessage());
      assertEquals("gamma must be finite and non-negative, but was -0.5",
          assertThrows(IllegalArgumentException.class, () -> Schedules.exponential(-0.5)).getMessage());
      assertEquals("period must be positive, but was -1",
          assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(-1)).getMessage());
      assertEquals("minRate must be finite and non-negative, but was NaN",
          assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(3, Double.NaN)).getMessage());
      assertEquals("epoch must be non-negative, but was -1",
          assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(3).rate(0.1, -1)).getMessage());
      assertEquals("schedule is null", assertThrows(IllegalArgumentException.class,
          () -> Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).withSchedule(null)).getMessage());
    }
  }

  static Network net() {
    Network n = xorNetwork(4);
    randomize(n, 21);
    return n;
  }

  static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}

package io.github.nndsl.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.NetworkTest;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.random.NumPyRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A standardization at the head of a network is applied to the whole training input once, not at
 * every step: training must give exactly the bits of the same network without that layer trained
 * on inputs standardised by hand, {@code (x - mean) / std} per column as NumPy computes it.
 */
class StandardizedHeadTest {

  private static final double[] MEAN = {0.5, -3.0, 100.0, 0.0, 7.25};
  private static final double[] STD = {2.0, 0.1, 30.0, 1.0, 3.0};

  private static Tensor byHand(Tensor x) {
    Tensor s = Tensor.zeros(x.dim(0), x.dim(1));
    for (int r = 0; r < x.dim(0); r++) {
      for (int c = 0; c < x.dim(1); c++) {
        s.set(r, c, (x.get(r, c) - MEAN[c]) / STD[c]);
      }
    }
    return s;
  }

  private static Tensor raw(long seed, int rows) {
    Tensor z = NumPyRandom.defaultRng(seed).standardNormal(rows, 5);
    Tensor x = Tensor.zeros(rows, 5);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 5; c++) {
        x.set(r, c, MEAN[c] + STD[c] * 1.3 * z.get(r, c));
      }
    }
    return x;
  }

  /** Trains both networks from the same weights with the same settings and compares everything. */
  private static void assertSameBits(UnaryOperator<Trainer> settings) {
    Network headed = Network.builder(5).standardize(MEAN, STD).linear(8, true).relu().linear(3, true).build();
    Network plain = Network.builder(5).linear(8, true).relu().linear(3, true).build();
    NetworkTest.randomize(headed, 21);
    plain.parameters().restore(headed.parameters().snapshot());
    Tensor x = raw(1, 13);
    Tensor y = NumPyRandom.defaultRng(2).standardNormal(13, 3);
    Tensor vx = raw(3, 6);
    Tensor vy = NumPyRandom.defaultRng(4).standardNormal(6, 3);
    Trainer base = Trainer.of(Losses.mse(), Optimizers.adam(1e-2)).withShuffleSeed(5);
    TrainingHistory a = settings.apply(base.withValidation(vx, vy)).fitEpochs(headed, x, y, 4);
    TrainingHistory b = settings.apply(base.withValidation(byHand(vx), vy)).fitEpochs(plain, byHand(x), y, 4);
    assertArrayEquals(plain.parameters().snapshot(), headed.parameters().snapshot());
    assertArrayEquals(b.losses(), a.losses());
    assertArrayEquals(b.validationLosses(), a.validationLosses());
    assertEquals(plain.predict(byHand(vx)), headed.predict(vx));
  }

  @Test
  void earlyStoppingsLastCheckSeesTheLayersAfterTheHead() {
    // every first-layer weight +1 and inputs around 100: standardised once the ReLU units see
    // inputs of both signs, standardised twice about -500; the diagnostics of the check after
    // early stopping must be those of the same network fed standardised inputs
    double[] mean = {100, 100, 100, 100, 100};
    double[] one = {1, 1, 1, 1, 1};
    Network headed = Network.builder(5).standardize(mean, one).linear(8, true).relu().linear(3, true).build();
    Network plain = Network.builder(5).linear(8, true).relu().linear(3, true).build();
    NetworkTest.randomize(headed, 22);
    double[] values = headed.parameters().snapshot();
    java.util.Arrays.fill(values, 0, 5 * 8, 1.0);
    headed.parameters().restore(values);
    plain.parameters().restore(values);
    Tensor z = NumPyRandom.defaultRng(7).standardNormal(16, 5);
    Tensor x = Tensor.zeros(16, 5);
    Tensor s = Tensor.zeros(16, 5); // (x - 100) / 1, by hand
    for (int r = 0; r < 16; r++) {
      for (int c = 0; c < 5; c++) {
        x.set(r, c, 100 + z.get(r, c));
        s.set(r, c, (x.get(r, c) - 100) / 1);
      }
    }
    Tensor y = NumPyRandom.defaultRng(8).standardNormal(16, 3);
    Tensor vy = NumPyRandom.defaultRng(9).standardNormal(16, 3);
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).withBatchSize(4).withEarlyStopping(1)
        .withDiagnostics(Diagnostics.atEnd());
    TrainingHistory a = trainer.withValidation(x, vy).fitEpochs(headed, x, y, 50);
    TrainingHistory b = trainer.withValidation(s, vy).fitEpochs(plain, s, y, 50);
    org.junit.jupiter.api.Assertions.assertTrue(a.stoppedEarly(), "the run must end by early stopping");
    // the same findings at the same step with the same value (the messages number the layers)
    assertEquals(summary(b), summary(a));
    assertArrayEquals(plain.parameters().snapshot(), headed.parameters().snapshot());
  }

  private static java.util.List<String> summary(TrainingHistory h) {
    return h.diagnostics().stream().map(d -> d.kind() + " " + d.step() + " " + d.value()).toList();
  }

  @Test
  void miniBatchesGiveTheBitsOfStandardisingByHand() {
    assertSameBits(t -> t.withBatchSize(4));
  }

  @Test
  void theFullBatchGivesTheBitsOfStandardisingByHand() {
    assertSameBits(Trainer::withFullBatch);
  }

  @Test
  void withDiagnosticsTheLayerRunsAtEveryStepWithTheSameBits() {
    assertSameBits(t -> t.withBatchSize(4).withDiagnostics(Diagnostics.atEnd()));
  }
}

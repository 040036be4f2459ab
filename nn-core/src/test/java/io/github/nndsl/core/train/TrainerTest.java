package io.github.nndsl.core.train;

import io.github.nndsl.core.FunctionalTest;

import io.github.nndsl.core.Functional;
import io.github.nndsl.core.LinearGradients;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.random.NumPyRandom;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.NetworkTest.randomize;
import static io.github.nndsl.core.NetworkTest.xorNetwork;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

public class TrainerTest {

  private static final Trainer SGD = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));

  /** The exercise's loop written with Functional: the oracle for the compiled path. */
  static double functionalXor(long seed, int hidden, double lr, int steps) {
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    Tensor w1 = scaled(rng.standardNormal(2, hidden));
    Tensor b1 = Tensor.zeros(hidden);
    Tensor w2 = scaled(rng.standardNormal(hidden, 1));
    Tensor b2 = Tensor.zeros(1);
    double loss = Double.NaN;
    for (int s = 0; s < steps; s++) {
      Tensor z1 = Functional.linearForward(XOR_X, w1, b1);
      Tensor a1 = Functional.relu(z1);
      Tensor y = Functional.sigmoid(Functional.linearForward(a1, w2, b2));
      loss = Functional.mseLoss(y, XOR_Y);
      Tensor dz2 = Functional.sigmoidBackward(Functional.mseLossBackward(y, XOR_Y), y);
      LinearGradients g2 = Functional.linearBackward(dz2, a1, w2);
      LinearGradients g1 = Functional.linearBackward(Functional.reluBackward(g2.dx(), z1), XOR_X, w1);
      Functional.sgdStep(List.of(w1, b1, w2, b2), List.of(g1.dw(), g1.db(), g2.dw(), g2.db()), lr);
    }
    return loss;
  }

  private static Tensor scaled(Tensor t) {
    for (int i = 0; i < t.size(); i++) {
      t.set(i, t.get(i) * 0.5);
    }
    return t;
  }

  /** A network initialised exactly as the exercise does (W1, then W2, normal * 0.5, zero biases). */
  public static Network exerciseNetwork(long seed, int hidden) {
    Network net = xorNetwork(hidden);
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    for (String name : List.of("0.weight", "2.weight")) {
      Tensor w = net.parameters().get(name);
      for (int i = 0; i < w.size(); i++) {
        w.set(i, rng.standardNormal() * 0.5);
      }
    }
    return net;
  }

  @Test
  void compiledTrainingEqualsTheFunctionalLoopBitForBit() {
    for (long seed : new long[] {0, 1, 2, 7, 13, 99}) {
      for (int hidden : new int[] {1, 4, 8}) {
        double expected = functionalXor(seed, hidden, 0.5, 400);
        double actual = SGD.fit(exerciseNetwork(seed, hidden), XOR_X, XOR_Y, 400).finalLoss();
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
            "seed " + seed + ", hidden " + hidden);
      }
    }
  }

  @Test
  void zeroStepsReportsTheUntrainedLossAndChangesNothing() {
    Network net = exerciseNetwork(0, 4);
    double[] before = net.parameters().snapshot();
    TrainingHistory h = SGD.fit(net, XOR_X, XOR_Y, 0);
    assertEquals(Losses.mse().compute(net.predict(XOR_X), XOR_Y), h.finalLoss());
    assertEquals(0, h.steps());
    assertArrayEquals(before, net.parameters().snapshot());
  }

  @Test
  void historyHoldsTheLossCurveAndListenersSeeEveryStep() {
    List<Double> seen = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    TrainingHistory h = SGD.fit(exerciseNetwork(0, 4), XOR_X, XOR_Y, 50, (step, loss) -> {
      steps.add(step);
      seen.add(loss);
    });
    assertEquals(50, h.steps());
    assertEquals(50, seen.size());
    assertEquals(1, steps.get(0));
    assertEquals(50, steps.get(49));
    for (int i = 0; i < 50; i++) {
      assertEquals(seen.get(i), h.lossAt(i + 1));
      assertEquals(seen.get(i), h.losses()[i]);
    }
    assertEquals(h.lossAt(50), h.finalLoss());
    assertTrue(h.lossAt(50) < h.lossAt(1));
  }

  @Test
  void continuingTrainingEqualsTrainingInOneGo() {
    for (Optimizer optimizer : List.of(Optimizers.sgd(0.5), Optimizers.adam(0.05), Optimizers.nesterov(0.1, 0.9))) {
      Trainer trainer = Trainer.of(Losses.mse(), optimizer);
      Network once = exerciseNetwork(3, 4);
      Network twice = exerciseNetwork(3, 4);
      double expected = trainer.fit(once, XOR_X, XOR_Y, 300).finalLoss();
      trainer.fit(twice, XOR_X, XOR_Y, 120);
      assertEquals(expected, trainer.fit(twice, XOR_X, XOR_Y, 180).finalLoss(), 0.0, optimizer.toString());
      assertArrayEquals(once.parameters().snapshot(), twice.parameters().snapshot(), 0.0);
    }
  }

  @Test
  void resettingTheTrainingStateRestartsTheOptimizer() {
    Trainer adam = Trainer.of(Losses.mse(), Optimizers.adam(0.05));
    Network a = exerciseNetwork(3, 4);
    Network b = exerciseNetwork(3, 4);
    adam.fit(a, XOR_X, XOR_Y, 10);
    adam.fit(b, XOR_X, XOR_Y, 10);
    TrainingSnapshot.forget(b);
    assertNotEquals(adam.fit(a, XOR_X, XOR_Y, 10).finalLoss(), adam.fit(b, XOR_X, XOR_Y, 10).finalLoss());
  }

  @Test
  void stopsAtTheTargetLossWithoutApplyingThatStep() {
    Network net = exerciseNetwork(0, 4);
    TrainingHistory h = SGD.withTargetLoss(0.01).fit(net, XOR_X, XOR_Y, 5000);
    assertTrue(h.reachedTarget());
    assertTrue(h.steps() < 5000);
    assertTrue(h.finalLoss() <= 0.01);
    assertTrue(h.lossAt(h.steps() - 1) > 0.01);
    assertEquals(h.finalLoss(), Losses.mse().compute(net.predict(XOR_X), XOR_Y));
  }

  @Test
  void stopsWithADivergenceErrorNamingTheStep() {
    Network net = Network.builder(1).linear(1, true).build();
    net.parameters().get("0.weight").set(0, 0, 1.0);
    Tensor x = Tensor.of(new double[][] {{10}, {20}});
    Tensor y = Tensor.of(new double[][] {{1}, {2}});
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Trainer.of(Losses.mse(), Optimizers.sgd(10)).fit(net, x, y, 1000));
    assertTrue(e.step() > 1 && e.step() < 1000, "step " + e.step());
    assertFalse(Double.isFinite(e.loss()));
    assertEquals("training diverged at step " + e.step() + ": the loss is " + e.loss()
        + "; try a lower learning rate than sgd(10.0)", e.getMessage());
  }

  @Nested
  class MiniBatches {

    private final Tensor x = FunctionalTest.filled(50, 10, 2);
    private final Tensor y = FunctionalTest.filled(51, 10, 1);

    private Network net() {
      Network n = Network.builder(2).linear(3, true).tanh().linear(1, true).build();
      randomize(n, 52);
      return n;
    }

    @Test
    void sameSeedGivesTheSameBits() {
      Trainer t = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).withBatchSize(3).withShuffleSeed(4);
      Network a = net();
      Network b = net();
      assertArrayEquals(t.fit(a, x, y, 40).losses(), t.fit(b, x, y, 40).losses(), 0.0);
      assertArrayEquals(a.parameters().snapshot(), b.parameters().snapshot(), 0.0);
      Network c = net();
      assertNotEquals(t.fit(net(), x, y, 40).finalLoss(), t.withShuffleSeed(5).fit(c, x, y, 40).finalLoss());
    }

    @Test
    void epochsCoverEveryRowWithASmallerLastBatch() {
      List<double[]> epochs = new ArrayList<>();
      TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).withBatchSize(4)
          .fitEpochs(net(), x, y, 3, (epoch, loss) -> epochs.add(new double[] {epoch, loss}));
      assertEquals(9, h.steps(), "10 rows in batches of 4: 3 steps an epoch");
      assertEquals(3, h.epochLosses().length);
      assertEquals(3, epochs.size());
      double[] l = h.losses();
      assertEquals((l[0] + l[1] + l[2]) / 3, h.epochLosses()[0], 0.0);
      assertEquals(2.0, epochs.get(1)[0]);
    }

    @Test
    void aStepListenerHearsEveryMiniBatchStepWithItsLoss() {
      List<double[]> heard = new ArrayList<>();
      TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).withBatchSize(4)
          .fit(net(), x, y, 7, (step, loss) -> heard.add(new double[] {step, loss}));
      assertEquals(7, heard.size());
      for (int i = 0; i < 7; i++) {
        assertEquals(i + 1, heard.get(i)[0]);
        assertEquals(h.losses()[i], heard.get(i)[1], 0.0);
      }
      // the batches really are mini-batches: the same steps on the full batch give other losses
      double[] full = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).fit(net(), x, y, 7).losses();
      assertNotEquals(full[6], h.losses()[6]);
    }

    @Test
    void aTargetLossStopsMiniBatchTrainingAtTheFirstStepThatReachesIt() {
      Trainer t = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).withBatchSize(4);
      double[] free = t.fit(net(), x, y, 30).losses();
      int first = 0;
      while (free[first] > free[5]) { // the first step whose loss is at most step 6's
        first++;
      }
      List<Integer> heard = new ArrayList<>();
      Network stopped = net();
      TrainingHistory h = t.withTargetLoss(free[5]).fit(stopped, x, y, 30, (step, loss) -> heard.add(step));
      assertTrue(h.reachedTarget());
      assertEquals(first + 1, h.steps());
      assertEquals(free[first], h.finalLoss(), 0.0);
      assertEquals(first + 1, heard.size(), "the listener hears the stopping step too");
      // the stopping step took no update: the network is where the free run was after `first` steps
      Network after = net();
      t.fit(after, x, y, first);
      assertArrayEquals(after.parameters().snapshot(), stopped.parameters().snapshot(), 0.0);
    }

    @Test
    void fullBatchEpochsWithAListenerHearOneLossPerEpoch() {
      List<double[]> epochs = new ArrayList<>();
      Trainer t = Trainer.of(Losses.mse(), Optimizers.sgd(0.1));
      TrainingHistory h = t.fitEpochs(net(), x, y, 5, (epoch, loss) -> epochs.add(new double[] {epoch, loss}));
      assertEquals(5, epochs.size());
      assertEquals(0, h.epochLosses().length, "documented: empty for full-batch training");
      for (int e = 0; e < 5; e++) {
        assertEquals(e + 1, epochs.get(e)[0]);
        assertEquals(h.losses()[e], epochs.get(e)[1], 0.0);
      }
      assertArrayEquals(t.fit(net(), x, y, 5).losses(), h.losses(), 0.0, "the same steps as fit");
    }

    @Test
    void oneBatchOfAllRowsInAnyOrderMatchesFullBatchClosely() {
      Trainer full = Trainer.of(Losses.mse(), Optimizers.sgd(0.1));
      double a = full.fit(net(), x, y, 30).finalLoss();
      double b = full.withBatchSize(10).fit(net(), x, y, 30).finalLoss();
      assertEquals(a, b, 1e-12);
    }
  }

  @Nested
  class Validation {

    private void assertRejectedAndUnchanged(String message, Network net, Executable call) {
      double[] before = net.parameters().snapshot();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertEquals(message, e.getMessage());
      assertArrayEquals(before, net.parameters().snapshot());
      assertNull(Engine.CORE.trainingState(net), "no training state was created");
    }

    @Test
    void rejectsInputsOfTheWrongWidth() {
      Network net = exerciseNetwork(0, 4);
      assertRejectedAndUnchanged("x must have 2 columns (the network's inputs), but has shape (4, 3)", net,
          () -> SGD.fit(net, Tensor.zeros(4, 3), XOR_Y, 10));
    }

    @Test
    void rejectsTargetsOfTheWrongShape() {
      Network net = exerciseNetwork(0, 4);
      assertRejectedAndUnchanged("y must have shape (4, 1) (x's rows, the network's outputs), but has shape (3, 1)",
          net, () -> SGD.fit(net, XOR_X, Tensor.zeros(3, 1), 10));
    }

    @Test
    void rejectsNonFiniteInputsAndTargets() {
      Network net = exerciseNetwork(0, 4);
      Tensor x = XOR_X.copy();
      x.set(2, 1, Double.NaN);
      assertRejectedAndUnchanged("x must be finite, but x[2, 1] is NaN", net, () -> SGD.fit(net, x, XOR_Y, 10));
      Tensor y = XOR_Y.copy();
      y.set(3, 0, Double.POSITIVE_INFINITY);
      assertRejectedAndUnchanged("y must be finite, but y[3, 0] is Infinity", net, () -> SGD.fit(net, XOR_X, y, 10));
    }

    @Test
    void rejectsNegativeSteps() {
      Network net = exerciseNetwork(0, 4);
      assertRejectedAndUnchanged("steps must be non-negative, but was -1", net, () -> SGD.fit(net, XOR_X, XOR_Y, -1));
    }

    @Test
    void rejectsBatchesLargerThanTheData() {
      Network net = exerciseNetwork(0, 4);
      assertRejectedAndUnchanged("batchSize must be at most the number of rows (4), but was 5", net,
          () -> SGD.withBatchSize(5).fit(net, XOR_X, XOR_Y, 10));
    }

    @Test
    void rejectsNulls() {
      Network net = exerciseNetwork(0, 4);
      assertRejectedAndUnchanged("listener is null", net, () -> SGD.fit(net, XOR_X, XOR_Y, 10, null));
      assertEquals("network is null",
          assertThrows(IllegalArgumentException.class, () -> SGD.fit(null, XOR_X, XOR_Y, 1)).getMessage());
      assertEquals("loss is null",
          assertThrows(IllegalArgumentException.class, () -> Trainer.of(null, Optimizers.sgd(1))).getMessage());
    }

    @Test
    void rejectsBadConfiguration() {
      assertEquals("batchSize must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> SGD.withBatchSize(0)).getMessage());
      assertEquals("seed must be non-negative, but was -3",
          assertThrows(IllegalArgumentException.class, () -> SGD.withShuffleSeed(-3)).getMessage());
      assertEquals("target must be finite and non-negative, but was NaN",
          assertThrows(IllegalArgumentException.class, () -> SGD.withTargetLoss(Double.NaN)).getMessage());
    }
  }

  @Test
  void fitAllocatesOnlyTheLossCurve() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Network net = exerciseNetwork(0, 4);
    for (int i = 0; i < 5; i++) {
      SGD.fit(net, XOR_X, XOR_Y, 4000);
    }
    long small = Long.MAX_VALUE;
    long large = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) { // minimum of three: ignore one-off JVM allocations
      long before = threads.getThreadAllocatedBytes(thread);
      SGD.fit(net, XOR_X, XOR_Y, 4000);
      small = Math.min(small, threads.getThreadAllocatedBytes(thread) - before);
      before = threads.getThreadAllocatedBytes(thread);
      SGD.fit(net, XOR_X, XOR_Y, 8000);
      large = Math.min(large, threads.getThreadAllocatedBytes(thread) - before);
    }
    // 4000 more steps cost the recorder's array and the history's copy, 16 bytes a step, and
    // nothing else: one byte more per step would add 4000
    assertEquals(16 * 4000, large - small, 512);
  }
}

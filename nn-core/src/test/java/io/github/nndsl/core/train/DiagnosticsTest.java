package io.github.nndsl.core.train;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.internal.ActivationScan;
import io.github.nndsl.core.random.NumPyRandom;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.TrainerTest.exerciseNetwork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each diagnostic fires on a real case of its problem, and stays quiet on a healthy run. */
class DiagnosticsTest {

  private static final Trainer SGD = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));

  private static List<Diagnostic.Kind> kinds(TrainingHistory h) {
    return h.diagnostics().stream().map(Diagnostic::kind).collect(Collectors.toList());
  }

  private static Diagnostic only(TrainingHistory h, Diagnostic.Kind kind) {
    List<Diagnostic> found = h.diagnostics().stream().filter(d -> d.kind() == kind).collect(Collectors.toList());
    assertEquals(1, found.size(), h.diagnostics().toString());
    return found.get(0);
  }

  @Nested
  class Plateau {

    @Test
    void theExercisesSeed7IsStuckAtOneSixthWithDeadUnits() {
      Network net = exerciseNetwork(7, 4);
      TrainingHistory h = SGD.fit(net, XOR_X, XOR_Y, 5000);
      assertEquals(List.of(Diagnostic.Kind.DEAD_RELU, Diagnostic.Kind.PLATEAU), kinds(h));
      Diagnostic plateau = only(h, Diagnostic.Kind.PLATEAU);
      assertEquals(5000, plateau.step());
      assertEquals(1.0 / 6, plateau.value(), 1e-4);
      assertEquals("the loss has been flat at 0.1667 for 500 steps and 2 of 4 ReLU units are dead (layer 1:"
          + " units 0, 1): the dead units no longer learn, so the rest cannot fit the data; try another seed,"
          + " leakyRelu(), more hidden units or a smaller learning rate", plateau.message());
      assertEquals(0.5, only(h, Diagnostic.Kind.DEAD_RELU).value());
      assertEquals(0.5, net.deadReluFraction(XOR_X));
    }

    @Test
    void aSingleHiddenUnitIsStuckAtAQuarterPredictingTheMean() {
      TrainingHistory h = SGD.fit(exerciseNetwork(1, 1), XOR_X, XOR_Y, 5000);
      assertEquals(List.of(Diagnostic.Kind.PLATEAU), kinds(h));
      assertEquals("the loss has been flat at 0.2500 for 500 steps and every output is near 0.5000 whatever"
          + " the input: the network predicts the mean of the targets; try another seed, a higher learning rate"
          + " or more hidden units", h.diagnostics().get(0).message());
    }

    @Test
    void threeHiddenUnitsAtSeed12AreStuckAtOneEighthWithNoDeadUnit() {
      TrainingHistory h = SGD.fit(exerciseNetwork(12, 3), XOR_X, XOR_Y, 5000);
      Diagnostic d = only(h, Diagnostic.Kind.PLATEAU);
      assertEquals(0.125, d.value(), 1e-4);
      assertTrue(d.message().startsWith("the loss has been flat at 0.1250 for 500 steps: training has stalled;"),
          d.message());
    }

    @Test
    void aSolvedRunReportsNothing() {
      TrainingHistory h = SGD.fit(exerciseNetwork(0, 4), XOR_X, XOR_Y, 5000);
      assertEquals(List.of(), h.diagnostics());
      assertEquals("TrainingHistory(steps=5000, finalLoss=" + h.finalLoss() + ")", h.toString());
    }

    @Test
    void firesOnceWhileTrainingWhenChecksRunPeriodically() {
      List<Diagnostic> heard = new ArrayList<>();
      TrainingHistory h = SGD.withDiagnostics(Diagnostics.every(100), heard::add)
          .fit(exerciseNetwork(7, 4), XOR_X, XOR_Y, 5000);
      assertEquals(h.diagnostics(), heard);
      Diagnostic plateau = only(h, Diagnostic.Kind.PLATEAU);
      assertTrue(plateau.step() < 5000 && plateau.step() % 100 == 0, plateau.toString());
    }

    @Test
    void miniBatchTrainingChecksPeriodicallyAndWhereATargetStopsIt() {
      Network net = exerciseNetwork(7, 4);
      SGD.fit(net, XOR_X, XOR_Y, 5000); // two ReLU units die
      List<Diagnostic> heard = new ArrayList<>();
      TrainingHistory periodic = SGD.withBatchSize(2).withDiagnostics(Diagnostics.every(10), heard::add)
          .fit(net, XOR_X, XOR_Y, 25);
      assertEquals(List.of(Diagnostic.Kind.DEAD_RELU), kinds(periodic));
      assertEquals(10, only(periodic, Diagnostic.Kind.DEAD_RELU).step(), "the first periodic check");
      assertEquals(periodic.diagnostics(), heard);

      TrainingHistory stopped = SGD.withBatchSize(2).withTargetLoss(1.0).fit(net, XOR_X, XOR_Y, 25);
      assertTrue(stopped.reachedTarget());
      assertEquals(1, stopped.steps());
      assertEquals(1, only(stopped, Diagnostic.Kind.DEAD_RELU).step(), "checked at the stopping step");
    }

    @Test
    void aShortRunOrAReachedTargetIsNoPlateau() {
      assertEquals(List.of(), kinds(SGD.fit(exerciseNetwork(1, 1), XOR_X, XOR_Y, 499)));
      Network net = exerciseNetwork(1, 1);
      SGD.fit(net, XOR_X, XOR_Y, 5000);
      assertEquals(List.of(), kinds(SGD.withTargetLoss(0.3).fit(net, XOR_X, XOR_Y, 100)));
      assertEquals(List.of(), kinds(SGD.withDiagnostics(Diagnostics.atEnd().withPlateauFloor(0.3))
          .fit(net, XOR_X, XOR_Y, 600)));
      assertEquals(List.of(Diagnostic.Kind.PLATEAU), kinds(SGD.withDiagnostics(Diagnostics.atEnd()
          .withPlateauWindow(50)).fit(net, XOR_X, XOR_Y, 60)));
    }
  }

  @Nested
  class DeadRelu {

    @Test
    void countsUnitsWhoseInputIsNeverPositive() {
      Network net = Network.builder(2).linear(3, true).relu().linear(1, true).build();
      Tensor w = net.parameters().get("0.weight");
      w.set(0, 0, 1);   // unit 0: alive wherever x0 > 0
      w.set(0, 1, -1);  // unit 1: dead on XOR's inputs (<= 0 on every row)
      w.set(1, 2, 1);   // unit 2: alive wherever x1 > 0
      assertEquals(1.0 / 3, net.deadReluFraction(XOR_X));
      assertEquals(0.0, Network.builder(2).linear(1, true).build().deadReluFraction(XOR_X));
      assertEquals(2.0 / 3, net.deadReluFraction(Tensor.of(new double[][] {{1, 0}})));
    }

    @Test
    void aHugeLearningRateKillsUnitsAndSaturatesTheOutput() {
      List<Diagnostic> heard = new ArrayList<>();
      Trainer reckless = Trainer.of(Losses.mse(), Optimizers.sgd(50)).withDiagnostics(Diagnostics.every(10), heard::add);
      TrainingHistory h = reckless.fit(exerciseNetwork(0, 4), XOR_X, XOR_Y, 500);
      assertEquals(List.of(Diagnostic.Kind.DEAD_RELU, Diagnostic.Kind.SATURATED_SIGMOID), kinds(h));
      assertEquals(heard, h.diagnostics());
      assertEquals(10, h.diagnostics().get(0).step());
      assertTrue(h.diagnostics().get(0).message().startsWith("3 of 4 ReLU units are dead (layer 1: units 0, 2, 3)"),
          h.diagnostics().get(0).message());
    }

    @Test
    void describesAtMostEightUnitsPerLayer() {
      Network net = Network.builder(1).linear(10, false).relu().build();
      TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.sgd(0)).fit(net, Tensor.of(new double[][] {{1}}),
          Tensor.zeros(1, 10), 1);
      assertTrue(only(h, Diagnostic.Kind.DEAD_RELU).message().startsWith(
          "10 of 10 ReLU units are dead (layer 1: units 0, 1, 2, 3, 4, 5, 6, 7, ...)"), h.diagnostics().toString());
      TrainingHistory untrained = Trainer.of(Losses.mse(), Optimizers.sgd(0))
          .fit(net, Tensor.of(new double[][] {{1}}), Tensor.zeros(1, 10), 0);
      assertEquals(0, only(untrained, Diagnostic.Kind.DEAD_RELU).step());
    }
  }

  @Nested
  class Saturation {

    /** XOR with a sigmoid hidden layer whose weights are 50 times too large. */
    private Network saturated() {
      Network net = Network.builder(2).linear(4, true).sigmoid().linear(1, true).sigmoid().build();
      NumPyRandom rng = NumPyRandom.defaultRng(3);
      Tensor w = net.parameters().get("0.weight");
      for (int i = 0; i < w.size(); i++) {
        w.set(i, rng.standardNormal() * 50);
      }
      return net;
    }

    @Test
    void largeWeightsSaturateTheHiddenSigmoids() {
      Network net = saturated();
      double fraction = net.saturatedSigmoidFraction(XOR_X);
      assertTrue(fraction >= 0.5, "fraction " + fraction);
      TrainingHistory h = SGD.fit(net, XOR_X, XOR_Y, 10);
      Diagnostic d = only(h, Diagnostic.Kind.SATURATED_SIGMOID);
      assertTrue(d.value() >= 0.25 && d.message().contains("sigmoid outputs are within 1e-6 of 0 or 1"), d.toString());
    }

    @Test
    void confidentRightAnswersAtTheOutputAreNotSaturation() {
      Network net = Network.builder(1).linear(1, true).sigmoid().build();
      net.parameters().get("0.weight").set(0, 0, 100);
      Tensor x = Tensor.of(new double[][] {{-1}, {1}});
      assertEquals(1.0, net.saturatedSigmoidFraction(x));
      Trainer still = Trainer.of(Losses.mse(), Optimizers.sgd(0));
      assertEquals(List.of(), still.fit(net, x, Tensor.of(new double[][] {{0}, {1}}), 1).diagnostics());
      assertEquals(List.of(Diagnostic.Kind.SATURATED_SIGMOID),
          kinds(still.fit(net, x, Tensor.of(new double[][] {{1}, {0}}), 1)));
      assertEquals(0.0, Network.builder(1).linear(1, true).build().saturatedSigmoidFraction(x));
    }
  }

  @Nested
  class ExplodingGradient {

    private final Tensor x = Tensor.of(new double[][] {{-3}, {-1}, {1}, {3}});
    private final Tensor y = x.times(2.0);

    /** Linear regression with a learning rate 5 times the stable limit: the error grows 9-fold a step. */
    private Trainer tooFast() {
      return Trainer.of(Losses.mse(), Optimizers.sgd(1.0));
    }

    @Test
    void aNormAboveTheLimitFiresAtTheEnd() {
      TrainingHistory h = tooFast().fit(Network.builder(1).linear(1, true).build(), x, y, 20);
      Diagnostic d = only(h, Diagnostic.Kind.EXPLODING_GRADIENT);
      assertTrue(d.value() > 1e3 && d.message().startsWith("the gradient's L2 norm is "), d.toString());
      assertTrue(d.message().endsWith("try a learning rate 10 times smaller, or inputs scaled to about [-1, 1]"));
    }

    @Test
    void growthByOrdersOfMagnitudeFiresBeforeTheLimitAndBeforeDivergence() {
      List<Diagnostic> heard = new ArrayList<>();
      Network net = Network.builder(1).linear(1, true).build();
      assertThrows(TrainingDivergedException.class, () -> tooFast()
          .withDiagnostics(Diagnostics.every(3).withGradientNormLimit(1e300), heard::add).fit(net, x, y, 1000));
      assertEquals(Diagnostic.Kind.EXPLODING_GRADIENT, heard.get(0).kind());
      assertEquals(6, heard.get(0).step());
      assertTrue(heard.get(0).message().startsWith("the gradient's L2 norm grew from "), heard.get(0).message());
    }

    @Test
    void theNormIsTheGlobalL2Norm() {
      Network net = Network.builder(1).linear(1, true).build();
      net.computeGradients(x, y, Losses.mse());
      double[] g = net.parameters().gradientSnapshot();
      assertEquals(Math.hypot(g[0], g[1]), ActivationScan.gradientNorm(Engine.CORE.plan(net).gradients()), 1e-12);
    }
  }

  @Nested
  class Settings {

    @Test
    void offReportsNothingAndAtEndIsTheDefault() {
      assertEquals(List.of(), SGD.withDiagnostics(Diagnostics.off()).fit(exerciseNetwork(7, 4), XOR_X, XOR_Y, 5000)
          .diagnostics());
      assertEquals(Diagnostics.atEnd(), SGD.diagnostics());
      assertEquals(Diagnostics.atEnd(), SGD.withBatchSize(2).withShuffleSeed(1).withTargetLoss(0.1).withFullBatch()
          .diagnostics());
      assertEquals(0, Diagnostics.atEnd().interval());
      assertEquals(-1, Diagnostics.off().interval());
      assertEquals(7, Diagnostics.every(7).interval());
    }

    @Test
    void describesItself() {
      assertEquals("Diagnostics.off()", Diagnostics.off().toString());
      assertEquals("Diagnostics.atEnd()", Diagnostics.atEnd().toString());
      assertEquals("Diagnostics.every(10).withPlateauWindow(50).withPlateauFloor(0.5).withGradientNormLimit(7.0)",
          Diagnostics.every(10).withPlateauWindow(50).withPlateauFloor(0.5).withGradientNormLimit(7).toString());
      Diagnostics d = Diagnostics.every(10).withPlateauWindow(50).withPlateauFloor(0.5).withGradientNormLimit(7);
      assertEquals(50, d.plateauWindow());
      assertEquals(0.5, d.plateauFloor());
      assertEquals(7, d.gradientNormLimit());
      Diagnostic diagnostic = new Diagnostic(Diagnostic.Kind.PLATEAU, 3, 0.25, "flat");
      assertEquals("PLATEAU at step 3: flat", diagnostic.toString());
      assertEquals(Diagnostic.Kind.PLATEAU, diagnostic.component1());
      assertEquals(3, diagnostic.component2());
      assertEquals(0.25, diagnostic.component3());
      assertEquals("flat", diagnostic.component4());
      assertEquals("TrainingHistory(steps=5000, finalLoss=0.1666814541826526, diagnostics=[DEAD_RELU, PLATEAU])",
          SGD.fit(exerciseNetwork(7, 4), XOR_X, XOR_Y, 5000).toString());
    }

    @Test
    void rejectsBadSettings() {
      assertEquals("steps must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> Diagnostics.every(0)).getMessage());
      assertEquals("steps must be at least 2, but was 1",
          assertThrows(IllegalArgumentException.class, () -> Diagnostics.atEnd().withPlateauWindow(1)).getMessage());
      assertEquals("floor must be finite and non-negative, but was -1.0",
          assertThrows(IllegalArgumentException.class, () -> Diagnostics.atEnd().withPlateauFloor(-1)).getMessage());
      assertEquals("floor must be finite and non-negative, but was Infinity", assertThrows(
          IllegalArgumentException.class, () -> Diagnostics.atEnd().withPlateauFloor(Double.POSITIVE_INFINITY))
          .getMessage());
      assertEquals("limit must be finite and positive, but was 0.0",
          assertThrows(IllegalArgumentException.class, () -> Diagnostics.atEnd().withGradientNormLimit(0)).getMessage());
      assertEquals("limit must be finite and positive, but was Infinity", assertThrows(IllegalArgumentException.class,
          () -> Diagnostics.atEnd().withGradientNormLimit(Double.POSITIVE_INFINITY)).getMessage());
      assertEquals("step must be non-negative, but was -1", assertThrows(IllegalArgumentException.class,
          () -> new Diagnostic(Diagnostic.Kind.PLATEAU, -1, 0, "m")).getMessage());
      assertEquals("x must have at least one row, but has shape (0, 2)", assertThrows(IllegalArgumentException.class,
          () -> exerciseNetwork(0, 4).deadReluFraction(Tensor.zeros(0, 2))).getMessage());
    }

    @Test
    void periodicChecksAllocateNothingWhileNothingFires() {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long thread = Thread.currentThread().getId();
      Trainer checked = SGD.withDiagnostics(Diagnostics.every(1));
      Network net = exerciseNetwork(0, 4);
      for (int i = 0; i < 5; i++) {
        checked.fit(net, XOR_X, XOR_Y, 4000);
      }
      long small = Long.MAX_VALUE;
      long large = Long.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        long before = threads.getThreadAllocatedBytes(thread);
        checked.fit(net, XOR_X, XOR_Y, 4000);
        small = Math.min(small, threads.getThreadAllocatedBytes(thread) - before);
        before = threads.getThreadAllocatedBytes(thread);
        checked.fit(net, XOR_X, XOR_Y, 8000);
        large = Math.min(large, threads.getThreadAllocatedBytes(thread) - before);
      }
      // as without diagnostics: the loss curve's 16 bytes a step, and nothing per check
      assertEquals(16 * 4000, large - small, 512);
      assertFalse(checked.fit(net, XOR_X, XOR_Y, 10).diagnostics().iterator().hasNext());
    }
  }
}

package io.github.nndsl.core.train;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.internal.ActivationScan;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.TrainerTest.exerciseNetwork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The diagnostics' thresholds, tested at their edges: exactly at a limit, just short of it. */
class DiagnosticThresholdsTest {

  private static final Trainer STILL = Trainer.of(Losses.mse(), Optimizers.sgd(0));

  private static List<Diagnostic.Kind> kinds(TrainingHistory h) {
    return h.diagnostics().stream().map(Diagnostic::kind).collect(Collectors.toList());
  }

  /** A ReLU layer of {@code units} units over one input, where the units with weight -1 are dead on x = 1. */
  private static Network reluLayer(int units, int dead) {
    Network net = Network.builder(1).linear(units, false).relu().build();
    for (int u = 0; u < units; u++) {
      net.parameters().get("0.weight").set(0, u, u < dead ? -1 : 1);
    }
    return net;
  }

  @Test
  void aThirdOfTheUnitsDeadIsEnoughAQuarterIsNot() {
    Tensor x = Tensor.of(new double[][] {{1}, {2}});
    TrainingHistory third = STILL.fit(reluLayer(3, 1), x, Tensor.zeros(2, 3), 1);
    assertEquals(List.of(Diagnostic.Kind.DEAD_RELU), kinds(third));
    assertEquals(1.0 / 3, third.diagnostics().get(0).value());
    assertEquals(List.of(), kinds(STILL.fit(reluLayer(4, 1), x, Tensor.zeros(2, 4), 1)));
  }

  @Test
  void namesOnlyTheLayersThatHaveDeadUnits() {
    Network net = Network.builder(1).linear(2, false).relu().linear(1, false).relu().build();
    net.parameters().get("0.weight").set(0, 0, -1);
    net.parameters().get("0.weight").set(0, 1, 1);
    net.parameters().get("2.weight").set(1, 0, 1);
    TrainingHistory h = STILL.fit(net, Tensor.of(new double[][] {{1}}), Tensor.zeros(1, 1), 1);
    assertTrue(h.diagnostics().get(0).message().startsWith("1 of 3 ReLU units is dead (layer 1: unit 0):"),
        h.diagnostics().get(0).message());
  }

  @Test
  void aQuarterOfTheSigmoidOutputsSaturatedIsEnough() {
    // four hidden sigmoids; only unit 3 saturates (weight 100 on x = 1), the output does not
    Network net = Network.builder(1).linear(4, false).sigmoid().linear(1, false).build();
    net.parameters().get("0.weight").set(0, 3, 100);
    Tensor x = Tensor.of(new double[][] {{1}, {1}});
    TrainingHistory h = STILL.fit(net, x, Tensor.zeros(2, 1), 1);
    assertEquals(List.of(Diagnostic.Kind.SATURATED_SIGMOID), kinds(h));
    assertEquals(0.25, h.diagnostics().get(0).value());
    assertTrue(h.diagnostics().get(0).message().startsWith("2 of 8 sigmoid outputs are within 1e-6 of 0 or 1"));
    assertEquals(0.25, net.saturatedSigmoidFraction(x));
  }

  @Test
  void anOutputAtAHalfTargetIsNeitherRightNorWrong() {
    Network net = Network.builder(1).linear(1, true).sigmoid().build();
    net.parameters().get("0.weight").set(0, 0, 100);
    Tensor x = Tensor.of(new double[][] {{-1}, {1}});
    assertEquals(List.of(), STILL.fit(net, x, Tensor.of(new double[][] {{0.5}, {0.5}}), 1).diagnostics());
  }

  @Test
  void growthBelowAHundredfoldBetweenChecksIsNotExploding() {
    Tensor x = Tensor.of(new double[][] {{-3}, {-1}, {1}, {3}});
    List<Diagnostic> heard = new ArrayList<>();
    Trainer everyStep = Trainer.of(Losses.mse(), Optimizers.sgd(1.0))
        .withDiagnostics(Diagnostics.every(1).withGradientNormLimit(1e300), heard::add);
    // the error grows 9-fold a step: never 100-fold between two checks, until the loss overflows
    assertThrows(TrainingDivergedException.class,
        () -> everyStep.fit(Network.builder(1).linear(1, true).build(), x, x.times(2.0), 1000));
    assertEquals(List.of(), heard);
  }

  @Test
  void aPlateauNeedsAWholeWindow() {
    Network net = exerciseNetwork(1, 1);
    Trainer sgd = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));
    sgd.fit(net, XOR_X, XOR_Y, 5000);
    Trainer window50 = sgd.withDiagnostics(Diagnostics.atEnd().withPlateauWindow(50));
    assertEquals(List.of(Diagnostic.Kind.PLATEAU), kinds(window50.fit(net, XOR_X, XOR_Y, 50)));
    assertEquals(List.of(), kinds(window50.fit(net, XOR_X, XOR_Y, 49)));
  }

  @Test
  void aConvergingRunIsNotFlatEvenWithoutAFloor() {
    Trainer noFloor = Trainer.of(Losses.mse(), Optimizers.sgd(0.5))
        .withDiagnostics(Diagnostics.atEnd().withPlateauFloor(0));
    assertEquals(List.of(), noFloor.fit(exerciseNetwork(0, 4), XOR_X, XOR_Y, 5000).diagnostics());
  }

  @Test
  void theOutputSpreadIsTheLargestOfAnyColumn() {
    Network net = Network.builder(2).linear(3, true).build();
    net.parameters().get("0.weight").set(1, 2, 2); // column 2 = 2 * x1; columns 0 and 1 stay 0
    net.predict(XOR_X);
    assertEquals(2.0, ActivationScan.outputSpread(Engine.CORE.plan(net), 4));
  }

  @Test
  void aPlateauWithSeveralOutputsThatDoNotDependOnTheInput() {
    Network net = Network.builder(2).linear(2, true).build(); // weights 0: every row predicts the bias
    Tensor y = Tensor.of(new double[][] {{0, 1}, {1, 0}, {1, 0}, {0, 1}});
    Trainer sgd = Trainer.of(Losses.mse(), Optimizers.sgd(0.5))
        .withDiagnostics(Diagnostics.atEnd().withPlateauWindow(10));
    TrainingHistory h = sgd.fit(net, Tensor.zeros(4, 2), y, 200);
    assertTrue(h.diagnostics().get(0).message().contains("every output row is the same whatever the input"),
        h.toString());
  }
}

package io.github.nndsl.samples;

import io.github.nndsl.core.train.Diagnostic;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exercise's stuck runs, declared through the DSL, are diagnosed in words a learner can act on. */
class XorDiagnosticsTest {

  private static final Trainer SGD = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));

  private static List<Diagnostic.Kind> kinds(TrainingHistory h) {
    return h.diagnostics().stream().map(Diagnostic::kind).collect(Collectors.toList());
  }

  @Test
  void seed7IsStuckAtOneSixthWithDeadUnits() {
    Network net = Xor.model(4).compile(7);
    TrainingHistory h = SGD.fit(net, Xor.inputs(), Xor.targets(), 5000);
    assertEquals(Xor.trainXor(7), h.finalLoss());
    assertEquals(List.of(Diagnostic.Kind.DEAD_RELU, Diagnostic.Kind.PLATEAU), kinds(h));
    assertTrue(h.diagnostics().get(1).message().startsWith(
        "the loss has been flat at 0.1667 for 500 steps and 2 of 4 ReLU units are dead"), h.toString());
    assertEquals(0.5, net.deadReluFraction(Xor.inputs()));
  }

  @Test
  void oneHiddenUnitAtSeed1IsStuckAtAQuarterPredictingTheMean() {
    TrainingHistory h = SGD.fit(Xor.model(1).compile(1), Xor.inputs(), Xor.targets(), 5000);
    assertEquals(0.25, h.finalLoss(), 1e-12);
    assertEquals(List.of(Diagnostic.Kind.PLATEAU), kinds(h));
    assertTrue(h.diagnostics().get(0).message().contains("every output is near 0.5000 whatever the input"));
  }

  @Test
  void theSolvedSeedIsQuiet() {
    assertEquals(List.of(), SGD.fit(Xor.model(4).compile(0), Xor.inputs(), Xor.targets(), 5000).diagnostics());
  }
}

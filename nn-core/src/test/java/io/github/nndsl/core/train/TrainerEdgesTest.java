package io.github.nndsl.core.train;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.TrainerTest.exerciseNetwork;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trainer paths the main tests pass by: one step at a time, stopping at the target, inputs that are views. */
class TrainerEdgesTest {

  private static final Trainer SGD = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));

  @Test
  void stepIsOneFullBatchStepOfFit() {
    Network stepped = exerciseNetwork(2, 4);
    Network fitted = exerciseNetwork(2, 4);
    double first = SGD.step(stepped, XOR_X, XOR_Y);
    double second = SGD.step(stepped, XOR_X, XOR_Y);
    double[] losses = SGD.fit(fitted, XOR_X, XOR_Y, 2).losses();
    assertArrayEquals(losses, new double[] {first, second});
    assertArrayEquals(fitted.parameters().snapshot(), stepped.parameters().snapshot());
  }

  @Test
  void stepRejectsBadInputsAndANonFiniteLoss() {
    Network net = exerciseNetwork(2, 4);
    assertEquals("x must be finite, but x[0, 1] is NaN", assertThrows(IllegalArgumentException.class,
        () -> SGD.step(net, Tensor.of(new double[][] {{0, Double.NaN}}), Tensor.zeros(1, 1))).getMessage());
    assertEquals("x must have at least one row, but has shape (0, 2)", assertThrows(IllegalArgumentException.class,
        () -> SGD.step(net, Tensor.zeros(0, 2), Tensor.zeros(0, 1))).getMessage());
    assertEquals("network is null",
        assertThrows(IllegalArgumentException.class, () -> SGD.step(null, XOR_X, XOR_Y)).getMessage());
    assertEquals("x must have 2 columns (the network's inputs), but has shape (4, 1)", assertThrows(
        IllegalArgumentException.class, () -> SGD.step(net, Tensor.zeros(4, 1), XOR_Y)).getMessage());
    assertEquals("y must have shape (4, 1) (x's rows, the network's outputs), but has shape (4, 2)", assertThrows(
        IllegalArgumentException.class, () -> SGD.step(net, XOR_X, Tensor.zeros(4, 2))).getMessage());
    net.parameters().get("2.bias").set(0, Double.NaN);
    double[] before = net.parameters().snapshot();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> SGD.step(net, XOR_X, XOR_Y));
    assertEquals(1, e.step());
    assertArrayEquals(before, net.parameters().snapshot());
  }

  @Test
  void reachingTheTargetTellsTheListenerAndRunsTheLastCheck() {
    Network net = Network.builder(1).linear(3, false).relu().build(); // weights 0: every unit dead, loss 0
    List<Integer> steps = new ArrayList<>();
    TrainingHistory h = SGD.withTargetLoss(0).fit(net, Tensor.of(new double[][] {{1}}), Tensor.zeros(1, 3), 10,
        (step, loss) -> steps.add(step));
    assertEquals(List.of(1), steps);
    assertEquals(1, h.steps());
    assertEquals(Diagnostic.Kind.DEAD_RELU, h.diagnostics().get(0).kind());
    assertEquals(1, h.diagnostics().get(0).step());
  }

  @Test
  void inputsThatAreViewsInsideALargerArrayTrainAsTheirCopies() {
    // 1.weight of this holder is a (2, 2) view at offset 4 of its store's array
    Network holder = Network.builder(2).linear(2, false).linear(2, false).build();
    Tensor view = holder.parameters().get("1.weight");
    view.copyFrom(Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}}));
    Tensor copy = view.copy();
    Tensor y = Tensor.of(new double[][] {{1}, {0}});
    for (Network[] pair : new Network[][] {
        {reluFirst(), reluFirst()}, {Network.builder(2).build(), Network.builder(2).build()}}) {
      Tensor target = pair[0].outputs() == 1 ? y : Tensor.zeros(2, 2);
      assertEquals(SGD.fit(pair[0], copy, target, 3).finalLoss(), SGD.fit(pair[1], view, target, 3).finalLoss());
      assertArrayEquals(pair[0].parameters().snapshot(), pair[1].parameters().snapshot());
      assertEquals(pair[0].deadReluFraction(copy), pair[1].deadReluFraction(view));
    }
  }

  private static Network reluFirst() {
    Network net = Network.builder(2).relu().linear(1, true).build();
    net.parameters().get("1.weight").set(0, 0, 0.3);
    net.parameters().get("1.weight").set(1, 0, -0.7);
    return net;
  }

  @Test
  void tooManyEpochsForTheBatchSizeAreRejected() {
    Network net = exerciseNetwork(0, 4);
    assertEquals("epochs must be at most 1073741823 at this batch size, but was 1073741824",
        assertThrows(IllegalArgumentException.class,
            () -> SGD.withBatchSize(2).fitEpochs(net, XOR_X, XOR_Y, 1 << 30)).getMessage());
  }

  @Test
  void theSmallestValidSettingsAreAccepted() {
    assertEquals(1, SGD.withBatchSize(1).fitEpochs(exerciseNetwork(0, 4), XOR_X, XOR_Y, 1).epochLosses().length);
    assertEquals(SGD.withShuffleSeed(0).withBatchSize(2).fit(exerciseNetwork(0, 4), XOR_X, XOR_Y, 2).finalLoss(),
        SGD.withBatchSize(2).fit(exerciseNetwork(0, 4), XOR_X, XOR_Y, 2).finalLoss());
    assertEquals(3, SGD.withTargetLoss(0).fit(exerciseNetwork(0, 4), XOR_X, XOR_Y, 3).steps());
  }
}

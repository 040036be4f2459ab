package io.github.nndsl.core.train;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.TrainerTest.exerciseNetwork;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link Trainer#update}: the optimiser's update with a gradient computed elsewhere. */
class TrainerUpdateTest {

  private static final Trainer ADAM = Trainer.of(Losses.mse(), Optimizers.adam(0.01));

  @ParameterizedTest
  @MethodSource("optimizers")
  void updatingWithTheNetworksOwnGradientIsAStep(Optimizer optimizer) {
    Trainer trainer = Trainer.of(Losses.mse(), optimizer);
    Network stepped = exerciseNetwork(3, 4);
    Network updated = exerciseNetwork(3, 4);
    for (int i = 0; i < 5; i++) {
      double loss = trainer.step(stepped, XOR_X, XOR_Y);
      assertEquals(loss, updated.computeGradients(XOR_X, XOR_Y, Losses.mse()), 0.0);
      trainer.update(updated, updated.parameters().gradientSnapshot());
    }
    assertArrayEquals(stepped.parameters().snapshot(), updated.parameters().snapshot(), 0.0);
    assertEquals(TrainingSnapshot.take(stepped), TrainingSnapshot.take(updated), "the same optimiser state");
  }

  static Stream<Optimizer> optimizers() {
    return Stream.of(Optimizers.sgd(0.5), Optimizers.sgd(0.1, 0.9), Optimizers.nesterov(0.1, 0.9),
        Optimizers.adam(0.01));
  }

  @Test
  void plainSgdSubtractsTheRateTimesTheGradient() {
    Network net = exerciseNetwork(1, 2);
    double[] before = net.parameters().snapshot();
    double[] g = new double[before.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = i - 3.5;
    }
    Trainer.of(Losses.mse(), Optimizers.sgd(0.25)).update(net, g);
    double[] after = net.parameters().snapshot();
    for (int i = 0; i < g.length; i++) {
      assertEquals(before[i] - 0.25 * g[i], after[i], 0.0);
    }
  }

  @Test
  void rejectsAGradientOfTheWrongLengthOrNotFiniteChangingNothing() {
    Network net = exerciseNetwork(1, 2);
    double[] before = net.parameters().snapshot();
    int size = before.length;
    assertEquals("gradient must have " + size + " values (the network's parameters), but has 3",
        assertThrows(IllegalArgumentException.class, () -> ADAM.update(net, new double[3])).getMessage());
    double[] nan = new double[size];
    nan[2] = Double.NaN;
    assertEquals("gradient must be finite, but gradient[2] is NaN",
        assertThrows(IllegalArgumentException.class, () -> ADAM.update(net, nan)).getMessage());
    assertEquals("network is null",
        assertThrows(IllegalArgumentException.class, () -> ADAM.update(null, nan)).getMessage());
    assertEquals("gradient is null",
        assertThrows(IllegalArgumentException.class, () -> ADAM.update(net, null)).getMessage());
    assertArrayEquals(before, net.parameters().snapshot(), 0.0);
    assertEquals(null, TrainingSnapshot.take(net), "no optimiser state was created");
  }
}

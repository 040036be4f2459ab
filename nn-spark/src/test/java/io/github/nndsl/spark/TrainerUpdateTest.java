package io.github.nndsl.spark;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.Trainer;
import io.github.nndsl.dsl.Sequential;
import org.junit.jupiter.api.Test;

/**
 * nn-core's {@code Trainer.update}, which this module's driver relies on (tested here so that the
 * nn-core change stays the one method; it belongs in nn-core's tests on merge).
 */
class TrainerUpdateTest {

  static final Sequential MODEL = Sequential.of(linear(2, 3), tanh(), linear(3, 1));
  static final Tensor X = Tensor.of(new double[][] {{0, 1}, {1, 0}, {1, 1}, {0.5, -2}});
  static final Tensor Y = Tensor.of(new double[][] {{1}, {1}, {0}, {0.3}});

  @Test
  void computeGradientsThenUpdateIsStepBitForBit() {
    for (var optimizer : java.util.List.of(Optimizers.sgd(0.1), Optimizers.sgd(0.1, 0.9), Optimizers.adam(0.01))) {
      Trainer trainer = Trainer.of(Losses.mse(), optimizer);
      Network stepped = MODEL.compile(4);
      Network updated = MODEL.compile(4);
      for (int i = 0; i < 5; i++) {
        trainer.step(stepped, X, Y);
        updated.computeGradients(X, Y, Losses.mse());
        trainer.update(updated, updated.parameters().gradientSnapshot());
      }
      assertArrayEquals(stepped.parameters().snapshot(), updated.parameters().snapshot(), optimizer.toString());
    }
  }

  @Test
  void rejectsAGradientOfAnotherLengthAndChangesNothing() {
    Network net = MODEL.compile(4);
    double[] before = net.parameters().snapshot();
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.adam(0.01));
    assertEquals("gradient must have 13 values (the network's parameters), but has 12",
        assertThrows(IllegalArgumentException.class, () -> trainer.update(net, new double[12])).getMessage());
    assertArrayEquals(before, net.parameters().snapshot());
    assertEquals(null, net.trainingSnapshot());
  }
}

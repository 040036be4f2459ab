package io.github.nndsl.core.train;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.SchedulesTest.bits;
import static io.github.nndsl.core.train.SchedulesTest.net;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Golden;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Clipping by global norm against PyTorch 1.13's clip_grad_norm_ (golden/training.txt). */
class ClippingTest {

  private static final Golden TORCH = Golden.load("/golden/training.txt");

  @ParameterizedTest
  @ValueSource(strings = {"small", "large"})
  void clipsAsClipGradNorm(String which) {
    double[] g = TORCH.tensor("clip.grads").toArray();
    double maxNorm = which.equals("small") ? 1.0 : 100.0;
    TrainingLoop.clip(g, maxNorm);
    double[] expected = TORCH.tensor("clip." + which).toArray();
    for (int i = 0; i < g.length; i++) {
      // PyTorch's norm is a norm of per-tensor norms, nn-core's one sum in store order: they may
      // round apart in the last bit of the norm, so of the coefficient
      assertEquals(expected[i], g[i], 2 * Math.ulp(expected[i]), which + " element " + i);
    }
  }

  @Test
  void leavesASmallGradientUntouched() {
    double[] g = TORCH.tensor("clip.grads").toArray();
    TrainingLoop.clip(g, 100.0);
    assertArrayEquals(bits(TORCH.tensor("clip.grads").toArray()), bits(g));
  }

  /**
   * The whole loop against PyTorch: Linear(3, 2) under MSE, 12 full-batch epochs, each
   * clip_grad_norm_(0.5), AdamW(0.05, weight_decay=0.1).step(), StepLR(4, 0.5).step().
   */
  @Test
  void clippingAdamWAndAScheduleTogetherFollowPyTorch() {
    Network net = Network.builder(3).linear(2, true).build();
    net.parameters().get("0.weight").copyFrom(TORCH.tensor("fit.w0"));
    net.parameters().get("0.bias").copyFrom(TORCH.tensor("fit.b0"));
    TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.adamW(0.05, 0.1)).withSchedule(Schedules.step(4, 0.5))
        .withGradientClipping(0.5).fit(net, TORCH.tensor("fit.x"), TORCH.tensor("fit.y"), 12);
    assertClose(TORCH.tensor("fit.losses").toArray(), h.losses(), 1e-13);
    assertClose(TORCH.tensor("fit.w").toArray(), net.parameters().get("0.weight").toArray(), 1e-13);
    assertClose(TORCH.tensor("fit.b").toArray(), net.parameters().get("0.bias").toArray(), 1e-13);
  }

  private static void assertClose(double[] expected, double[] actual, double relative) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]), "element " + i);
    }
  }

  @Test
  void fusedSgdClipsAsTheSeparateStepWould() {
    // plain SGD fuses its update into backward; with clipping it runs after, so the update must be
    // exactly p -= lr * clip(g): replayed here through Trainer.update with the clipped gradient
    Trainer clipped = Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).withGradientClipping(0.05);
    Network a = net();
    clipped.fit(a, XOR_X, XOR_Y, 3);
    Network b = net();
    Trainer plain = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));
    for (int i = 0; i < 3; i++) {
      b.computeGradients(XOR_X, XOR_Y, Losses.mse());
      double[] g = b.parameters().gradientSnapshot();
      TrainingLoop.clip(g, 0.05);
      plain.update(b, g);
    }
    assertArrayEquals(bits(b.parameters().snapshot()), bits(a.parameters().snapshot()));
  }

  @Test
  void rejectsANormThatIsNotPositive() {
    Trainer t = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals("maxNorm must be finite and positive, but was " + bad,
          assertThrows(IllegalArgumentException.class, () -> t.withGradientClipping(bad)).getMessage());
    }
  }
}

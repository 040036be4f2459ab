package io.github.nndsl.core;

import static io.github.nndsl.core.TensorAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LossesTest {

  private static final Golden GOLDEN = Golden.load("/golden/engine.txt");

  private static void assertGradientMatchesFiniteDifferences(Loss loss, Tensor p, Tensor t) {
    Tensor numeric = GradientCheck.numericGradient(v -> loss.compute(v, t), p.copy(), 1e-6);
    assertClose(numeric, loss.gradient(p, t), 1e-6);
  }

  @Nested
  class Mse {

    @Test
    void equalsTheFunctionalOp() {
      Tensor p = FunctionalTest.filled(1, 6, 8);
      Tensor t = FunctionalTest.filled(2, 6, 8);
      assertEquals(Functional.mseLoss(p, t), Losses.mse().compute(p, t));
      assertEquals(Functional.mseLossBackward(p, t), Losses.mse().gradient(p, t));
    }
  }

  @Nested
  class CrossEntropyWithLogits {

    @Test
    void matchesNumpyIncludingExtremeLogits() {
      Tensor z = GOLDEN.tensor("ce.z");
      Tensor t = GOLDEN.tensor("ce.t");
      double loss = Losses.crossEntropyWithLogits().compute(z, t);
      assertTrue(Double.isFinite(loss));
      assertEquals(GOLDEN.scalar("ce.logits.loss"), loss, 1e-12);
      assertClose(GOLDEN.tensor("ce.logits.grad"), Losses.crossEntropyWithLogits().gradient(z, t), 1e-15);
    }

    @Test
    void fusedPassHasTheBitsOfTheSeparatePasses() {
      // the training step's one pass (value and gradient, each exponential computed once) against
      // the two passes that the NumPy golden checks, on the golden's extreme logits and on soft targets
      java.util.Random random = new java.util.Random(7);
      Tensor soft = Tensor.zeros(5, 3);
      Tensor logits = Tensor.zeros(5, 3);
      for (int r = 0; r < 5; r++) {
        double a = random.nextDouble();
        soft.set(r, 0, a);
        soft.set(r, 1, 1 - a);
        for (int j = 0; j < 3; j++) {
          logits.set(r, j, random.nextGaussian() * Math.pow(10, r - 2));
        }
      }
      for (Tensor[] c : new Tensor[][] {{GOLDEN.tensor("ce.z"), GOLDEN.tensor("ce.t")}, {logits, soft}}) {
        double[] z = c[0].toArray();
        double[] t = c[1].toArray();
        int rows = c[0].dim(0);
        int cols = c[0].dim(1);
        double[] fused = new double[z.length + 2];
        double value = Losses.crossEntropyWithLogits().function().valueAndGradient(z, 0, t, 0, fused, 2, rows, cols);
        assertEquals(Losses.crossEntropyWithLogits().compute(c[0], c[1]), value, 0.0);
        assertArrayEquals(Losses.crossEntropyWithLogits().gradient(c[0], c[1]).toArray(),
            java.util.Arrays.copyOfRange(fused, 2, fused.length), 0.0);
      }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
      assertGradientMatchesFiniteDifferences(Losses.crossEntropyWithLogits(),
          FunctionalTest.filled(3, 4, 3), Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5, 0.5, 0}}));
    }

    @Test
    void isLogOfClassCountForUniformLogits() {
      Tensor t = Tensor.of(new double[][] {{0, 1, 0, 0}});
      assertEquals(Math.log(4), Losses.crossEntropyWithLogits().compute(Tensor.zeros(1, 4), t), 1e-15);
    }
  }

  @Nested
  class CrossEntropy {

    @Test
    void matchesNumpy() {
      Tensor p = GOLDEN.tensor("ce.p");
      Tensor t = GOLDEN.tensor("ce.pt");
      assertEquals(GOLDEN.scalar("ce.probs.loss"), Losses.crossEntropy().compute(p, t), 1e-12);
      assertClose(GOLDEN.tensor("ce.probs.grad"), Losses.crossEntropy().gradient(p, t), 1e-12);
    }

    @Test
    void staysFiniteAtZeroProbability() {
      Tensor p = Tensor.of(new double[][] {{0, 1}});
      Tensor t = Tensor.of(new double[][] {{1, 0}});
      assertEquals(100.0, Losses.crossEntropy().compute(p, t));
      assertTrue(Double.isFinite(Losses.crossEntropy().gradient(p, t).get(0)));
    }
  }

  @Nested
  class BinaryCrossEntropy {

    @Test
    void matchesNumpy() {
      Tensor p = GOLDEN.tensor("bce.p");
      Tensor t = GOLDEN.tensor("bce.t");
      assertEquals(GOLDEN.scalar("bce.loss"), Losses.binaryCrossEntropy().compute(p, t), 1e-12);
      assertClose(GOLDEN.tensor("bce.grad"), Losses.binaryCrossEntropy().gradient(p, t), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
      Tensor p = Tensor.of(new double[][] {{0.2, 0.7}, {0.9, 0.4}});
      assertGradientMatchesFiniteDifferences(Losses.binaryCrossEntropy(), p, Tensor.of(new double[][] {{0, 1}, {1, 1}}));
    }

    @Test
    void isLargeButFiniteWhenConfidentlyWrong() {
      assertEquals(100.0, Losses.binaryCrossEntropy().compute(Tensor.vector(1.0), Tensor.vector(0.0)));
    }
  }

  @Test
  void rejectsMismatchedShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.mse().compute(Tensor.zeros(4, 1), Tensor.zeros(4, 2)));
    assertEquals("predictions and targets must have the same shape, but predictions is (4, 1) and targets is (4, 2)",
        e.getMessage());
  }

  @Test
  void printAsTheirFactories() {
    assertEquals("mse()", Losses.mse().toString());
    assertEquals("crossEntropyWithLogits()", Losses.crossEntropyWithLogits().toString());
  }
}

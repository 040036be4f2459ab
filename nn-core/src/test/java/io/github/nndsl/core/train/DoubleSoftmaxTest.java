package io.github.nndsl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.NetworkTest;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoubleSoftmaxTest {

  private static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  private static final Tensor Y = Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}});

  private static Network net(boolean softmax) {
    Network.Builder b = Network.builder(2).linear(3, true).relu().linear(3, true);
    Network n = (softmax ? b.softmax() : b).build();
    NetworkTest.randomize(n, 8);
    return n;
  }

  private static long count(TrainingHistory h) {
    return h.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.DOUBLE_SOFTMAX).count();
  }

  @Test
  void firesOnceAtTheStartOfFitForASoftmaxUnderTheLogitsLoss() {
    List<Diagnostic> heard = new ArrayList<>();
    TrainingHistory h = Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(0.01))
        .withDiagnostics(Diagnostics.every(1), heard::add).fit(net(true), X, Y, 20);
    assertEquals(1, count(h));
    Diagnostic d = h.diagnostics().get(0);
    assertEquals(Diagnostic.Kind.DOUBLE_SOFTMAX, d.kind());
    assertEquals(0, d.step());
    assertTrue(Double.isNaN(d.value()));
    assertTrue(d.message().contains("drop the last softmax()") && d.message().contains("use crossEntropy()"),
        d.message());
    assertEquals(d, heard.get(0), "the listener hears it before training starts");
  }

  @Test
  void staysQuietForTheRightPairs() {
    Loss logits = Losses.crossEntropyWithLogits();
    assertEquals(0, count(Trainer.of(logits, Optimizers.adam(0.01)).fit(net(false), X, Y, 5)));
    assertEquals(0, count(Trainer.of(Losses.crossEntropy(), Optimizers.adam(0.01)).fit(net(true), X, Y, 5)));
    assertEquals(0, count(Trainer.of(logits, Optimizers.adam(0.01)).withDiagnostics(Diagnostics.off())
        .fit(net(true), X, Y, 5)));
  }
}

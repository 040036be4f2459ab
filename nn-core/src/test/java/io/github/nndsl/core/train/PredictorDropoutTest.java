package io.github.nndsl.core.train;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.NetworkTest.randomize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Predictor;
import org.junit.jupiter.api.Test;

/** A predictor never drops, even when frozen while the network's dropout ops are in training mode. */
class PredictorDropoutTest {

  @Test
  void aPredictorFrozenRightAfterATrainingStepDoesNotDrop() {
    Network net = Network.builder(2).linear(16, true).relu().dropout(0.5).linear(1, true).sigmoid().build();
    randomize(net, 3);
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.1));
    trainer.step(net, XOR_X, XOR_Y); // leaves the dropout op in training mode until the next forward
    Predictor frozen = net.freeze();
    double[][] byPredictor = new double[4][];
    for (int r = 0; r < 4; r++) {
      byPredictor[r] = frozen.predict(new double[] {XOR_X.get(r, 0), XOR_X.get(r, 1)});
    }
    trainer.step(net, XOR_X, XOR_Y); // training the network again changes neither mode nor weights of the copy
    for (int r = 0; r < 4; r++) {
      assertArrayEquals(byPredictor[r], frozen.predict(new double[] {XOR_X.get(r, 0), XOR_X.get(r, 1)}), 0.0);
    }
  }

  @Test
  void aPredictorAgreesWithPredictWhichNeverDrops() {
    Network net = Network.builder(2).linear(16, true).relu().dropout(0.5).linear(1, true).sigmoid().build();
    randomize(net, 4);
    Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).step(net, XOR_X, XOR_Y);
    Predictor frozen = net.freeze();
    double[] expected = net.predict(XOR_X).toArray();
    assertArrayEquals(expected, frozen.predict(XOR_X).toArray(), 0.0);
  }
}

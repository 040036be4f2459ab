import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.dsl.Sequential;
import org.junit.jupiter.api.Test;

/** A consumer of the freshly built nn-dsl (and, through it, nn-core) declares and trains XOR. */
class XorConsumerTest {

  @Test
  void readmeQuickStartRuns() {
    QuickStart.main(new String[0]); // throws if XOR is not learned
  }

  @Test
  void declaresXorFluentlyAndLearnsIt() {
    int h = 4;
    Sequential model = Sequential.of(linear(2, h), relu(), linear(h, 1), sigmoid());
    Network net = model.compile(0);
    Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
    double loss = Trainer.of(Losses.mse(), Optimizers.adam(0.05)).fit(net, x, y, 1000).finalLoss();
    assertTrue(loss < 0.01, "loss " + loss);
    Tensor p = net.predict(x);
    for (int r = 0; r < 4; r++) {
      assertEquals(y.get(r, 0), Math.round(p.get(r, 0)), "row " + r + ": " + p);
    }
  }
}

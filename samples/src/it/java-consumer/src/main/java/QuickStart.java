import static io.github.nndsl.dsl.Layers.*;

import io.github.nndsl.core.*;
import io.github.nndsl.core.train.*;
import io.github.nndsl.dsl.Sequential;

public class QuickStart {
  public static void main(String[] args) {
    Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

    Sequential model = Sequential.of(linear(2, 8), relu(), linear(8, 1), sigmoid());
    System.out.print(model.summary());              // a table: layers, shapes, 33 parameters

    Network net = model.compile(42);                // parameters drawn from NumPy's default_rng(42)
    TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.sgd(0.5))
        .fit(net, x, y, 5000, (step, loss) -> { if (step % 1000 == 0) System.out.println(step + ": " + loss); });
    Tensor p = net.predict(x);                      // about [[0], [1], [1], [0]]
    System.out.println("final loss " + h.finalLoss() + ", predictions " + p);
    if (!(p.get(0, 0) < 0.5 && p.get(1, 0) > 0.5 && p.get(2, 0) > 0.5 && p.get(3, 0) < 0.5)) {
      throw new IllegalStateException("XOR not learned: " + p);
    }
  }
}

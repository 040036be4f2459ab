package xor.consumer;

import io.github.nndsl.core.train.Trainer;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;

/** Trains XOR from a named module that requires only io.github.nndsl.dsl. */
public final class ModularXor {

  private ModularXor() {}

  /** Returns the trained network's predictions for the four XOR inputs. */
  public static Tensor train() {
    Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
    Network net = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid()).compile(0);
    Trainer.of(Losses.mse(), Optimizers.adam(0.05)).fit(net, x, y, 1000);
    return net.predict(x);
  }

  public static void main(String[] args) {
    System.out.println(train());
  }
}

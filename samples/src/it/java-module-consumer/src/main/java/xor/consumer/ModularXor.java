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
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

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

  /**
   * Returns the shape problems of a model that does not fit: Vavr's types, read through nn-dsl's
   * {@code requires transitive io.vavr} (this module does not require io.vavr itself).
   */
  public static Seq<String> problems() {
    Validation<Seq<String>, Sequential> checked = Sequential.validate(linear(2, 4), relu(), linear(3, 1));
    return checked.getError();
  }

  public static void main(String[] args) {
    System.out.println(train());
  }
}

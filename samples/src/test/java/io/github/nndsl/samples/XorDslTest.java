package io.github.nndsl.samples;

import io.github.nndsl.core.train.Trainer;

import static io.github.nndsl.dsl.Init.normal;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.dsl.Sequential;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DSL route trains to exactly the exercise's numbers: declared, compiled, fitted in place. */
class XorDslTest {

  static Stream<Arguments> settings() {
    return IntStream.range(0, 24).boxed().flatMap(seed -> Stream.of(
        Arguments.of((long) seed, 4, 0.5, 2000),
        Arguments.of((long) seed, 1 + seed % 9, 0.1 + 0.1 * (seed % 7), 700)));
  }

  @ParameterizedTest(name = "seed {0}, hidden {1}, lr {2}, steps {3}")
  @MethodSource("settings")
  void dslTrainingEqualsTrainXorBitForBit(long seed, int hidden, double lr, int steps) {
    Network net = Sequential.of(
            linear(2, hidden).withWeightInit(normal(0.5)), relu(),
            linear(hidden, 1).withWeightInit(normal(0.5)), sigmoid())
        .compile(seed);
    double loss = Trainer.of(Losses.mse(), Optimizers.sgd(lr)).fit(net, Xor.inputs(), Xor.targets(), steps).finalLoss();
    assertEquals(Double.doubleToLongBits(Xor.trainXor(seed, hidden, lr, steps)), Double.doubleToLongBits(loss));
  }

  @Test
  void theDefaultsAgreeIncludingTheStuckSeed() {
    for (long seed : new long[] {0, 1, 2, 7, Long.MAX_VALUE}) {
      double loss = Trainer.of(Losses.mse(), Optimizers.sgd(0.5))
          .fit(Xor.model(4).compile(seed), Xor.inputs(), Xor.targets(), 5000).finalLoss();
      assertEquals(Xor.trainXor(seed), loss, 0.0, "seed " + seed);
    }
  }
}

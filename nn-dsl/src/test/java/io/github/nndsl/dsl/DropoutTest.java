package io.github.nndsl.dsl;

import static io.github.nndsl.dsl.Layers.dropout;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.standardize;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Layers#dropout}: its rate, that dropout(0) trains as no dropout, and that predict never drops. */
class DropoutTest {

  static final Tensor X = NumPyRandom.defaultRng(5).standardNormal(30, 4);
  static final Tensor Y = NumPyRandom.defaultRng(6).standardNormal(30, 3);

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsARateOutsideZeroToOne(double rate) {
    assertEquals("rate must be in [0, 1), but was " + rate,
        assertThrows(IllegalArgumentException.class, () -> dropout(rate)).getMessage());
  }

  @Test
  void printsAsTheFactoryCallAndNormalisesMinusZero() {
    assertEquals("Dropout(0.5)", dropout(0.5).toString());
    assertEquals(dropout(0.0), dropout(-0.0));
    assertEquals(0, dropout(0.5).parameterCount());
    assertEquals(7, dropout(0.5).outputWidth(7));
  }

  /** The same layers with a dropout(0) inserted at {@code at}. */
  private static Sequential inserting(List<Layer> layers, int at) {
    List<Layer> with = new ArrayList<>(layers);
    with.add(at, dropout(0));
    return Sequential.ofAll(with);
  }

  static Stream<Arguments> placements() {
    List<Layer> relu = List.of(linear(4, 8), relu(), linear(8, 3));
    List<Layer> auto = List.of(linear(4, 8), relu(), linear(8, 3), sigmoid());
    List<Layer> tanh = List.of(standardize(X), linear(4, 6), tanh(), linear(6, 3), softmax());
    return Stream.of(
        Arguments.of("after relu", relu, 2), Arguments.of("between linear and relu", relu, 1),
        Arguments.of("first", relu, 0), Arguments.of("last", relu, 3),
        Arguments.of("before a sigmoid output", auto, 3), Arguments.of("after standardize", tanh, 1),
        Arguments.of("between linear and tanh", tanh, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placements")
  void dropoutZeroTrainsBitForBitAsNoDropout(String name, List<Layer> layers, int at) {
    Sequential plain = Sequential.ofAll(layers);
    Sequential zero = inserting(layers, at);
    for (Trainer trainer : List.of(
        Trainer.of(Losses.mse(), Optimizers.sgd(0.1)),
        Trainer.of(Losses.mse(), Optimizers.adam(0.01)).withBatchSize(7).withShuffleSeed(3))) {
      Network a = plain.compile(11);
      Network b = zero.compile(11);
      assertArrayEquals(a.parameters().snapshot(), b.parameters().snapshot(), 0.0, name + ": the same initial weights");
      TrainingHistory ha = trainer.fit(a, X, Y, 40);
      TrainingHistory hb = trainer.fit(b, X, Y, 40);
      assertArrayEquals(ha.losses(), hb.losses(), 0.0, name + " losses");
      assertArrayEquals(a.parameters().snapshot(), b.parameters().snapshot(), 0.0, name + " parameters");
      assertEquals(a.predict(X), b.predict(X), name);
    }
  }

  @Test
  void aRateAboveZeroChangesTrainingButNeverPrediction() {
    Sequential model = Sequential.of(linear(4, 16), relu(), dropout(0.5), linear(16, 3));
    Sequential plain = Sequential.of(linear(4, 16), relu(), linear(16, 3));
    Network a = model.compile(2);
    Network b = plain.compile(2);
    assertEquals(b.predict(X), a.predict(X), "predict does not drop");
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.sgd(0.1));
    trainer.fit(a, X, Y, 20);
    trainer.fit(b, X, Y, 20);
    assertFalse(Arrays.equals(a.parameters().snapshot(), b.parameters().snapshot()), "training dropped units");
    // the same weights in both: predict gives the same bits, twice
    b.parameters().restore(a.parameters().snapshot());
    assertEquals(b.predict(X), a.predict(X));
    assertEquals(a.predict(X), a.predict(X));
  }

  @Test
  void aRunRepeatsBitForBitFromTheSameSeeds() {
    Sequential model = Sequential.of(standardize(X), linear(4, 16), relu(), dropout(0.3), linear(16, 3));
    Trainer trainer = Trainer.of(Losses.mse(), Optimizers.adam(0.01)).withBatchSize(8).withShuffleSeed(9);
    Network a = model.compile(4);
    Network b = model.compile(4);
    assertArrayEquals(trainer.fitEpochs(a, X, Y, 5).losses(), trainer.fitEpochs(b, X, Y, 5).losses(), 0.0);
    assertArrayEquals(a.parameters().snapshot(), b.parameters().snapshot(), 0.0);
  }
}

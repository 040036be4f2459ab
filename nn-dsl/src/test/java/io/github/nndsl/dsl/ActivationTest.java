package io.github.nndsl.dsl;


import static io.github.nndsl.dsl.InitTest.assertRejected;
import static io.github.nndsl.dsl.Layers.identity;
import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationTest {

  /** Each activation from its factory, with its printed form and the record created directly. */
  static Stream<Arguments> activations() {
    return Stream.of(
        Arguments.of(relu(), "ReLU", new Relu()),
        Arguments.of(sigmoid(), "Sigmoid", new Sigmoid()),
        Arguments.of(tanh(), "Tanh", new Tanh()),
        Arguments.of(leakyRelu(), "LeakyReLU(0.01)", new LeakyRelu(0.01)),
        Arguments.of(softmax(), "Softmax", new Softmax()),
        Arguments.of(identity(), "Identity", new Identity()));
  }

  @Nested
  class EveryActivation {

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.github.nndsl.dsl.ActivationTest#activations")
    void printsAsTheFactoryCall(Layer layer, String printed, Layer direct) {
      assertEquals(printed, layer.toString());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.github.nndsl.dsl.ActivationTest#activations")
    void equalsTheRecordCreatedDirectly(Layer layer, String printed, Layer direct) {
      assertEquals(direct, layer);
      assertEquals(direct.hashCode(), layer.hashCode());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.github.nndsl.dsl.ActivationTest#activations")
    void hasNoParameters(Layer layer, String printed, Layer direct) {
      assertEquals(0, layer.parameterCount());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.github.nndsl.dsl.ActivationTest#activations")
    void keepsTheWidth(Layer layer, String printed, Layer direct) {
      assertEquals(1, layer.outputWidth(1));
      assertEquals(7, layer.outputWidth(7));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.github.nndsl.dsl.ActivationTest#activations")
    void rejectsANonPositiveWidth(Layer layer, String printed, Layer direct) {
      assertRejected("inputWidth must be positive, but was 0", () -> layer.outputWidth(0));
    }

    @Test
    void differFromEachOther() {
      assertNotEquals(relu(), leakyRelu(0));
      assertNotEquals(sigmoid(), tanh());
      assertNotEquals(softmax(), identity());
    }
  }

  @Nested
  class LeakyReluSlope {

    @Test
    void defaultsToOneHundredth() {
      assertEquals(0.01, leakyRelu().slope());
      assertEquals(leakyRelu(0.01), leakyRelu());
    }

    @Test
    void keepsAGivenSlope() {
      assertEquals(0.2, leakyRelu(0.2).slope());
      assertEquals("LeakyReLU(0.2)", leakyRelu(0.2).toString());
    }

    @Test
    void acceptsZero() {
      assertEquals("LeakyReLU(0.0)", leakyRelu(0).toString());
    }

    @Test
    void storesNegativeZeroAsZero() {
      assertEquals(leakyRelu(0.0), leakyRelu(-0.0));
    }

    @Test
    void comparesByValue() {
      assertEquals(leakyRelu(0.2), new LeakyRelu(0.2));
      assertNotEquals(leakyRelu(0.2), leakyRelu(0.3));
    }

    @Test
    void rejectsANegativeSlope() {
      assertRejected("slope must be finite and non-negative, but was -0.1", () -> leakyRelu(-0.1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsANonFiniteSlope(double slope) {
      assertRejected(
          "slope must be finite and non-negative, but was " + slope, () -> new LeakyRelu(slope));
    }
  }
}

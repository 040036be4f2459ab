package io.github.nndsl.dsl;


import static io.github.nndsl.dsl.Layers.identity;
import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.dsl.internal.InitPlan;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoweringTest {

  @Nested
  class ResolvingAuto {

    @Test
    void choosesHeBeforeARelu() {
      assertEquals(Init.he(), Lowering.resolve(Init.auto(), relu()));
    }

    @Test
    void choosesHeBeforeALeakyRelu() {
      assertEquals(Init.he(), Lowering.resolve(Init.auto(), leakyRelu(0.3)));
    }

    static Stream<Layer> notRectifiers() {
      return Stream.of(sigmoid(), tanh(), softmax(), identity(), linear(4, 2));
    }

    @ParameterizedTest
    @MethodSource("notRectifiers")
    void choosesGlorotBeforeAnythingElse(Layer next) {
      assertEquals(Init.glorot(), Lowering.resolve(Init.auto(), next));
    }

    @Test
    void choosesGlorotForTheLastLayer() {
      assertEquals(Init.glorot(), Lowering.resolve(Init.auto(), null));
    }

    @Test
    void keepsAnExplicitInit() {
      assertEquals(Init.normal(0.5), Lowering.resolve(Init.normal(0.5), relu()));
      assertEquals(Init.glorot(), Lowering.resolve(Init.glorot(), relu()));
    }
  }

  @Nested
  class Inits {

    @Test
    void computesHeAndGlorotScalesFromTheFans() {
      assertEquals(InitPlan.normal(Math.sqrt(2.0 / 8)), Lowering.lower(Init.he(), 8, 3));
      double a = Math.sqrt(6.0 / (8 + 3));
      assertEquals(InitPlan.uniform(-a, a), Lowering.lower(Init.glorot(), 8, 3));
    }

    @Test
    void zerosIsAConstantThatDrawsNothing() {
      assertEquals(InitPlan.constant(0.0), Lowering.lower(Init.zeros(), 2, 2));
      assertEquals(InitPlan.constant(0.25), Lowering.lower(Init.constant(0.25), 2, 2));
    }

    @Test
    void refusesAnUnresolvedAuto() {
      assertThrows(AssertionError.class, () -> Lowering.lower(Init.auto(), 2, 2));
    }
  }
}

package io.github.nndsl.dsl;


import static io.github.nndsl.dsl.InitTest.assertRejected;
import static io.github.nndsl.dsl.Layers.linear;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LinearTest {

  @Nested
  class Factory {

    @Test
    void hasABiasAutoWeightsAndZeroBiases() {
      Linear l = linear(2, 4);
      assertEquals(2, l.inputs());
      assertEquals(4, l.outputs());
      assertTrue(l.bias());
      assertEquals(Init.auto(), l.weightInit());
      assertEquals(Init.zeros(), l.biasInit());
    }

    @Test
    void equalsTheRecordCreatedDirectly() {
      assertEquals(new Linear(2, 4, true, Init.auto(), Init.zeros()), linear(2, 4));
    }
  }

  @Nested
  class Validation {

    @Test
    void rejectsZeroInputs() {
      assertRejected("inputs must be positive, but was 0", () -> linear(0, 4));
    }

    @Test
    void rejectsNegativeOutputs() {
      assertRejected("outputs must be positive, but was -1", () -> linear(2, -1));
    }

    @Test
    void rejectsNullWeightInit() {
      assertRejected("weightInit is null", () -> new Linear(2, 4, true, null, Init.zeros()));
    }

    @Test
    void rejectsNullBiasInit() {
      assertRejected("biasInit is null", () -> new Linear(2, 4, true, Init.auto(), null));
    }

    @Test
    void rejectsAutoBiasInit() {
      assertRejected(
          "biasInit must not be auto(), which only chooses weight initialisations; use zeros() or"
              + " another init",
          () -> new Linear(2, 4, true, Init.auto(), Init.auto()));
    }

    @Test
    void rejectsABiasInitOtherThanZerosWithoutBias() {
      assertRejected(
          "biasInit must be zeros() when bias is false, but was constant(0.1)",
          () -> new Linear(2, 4, false, Init.auto(), Init.constant(0.1)));
    }
  }

  @Nested
  class Withers {

    @Test
    void withoutBiasDropsTheBiasAndResetsItsInit() {
      Linear l = linear(2, 4).withBiasInit(Init.constant(0.1)).withoutBias();
      assertFalse(l.bias());
      assertEquals(Init.zeros(), l.biasInit());
    }

    @Test
    void withoutBiasKeepsTheRest() {
      Linear l = linear(2, 4).withWeightInit(Init.he()).withoutBias();
      assertEquals(new Linear(2, 4, false, Init.he(), Init.zeros()), l);
    }

    @Test
    void withBiasFalseIsWithoutBias() {
      Linear l = linear(2, 4).withBiasInit(Init.constant(0.1));
      assertEquals(l.withoutBias(), l.withBias(false));
    }

    @Test
    void withBiasTrueRestoresAZeroBias() {
      assertEquals(linear(2, 4), linear(2, 4).withoutBias().withBias(true));
    }

    @Test
    void withBiasTrueKeepsTheBiasInit() {
      Linear l = linear(2, 4).withBiasInit(Init.constant(0.1));
      assertEquals(l, l.withBias(true));
    }

    @Test
    void withWeightInitReplacesTheWeightInit() {
      Linear l = linear(2, 4).withBiasInit(Init.constant(0.1)).withWeightInit(Init.normal(0.5));
      assertEquals(new Linear(2, 4, true, Init.normal(0.5), Init.constant(0.1)), l);
    }

    @Test
    void withWeightInitRejectsNull() {
      assertRejected("init is null", () -> linear(2, 4).withWeightInit(null));
    }

    @Test
    void withBiasInitReplacesTheBiasInit() {
      Linear l = linear(2, 4).withWeightInit(Init.he()).withBiasInit(Init.uniform(-1, 1));
      assertEquals(new Linear(2, 4, true, Init.he(), Init.uniform(-1, 1)), l);
    }

    @Test
    void withBiasInitRejectsNull() {
      assertRejected("init is null", () -> linear(2, 4).withBiasInit(null));
    }

    @Test
    void withBiasInitRejectsAuto() {
      assertRejected(
          "biasInit must not be auto(), which only chooses weight initialisations; use zeros() or"
              + " another init",
          () -> linear(2, 4).withBiasInit(Init.auto()));
    }

    @Test
    void withBiasInitOnALayerWithoutBiasIsAnOrderMistake() {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> linear(2, 4).withoutBias().withBiasInit(Init.constant(0.1)));
      assertEquals(
          "Linear(2, 4, bias=false) has no bias to initialise; call withBias(true) first",
          e.getMessage());
    }

    @Test
    void leaveTheOriginalUnchanged() {
      Linear original = linear(2, 4);
      original.withoutBias();
      original.withWeightInit(Init.he());
      original.withBiasInit(Init.constant(1));
      assertEquals(new Linear(2, 4, true, Init.auto(), Init.zeros()), original);
    }
  }

  @Nested
  class Printing {

    @Test
    void showsOnlyTheSizesByDefault() {
      assertEquals("Linear(2, 4)", linear(2, 4).toString());
    }

    @Test
    void showsAMissingBias() {
      assertEquals("Linear(2, 4, bias=false)", linear(2, 4).withoutBias().toString());
    }

    @Test
    void showsAWeightInitOtherThanAuto() {
      assertEquals(
          "Linear(2, 4, weightInit=normal(0.5))",
          linear(2, 4).withWeightInit(Init.normal(0.5)).toString());
    }

    @Test
    void showsABiasInitOtherThanZeros() {
      assertEquals(
          "Linear(2, 4, biasInit=constant(0.1))",
          linear(2, 4).withBiasInit(Init.constant(0.1)).toString());
    }

    @Test
    void showsEveryOptionInDeclarationOrder() {
      assertEquals(
          "Linear(2, 4, bias=false, weightInit=he())",
          linear(2, 4).withWeightInit(Init.he()).withoutBias().toString());
      assertEquals(
          "Linear(3, 1, weightInit=glorot(), biasInit=uniform(-1.0, 2.0))",
          linear(3, 1).withBiasInit(Init.uniform(-1, 2)).withWeightInit(Init.glorot()).toString());
    }
  }

  @Nested
  class Equality {

    @Test
    void isByValue() {
      assertEquals(linear(2, 4), linear(2, 4));
      assertEquals(linear(2, 4).hashCode(), linear(2, 4).hashCode());
      assertEquals(
          linear(2, 4).withWeightInit(Init.normal(0.5)),
          linear(2, 4).withWeightInit(Init.normal(0.5)));
    }

    @Test
    void distinguishesEveryComponent() {
      Linear l = linear(2, 4);
      assertNotEquals(l, linear(3, 4));
      assertNotEquals(l, linear(2, 5));
      assertNotEquals(l, l.withoutBias());
      assertNotEquals(l, l.withWeightInit(Init.he()));
      assertNotEquals(l, l.withBiasInit(Init.constant(0)));
    }
  }

  @Nested
  class Sizes {

    @Test
    void countsWeightsAndBiases() {
      assertEquals(12, linear(2, 4).parameterCount());
    }

    @Test
    void countsOnlyWeightsWithoutBias() {
      assertEquals(8, linear(2, 4).withoutBias().parameterCount());
    }

    @Test
    void countsBeyondTheIntRange() {
      assertEquals(10_000_100_000L, linear(100_000, 100_000).parameterCount());
    }

    @Test
    void givesItsOutputsForItsInputs() {
      assertEquals(4, linear(2, 4).outputWidth(2));
    }

    @Test
    void rejectsAnotherInputWidth() {
      assertRejected(
          "Linear(2, 4) expects 2 inputs, but was given 3", () -> linear(2, 4).outputWidth(3));
    }
  }
}

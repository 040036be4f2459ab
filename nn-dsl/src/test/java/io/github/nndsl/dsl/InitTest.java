package io.github.nndsl.dsl;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InitTest {

  static void assertRejected(String message, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }

  @Nested
  class Normal {

    @Test
    void keepsTheStandardDeviation() {
      assertEquals(0.5, ((Init.Normal) Init.normal(0.5)).std());
    }

    @Test
    void printsAsTheFactoryCall() {
      assertEquals("normal(0.5)", Init.normal(0.5).toString());
    }

    @Test
    void acceptsZero() {
      assertEquals("normal(0.0)", Init.normal(0).toString());
    }

    @Test
    void storesNegativeZeroAsZero() {
      assertEquals(Init.normal(0.0), Init.normal(-0.0));
      assertEquals("normal(0.0)", Init.normal(-0.0).toString());
    }

    @Test
    void comparesByValue() {
      assertEquals(Init.normal(0.5), Init.normal(0.5));
      assertEquals(Init.normal(0.5).hashCode(), new Init.Normal(0.5).hashCode());
      assertNotEquals(Init.normal(0.5), Init.normal(0.25));
    }

    @Test
    void rejectsNegativeStd() {
      assertRejected("std must be finite and non-negative, but was -1.0", () -> Init.normal(-1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsNonFiniteStd(double std) {
      assertRejected("std must be finite and non-negative, but was " + std, () -> Init.normal(std));
    }
  }

  @Nested
  class Uniform {

    @Test
    void keepsTheBounds() {
      Init.Uniform u = (Init.Uniform) Init.uniform(-1, 2);
      assertEquals(-1.0, u.low());
      assertEquals(2.0, u.high());
    }

    @Test
    void printsAsTheFactoryCall() {
      assertEquals("uniform(-1.0, 2.0)", Init.uniform(-1, 2).toString());
    }

    @Test
    void comparesByValue() {
      assertEquals(Init.uniform(-1, 2), new Init.Uniform(-1, 2));
      assertEquals(Init.uniform(-1, 2).hashCode(), new Init.Uniform(-1, 2).hashCode());
      assertNotEquals(Init.uniform(-1, 2), Init.uniform(-1, 3));
    }

    @Test
    void rejectsNonFiniteLow() {
      assertRejected("low must be finite, but was NaN", () -> Init.uniform(Double.NaN, 1));
    }

    @Test
    void rejectsNonFiniteHigh() {
      assertRejected(
          "high must be finite, but was Infinity", () -> Init.uniform(0, Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsEqualBounds() {
      assertRejected(
          "low must be less than high, but low was 1.0 and high was 1.0", () -> Init.uniform(1, 1));
    }

    @Test
    void rejectsReversedBounds() {
      assertRejected(
          "low must be less than high, but low was 2.0 and high was 1.0", () -> Init.uniform(2, 1));
    }

    @Test
    void rejectsARangeThatOverflows() {
      assertRejected(
          "high - low must be finite, but was Infinity for low -1.7976931348623157E308 and high"
              + " 1.7976931348623157E308",
          () -> Init.uniform(-Double.MAX_VALUE, Double.MAX_VALUE));
    }
  }

  @Nested
  class Constant {

    @Test
    void keepsTheValue() {
      assertEquals(0.1, ((Init.Constant) Init.constant(0.1)).value());
    }

    @Test
    void printsAsTheFactoryCall() {
      assertEquals("constant(0.1)", Init.constant(0.1).toString());
    }

    @Test
    void acceptsNegativeValues() {
      assertEquals("constant(-2.0)", Init.constant(-2).toString());
    }

    @Test
    void comparesByValue() {
      assertEquals(Init.constant(0.1), new Init.Constant(0.1));
      assertNotEquals(Init.constant(0.1), Init.constant(0.2));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsNonFiniteValue(double value) {
      assertRejected("value must be finite, but was " + value, () -> Init.constant(value));
    }
  }

  @Nested
  class WithoutArguments {

    @Test
    void printAsTheFactoryCalls() {
      assertEquals("zeros()", Init.zeros().toString());
      assertEquals("he()", Init.he().toString());
      assertEquals("glorot()", Init.glorot().toString());
      assertEquals("auto()", Init.auto().toString());
    }

    @Test
    void equalTheirRecordsCreatedDirectly() {
      assertEquals(new Init.Zeros(), Init.zeros());
      assertEquals(new Init.He(), Init.he());
      assertEquals(new Init.Glorot(), Init.glorot());
      assertEquals(new Init.Auto(), Init.auto());
      assertEquals(new Init.Auto().hashCode(), Init.auto().hashCode());
    }

    @Test
    void differFromEachOther() {
      assertNotEquals(Init.zeros(), Init.constant(0));
      assertNotEquals(Init.he(), Init.glorot());
      assertNotEquals(Init.auto(), Init.he());
    }
  }
}

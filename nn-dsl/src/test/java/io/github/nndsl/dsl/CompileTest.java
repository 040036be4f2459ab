package io.github.nndsl.dsl;

import io.github.nndsl.core.random.NumPyRandom;


import static io.github.nndsl.dsl.InitTest.assertRejected;
import static io.github.nndsl.dsl.Layers.identity;
import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompileTest {

  private static final List<GoldenInit> GOLDEN = GoldenInit.load("/golden/init.txt");

  /** The models of gen_init.py's CASES, declared with the DSL. */
  private static final Map<String, Sequential> MODELS =
      Map.of(
          "exercise", exercise(),
          "normal", threeLayers(Init.normal(0.5), Init.zeros(), Init.zeros(), true),
          "uniform",
              threeLayers(Init.uniform(-1, 2), Init.uniform(-1, 2), Init.uniform(-1, 2), true),
          "he", threeLayers(Init.he(), Init.constant(0.1), Init.constant(0.1), true),
          "glorot", threeLayers(Init.glorot(), Init.zeros(), Init.he(), false),
          "auto",
              Sequential.of(
                  linear(3, 5),
                  relu(),
                  linear(5, 4),
                  leakyRelu(0.2),
                  linear(4, 6),
                  identity(),
                  linear(6, 3),
                  softmax(),
                  linear(3, 2)));

  static Sequential exercise() {
    return Sequential.of(
        linear(2, 4).withWeightInit(Init.normal(0.5)),
        relu(),
        linear(4, 1).withWeightInit(Init.normal(0.5)),
        sigmoid());
  }

  /** Linear(3, 5), ReLU, Linear(5, 4), Tanh, Linear(4, 2), Sigmoid. */
  private static Sequential threeLayers(
      Init weights, Init bias, Init lastBias, boolean middleBias) {
    return Sequential.of(
        linear(3, 5).withWeightInit(weights).withBiasInit(bias),
        relu(),
        linear(5, 4).withWeightInit(weights).withBiasInit(bias).withBias(middleBias),
        tanh(),
        linear(4, 2).withWeightInit(weights).withBiasInit(lastBias),
        sigmoid());
  }

  static Stream<GoldenInit> golden() {
    return GOLDEN.stream();
  }

  static void assertBits(Tensor expected, Tensor actual, String where) {
    assertArrayEquals(expected.shape(), actual.shape(), where + " shape");
    for (int i = 0; i < expected.size(); i++) {
      int index = i;
      assertEquals(
          Double.doubleToLongBits(expected.get(i)),
          Double.doubleToLongBits(actual.get(i)),
          () ->
              where
                  + "["
                  + index
                  + "]: expected "
                  + expected.get(index)
                  + " but was "
                  + actual.get(index));
    }
  }

  @Nested
  class TheExercise {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, 42, 12345})
    void drawsTheExercisesWeightsFromOneGenerator(long seed) {
      ParameterStore store = exercise().compile(seed).parameters();
      NumPyRandom rng = NumPyRandom.defaultRng(seed);
      double[] w1 = rng.standardNormal(2, 4).toArray();
      double[] w2 = rng.standardNormal(4, 1).toArray();
      for (int i = 0; i < w1.length; i++) {
        w1[i] *= 0.5;
      }
      for (int i = 0; i < w2.length; i++) {
        w2[i] *= 0.5;
      }
      assertBits(Tensor.fromArray(w1, 2, 4), store.get("0.weight"), "0.weight");
      assertBits(Tensor.fromArray(w2, 4, 1), store.get("2.weight"), "2.weight");
      assertBits(Tensor.zeros(4), store.get("0.bias"), "0.bias");
      assertBits(Tensor.zeros(1), store.get("2.bias"), "2.bias");
    }

    @Test
    void namesParametersAsPyTorchDoes() {
      assertEquals(
          List.of("0.weight", "0.bias", "2.weight", "2.bias"),
          exercise().compile(0).parameters().names());
    }

    @Test
    void givesANetworkOfTheModelsSizes() {
      Network net = exercise().compile(0);
      assertEquals(2, net.inputs());
      assertEquals(1, net.outputs());
      assertEquals(17, net.parameters().size());
    }
  }

  @Nested
  class AgainstNumPy {

    @Test
    void coversEveryCaseAndSeedOfTheGoldenFile() {
      assertEquals(30, GOLDEN.size());
      assertEquals(
          MODELS.keySet(), GOLDEN.stream().map(GoldenInit::name).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.dsl.CompileTest#golden")
    void declaresTheSameModelAsTheScript(GoldenInit golden) {
      assertEquals(golden.model(), MODELS.get(golden.name()).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.nndsl.dsl.CompileTest#golden")
    void drawsNumPysValuesBitForBit(GoldenInit golden) {
      ParameterStore store = MODELS.get(golden.name()).compile(golden.seed()).parameters();
      assertEquals(new ArrayList<>(golden.parameters().keySet()), store.names());
      golden
          .parameters()
          .forEach((name, expected) -> assertBits(expected, store.get(name), golden + " " + name));
    }
  }

  @Nested
  class Independence {

    @Test
    void givesEqualInitialValuesForTheSameSeed() {
      assertArrayEquals(
          exercise().compile(3).parameters().snapshot(),
          exercise().compile(3).parameters().snapshot());
    }

    @Test
    void givesDifferentValuesForAnotherSeed() {
      double[] a = exercise().compile(3).parameters().snapshot();
      double[] b = exercise().compile(4).parameters().snapshot();
      assertEquals(false, java.util.Arrays.equals(a, b));
    }

    @Test
    void compilesTheSameModelIntoIndependentNetworks() {
      Sequential model = exercise();
      Network first = model.compile(0);
      Network second = model.compile(0);
      assertNotSame(first.parameters(), second.parameters());
      double[] before = second.parameters().snapshot();
      first.parameters().get("0.weight").set(0, 0, 123.0);
      first.parameters().get("2.bias").set(0, -1.0);
      assertArrayEquals(before, second.parameters().snapshot());
      assertEquals(123.0, first.parameters().get("0.weight").get(0, 0));
    }
  }

  @Nested
  class Lowering {

    /** Each activation and what it does to one element, as an independent oracle. */
    static Stream<Arguments> activations() {
      return Stream.of(
          Arguments.of(relu(), (DoubleUnaryOperator) z -> Math.max(0, z)),
          Arguments.of(sigmoid(), (DoubleUnaryOperator) z -> 1 / (1 + Math.exp(-z))),
          Arguments.of(tanh(), (DoubleUnaryOperator) Math::tanh),
          Arguments.of(leakyRelu(0.2), (DoubleUnaryOperator) z -> z > 0 ? z : 0.2 * z),
          Arguments.of(identity(), (DoubleUnaryOperator) z -> z));
    }

    /** A Linear(1, 3) with weights 1 and biases -1, 0, 2: for x = 0.5 it gives (-0.5, 0.5, 2.5). */
    private Network oneToThree(Layer activation, long seed) {
      Network net =
          Sequential.of(linear(1, 3).withWeightInit(Init.constant(1)), activation).compile(seed);
      Tensor bias = net.parameters().get("0.bias");
      bias.set(0, -1.0);
      bias.set(2, 2.0);
      return net;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void lowersEachElementwiseActivationToTheSameFunction(Layer activation, DoubleUnaryOperator f) {
      Tensor p = oneToThree(activation, 0).predict(Tensor.of(new double[][] {{0.5}}));
      double[] z = {-0.5, 0.5, 2.5};
      for (int i = 0; i < z.length; i++) {
        assertEquals(f.applyAsDouble(z[i]), p.get(0, i), 1e-15, activation + " at " + z[i]);
      }
    }

    @Test
    void lowersSoftmaxToARowwiseSoftmax() {
      Tensor p = oneToThree(softmax(), 0).predict(Tensor.of(new double[][] {{0.5}}));
      double sum = Math.exp(-0.5) + Math.exp(0.5) + Math.exp(2.5);
      assertEquals(Math.exp(-0.5) / sum, p.get(0, 0), 1e-15);
      assertEquals(Math.exp(0.5) / sum, p.get(0, 1), 1e-15);
      assertEquals(Math.exp(2.5) / sum, p.get(0, 2), 1e-15);
    }

    @Test
    void lowersALayerWithoutBiasToOneWithoutBias() {
      Network net = Sequential.of(linear(2, 3).withoutBias(), relu(), linear(3, 1)).compile(0);
      assertEquals(List.of("0.weight", "2.weight", "2.bias"), net.parameters().names());
    }

    @Test
    void drawsNothingForConstantInits() {
      Sequential constants =
          Sequential.of(
              linear(2, 3).withWeightInit(Init.constant(0.5)).withBiasInit(Init.constant(-1)));
      Sequential model = constants.then(linear(3, 2).withWeightInit(Init.normal(1)));
      ParameterStore store = model.compile(9).parameters();
      assertBits(
          Tensor.fromArray(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, 2, 3),
          store.get("0.weight"),
          "0.weight");
      assertBits(Tensor.vector(-1, -1, -1), store.get("0.bias"), "0.bias");
      assertBits(NumPyRandom.defaultRng(9).standardNormal(3, 2), store.get("1.weight"), "1.weight");
    }

    @Test
    void drawsHeWithTheLayersFanIn() {
      Tensor w =
          Sequential.of(linear(8, 3).withWeightInit(Init.he()))
              .compile(5)
              .parameters()
              .get("0.weight");
      double[] expected = NumPyRandom.defaultRng(5).standardNormal(8, 3).toArray();
      for (int i = 0; i < expected.length; i++) {
        expected[i] *= 0.5; // sqrt(2 / 8)
      }
      assertBits(Tensor.fromArray(expected, 8, 3), w, "0.weight");
    }

    @Test
    void drawsGlorotWithinItsBound() {
      Tensor w =
          Sequential.of(linear(40, 10).withWeightInit(Init.glorot()))
              .compile(5)
              .parameters()
              .get("0.weight");
      double a = Math.sqrt(6.0 / 50);
      Set<Boolean> inRange = new java.util.HashSet<>();
      for (double v : w.toArray()) {
        inRange.add(v >= -a && v < a);
      }
      assertEquals(Set.of(true), inRange);
    }
  }

  @Nested
  class Rejection {

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void rejectsANegativeSeed(long seed) {
      assertRejected("seed must be non-negative, but was " + seed, () -> exercise().compile(seed));
    }

    @Test
    void rejectsMoreParametersThanOneArrayHolds() {
      assertRejected(
          "Sequential(Linear(50000, 50000)) has 2500050000 parameters, more than one array can hold"
              + " (2147483639)",
          () -> Sequential.of(linear(50_000, 50_000)).compile(0));
    }
  }
}

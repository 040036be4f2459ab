package io.github.nndsl.core;

import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Networks large enough to leave the tiny fused kernel (more than 512 multiply-adds per product),
 * with every activation fused into the dense op before it and, separately, as an op of its own
 * (after another activation, or first). Oracles: a forward pass written here element by element
 * over {@link Functional#linearForward}, central differences, and plain SGD applied by hand.
 */
class GeneralPathTest {

  private static final int BATCH = 9;
  private static final int IN = 7;
  private static final int HIDDEN = 11;
  private static final int OUT = 6;

  /** An activation: how to add it to a builder and how to compute it here, row by row. */
  record Act(String name, UnaryOperator<Network.Builder> add, UnaryOperator<double[]> row) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Act> activations() {
    return List.of(
        new Act("relu", Network.Builder::relu, r -> map(r, v -> v > 0.0 || v != v ? v : 0.0)),
        new Act("sigmoid", Network.Builder::sigmoid,
            r -> map(r, v -> v >= 0.0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v)))),
        new Act("tanh", Network.Builder::tanh, r -> map(r, Math::tanh)),
        new Act("leakyRelu", b -> b.leakyRelu(0.1), r -> map(r, v -> v > 0.0 ? v : 0.1 * v)),
        new Act("identity", Network.Builder::identity, r -> r.clone()),
        new Act("softmax", Network.Builder::softmax, GeneralPathTest::softmax));
  }

  private static double[] map(double[] r, java.util.function.DoubleUnaryOperator f) {
    double[] out = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = f.applyAsDouble(r[i]);
    }
    return out;
  }

  private static double[] softmax(double[] r) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : r) {
      max = Math.max(max, v);
    }
    double[] e = new double[r.length];
    double sum = 0.0;
    for (int i = 0; i < r.length; i++) {
      e[i] = Math.exp(r[i] - max);
      sum += e[i];
    }
    for (int i = 0; i < r.length; i++) {
      e[i] /= sum;
    }
    return e;
  }

  private static Tensor apply(Act act, Tensor t) {
    double[][] rows = t.toRows();
    for (int r = 0; r < rows.length; r++) {
      rows[r] = act.row().apply(rows[r]);
    }
    return Tensor.of(rows);
  }

  static Stream<Arguments> fusedCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Act act : activations()) {
      cases.add(Arguments.of(act, true));
      cases.add(Arguments.of(act, false));
    }
    return cases.stream();
  }

  static Stream<Act> unfusedCases() {
    return activations().stream();
  }

  private static Tensor x() {
    return NumPyRandom.defaultRng(101).standardNormal(BATCH, IN);
  }

  private static Tensor y() {
    return NumPyRandom.defaultRng(102).standardNormal(BATCH, OUT);
  }

  @ParameterizedTest(name = "{0}, bias {1}")
  @MethodSource("fusedCases")
  void fusedDenseMatchesTheOpsOneByOne(Act act, boolean bias) {
    Network net = act.add().apply(Network.builder(IN).linear(HIDDEN, bias)).linear(OUT, true).build();
    NetworkTest.randomize(net, 7);
    ParameterStore s = net.parameters();
    Tensor b1 = bias ? s.get("0.bias") : Tensor.zeros(HIDDEN);
    Tensor z = bias ? Functional.linearForward(x(), s.get("0.weight"), b1) : noBias(x(), s.get("0.weight"));
    Tensor expected = Functional.linearForward(apply(act, z), s.get("2.weight"), s.get("2.bias"));
    assertEquals(expected, net.predict(x()), act + ": the fused forward pass changed some bits");

    GradientCheck.Result r = GradientCheck.check(net, x(), y(), Losses.mse());
    assertTrue(r.maxError() < 1e-6, r.toString());
  }

  /** x · w with no bias at all (adding zeros would turn -0.0 into 0.0). */
  private static Tensor noBias(Tensor x, Tensor w) {
    Tensor out = Tensor.zeros(x.dim(0), w.dim(1));
    for (int i = 0; i < x.dim(0); i++) {
      for (int j = 0; j < w.dim(1); j++) {
        double c = 0.0;
        for (int k = 0; k < x.dim(1); k++) {
          c = Math.fma(x.get(i, k), w.get(k, j), c);
        }
        out.set(i, j, c);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unfusedCases")
  void anActivationAfterAnotherIsAnOpOfItsOwn(Act act) {
    Act sigmoid = activations().get(1);
    Network net = act.add().apply(Network.builder(IN).linear(HIDDEN, true).sigmoid())
        .linear(OUT, true).build();
    NetworkTest.randomize(net, 8);
    ParameterStore s = net.parameters();
    Tensor h = apply(act, apply(sigmoid, Functional.linearForward(x(), s.get("0.weight"), s.get("0.bias"))));
    assertEquals(Functional.linearForward(h, s.get("3.weight"), s.get("3.bias")), net.predict(x()));
    GradientCheck.Result r = GradientCheck.check(net, x(), y(), Losses.mse());
    assertTrue(r.maxError() < 1e-6, r.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unfusedCases")
  void anActivationFirstWorksOnTheInputs(Act act) {
    Network net = act.add().apply(Network.builder(IN)).linear(HIDDEN, true).tanh().linear(OUT, true).build();
    NetworkTest.randomize(net, 9);
    ParameterStore s = net.parameters();
    Tensor h = apply(activations().get(2), Functional.linearForward(apply(act, x()), s.get("1.weight"), s.get("1.bias")));
    assertEquals(Functional.linearForward(h, s.get("3.weight"), s.get("3.bias")), net.predict(x()));
    GradientCheck.Result r = GradientCheck.check(net, x(), y(), Losses.mse());
    assertTrue(r.maxError() < 1e-6, r.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unfusedCases")
  void plainSgdFusedIntoBackwardEqualsTheStepDoneByHand(Act act) {
    Network fused = act.add().apply(Network.builder(IN).linear(HIDDEN, true)).linear(OUT, true).build();
    Network byHand = act.add().apply(Network.builder(IN).linear(HIDDEN, true)).linear(OUT, true).build();
    NetworkTest.randomize(fused, 10);
    NetworkTest.randomize(byHand, 10);
    double lr = 0.05;
    TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.sgd(lr)).fit(fused, x(), y(), 5);
    double[] losses = new double[5];
    ParameterStore s = byHand.parameters();
    for (int step = 0; step < 5; step++) {
      losses[step] = byHand.computeGradients(x(), y(), Losses.mse());
      List<Tensor> params = new ArrayList<>();
      List<Tensor> grads = new ArrayList<>();
      for (String name : s.names()) {
        params.add(s.get(name));
        grads.add(s.gradient(name));
      }
      Functional.sgdStep(params, grads, lr);
    }
    assertArrayEquals(losses, h.losses(), 0.0);
    assertArrayEquals(s.snapshot(), fused.parameters().snapshot(), 0.0);
  }
}

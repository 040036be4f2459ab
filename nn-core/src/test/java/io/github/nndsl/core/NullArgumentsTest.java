package io.github.nndsl.core;

import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Diagnostic;
import io.github.nndsl.core.train.Diagnostics;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public entry point names a null argument in an IllegalArgumentException. */
class NullArgumentsTest {

  private static final Tensor M = Tensor.zeros(2, 2);
  private static final Tensor V = Tensor.zeros(2);
  private static final Network NET = Network.builder(2).linear(2, true).build();

  static Stream<Arguments> calls() {
    return Stream.of(
        Arguments.of("values is null", (Executable) () -> Tensor.vector((double[]) null)),
        Arguments.of("values is null", (Executable) () -> Tensor.fromArray(null, 2)),
        Arguments.of("shape is null", (Executable) () -> Tensor.zeros((int[]) null)),
        Arguments.of("source is null", (Executable) () -> M.copyFrom(null)),
        Arguments.of("x is null", (Executable) () -> Functional.linearForward(null, M, V)),
        Arguments.of("b is null", (Executable) () -> Functional.linearForward(M, M, null)),
        Arguments.of("g is null", (Executable) () -> Functional.linearBackward(null, M, M)),
        Arguments.of("x is null", (Executable) () -> Functional.linearBackward(M, null, M)),
        Arguments.of("w is null", (Executable) () -> Functional.linearBackward(M, M, null)),
        Arguments.of("x is null", (Executable) () -> Functional.relu(null)),
        Arguments.of("x is null", (Executable) () -> Functional.sigmoid(null)),
        Arguments.of("s is null", (Executable) () -> Functional.sigmoidBackward(M, null)),
        Arguments.of("t is null", (Executable) () -> Functional.mseLoss(M, null)),
        Arguments.of("p is null", (Executable) () -> Functional.mseLossBackward(null, M)),
        Arguments.of("params is null", (Executable) () -> Functional.sgdStep(null, List.of(), 0.1)),
        Arguments.of("grads is null", (Executable) () -> Functional.sgdStep(List.of(), null, 0.1)),
        Arguments.of("params[0] is null", (Executable) () -> Functional.sgdStep(
            java.util.Arrays.asList((Tensor) null), List.of(V), 0.1)),
        Arguments.of("dx is null", (Executable) () -> new LinearGradients(null, M, V)),
        Arguments.of("dw is null", (Executable) () -> new LinearGradients(M, null, V)),
        Arguments.of("db is null", (Executable) () -> new LinearGradients(M, M, null)),
        Arguments.of("x is null", (Executable) () -> NET.predict(null)),
        Arguments.of("loss is null", (Executable) () -> NET.computeGradients(M, M, null)),
        Arguments.of("y is null", (Executable) () -> NET.computeGradients(M, null, Losses.mse())),
        Arguments.of("name is null", (Executable) () -> NET.parameters().get(null)),
        Arguments.of("name is null", (Executable) () -> NET.parameters().gradient(null)),
        Arguments.of("snapshot is null", (Executable) () -> NET.parameters().restore(null)),
        Arguments.of("predictions is null", (Executable) () -> Losses.mse().compute(null, M)),
        Arguments.of("targets is null", (Executable) () -> Losses.mse().gradient(M, null)),
        Arguments.of("optimizer is null", (Executable) () -> Trainer.of(Losses.mse(), null)),
        Arguments.of("listener is null", (Executable) () -> Trainer.of(Losses.mse(), Optimizers.sgd(1))
            .fitEpochs(NET, M, M, 1, null)),
        Arguments.of("f is null", (Executable) () -> GradientCheck.numericGradient(null, M, 1e-5)),
        Arguments.of("at is null", (Executable) () -> GradientCheck.numericGradient(t -> 0, null, 1e-5)),
        Arguments.of("network is null", (Executable) () -> GradientCheck.check(null, M, M, Losses.mse())),
        Arguments.of("state is null", (Executable) () -> NumPyRandom.fromState(null)),
        Arguments.of("settings is null", (Executable) () -> Trainer.of(Losses.mse(), Optimizers.sgd(1))
            .withDiagnostics(null)),
        Arguments.of("settings is null", (Executable) () -> Trainer.of(Losses.mse(), Optimizers.sgd(1))
            .withDiagnostics(null, d -> {})),
        Arguments.of("listener is null", (Executable) () -> Trainer.of(Losses.mse(), Optimizers.sgd(1))
            .withDiagnostics(Diagnostics.atEnd(), null)),
        Arguments.of("kind is null", (Executable) () -> new Diagnostic(null, 1, 0, "m")),
        Arguments.of("message is null", (Executable) () -> new Diagnostic(Diagnostic.Kind.PLATEAU, 1, 0, null)),
        Arguments.of("x is null", (Executable) () -> NET.deadReluFraction(null)),
        Arguments.of("x is null", (Executable) () -> NET.saturatedSigmoidFraction(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void namesTheNullArgument(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void describesItselfReadably() {
    assertEquals("binaryCrossEntropy()", Losses.binaryCrossEntropy().toString());
    assertEquals("crossEntropy()", Losses.crossEntropy().toString());
    assertEquals("ParameterStore(0.weight (2, 2), 0.bias (2,))", NET.parameters().toString());
    assertTrue(NET.parameters().contains("0.bias"));
    assertFalse(NET.parameters().contains("1.bias"));
    TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).fit(NET, M, M, 3);
    assertEquals("TrainingHistory(steps=3, finalLoss=0.0)", h.toString());
    assertFalse(h.reachedTarget());
    assertEquals("Network(Linear(2, 2), ReLU, Sigmoid, Tanh, LeakyReLU(0.5), Softmax, Identity; 6 parameters)",
        Network.builder(2).linear(2, true).relu().sigmoid().tanh().leakyRelu(0.5).softmax().identity().build()
            .toString());
    assertEquals("epsilon must be finite and positive, but was 0.0",
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.numericGradient(t -> 0, M, 0)).getMessage());
  }
}

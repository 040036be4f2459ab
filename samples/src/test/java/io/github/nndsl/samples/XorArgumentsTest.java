package io.github.nndsl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples' public methods name a bad argument, its expected and its actual value. */
class XorArgumentsTest {

  private static final Tensor W = Tensor.zeros(2, 1);

  static Stream<Arguments> calls() {
    return Stream.of(
        Arguments.of("seed must be non-negative, but was -1", (Executable) () -> Xor.train(-1, 4, 0.5, 10)),
        Arguments.of("hidden must be at least 1, but was 0", (Executable) () -> Xor.train(0, 0, 0.5, 10)),
        Arguments.of("lr must be finite and non-negative, but was NaN",
            (Executable) () -> Xor.train(0, 4, Double.NaN, 10)),
        Arguments.of("lr must be finite and non-negative, but was -0.5", (Executable) () -> Xor.train(0, 4, -0.5, 10)),
        Arguments.of("steps must be non-negative, but was -3", (Executable) () -> Xor.train(0, 4, 0.5, -3)),
        Arguments.of("hidden must be at least 1, but was -2", (Executable) () -> Xor.model(-2)),
        Arguments.of("w1 is null", (Executable) () -> new Xor.Trained(0, null, W, W, W)),
        Arguments.of("b2 is null", (Executable) () -> new Xor.Trained(0, W, W, W, null)),
        Arguments.of("x is null", (Executable) () -> Xor.train(0, 2, 0.5, 1).predict(null)),
        Arguments.of("x must have shape (batch, 2), but has shape (1, 3)",
            (Executable) () -> Xor.train(0, 2, 0.5, 1).predict(Tensor.zeros(1, 3))),
        Arguments.of("x must have shape (batch, 2), but has shape (2,)",
            (Executable) () -> Xor.train(0, 2, 0.5, 1).predict(Tensor.zeros(2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void namesTheBadArgument(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}

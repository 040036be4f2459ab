package io.github.nndsl.core;

import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingSnapshot;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.TrainerTest.exerciseNetwork;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad values (not nulls: see {@link NullArgumentsTest}) are rejected with a message that names the
 * argument, the expected and the actual value, and a rejected call changes nothing: not the
 * parameters, not the gradients, not the training state.
 */
class RejectedCallsTest {

  private static final Tensor NAN_LAST_Y = Tensor.of(new double[][] {{0}, {1}, {1}, {Double.NaN}});
  private static final Tensor INF_X = Tensor.of(new double[][] {{0, 0}, {0, Double.POSITIVE_INFINITY}});
  private static final Trainer SGD = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));

  static Stream<Arguments> calls() {
    return Stream.of(
        call("y must be finite, but y[3, 0] is NaN", net -> SGD.fit(net, XOR_X, NAN_LAST_Y, 10)),
        call("y must be finite, but y[3, 0] is NaN", net -> SGD.step(net, XOR_X, NAN_LAST_Y)),
        call("x must be finite, but x[1, 1] is Infinity", net -> SGD.fitEpochs(net, INF_X, Tensor.zeros(2, 1), 1)),
        call("y must be finite, but y[3, 0] is NaN", net -> net.computeGradients(XOR_X, NAN_LAST_Y, Losses.mse())),
        call("x must be finite, but x[1, 1] is Infinity",
            net -> net.computeGradients(INF_X, Tensor.zeros(2, 1), Losses.mse())),
        call("x must have at least one row, but has shape (0, 2)",
            net -> net.computeGradients(Tensor.zeros(0, 2), Tensor.zeros(0, 1), Losses.mse())),
        call("x must be finite, but x[1, 1] is Infinity", net -> net.predict(INF_X)),
        call("x must be finite, but x[1, 1] is Infinity", net -> net.deadReluFraction(INF_X)),
        call("x must be finite, but x[1, 1] is Infinity", net -> net.saturatedSigmoidFraction(INF_X)),
        call("x must have 2 columns (the network's inputs), but has shape (4, 3)",
            net -> SGD.fit(net, Tensor.zeros(4, 3), XOR_Y, 1)),
        call("y must have shape (4, 1) (x's rows, the network's outputs), but has shape (4, 2)",
            net -> SGD.fit(net, XOR_X, Tensor.zeros(4, 2), 1)),
        call("y must have shape (4, 1) (x's rows, the network's outputs), but has shape (3, 1)",
            net -> SGD.fit(net, XOR_X, Tensor.zeros(3, 1), 1)),
        call("steps must be non-negative, but was -1", net -> SGD.fit(net, XOR_X, XOR_Y, -1)),
        call("epochs must be non-negative, but was -2", net -> SGD.fitEpochs(net, XOR_X, XOR_Y, -2)),
        call("batchSize must be at most the number of rows (4), but was 5",
            net -> SGD.withBatchSize(5).fit(net, XOR_X, XOR_Y, 1)),
        call("snapshot must have 17 values, but has 2", net -> net.parameters().restore(new double[2])),
        call("targets must be finite, but targets[3, 0] is NaN",
            net -> Losses.mse().compute(net.predict(XOR_X), NAN_LAST_Y)),
        call("targets must be finite, but targets[3, 0] is NaN",
            net -> Losses.binaryCrossEntropy().gradient(net.predict(XOR_X), NAN_LAST_Y)),
        call("targets must be finite, but targets[1] is Infinity",
            net -> Losses.mse().compute(Tensor.zeros(2), Tensor.vector(0, Double.POSITIVE_INFINITY))),
        call("y must have shape (4, 1) (x's rows, the network's outputs), but has shape (4, 2)",
            net -> GradientCheck.check(net, XOR_X, Tensor.zeros(4, 2), Losses.mse())));
  }

  private static Arguments call(String message, Consumer<Network> call) {
    return Arguments.of(message, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void rejectsAndChangesNothing(String message, Consumer<Network> call) {
    Network net = exerciseNetwork(3, 4);
    SGD.fit(net, XOR_X, XOR_Y, 7); // some training state and gradients to keep
    double[] values = net.parameters().snapshot();
    double[] gradients = net.parameters().gradientSnapshot();
    TrainingSnapshot state = TrainingSnapshot.take(net);
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> call.accept(net)).getMessage());
    assertArrayEquals(values, net.parameters().snapshot());
    assertArrayEquals(gradients, net.parameters().gradientSnapshot());
    assertEquals(state, TrainingSnapshot.take(net));
  }

  @Test
  void aRejectedSnapshotLeavesTheTrainingStateAlone() {
    Network net = exerciseNetwork(3, 4);
    Network small = exerciseNetwork(3, 1);
    Trainer.of(Losses.mse(), Optimizers.adam(0.01)).fit(small, XOR_X, XOR_Y, 3);
    assertNull(TrainingSnapshot.take(net));
    assertThrows(IllegalArgumentException.class, () -> TrainingSnapshot.take(small).restore(net));
    assertNull(TrainingSnapshot.take(net));
  }

  @Test
  void aRejectedCopyLeavesTheTensorAlone() {
    Tensor t = Tensor.of(new double[][] {{1, 2}});
    assertEquals("this and source must have the same shape, but this is (1, 2) and source is (2, 1)",
        assertThrows(IllegalArgumentException.class, () -> t.copyFrom(Tensor.zeros(2, 1))).getMessage());
    assertArrayEquals(new double[] {1, 2}, t.toArray());
  }

  @Test
  void predictTakesAnEmptyBatch() {
    assertArrayEquals(new int[] {0, 1}, exerciseNetwork(0, 4).predict(Tensor.zeros(0, 2)).shape());
  }
}

package io.github.nndsl.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which operators ONNX Runtime 1.23.2's CPU provider runs in float64: every one Onnx.save emits in
 * FLOAT64 does, bit for bit where the operation is exact. LeakyRelu runs in double too, but with its
 * float32 alpha widened, so 0.01 becomes 0.009999999776...: the reason a float64 leaky ReLU is
 * written as Where, Greater and Mul with a double slope.
 */
class OnnxRuntimeKernelsTest {

  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  private static final double[] X = {-1.5, -0.0, 0.0, 0.25, 2.0, -3.0};

  /** A graph input (batch, 3) of doubles through one node to the output; c is a float64 constant. */
  private static byte[] oneNode(String opType, boolean withConstant, OnnxEncoder.Attribute... attributes) {
    OnnxEncoder graph = new OnnxEncoder("probe", OnnxEncoder.DOUBLE, "batch").input("input", 3, "x");
    if (withConstant) {
      graph.initializer("c", new int[] {3}, new double[] {0.5, 2.0, -1.0});
    }
    graph.node("n", opType, withConstant ? List.of("input", "c") : List.of("input"), "output", attributes);
    return graph.output("output", 3, "y").encode(8, 17, "test", "0", "", Map.of());
  }

  private static double[] run(byte[] model) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = ENV.createSession(model, options);
           OnnxTensor in = OnnxTensor.createTensor(ENV, DoubleBuffer.wrap(X), new long[] {2, 3});
           OrtSession.Result result = session.run(Map.of("input", in))) {
        DoubleBuffer out = ((OnnxTensor) result.get(0)).getDoubleBuffer();
        double[] values = new double[out.remaining()];
        out.get(values);
        return values;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Relu", "Sigmoid", "Tanh", "Identity", "Softmax"})
  void runsTheUnaryOperatorsInDouble(String opType) throws OrtException {
    assertTrue(run(oneNode(opType, false)).length == X.length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Add", "Sub", "Mul", "Div"})
  void runsTheBinaryOperatorsInDouble(String opType) throws OrtException {
    assertTrue(run(oneNode(opType, true)).length == X.length);
  }

  @Test
  void runsMatMulInDoubleAsAnFmaChainFromZero() throws OrtException {
    double[] w = {0.1, -0.7, 1e-3, 3.0, 0.3, -2.5, 1.0 / 3, 0.2, 7.0};
    OnnxEncoder graph = new OnnxEncoder("probe", OnnxEncoder.DOUBLE, "batch").input("input", 3, "x")
        .initializer("w", new int[] {3, 3}, w)
        .node("n", "MatMul", List.of("input", "w"), "output");
    double[] expected = new double[6];
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        double s = 0.0; // as nn-core's kernels: increasing k, one fma each, from +0.0
        for (int k = 0; k < 3; k++) {
          s = Math.fma(X[r * 3 + k], w[k * 3 + c], s);
        }
        expected[r * 3 + c] = s;
      }
    }
    assertArrayEquals(bits(expected), bits(run(graph.output("output", 3, "y").encode(8, 17, "test", "0", "", Map.of()))));
  }

  private static long[] bits(double[] values) {
    return java.util.Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void runsGreaterAndWhereInDouble() throws OrtException {
    OnnxEncoder graph = new OnnxEncoder("probe", OnnxEncoder.DOUBLE, "batch").input("input", 3, "x")
        .initializer("zero", new int[0], new double[] {0})
        .initializer("slope", new int[0], new double[] {0.1})
        .node("g", "Greater", List.of("input", "zero"), "positive")
        .node("m", "Mul", List.of("input", "slope"), "scaled")
        .node("w", "Where", List.of("positive", "input", "scaled"), "output");
    double[] y = run(graph.output("output", 3, "y").encode(8, 17, "test", "0", "", Map.of()));
    for (int i = 0; i < X.length; i++) {
      assertTrue(Double.doubleToRawLongBits(X[i] > 0 ? X[i] : 0.1 * X[i]) == Double.doubleToRawLongBits(y[i]));
    }
  }

  @Test
  void runsLeakyReluInDoubleWithItsFloat32Alpha() throws OrtException {
    double[] y = run(oneNode("LeakyRelu", false, OnnxEncoder.Attribute.ofFloat("alpha", 0.01f)));
    double widened = 0.01f;
    assertTrue(widened != 0.01);
    for (int i = 0; i < X.length; i++) {
      assertTrue(Double.doubleToRawLongBits(X[i] >= 0 ? X[i] : widened * X[i]) == Double.doubleToRawLongBits(y[i]),
          "element " + i + ": " + y[i]);
    }
    assertTrue(y[0] != 0.01 * X[0], "-1.5 * 0.01 differs from -1.5 * (double) 0.01f");
  }
}

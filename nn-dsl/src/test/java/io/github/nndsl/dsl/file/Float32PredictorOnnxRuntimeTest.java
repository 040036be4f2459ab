package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Precision;
import io.github.nndsl.core.Predictor;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Sequential;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 predictor against an independent float32 engine: ONNX Runtime 1.23.2 (CPU, one
 * thread) running the FLOAT32 file {@link Onnx#save} writes for the same network, and against the
 * float64 predict, on every model of {@link OnnxRuntimeTest} and batch sizes chosen at run time.
 * ONNX Runtime sums its float products in MLAS's blocks and takes exp, tanh and sigmoid from its own
 * float kernels, so the two float engines agree to float's precision, not bit for bit.
 */
class Float32PredictorOnnxRuntimeTest {

  /** Precision.FLOAT32's documented bound: relative to max(1, the row's largest |output|). */
  static final double BOUND = 1e-5;

  @TempDir Path dir;

  /**
   * |expected - actual| <= bound * max(1, largest |expected| of the row), element by element; returns
   * the worst ratio. (Measured: at most 8.7e-6, on 2000 inputs; 0 against ONNX Runtime where its
   * float MatMul sums in one chain, up to 128 and 129 inputs here.)
   */
  static double assertClose(double[] expected, double[] actual, int cols, double bound, String what) {
    assertEquals(expected.length, actual.length, what);
    double worst = 0;
    for (int r = 0; r < expected.length / cols; r++) {
      double scale = 1.0;
      for (int j = 0; j < cols; j++) {
        scale = Math.max(scale, Math.abs(expected[r * cols + j]));
      }
      for (int j = 0; j < cols; j++) {
        int at = r * cols + j;
        double error = Math.abs(expected[at] - actual[at]) / scale;
        worst = Math.max(worst, error);
        assertTrue(error <= bound, () -> what + ", row " + at / cols + ", column " + at % cols + ": "
            + expected[at] + " against " + actual[at]);
      }
    }
    return worst;
  }

  private OnnxRuntime float32File(Sequential model, Network net) {
    Path file = dir.resolve("model-f32.onnx");
    Onnx.save(file, model, net, Onnx.Precision.FLOAT32);
    return OnnxRuntime.open(ModelFiling.bytes(file));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.nndsl.dsl.file.OnnxRuntimeTest#all")
  void agreesWithOnnxRuntimeFloat32AndWithFloat64(String name, Sequential model) {
    if (name.equals("every kind")) {
      return; // a bias drawn from uniform(-1e300, 1e300) is beyond float: refusedBeyondFloatRange
    }
    Network net = model.compile(7);
    Predictor predictor = net.freeze().withPrecision(Precision.FLOAT32);
    try (OnnxRuntime ort = float32File(model, net)) {
      for (int batch : OnnxRuntimeTest.BATCHES) {
        Tensor x = OnnxRuntimeTest.input(batch, model.inputs(), batch);
        double[] ours = predictor.predict(x).toArray();
        assertClose(ort.runFloat(x), ours, model.outputs(), BOUND, name + ", batch " + batch + ", ONNX Runtime float32");
        assertClose(net.predict(x).toArray(), ours, model.outputs(), BOUND, name + ", batch " + batch + ", float64");
      }
    }
  }

  @Test
  void theServedShapesAgreeWithOnnxRuntimeFloat32RowByRow() {
    // the two models of the serving benchmarks, He-initialised as there, one row at a time as served
    for (int[] shape : new int[][] {{30, 64, 2}, {784, 256, 10}}) {
      Sequential model = Sequential.of(linear(shape[0], shape[1]).withWeightInit(Init.he()), relu(),
          linear(shape[1], shape[2]).withWeightInit(Init.he()));
      Network net = model.compile(0);
      Predictor predictor = net.freeze().withPrecision(Precision.FLOAT32);
      Tensor x = OnnxRuntimeTest.input(50, shape[0], 1);
      try (OnnxRuntime ort = float32File(model, net)) {
        double[][] rows = x.toRows();
        for (int r = 0; r < rows.length; r++) {
          Tensor one = Tensor.of(new double[][] {rows[r]});
          assertClose(ort.runFloat(one), predictor.predict(rows[r]), shape[2], BOUND, model + ", row " + r);
        }
      }
    }
  }

  @Test
  void refusedBeyondFloatRangeAsTheFloat32FileIs() {
    Sequential model = ModelFiling.everything();
    Network net = model.compile(7);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.freeze().withPrecision(Precision.FLOAT32));
    assertTrue(e.getMessage().startsWith("parameter 8.bias[0] is "), e.getMessage());
    assertTrue(e.getMessage().endsWith("beyond float32's range (+-3.4028235E38); keep Precision.FLOAT64"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Onnx.save(dir.resolve("x.onnx"), model, net, Onnx.Precision.FLOAT32));
  }
}

package io.github.nndsl.dsl.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Layer;
import io.github.nndsl.dsl.Layers;
import io.github.nndsl.dsl.Linear;
import io.github.nndsl.dsl.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Onnx.save on random architectures (every activation, before and between linear layers, widths up
 * to 40, bias on and off) run in ONNX Runtime with a random batch size: float64 gives predict's
 * bits when only exact layers are present, and agrees to rounding otherwise; float32 agrees to
 * float precision. Fixed seeds: a failure repeats.
 */
class OnnxRuntimePropertyTest {

  /** Activations that ONNX Runtime computes exactly as nn-core in float64. */
  private static final List<Layer> EXACT = List.of(
      Layers.relu(), Layers.leakyRelu(), Layers.leakyRelu(0.3), Layers.identity());

  /** Activations with ONNX Runtime's own exp, tanh or sigmoid. */
  private static final List<Layer> ROUNDED = List.of(Layers.sigmoid(), Layers.tanh(), Layers.softmax());

  /** Rounding differences of 8 * 2^-53 per activation, grown by the linear layers after them. */
  private static final double F64_ROUNDED = 1e-14;

  private static Arbitrary<Sequential> models(List<Layer> activations) {
    Arbitrary<List<Object>> blocks = Combinators.combine(
            Arbitraries.integers().between(1, 40),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(-1, activations.size() - 1))
        .as((outputs, bias, activation) -> List.of(outputs, bias, activation));
    return Combinators.combine(
            Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(-1, activations.size() - 1),
            blocks.list().ofMinSize(1).ofMaxSize(4))
        .as((inputs, leading, list) -> {
          List<Layer> layers = new ArrayList<>();
          if (leading >= 0) {
            layers.add(activations.get(leading));
          }
          int width = inputs;
          for (List<Object> b : list) {
            Linear linear = Layers.linear(width, (Integer) b.get(0));
            layers.add((Boolean) b.get(1) ? linear : linear.withoutBias());
            if ((Integer) b.get(2) >= 0) {
              layers.add(activations.get((Integer) b.get(2)));
            }
            width = (Integer) b.get(0);
          }
          return Sequential.ofAll(layers);
        });
  }

  @Provide
  Arbitrary<Sequential> exactModels() {
    return models(EXACT);
  }

  @Provide
  Arbitrary<Sequential> anyModels() {
    List<Layer> all = new ArrayList<>(EXACT);
    all.addAll(ROUNDED);
    return models(all);
  }

  private static byte[] saved(Sequential model, Network net, Onnx.Precision precision) throws IOException {
    Path dir = Files.createTempDirectory("onnx-property");
    Path file = dir.resolve("m.onnx");
    try {
      Onnx.save(file, model, net, precision);
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  @Property(tries = 60, seed = "20261201")
  void float64GivesPredictsBitsForExactLayers(@ForAll("exactModels") Sequential model,
      @ForAll @IntRange(min = 1, max = 50) int batch, @ForAll @IntRange(min = 0, max = 1000) int seed)
      throws IOException {
    Network net = model.compile(seed);
    Tensor x = OnnxRuntimeTest.input(batch, model.inputs(), seed);
    try (OnnxRuntime ort = OnnxRuntime.open(saved(model, net, Onnx.Precision.FLOAT64))) {
      assertArrayEquals(OnnxRuntimeTest.bits(net.predict(x).toArray()), OnnxRuntimeTest.bits(ort.run(x)),
          model.toString());
    }
  }

  @Property(tries = 60, seed = "20261202")
  void float64AgreesToRoundingForAnyLayers(@ForAll("anyModels") Sequential model,
      @ForAll @IntRange(min = 1, max = 50) int batch, @ForAll @IntRange(min = 0, max = 1000) int seed)
      throws IOException {
    Network net = model.compile(seed);
    Tensor x = OnnxRuntimeTest.input(batch, model.inputs(), seed);
    try (OnnxRuntime ort = OnnxRuntime.open(saved(model, net, Onnx.Precision.FLOAT64))) {
      OnnxRuntimeTest.assertClose(net.predict(x).toArray(), ort.run(x), F64_ROUNDED, model.toString());
    }
  }

  @Property(tries = 60, seed = "20261203")
  void float32AgreesToFloatPrecision(@ForAll("anyModels") Sequential model,
      @ForAll @IntRange(min = 1, max = 50) int batch, @ForAll @IntRange(min = 0, max = 1000) int seed)
      throws IOException {
    Network net = model.compile(seed);
    Tensor x = OnnxRuntimeTest.input(batch, model.inputs(), seed);
    try (OnnxRuntime ort = OnnxRuntime.open(saved(model, net, Onnx.Precision.FLOAT32))) {
      OnnxRuntimeTest.assertClose(net.predict(x).toArray(), ort.runFloat(x), OnnxRuntimeTest.F32, model.toString());
    }
  }
}

package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.internal.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Leaves ONNX files in nn-dsl/target/onnx-interop for src/test/python/onnx_check.py (the onnx
 * package's full checker and a NumPy evaluation of the graph), each beside a safetensors file with
 * an input {@code x} and {@code predict}'s output {@code y} for it. Python is never needed here.
 */
class OnnxInteropFilesTest {

  static final Path DIR = Path.of("target", "onnx-interop");

  static Map<String, Sequential> models() {
    Map<String, Sequential> models = new LinkedHashMap<>();
    models.put("every-kind", ModelFiling.everything());
    models.put("xor", ModelFiling.small());
    models.put("30-64-2", Sequential.of(linear(30, 64), relu(), linear(64, 2), softmax()));
    models.put("leaky-tanh", Sequential.of(linear(6, 5).withoutBias(), leakyRelu(0.05), linear(5, 4), tanh(),
        linear(4, 1), sigmoid()));
    models.put("784-256-10", Sequential.of(linear(784, 256), relu(), linear(256, 10)));
    return models;
  }

  @Test
  void writesEveryModelInBothPrecisionsWithInputsAndOutputs() throws IOException {
    Files.createDirectories(DIR);
    int count = 0;
    for (Map.Entry<String, Sequential> e : models().entrySet()) {
      Sequential model = e.getValue();
      Network net = model.compile(11);
      Tensor x = OnnxRuntimeTest.input(13, model.inputs(), 5);
      double[] y = net.predict(x).toArray();
      new SafeTensorsWriter()
          .f64("x", x.shape(), x.toArray())
          .f64("y", new int[] {13, model.outputs()}, y)
          .write(DIR.resolve(e.getKey() + ".safetensors"), AtomicFile.Hook.NONE);
      Onnx.save(DIR.resolve(e.getKey() + ".onnx"), model, net);
      count++;
      if (!e.getKey().equals("every-kind")) { // its 1e300 biases are beyond float32
        Onnx.save(DIR.resolve(e.getKey() + "-f32.onnx"), model, net, Onnx.Precision.FLOAT32);
        count++;
      }
      try (OnnxRuntime ort = OnnxRuntime.open(ModelFiling.bytes(DIR.resolve(e.getKey() + ".onnx")))) {
        assertEquals(y.length, ort.run(x).length);
      }
    }
    try (var files = Files.list(DIR)) {
      assertEquals(count, files.filter(p -> p.toString().endsWith(".onnx")).count());
    }
  }
}

package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.Layers.dropout;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.standardize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state dict PyTorch wrote for Sequential(Standardizer, Linear, ReLU, Dropout, Linear)
 * (src/test/python/torch_standardize_dropout.py, torch 1.13): dropout's and standardize's slots
 * hold no tensors but count as indices, and the loaded network predicts what PyTorch's model
 * computes in eval mode.
 */
class TorchStandardizeDropoutTest {

  @TempDir Path dir;

  private static Path resource(String name) throws URISyntaxException {
    return Paths.get(TorchStandardizeDropoutTest.class.getResource("/torch/" + name).toURI());
  }

  private static Map<String, double[]> expected() throws IOException, URISyntaxException {
    Map<String, double[]> out = new HashMap<>();
    for (String line : Files.readAllLines(resource("standardize-dropout.txt"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("#")) {
        String[] f = line.split(" ");
        out.put(f[0], Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray());
      }
    }
    return out;
  }

  private static Sequential model(Map<String, double[]> e) {
    return Sequential.of(standardize(e.get("mean"), e.get("std")), linear(3, 5), relu(), dropout(0.5), linear(5, 2));
  }

  @Test
  void loadsIntoTheSameIndicesAndPredictsPyTorchsEvalOutputs() throws IOException, URISyntaxException {
    Map<String, double[]> e = expected();
    Network net = TorchStateDict.load(resource("standardize-dropout-F64.safetensors"), model(e));
    assertEquals(List.of("1.weight", "1.bias", "4.weight", "4.bias"), net.parameters().names());
    double[] got = net.predict(Tensor.fromArray(e.get("x"), 6, 3)).toArray();
    double[] eval = e.get("eval");
    double largest = Arrays.stream(eval).map(Math::abs).max().orElseThrow();
    for (int i = 0; i < eval.length; i++) {
      // products fused here, rounded one by one in PyTorch: a few ulps (TorchStateDictPyTorchTest)
      assertEquals(eval[i], got[i], TorchStateDictPyTorchTest.MAX_ULPS * Math.ulp(largest), "output " + i);
    }
    assertTrue(!Arrays.equals(eval, e.get("train")), "PyTorch's training mode drops: eval is the undropped output");
  }

  @Test
  void savesOnlyTheLinearTensorsAndLoadsThemBack() throws IOException, URISyntaxException {
    Map<String, double[]> e = expected();
    Sequential model = model(e);
    Network net = TorchStateDict.load(resource("standardize-dropout-F64.safetensors"), model);
    Path file = dir.resolve("back.safetensors");
    TorchStateDict.save(file, model, net, TorchStateDict.Dtype.F64);
    Network back = TorchStateDict.load(file, model);
    assertArrayEquals(net.parameters().snapshot(), back.parameters().snapshot(), 0.0);
    Tensor x = Tensor.fromArray(e.get("x"), 6, 3);
    assertEquals(net.predict(x), back.predict(x));
  }
}

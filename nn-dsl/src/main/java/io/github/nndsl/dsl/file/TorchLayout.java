package io.github.nndsl.dsl.file;

import io.github.nndsl.dsl.Layer;
import io.github.nndsl.dsl.Linear;
import io.github.nndsl.dsl.Sequential;

import io.github.nndsl.core.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Sequential}'s parameters sit in a PyTorch state dict: the same names ({@code
 * torch.nn.Sequential} names its children by index, as the parameter store does), weights
 * transposed to PyTorch's (out, in), and the strict key and shape check of {@code
 * load_state_dict(strict=True)}.
 */
final class TorchLayout {

  /** The prefix {@code torch.nn.DataParallel} puts before every key. */
  static final String MODULE_PREFIX = "module.";

  private TorchLayout() {}

  /** Every tensor a PyTorch {@code Sequential} of this model holds: name to PyTorch shape, in order. */
  static Map<String, int[]> shapes(Sequential model) {
    Map<String, int[]> out = new LinkedHashMap<>();
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof Linear) {
        Linear l = (Linear) layers.get(i);
        out.put(i + ".weight", new int[] {l.outputs(), l.inputs()});
        if (l.bias()) {
          out.put(i + ".bias", new int[] {l.outputs()});
        }
      }
    }
    return out;
  }

  /**
   * Checks that the store compiled from {@code model} holds exactly the tensors PyTorch names, so
   * that nothing of the model is lost on the way (standardize's constants are the descriptor's,
   * not the store's, so they are not in question).
   */
  static void checkStore(Sequential model, ParameterStore store) {
    List<String> torch = new ArrayList<>(shapes(model).keySet());
    if (!store.names().equals(torch)) {
      throw new IllegalArgumentException(
          "model " + model + " has parameters " + store.names() + ", but a PyTorch Sequential of it holds "
              + torch + "; only Linear layers carry parameters in a state dict");
    }
  }

  /** The file's tensors by name, without a {@code module.} prefix when every key has one. */
  static Map<String, SafeTensorsReader.Entry> keyed(Map<String, SafeTensorsReader.Entry> entries) {
    boolean prefixed = !entries.isEmpty() && entries.keySet().stream().allMatch(k -> k.startsWith(MODULE_PREFIX));
    if (!prefixed) {
      return entries;
    }
    Map<String, SafeTensorsReader.Entry> out = new LinkedHashMap<>();
    entries.forEach((k, v) -> out.put(k.substring(MODULE_PREFIX.length()), v));
    return out;
  }

  /**
   * Checks keys, shapes and nothing else, as {@code load_state_dict(strict=True)} does, and reports
   * every problem at once: missing tensors (in model order), unexpected ones (in file order), then
   * shapes that differ.
   *
   * @throws ModelFileException listing each problem with the tensor's name
   */
  static void checkStrict(Map<String, SafeTensorsReader.Entry> entries, Sequential model) {
    Map<String, int[]> expected = shapes(model);
    List<String> problems = new ArrayList<>();
    for (String name : expected.keySet()) {
      if (!entries.containsKey(name)) {
        problems.add("tensor '" + name + "' is missing");
      }
    }
    for (Map.Entry<String, SafeTensorsReader.Entry> e : entries.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        problems.add("tensor '" + e.getValue().name() + "' is unexpected");
      }
    }
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      SafeTensorsReader.Entry entry = entries.get(e.getKey());
      if (entry != null && !Arrays.equals(entry.shape(), e.getValue())) {
        problems.add("tensor '" + entry.name() + "' has shape " + entry.shapeString() + ", but "
            + layerOf(model, e.getKey()) + " needs " + Arrays.toString(e.getValue()) + hint(entry.shape(), e.getValue()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelFileException(
          "state dict does not match " + model + " (strict, as load_state_dict(strict=True)): "
              + String.join("; ", problems) + "; its tensors are " + expected.keySet());
    }
  }

  private static String layerOf(Sequential model, String name) {
    int index = Integer.parseInt(name.substring(0, name.indexOf('.')));
    return model.layers().get(index).toString();
  }

  private static String hint(int[] actual, int[] expected) {
    boolean transposed = actual.length == 2 && expected.length == 2 && actual[0] == expected[1] && actual[1] == expected[0];
    return transposed ? " (PyTorch stores Linear weights as (out, in): is it transposed?)" : "";
  }

  /** Writes a row-major (rows, cols) matrix transposed, as row-major (cols, rows), at {@code offset}. */
  static void transpose(double[] source, int rows, int cols, double[] target, int offset) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        target[offset + c * rows + r] = source[r * cols + c];
      }
    }
  }

  /** The index of flat element {@code i} of a row-major tensor of {@code shape}, as "[r, c]". */
  static String index(int[] shape, long i) {
    long[] at = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      at[d] = shape[d] == 0 ? 0 : i % shape[d];
      i = shape[d] == 0 ? 0 : i / shape[d];
    }
    return Arrays.toString(at);
  }
}

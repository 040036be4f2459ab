package io.github.nndsl.dsl.file;

import io.github.nndsl.dsl.Layer;
import io.github.nndsl.dsl.Linear;
import io.github.nndsl.dsl.Sequential;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What model files and checkpoints share: the metadata, the parameter tensors and their checks. */
final class ModelFiles {

  /** Says which program wrote a file. */
  static final String CREATED_BY = "nn-dsl";

  /** The {@code format} metadata of a checkpoint. */
  static final String CHECKPOINT_FORMAT = "nn-dsl.checkpoint";

  private ModelFiles() {}

  /** The parameters a model compiles to, in store order: name to shape. */
  static Map<String, int[]> expectedParameters(Sequential model) {
    Map<String, int[]> out = new LinkedHashMap<>();
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof Linear) {
        Linear l = (Linear) layers.get(i);
        out.put(i + ".weight", new int[] {l.inputs(), l.outputs()});
        if (l.bias()) {
          out.put(i + ".bias", new int[] {l.outputs()});
        }
      }
    }
    return out;
  }

  static void checkArguments(Path file, Sequential model, Network network) {
    Checks.notNull(file, "file");
    Checks.notNull(model, "model");
    Checks.notNull(network, "network");
    Map<String, int[]> expected = expectedParameters(model);
    ParameterStore store = network.parameters();
    List<String> problems = new ArrayList<>();
    if (network.inputs() != model.inputs() || network.outputs() != model.outputs()) {
      problems.add("it maps " + network.inputs() + " inputs to " + network.outputs() + " outputs, the model "
          + model.inputs() + " to " + model.outputs());
    }
    if (!store.names().equals(new ArrayList<>(expected.keySet()))) {
      problems.add("its parameters are " + store.names() + ", the model's " + expected.keySet());
    } else {
      for (Map.Entry<String, int[]> e : expected.entrySet()) {
        int[] actual = store.get(e.getKey()).shape();
        if (!Arrays.equals(actual, e.getValue())) {
          problems.add(e.getKey() + " has shape " + Arrays.toString(actual) + ", the model's "
              + Arrays.toString(e.getValue()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "network " + network + " was not compiled from model " + model + ": " + String.join("; ", problems));
    }
  }

  /** A writer holding the metadata and every parameter of the network, in store order. */
  static SafeTensorsWriter writer(String format, Sequential model, Network network) {
    SafeTensorsWriter writer = new SafeTensorsWriter()
        .metadata("format", format)
        .metadata("format_version", ModelFile.VERSION)
        .metadata("architecture", ArchitectureJson.encode(model))
        .metadata("created_by", CREATED_BY)
        .metadata("library_version", libraryVersion());
    ParameterStore store = network.parameters();
    for (String name : store.names()) {
      writer.f64(name, store.get(name).shape(), store.get(name).toArray());
    }
    return writer;
  }

  static String libraryVersion() {
    String v = ModelFiles.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  /** Checks the format and version metadata and decodes the architecture. */
  static Sequential checkHeader(SafeTensorsReader reader, String format) {
    Map<String, String> meta = reader.metadata();
    String actual = meta.get("format");
    if (actual == null) {
      throw new ModelFileException(
          "__metadata__ lacks 'format'; an nn-dsl file has format '" + format
              + "', format_version and architecture (safetensors from elsewhere must add them; a PyTorch"
              + " state dict loads with TorchStateDict.load)");
    }
    if (!actual.equals(format)) {
      throw new ModelFileException(
          "__metadata__ 'format' is '" + actual + "', but this reader expects '" + format + "'"
              + (actual.equals(CHECKPOINT_FORMAT) ? "; load checkpoints with Checkpoint.load"
                  : actual.equals(ModelFile.FORMAT) ? "; load models with ModelFile.load"
                  : actual.equals("pt") ? "; load PyTorch state dicts with TorchStateDict.load" : ""));
    }
    String version = meta.get("format_version");
    if (!ModelFile.VERSION.equals(version)) {
      throw new ModelFileException(
          "__metadata__ 'format_version' is " + (version == null ? "missing" : "'" + version + "'")
              + ", but this library reads version '" + ModelFile.VERSION + "'");
    }
    String architecture = meta.get("architecture");
    if (architecture == null) {
      throw new ModelFileException("__metadata__ lacks 'architecture'");
    }
    return ArchitectureJson.decode(architecture);
  }

  /**
   * Checks that the file holds exactly the model's parameters (plus {@code extra} tensors), as F64
   * of the right shapes, then compiles the model and overwrites its parameters with the file's.
   */
  static Network compileAndFill(SafeTensorsReader reader, Sequential model, Set<String> extra) {
    Map<String, int[]> expected = expectedParameters(model);
    Map<String, SafeTensorsReader.Entry> entries = reader.entries();
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      SafeTensorsReader.Entry entry = entries.get(e.getKey());
      if (entry == null) {
        throw new ModelFileException(
            "tensor '" + e.getKey() + "' is missing; the architecture " + model + " has parameters "
                + expected.keySet());
      }
      if (!entry.dtype().equals("F64")) {
        throw new ModelFileException("tensor '" + e.getKey() + "': dtype must be F64, but was " + entry.dtype());
      }
      if (!Arrays.equals(entry.shape(), e.getValue())) {
        throw new ModelFileException(
            "tensor '" + e.getKey() + "': shape must be " + Arrays.toString(e.getValue())
                + " (from the architecture), but was " + entry.shapeString());
      }
    }
    for (String name : entries.keySet()) {
      if (!expected.containsKey(name) && !extra.contains(name)) {
        throw new ModelFileException(
            "tensor '" + name + "' is not a parameter of the architecture " + model + " (its parameters are "
                + expected.keySet() + ")");
      }
    }
    Network network;
    try {
      network = model.compile(0);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("architecture cannot be compiled: " + e.getMessage(), e);
    }
    ParameterStore store = network.parameters();
    double[] values = new double[store.size()];
    int offset = 0;
    for (String name : store.names()) {
      SafeTensorsReader.Entry entry = entries.get(name);
      if (entry == null) {
        throw new AssertionError("compiled parameter " + name + " not among " + expected.keySet());
      }
      reader.readF64(entry, values, offset);
      offset += store.get(name).size();
    }
    store.restore(values);
    return network;
  }
}

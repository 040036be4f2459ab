package io.github.nndsl.dsl.file;

import io.github.nndsl.dsl.Sequential;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.internal.AtomicFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads and saves PyTorch state dicts in safetensors files: the parameters of a {@code
 * torch.nn.Sequential} of the same architecture, as {@code safetensors.torch.save_file(
 * model.state_dict(), path)} writes them and {@code model.load_state_dict(
 * safetensors.torch.load_file(path))} reads them.
 *
 * <p><b>The same architecture</b> is the layers in the same order: {@code linear(i, o)} is {@code
 * nn.Linear(i, o)} ({@code withoutBias()}: {@code bias=False}), {@code relu()} {@code nn.ReLU()},
 * {@code sigmoid()} {@code nn.Sigmoid()}, {@code tanh()} {@code nn.Tanh()}, {@code leakyRelu(s)}
 * {@code nn.LeakyReLU(s)}, {@code softmax()} {@code nn.Softmax(dim=1)}, {@code identity()} {@code
 * nn.Identity()}, {@code dropout(r)} {@code nn.Dropout(r)}. {@code standardize(...)} has no PyTorch
 * layer and is accepted: its constants belong to the nn-dsl model, not to the state dict, which
 * holds only the Linear tensors either way; on the PyTorch side put at that index a module that
 * keeps nothing in its state dict (for example one whose mean and std are buffers registered with
 * {@code persistent=False}), so that the indices of the layers after it agree. PyTorch names each parameter by the layer's index in the Sequential, as nn-dsl's
 * parameter store does ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...); layers without
 * parameters hold no tensors but still count. PyTorch's Linear weight has shape (out, in) and
 * computes {@code x · Wᵀ + b}; nn-dsl's is (in, out), so weights are transposed both ways.
 *
 * <pre>{@code
 * // Python: torch.nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2)), trained, then
 * //         safetensors.torch.save_file(model.state_dict(), "mlp.safetensors")
 * Sequential model = Sequential.of(linear(3, 5), relu(), linear(5, 2));
 * Network net = TorchStateDict.load(Path.of("mlp.safetensors"), model);
 * Tensor p = net.predict(x);
 *
 * TorchStateDict.save(Path.of("back.safetensors"), model, net);   // F32, for load_state_dict
 * }</pre>
 *
 * <p><b>Loading is strict</b>, as {@code load_state_dict(strict=True)}: a missing, unexpected or
 * misshapen tensor is a {@link ModelFileException} that names each one; so is a dtype other than
 * F32, F16, BF16 or F64 (named as the file spells it, for example {@code I64}) and a parameter that
 * is not finite (named with its index). A {@code module.} prefix on every key, as {@code
 * torch.nn.DataParallel} writes it, is accepted. Every value is widened exactly to double (each
 * F32, F16 and BF16 value is a double), so the network computes with precisely the weights
 * PyTorch holds. Its outputs are those of the PyTorch model in float64 ({@code model.double()})
 * to within the rounding of the matrix products: nn-dsl fuses each multiply-add where PyTorch's
 * CPU kernels round every product, which moved outputs by at most 2 ulps in the tests against
 * torch 1.13 (most were identical). The file is treated as hostile as {@link ModelFile} treats
 * its own: bounds, strict JSON, offsets that tile the data section.
 *
 * <p><b>Saving</b> writes F32 by default, PyTorch's default dtype: each double is rounded to the
 * nearest float (ties to even), so the saved weights differ from the network's by at most half a
 * float32 ulp and the PyTorch model's outputs by about 1e-7 relative. {@link Dtype#F64} keeps every
 * bit. Writes are atomic, as {@link ModelFile#save} writes.
 *
 * @since 0.1.0
 */
public final class TorchStateDict {

  /**
   * The dtype {@link #save(Path, Sequential, Network, Dtype)} writes.
   *
   * @since 0.1.0
   */
  public enum Dtype {
    /** float32, PyTorch's default: each double rounded to the nearest float, ties to even. */
    F32,
    /** float64: every bit kept; load it into a {@code model.double()} to compute in float64. */
    F64
  }

  private TorchStateDict() {}

  /**
   * Loads a PyTorch state dict into a new network compiled from {@code model}.
   *
   * <pre>{@code
   * Sequential model = Sequential.of(linear(3, 5), relu(), linear(5, 2));
   * Network net = TorchStateDict.load(Path.of("mlp.safetensors"), model);
   * }</pre>
   *
   * @param file a safetensors file holding exactly the model's tensors, F32, F16, BF16 or F64
   * @param model the architecture, layer for layer that of the PyTorch Sequential
   * @return a new network holding the file's parameters (and no optimiser state)
   * @throws IllegalArgumentException if an argument is null, or the model has parameters that a
   *     PyTorch Sequential holds no tensors for (only Linear layers carry tensors)
   * @throws ModelFileException if the file is malformed or hostile, or its tensors are not the
   *     model's (missing, unexpected, misshapen, another dtype, a non-finite value)
   * @throws UncheckedIOException if the file cannot be read
   * @since 0.1.0
   */
  public static Network load(Path file, Sequential model) {
    Checks.notNull(file, "file");
    Checks.notNull(model, "model");
    Network network = model.compile(0);
    ParameterStore store = network.parameters();
    TorchLayout.checkStore(model, store);
    try (SafeTensorsReader reader = SafeTensorsReader.open(file, Dtypes.TORCH)) {
      String format = reader.metadata().get("format");
      if (ModelFile.FORMAT.equals(format) || ModelFiles.CHECKPOINT_FORMAT.equals(format)) {
        // its weights are (in, out): a square one would load transposed without complaint
        throw new ModelFileException(
            "__metadata__ 'format' is '" + format + "': an nn-dsl file, not a PyTorch state dict; load it with "
                + (ModelFile.FORMAT.equals(format) ? "ModelFile.load" : "Checkpoint.load"));
      }
      Map<String, SafeTensorsReader.Entry> entries = TorchLayout.keyed(reader.entries());
      TorchLayout.checkStrict(entries, model);
      double[] values = new double[store.size()];
      int offset = 0;
      for (String name : store.names()) {
        SafeTensorsReader.Entry entry = entries.get(name);
        double[] raw = reader.readWidened(entry);
        checkFinite(entry, raw);
        int[] shape = entry.shape();
        if (shape.length == 2) {
          TorchLayout.transpose(raw, shape[0], shape[1], values, offset);
        } else {
          System.arraycopy(raw, 0, values, offset, raw.length);
        }
        offset += raw.length;
      }
      store.restore(values);
    }
    return network;
  }

  private static void checkFinite(SafeTensorsReader.Entry entry, double[] raw) {
    for (int i = 0; i < raw.length; i++) {
      if (!Double.isFinite(raw[i])) {
        throw new ModelFileException(
            "tensor '" + entry.name() + "' holds " + raw[i] + " at " + TorchLayout.index(entry.shape(), i) + " ("
                + entry.dtype() + "); a parameter must be finite");
      }
    }
  }

  /**
   * Saves a network's parameters as a PyTorch state dict in F32, atomically.
   *
   * <pre>{@code
   * TorchStateDict.save(Path.of("mlp.safetensors"), model, net);
   * // Python: model.load_state_dict(safetensors.torch.load_file("mlp.safetensors"))
   * }</pre>
   *
   * @param file the file to create or replace; its directory must exist
   * @param model the architecture
   * @param network a network compiled from {@code model}
   * @throws IllegalArgumentException if an argument is null, the network does not match the model,
   *     or a parameter is not finite or beyond float32's range
   * @throws UncheckedIOException if the file cannot be written; a previous file is then intact
   * @since 0.1.0
   */
  public static void save(Path file, Sequential model, Network network) {
    save(file, model, network, Dtype.F32);
  }

  /**
   * Saves a network's parameters as a PyTorch state dict in the given dtype, atomically.
   *
   * <pre>{@code
   * TorchStateDict.save(Path.of("mlp64.safetensors"), model, net, TorchStateDict.Dtype.F64);
   * // Python: model.double().load_state_dict(safetensors.torch.load_file("mlp64.safetensors"))
   * }</pre>
   *
   * @param file the file to create or replace; its directory must exist
   * @param model the architecture
   * @param network a network compiled from {@code model}
   * @param dtype {@link Dtype#F32} (rounded to nearest, ties to even) or {@link Dtype#F64} (exact)
   * @throws IllegalArgumentException if an argument is null, the network does not match the model,
   *     or a parameter is not finite (or, for F32, beyond float32's range)
   * @throws UncheckedIOException if the file cannot be written; a previous file is then intact
   * @since 0.1.0
   */
  public static void save(Path file, Sequential model, Network network, Dtype dtype) {
    save(file, model, network, dtype, AtomicFile.Hook.NONE);
  }

  /** {@link #save(Path, Sequential, Network, Dtype)} with a test hook that can fail a stage. */
  static void save(Path file, Sequential model, Network network, Dtype dtype, AtomicFile.Hook hook) {
    ModelFiles.checkArguments(file, model, network);
    Checks.notNull(dtype, "dtype");
    ParameterStore store = network.parameters();
    TorchLayout.checkStore(model, store);
    SafeTensorsWriter writer = new SafeTensorsWriter()
        .metadata("format", "pt")
        .metadata("created_by", ModelFiles.CREATED_BY);
    for (Map.Entry<String, int[]> e : TorchLayout.shapes(model).entrySet()) {
      Tensor t = store.get(e.getKey());
      double[] values = t.toArray();
      checkSavable(e.getKey(), t.shape(), values, dtype);
      double[] torch = values;
      if (t.shape().length == 2) {
        torch = new double[values.length];
        TorchLayout.transpose(values, t.shape()[0], t.shape()[1], torch, 0);
      }
      if (dtype == Dtype.F64) {
        writer.f64(e.getKey(), e.getValue(), torch);
      } else {
        float[] rounded = new float[torch.length];
        for (int i = 0; i < torch.length; i++) {
          rounded[i] = (float) torch[i]; // JLS 5.1.3: IEEE round to nearest, ties to even
        }
        writer.f32(e.getKey(), e.getValue(), rounded);
      }
    }
    writer.write(file, hook);
  }

  private static void checkSavable(String name, int[] shape, double[] values, Dtype dtype) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "network parameter " + name + " is " + values[i] + " at " + TorchLayout.index(shape, i)
                + "; a state dict holds finite parameters only (ModelFile.save keeps any value)");
      }
      if (dtype == Dtype.F32 && Float.isInfinite((float) values[i])) {
        throw new IllegalArgumentException(
            "network parameter " + name + " is " + values[i] + " at " + TorchLayout.index(shape, i)
                + ", beyond float32's range (" + Float.MAX_VALUE + "); save with TorchStateDict.Dtype.F64");
      }
    }
  }
}

package io.github.nndsl.dsl.file;

import io.github.nndsl.core.Network;
import io.github.nndsl.dsl.Layer;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.Standardize;
import io.github.nndsl.dsl.internal.AtomicFile;
import io.github.nndsl.dsl.internal.OnnxEncoder;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model as an ONNX file that ONNX Runtime (or any ONNX runtime) runs with the outputs of
 * {@link Network#predict}.
 *
 * <p>The file is one graph, operator set {@value #OPSET} (IR version {@value #IR_VERSION}), with one
 * input named {@value #INPUT} of shape {@code (batch, model.inputs())} and one output named {@value
 * #OUTPUT} of shape {@code (batch, model.outputs())}; {@code batch} is a symbolic dimension
 * ({@code dim_param} {@value #BATCH}), so any number of rows runs. The layers become:
 *
 * <table>
 *   <caption>ONNX nodes per layer</caption>
 *   <tr><th>layer</th><th>nodes</th></tr>
 *   <tr><td>{@code linear}</td><td>{@code MatMul} with the weight (inputs, outputs), then {@code Add}
 *       of the bias (none without a bias)</td></tr>
 *   <tr><td>{@code relu}, {@code sigmoid}, {@code tanh}, {@code identity}</td><td>{@code Relu},
 *       {@code Sigmoid}, {@code Tanh}, {@code Identity}</td></tr>
 *   <tr><td>{@code softmax}</td><td>{@code Softmax} along the last axis</td></tr>
 *   <tr><td>{@code leakyRelu}</td><td>float64: {@code Where(Greater(x, 0), x, Mul(x, slope))};
 *       float32: {@code LeakyRelu}</td></tr>
 *   <tr><td>{@code standardize}</td><td>{@code Sub} of the means, then {@code Div} by the stds,
 *       both constant initializers ({@code i.mean}, {@code i.std}); float64 gives its bits</td></tr>
 *   <tr><td>{@code dropout}</td><td>{@code Identity}: the file is for inference</td></tr>
 * </table>
 *
 * <p>Weights and biases are initializers named as in the parameter store ({@code 0.weight}, {@code
 * 0.bias}, ...); the model's {@code metadata_props} hold the architecture as nn-dsl's JSON
 * ({@code nn-dsl.architecture}).
 *
 * <p><b>Precision.</b> {@link Precision#FLOAT64}, the default, keeps every parameter bit for bit and
 * computes in double as nn-dsl does, so the file gives {@code predict}'s numbers. Measured in ONNX
 * Runtime 1.23.2 (CPU): linear layers of at most 128 inputs (512 for layers of at most 16 outputs),
 * ReLU, leaky ReLU and identity give the same bits; wider linear layers differ in the last bits
 * (ONNX Runtime's MLAS sums the inputs in blocks of 128 to 512 and adds the block sums, nn-core sums
 * in one chain), and sigmoid, tanh and softmax by a few units of 2<sup>-53</sup> (ONNX Runtime takes
 * exp and tanh from Eigen, and its double sigmoid is {@code 1 - 1 / (1 + exp(-|x|))} for negative
 * x). {@link Precision#FLOAT32} rounds the parameters to the nearest float, and the input and output
 * are float tensors: for runtimes without double kernels (browsers, mobile, most accelerators) and
 * for speed, at float's precision (within 2e-5 of {@code predict}, relative to {@code max(1, |y|)},
 * on the models tested).
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(4, 16), relu(), linear(16, 3), softmax());
 * Network net = model.compile(42);
 * // ... train ...
 * Onnx.save(Path.of("iris.onnx"), model, net);                           // float64
 * Onnx.save(Path.of("iris-f32.onnx"), model, net, Onnx.Precision.FLOAT32);
 *
 * // in ONNX Runtime (ai.onnxruntime):
 * OrtEnvironment env = OrtEnvironment.getEnvironment();
 * try (OrtSession session = env.createSession("iris.onnx");
 *      OnnxTensor x = OnnxTensor.createTensor(env, new double[][] {{5.1, 3.5, 1.4, 0.2}});
 *      OrtSession.Result result = session.run(Map.of(Onnx.INPUT, x))) {
 *   double[][] p = (double[][]) result.get(Onnx.OUTPUT).get().getValue();
 * }
 * }</pre>
 *
 * <p>Like {@link ModelFile#save}, the write is atomic: a temporary file in the target's directory,
 * forced to disk and renamed over the target; on failure a previous file is left intact.
 *
 * @since 0.1.0
 */
public final class Onnx {

  /**
   * The name of the graph's input: a tensor of shape {@code (batch, inputs)}.
   *
   * @since 0.1.0
   */
  public static final String INPUT = "input";

  /**
   * The name of the graph's output: a tensor of shape {@code (batch, outputs)}.
   *
   * @since 0.1.0
   */
  public static final String OUTPUT = "output";

  /**
   * The name of the symbolic batch dimension ({@code dim_param}) of the input and output.
   *
   * @since 0.1.0
   */
  public static final String BATCH = "batch";

  /**
   * The ONNX operator set the file imports: 17, which every operator used has reached in its
   * current form (Softmax's last-axis semantics date from 13), read by ONNX Runtime 1.13 and newer
   * and by the onnx package 1.12 and newer.
   *
   * @since 0.1.0
   */
  public static final long OPSET = 17;

  /**
   * The ONNX IR version of the file: 8, the one that goes with operator set 17.
   *
   * @since 0.1.0
   */
  public static final long IR_VERSION = 8;

  /**
   * The element type of every tensor in the file.
   *
   * <pre>{@code
   * Onnx.save(path, model, net, Onnx.Precision.FLOAT32);
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Precision {
    /** float64 ({@code DOUBLE}): parameters bit for bit, computed as nn-dsl computes; the default. */
    FLOAT64,
    /** float32 ({@code FLOAT}): parameters rounded to nearest float; portable and faster. */
    FLOAT32
  }

  private Onnx() {}

  /**
   * Writes {@code model} with {@code network}'s parameters as a float64 ONNX file, atomically.
   *
   * <pre>{@code
   * Onnx.save(Path.of("xor.onnx"), model, net);
   * }</pre>
   *
   * @param file the file to create or replace; its directory must exist
   * @param model the architecture
   * @param network a network compiled from {@code model} (its parameters are written)
   * @throws IllegalArgumentException if an argument is null, the network was not compiled from the
   *     model (its parameter names or shapes differ), or the parameters exceed the 2 GiB an ONNX
   *     file can hold
   * @throws UncheckedIOException if the file cannot be written; a previous file is then intact
   * @since 0.1.0
   */
  public static void save(Path file, Sequential model, Network network) {
    save(file, model, network, Precision.FLOAT64);
  }

  /**
   * Writes {@code model} with {@code network}'s parameters as an ONNX file of the given precision,
   * atomically.
   *
   * <pre>{@code
   * Onnx.save(Path.of("xor-f32.onnx"), model, net, Onnx.Precision.FLOAT32);
   * }</pre>
   *
   * @param file the file to create or replace; its directory must exist
   * @param model the architecture
   * @param network a network compiled from {@code model} (its parameters are written)
   * @param precision the element type of every tensor in the file
   * @throws IllegalArgumentException if an argument is null, the network was not compiled from the
   *     model (its parameter names or shapes differ), the parameters exceed the 2 GiB an ONNX file
   *     can hold, or (FLOAT32) a finite parameter is beyond float32's range
   * @throws UncheckedIOException if the file cannot be written; a previous file is then intact
   * @since 0.1.0
   */
  public static void save(Path file, Sequential model, Network network, Precision precision) {
    save(file, model, network, precision, AtomicFile.Hook.NONE);
  }

  /** {@link #save(Path, Sequential, Network, Precision)} with a test hook that can fail a stage. */
  static void save(Path file, Sequential model, Network network, Precision precision, AtomicFile.Hook hook) {
    byte[] bytes = encode(file, model, network, precision, OnnxEncoder.MAX_BYTES);
    AtomicFile.write(file, channel -> {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }, hook);
  }

  /** Checks the arguments and encodes the whole model in memory, before any file is touched. */
  static byte[] encode(Path file, Sequential model, Network network, Precision precision, long maxBytes) {
    ModelFiles.checkArguments(file, model, network);
    Checks.notNull(precision, "precision");
    int elemType = precision == Precision.FLOAT64 ? OnnxEncoder.DOUBLE : OnnxEncoder.FLOAT;
    long constants = 0;
    for (Layer layer : model.layers()) {
      constants += layer instanceof Standardize ? 2L * ((Standardize) layer).inputs() : 0;
    }
    long raw = OnnxEncoder.rawBytes(elemType, network.parameters().size() + constants);
    if (raw > maxBytes - (1 << 20)) { // a MiB for the graph around the parameters
      throw new IllegalArgumentException(
          "model " + model + " has " + network.parameters().size() + " parameters, " + raw + " bytes in "
              + precision + ", but an ONNX file holds at most " + maxBytes + " bytes (protobuf's 2 GiB)"
              + (precision == Precision.FLOAT64 ? "; FLOAT32 halves the size" : ""));
    }
    if (precision == Precision.FLOAT32) {
      checkFloatRange(network);
      checkFloatRange(model);
    }
    OnnxEncoder graph = new OnnxEncoder("nn-dsl", elemType, BATCH)
        .input(INPUT, model.inputs(), "a batch of examples, one row of " + model.inputs() + " features each");
    OnnxLayers layers = new OnnxLayers(graph, network.parameters(), precision);
    List<Layer> all = model.layers();
    String in = INPUT;
    for (int i = 0; i < all.size(); i++) {
      String out = i == all.size() - 1 ? OUTPUT : i + ".out";
      layers.emit(i, all.get(i), in, out);
      in = out;
    }
    graph.output(OUTPUT, model.outputs(), "the model's outputs, one row of " + model.outputs() + " per example");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("nn-dsl.architecture", ArchitectureJson.encode(model));
    metadata.put("nn-dsl.precision", precision.name());
    return graph.encode(IR_VERSION, OPSET, ModelFiles.CREATED_BY, ModelFiles.libraryVersion(),
        model.toString(), metadata);
  }

  /**
   * Refuses standardization constants that float32 cannot hold: a mean beyond its range, or a
   * std that rounds to 0 or to infinity (every output would then be infinite or NaN).
   */
  private static void checkFloatRange(Sequential model) {
    List<Layer> layers = model.layers();
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l) instanceof Standardize) {
        Standardize s = (Standardize) layers.get(l);
        double[] mean = s.mean();
        double[] std = s.std();
        for (int i = 0; i < mean.length; i++) {
          if (Float.isInfinite((float) mean[i])) {
            throw new IllegalArgumentException("layer " + l + " " + s + " mean[" + i + "] is " + mean[i]
                + ", beyond float32's range (+-" + Float.MAX_VALUE + "); save it with Precision.FLOAT64");
          }
          if (Float.isInfinite((float) std[i]) || (float) std[i] == 0.0f) {
            throw new IllegalArgumentException("layer " + l + " " + s + " std[" + i + "] is " + std[i]
                + ", which float32 rounds to " + (float) std[i] + "; save it with Precision.FLOAT64");
          }
        }
      }
    }
  }

  /**
   * Refuses a finite parameter that float32 cannot hold (it would become infinite, and the outputs
   * NaN); NaN and infinite parameters are written as they are, as {@link ModelFile} does.
   */
  private static void checkFloatRange(Network network) {
    for (String name : network.parameters().names()) {
      double[] values = network.parameters().get(name).toArray();
      for (int i = 0; i < values.length; i++) {
        if (Double.isFinite(values[i]) && Float.isInfinite((float) values[i])) {
          throw new IllegalArgumentException(
              "parameter " + name + "[" + i + "] is " + values[i] + ", beyond float32's range (+-"
                  + Float.MAX_VALUE + "); save it with Precision.FLOAT64");
        }
      }
    }
  }
}

package io.github.nndsl.dsl.file;

import io.github.nndsl.core.train.Trainer;

import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Layers;
import io.github.nndsl.dsl.Linear;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.Sigmoid;

import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Test helpers for model files: a small trained model, and raw file surgery. */
public final class ModelFiling {

  public static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  public static final Tensor Y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

  private ModelFiling() {}

  /** Linear(2, 3), ReLU, Linear(3, 1), Sigmoid: 0.weight (2, 3), 0.bias (3), 2.weight (3, 1), 2.bias (1). */
  public static Sequential small() {
    return Sequential.of(linear(2, 3).withWeightInit(Init.normal(0.5)), relu(), linear(3, 1), sigmoid());
  }

  public static Network trained(Sequential model) {
    Network net = model.compile(3);
    Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(net, X, Y, 50);
    return net;
  }

  /**
   * Every layer kind and init kind, so a round trip covers the whole codec: {@link
   * #everythingBefore()} with a standardization first and a dropout layer.
   */
  public static Sequential everything() {
    java.util.List<io.github.nndsl.dsl.Layer> layers = new java.util.ArrayList<>();
    layers.add(Layers.standardize(new double[] {0.1, -0.0}, new double[] {1.0 / 3, 2.5}));
    layers.addAll(everythingBefore().layers());
    layers.add(2, Layers.dropout(0.25));
    return Sequential.ofAll(layers);
  }

  /** The kinds there were before standardize and dropout, as the files in resources/written hold them. */
  public static Sequential everythingBefore() {
    return Sequential.of(
        linear(2, 5).withWeightInit(Init.uniform(-0.0, 0.25)).withBiasInit(Init.constant(-0.0)),
        leakyRelu(0.2),
        linear(5, 4).withWeightInit(Init.he()).withBiasInit(Init.normal(1e-8)),
        Layers.tanh(),
        linear(4, 4).withoutBias().withWeightInit(Init.glorot()),
        Layers.identity(),
        linear(4, 3).withBiasInit(Init.uniform(-1e300, 1e300)),
        Layers.softmax(),
        linear(3, 1),
        sigmoid(),
        relu());
  }

  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, byte[] content) {
    try {
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static long headerLength(byte[] file) {
    return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
  }

  public static String header(byte[] file) {
    return new String(file, 8, (int) headerLength(file), StandardCharsets.UTF_8);
  }

  public static byte[] data(byte[] file) {
    return Arrays.copyOfRange(file, 8 + (int) headerLength(file), file.length);
  }

  /** A file with this header and data section. */
  public static byte[] assemble(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return b.array();
  }

  /** The file with one literal replacement in its header (which must occur). */
  public static byte[] replaceInHeader(byte[] file, String from, String to) {
    String h = header(file);
    if (!h.contains(from)) {
      throw new IllegalArgumentException("header does not contain " + from + ": " + h);
    }
    return assemble(h.replace(from, to), data(file));
  }
}

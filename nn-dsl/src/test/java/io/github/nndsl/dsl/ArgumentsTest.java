package io.github.nndsl.dsl;
import io.github.nndsl.dsl.file.ModelFiling;

import io.github.nndsl.dsl.file.Checkpoint;
import io.github.nndsl.dsl.file.ModelFile;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public entry point of nn-dsl names a bad argument in an IllegalArgumentException: nulls,
 * non-positive sizes, non-finite numbers, shapes that do not fit; and a rejected save leaves the
 * previous file as it was.
 */
class ArgumentsTest {

  private static final Sequential MODEL = ModelFiling.small();
  private static final Network NET = MODEL.compile(1);
  private static final Path FILE = Path.of("unused.safetensors");

  static Stream<Arguments> nulls() {
    return Stream.of(
        row("layers is null", () -> Sequential.of((Layer[]) null)),
        row("layers[1] is null", () -> Sequential.of(linear(2, 3), null)),
        row("layers is null", () -> Sequential.ofAll(null)),
        row("layers[0] is null", () -> Sequential.ofAll(Arrays.asList((Layer) null))),
        row("layer is null", () -> MODEL.then(null)),
        row("init is null", () -> linear(2, 3).withWeightInit(null)),
        row("init is null", () -> linear(2, 3).withBiasInit(null)),
        row("weightInit is null", () -> new Linear(2, 3, true, null, Init.zeros())),
        row("biasInit is null", () -> new Linear(2, 3, true, Init.auto(), null)),
        row("file is null", () -> ModelFile.save(null, MODEL, NET)),
        row("model is null", () -> ModelFile.save(FILE, null, NET)),
        row("network is null", () -> ModelFile.save(FILE, MODEL, null)),
        row("file is null", () -> ModelFile.load(null)),
        row("file is null", () -> Checkpoint.save(null, MODEL, NET)),
        row("model is null", () -> Checkpoint.save(FILE, null, NET)),
        row("network is null", () -> Checkpoint.save(FILE, MODEL, null)),
        row("file is null", () -> Checkpoint.load(null)),
        row("model is null", () -> new ModelFile.Loaded(null, NET)),
        row("network is null", () -> new ModelFile.Loaded(MODEL, null)));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        row("inputs must be positive, but was 0", () -> linear(0, 3)),
        row("outputs must be positive, but was -1", () -> linear(2, -1)),
        row("inputs must be positive, but was -4", () -> new Linear(-4, 3, true, Init.auto(), Init.zeros())),
        row("slope must be finite and non-negative, but was NaN", () -> Layers.leakyRelu(Double.NaN)),
        row("slope must be finite and non-negative, but was -0.5", () -> Layers.leakyRelu(-0.5)),
        row("slope must be finite and non-negative, but was Infinity",
            () -> new LeakyRelu(Double.POSITIVE_INFINITY)),
        row("std must be finite and non-negative, but was -1.0", () -> Init.normal(-1)),
        row("std must be finite and non-negative, but was NaN", () -> Init.normal(Double.NaN)),
        row("low must be finite, but was NaN", () -> Init.uniform(Double.NaN, 1)),
        row("low must be less than high, but low was 1.0 and high was 1.0", () -> Init.uniform(1, 1)),
        row("value must be finite, but was Infinity", () -> Init.constant(Double.POSITIVE_INFINITY)),
        row("biasInit must not be auto(), which only chooses weight initialisations; use zeros() or another init",
            () -> linear(2, 3).withBiasInit(Init.auto())),
        row("biasInit must be zeros() when bias is false, but was constant(1.0)",
            () -> new Linear(2, 3, false, Init.auto(), Init.constant(1))),
        row("inputWidth must be positive, but was 0", () -> relu().outputWidth(0)),
        row("Linear(2, 3) expects 2 inputs, but was given 4", () -> linear(2, 3).outputWidth(4)),
        row("layers must not be empty; start with a linear layer, e.g. Sequential.of(linear(2, 4), relu())",
            () -> Sequential.of()),
        row("Sequential(ReLU) has no linear layer, so its input width is unknown; start with linear(inputs, outputs)",
            () -> Sequential.of(relu())),
        row("layer 1 Linear(4, 1) expects 4 inputs, but layer 0 Linear(2, 3) gives 3",
            () -> Sequential.of(linear(2, 3), linear(4, 1))),
        row("layer 4 Linear(2, 1) expects 2 inputs, but layer 2 Linear(3, 1) gives 1",
            () -> MODEL.then(linear(2, 1))),
        row("seed must be non-negative, but was -1", () -> MODEL.compile(-1)),
        row("network Network(Linear(2, 4), ReLU, Linear(4, 1); 17 parameters) was not compiled from model "
                + "Sequential(Linear(2, 3, weightInit=normal(0.5)), ReLU, Linear(3, 1), Sigmoid): 0.weight has shape"
                + " [2, 4], the model's [2, 3]; 0.bias has shape [4], the model's [3]; 2.weight has shape [4, 1],"
                + " the model's [3, 1]",
            () -> ModelFile.save(FILE, MODEL, Sequential.of(linear(2, 4), relu(), linear(4, 1)).compile(0))));
  }

  private static Arguments row(String message, Executable call) {
    return Arguments.of(message, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nulls")
  void namesTheNullArgument(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void namesTheBadValueWithTheExpectedAndTheActual(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void aRejectedSaveLeavesThePreviousFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path model = dir.resolve("m.safetensors");
    Path checkpoint = dir.resolve("c.safetensors");
    ModelFile.save(model, MODEL, NET);
    Checkpoint.save(checkpoint, MODEL, NET);
    byte[] modelBytes = Files.readAllBytes(model);
    byte[] checkpointBytes = Files.readAllBytes(checkpoint);
    Network other = Sequential.of(linear(2, 4), relu(), linear(4, 1)).compile(0);
    assertThrows(IllegalArgumentException.class, () -> ModelFile.save(model, MODEL, other));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(checkpoint, MODEL, other));
    assertThrows(IllegalArgumentException.class, () -> ModelFile.save(model, null, NET));
    assertArrayEquals(modelBytes, Files.readAllBytes(model));
    assertArrayEquals(checkpointBytes, Files.readAllBytes(checkpoint));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void aRejectedThenLeavesTheModelAsItWas() {
    Sequential before = ModelFiling.small();
    assertThrows(IllegalArgumentException.class, () -> before.then(linear(7, 1)));
    assertEquals(ModelFiling.small(), before);
    assertEquals(4, before.layers().size());
  }
}

package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.file.ModelFiling.bytes;
import static io.github.nndsl.dsl.file.ModelFiling.everything;
import static io.github.nndsl.dsl.file.ModelFiling.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Onnx.save's arguments, its errors and its atomic write; what the file computes is OnnxRuntimeTest's. */
class OnnxSaveTest {

  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Nested
  class Arguments {

    @Test
    void namesTheNullArgument() {
      Path file = dir.resolve("m.onnx");
      Sequential model = small();
      Network net = model.compile(0);
      assertEquals("file is null",
          assertThrows(IllegalArgumentException.class, () -> Onnx.save(null, model, net)).getMessage());
      assertEquals("model is null",
          assertThrows(IllegalArgumentException.class, () -> Onnx.save(file, null, net)).getMessage());
      assertEquals("network is null",
          assertThrows(IllegalArgumentException.class, () -> Onnx.save(file, model, null)).getMessage());
      assertEquals("precision is null",
          assertThrows(IllegalArgumentException.class, () -> Onnx.save(file, model, net, null)).getMessage());
    }

    @Test
    void rejectsANetworkOfAnotherArchitecture() {
      Path file = dir.resolve("m.onnx");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Onnx.save(file, small(), everything().compile(0)));

      assertTrue(e.getMessage().contains("was not compiled from model Sequential(Linear(2, 3"), e.getMessage());
      assertTrue(Files.notExists(file));
    }

    @Test
    void rejectsTheSameParameterNamesWithOtherShapes() {
      Sequential model = Sequential.of(linear(2, 3), relu(), linear(3, 1));
      Network other = Sequential.of(linear(3, 2), relu(), linear(2, 1)).compile(0);

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Onnx.save(dir.resolve("m.onnx"), model, other));

      assertTrue(e.getMessage().contains("it maps 3 inputs to 1 outputs, the model 2 to 1"), e.getMessage());
      assertTrue(e.getMessage().contains("0.weight has shape [3, 2], the model's [2, 3]"), e.getMessage());
    }

    @Test
    void float32RefusesAParameterBeyondFloatRange() throws IOException {
      Path file = dir.resolve("m.onnx");
      Files.write(file, new byte[] {1, 2, 3});
      Sequential model = Sequential.of(linear(2, 3), relu(), linear(3, 1));
      Network net = model.compile(0);
      net.parameters().get("2.bias").set(0, 1e39);

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Onnx.save(file, model, net, Onnx.Precision.FLOAT32));

      assertEquals("parameter 2.bias[0] is 1.0E39, beyond float32's range (+-3.4028235E38); save it with"
          + " Precision.FLOAT64", e.getMessage());
      assertArrayEquals(new byte[] {1, 2, 3}, bytes(file));
    }

    @Test
    void float32RefusesStandardizeConstantsBeyondFloatRange() throws IOException {
      Path file = dir.resolve("s.onnx");
      Files.write(file, new byte[] {1, 2, 3});
      Sequential tiny = Sequential.of(io.github.nndsl.dsl.Layers.standardize(new double[] {0, 0}, new double[] {1, 1e-50}),
          linear(2, 1));
      assertEquals("layer 0 Standardize(2) std[1] is 1.0E-50, which float32 rounds to 0.0; save it with Precision.FLOAT64",
          assertThrows(IllegalArgumentException.class, () -> Onnx.save(file, tiny, tiny.compile(0), Onnx.Precision.FLOAT32))
              .getMessage());
      Sequential huge = Sequential.of(io.github.nndsl.dsl.Layers.standardize(new double[] {1e39}, new double[] {1}),
          linear(1, 1));
      assertEquals("layer 0 Standardize(1) mean[0] is 1.0E39, beyond float32's range (+-3.4028235E38); save it with"
              + " Precision.FLOAT64",
          assertThrows(IllegalArgumentException.class, () -> Onnx.save(file, huge, huge.compile(0), Onnx.Precision.FLOAT32))
              .getMessage());
      assertArrayEquals(new byte[] {1, 2, 3}, bytes(file));
      Onnx.save(file, tiny, tiny.compile(0)); // float64 keeps every bit
    }

    @Test
    void writesNaNAndInfiniteParametersAsTheyAre() {
      // a diverged model can be exported and inspected, as ModelFile allows; float64 keeps 1e39
      Sequential model = Sequential.of(linear(2, 1));
      Network net = model.compile(0);
      net.parameters().get("0.bias").set(0, Double.POSITIVE_INFINITY);
      Path file = dir.resolve("m.onnx");
      Onnx.save(file, model, net, Onnx.Precision.FLOAT32);
      try (OnnxRuntime ort = OnnxRuntime.open(bytes(file))) {
        assertEquals(Double.POSITIVE_INFINITY, ort.runFloat(Tensor.of(new double[][] {{1, 2}}))[0]);
      }
    }

    @Test
    void refusesAModelBeyondTheLimitBeforeWritingAnything() throws IOException {
      Sequential model = Sequential.of(linear(300, 500)); // 150 500 parameters, 1 204 000 bytes as float64
      Network net = model.compile(0);
      long limit = 2 << 20;

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Onnx.encode(dir.resolve("m.onnx"), model, net, Onnx.Precision.FLOAT64, limit));

      assertEquals("model Sequential(Linear(300, 500)) has 150500 parameters, 1204000 bytes in FLOAT64, but an"
          + " ONNX file holds at most 2097152 bytes (protobuf's 2 GiB); FLOAT32 halves the size", e.getMessage());
      byte[] float32 = Onnx.encode(dir.resolve("m.onnx"), model, net, Onnx.Precision.FLOAT32, limit);
      assertTrue(float32.length > 602000 && float32.length < limit, "FLOAT32 fits: " + float32.length);
      assertEquals(List.of(), names());
    }
  }

  @Nested
  class AtomicWrites {

    @ParameterizedTest
    @ValueSource(strings = {"write", "force", "move"})
    void aFailureAtAnyStageLeavesTheOldFileIntact(String stage) throws IOException {
      Path file = dir.resolve("m.onnx");
      Sequential old = everything();
      Onnx.save(file, old, old.compile(1));
      byte[] before = bytes(file);
      Sequential model = small();

      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> Onnx.save(file, model, model.compile(0), Onnx.Precision.FLOAT64, s -> {
            if (s.equals(stage)) {
              throw new IOException("injected failure at " + s);
            }
          }));

      assertTrue(e.getMessage().contains("injected failure at " + stage), e.getMessage());
      assertArrayEquals(before, bytes(file));
      assertEquals(List.of("m.onnx"), names(), "the temporary file is removed");
    }

    @Test
    void replacesAnOldFile() {
      Path file = dir.resolve("m.onnx");
      Sequential model = small();
      Onnx.save(file, everything(), everything().compile(1));
      Network net = model.compile(0);

      Onnx.save(file, model, net);

      try (OnnxRuntime ort = OnnxRuntime.open(bytes(file))) {
        assertEquals(net.predict(ModelFiling.X).toArray().length, ort.run(ModelFiling.X).length);
      }
    }

    @Test
    void doesNotCreateAMissingDirectory() {
      Path file = dir.resolve("missing/m.onnx");
      Sequential model = small();

      assertThrows(UncheckedIOException.class, () -> Onnx.save(file, model, model.compile(0)));
      assertTrue(Files.notExists(file.getParent()));
    }

    @Test
    void refusesToReplaceADirectory() throws IOException {
      Path target = Files.createDirectory(dir.resolve("m.onnx"));
      Sequential model = small();

      assertThrows(UncheckedIOException.class, () -> Onnx.save(target, model, model.compile(0)));
      assertTrue(Files.isDirectory(target));
    }

    @Test
    void writesTheSameBytesEveryTime() {
      Sequential model = everything();
      Network net = model.compile(5);
      Path a = dir.resolve("a.onnx");
      Path b = dir.resolve("b.onnx");
      Onnx.save(a, model, net);
      Onnx.save(b, model, net);
      assertArrayEquals(bytes(a), bytes(b));
    }
  }
}

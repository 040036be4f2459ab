package io.github.nndsl.dsl.file;

import io.github.nndsl.dsl.Sequential;

import static io.github.nndsl.dsl.file.ModelFiling.X;
import static io.github.nndsl.dsl.file.ModelFiling.bytes;
import static io.github.nndsl.dsl.file.ModelFiling.everything;
import static io.github.nndsl.dsl.file.ModelFiling.header;
import static io.github.nndsl.dsl.file.ModelFiling.headerLength;
import static io.github.nndsl.dsl.file.ModelFiling.small;
import static io.github.nndsl.dsl.file.ModelFiling.trained;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
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

public class ModelFileTest {

  @TempDir Path dir;

  public static long[] bits(double[] values) {
    return java.util.Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Nested
  class RoundTrip {

    @Test
    void loadsAnEqualModelWithBitIdenticalPredictions() {
      Sequential model = small();
      Network net = trained(model);
      Path file = dir.resolve("xor.safetensors");
      ModelFile.save(file, model, net);

      ModelFile.Loaded loaded = ModelFile.load(file);

      assertEquals(model, loaded.model());
      assertArrayEquals(bits(net.parameters().snapshot()), bits(loaded.network().parameters().snapshot()));
      assertArrayEquals(bits(net.predict(X).toArray()), bits(loaded.network().predict(X).toArray()));
    }

    @Test
    void keepsEveryLayerAndInitKind() {
      Sequential model = everything();
      Network net = model.compile(11);
      Path file = dir.resolve("all.safetensors");
      ModelFile.save(file, model, net);

      ModelFile.Loaded loaded = ModelFile.load(file);

      assertEquals(model, loaded.model());
      assertEquals(model.toString(), loaded.model().toString());
      assertArrayEquals(bits(net.parameters().snapshot()), bits(loaded.network().parameters().snapshot()));
    }

    @Test
    void keepsNaNInfinityAndNegativeZeroBitForBit() {
      Sequential model = small();
      Network net = model.compile(0);
      Tensor w = net.parameters().get("0.weight");
      w.set(0, 0, Double.longBitsToDouble(0x7ff8_0000_dead_beefL)); // a NaN with a payload
      w.set(0, 1, Double.POSITIVE_INFINITY);
      w.set(0, 2, -0.0);
      Path file = dir.resolve("odd.safetensors");
      ModelFile.save(file, model, net);

      Network loaded = ModelFile.load(file).network();

      assertArrayEquals(bits(net.parameters().snapshot()), bits(loaded.parameters().snapshot()));
    }

    @Test
    void replacesAnExistingFile() {
      Path file = dir.resolve("m.safetensors");
      ModelFile.save(file, everything(), everything().compile(1));
      Sequential model = small();
      ModelFile.save(file, model, trained(model));

      assertEquals(model, ModelFile.load(file).model());
    }

    @Test
    void savingToASymbolicLinkReplacesTheLinkAndLeavesItsTargetAlone() throws java.io.IOException {
      Path target = dir.resolve("run-42.safetensors");
      Sequential old = everything();
      ModelFile.save(target, old, old.compile(1));
      byte[] before = java.nio.file.Files.readAllBytes(target);
      Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("latest.safetensors"), target);

      Sequential model = small();
      ModelFile.save(link, model, trained(model));

      assertTrue(!java.nio.file.Files.isSymbolicLink(link), "the link was replaced by a regular file");
      assertEquals(model, ModelFile.load(link).model());
      assertArrayEquals(before, java.nio.file.Files.readAllBytes(target), "the link's target is untouched");
    }

    @Test
    void loadedRecordDestructures() {
      Path file = dir.resolve("m.safetensors");
      Sequential model = small();
      ModelFile.save(file, model, model.compile(0));
      ModelFile.Loaded loaded = ModelFile.load(file);

      assertEquals(loaded.model(), loaded.component1());
      assertEquals(loaded.network(), loaded.component2());
    }
  }

  @Nested
  class Format {

    @Test
    void headerLengthIsLittleEndianAndDataIsAligned() {
      Path file = dir.resolve("m.safetensors");
      Sequential model = small();
      ModelFile.save(file, model, model.compile(0));
      byte[] b = bytes(file);

      long n = headerLength(b);
      assertEquals(0, (8 + n) % 8, "data section starts at a multiple of 8");
      assertEquals(b.length, 8 + n + 8 * model.parameterCount());
      assertTrue(header(b).startsWith("{\"__metadata__\":{\"format\":\"nn-dsl.model\",\"format_version\":\"1\""));
    }

    @Test
    void tensorsAreInStoreOrderAndContiguous() {
      Path file = dir.resolve("m.safetensors");
      Sequential model = small();
      ModelFile.save(file, model, model.compile(0));
      String h = header(bytes(file));

      assertTrue(h.contains("\"0.weight\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}"), h);
      assertTrue(h.contains("\"0.bias\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[48,72]}"), h);
      assertTrue(h.contains("\"2.weight\":{\"dtype\":\"F64\",\"shape\":[3,1],\"data_offsets\":[72,96]}"), h);
      assertTrue(h.contains("\"2.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[96,104]}"), h);
    }
  }

  @Nested
  class Arguments {

    @Test
    void rejectsNulls() {
      Sequential model = small();
      Network net = model.compile(0);
      Path file = dir.resolve("m.safetensors");
      assertEquals("file is null",
          assertThrows(IllegalArgumentException.class, () -> ModelFile.save(null, model, net)).getMessage());
      assertEquals("model is null",
          assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, null, net)).getMessage());
      assertEquals("network is null",
          assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, model, null)).getMessage());
      assertEquals("file is null",
          assertThrows(IllegalArgumentException.class, () -> ModelFile.load(null)).getMessage());
    }

    @Test
    void rejectsANetworkOfAnotherModel() {
      Path file = dir.resolve("m.safetensors");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ModelFile.save(file, small(), everything().compile(0)));

      assertTrue(e.getMessage().contains("was not compiled from model"), e.getMessage());
      assertTrue(Files.notExists(file));
    }
  }

  @Nested
  class AtomicWrites {

    @Test
    void doesNotCreateAMissingDirectory() {
      Path file = dir.resolve("missing/m.safetensors");
      Sequential model = small();

      assertThrows(UncheckedIOException.class, () -> ModelFile.save(file, model, model.compile(0)));
      assertTrue(Files.notExists(file.getParent()));
    }

    @Test
    void refusesToReplaceADirectory() throws IOException {
      Path target = Files.createDirectory(dir.resolve("m.safetensors"));
      Sequential model = small();

      assertThrows(UncheckedIOException.class, () -> ModelFile.save(target, model, model.compile(0)));
      assertTrue(Files.isDirectory(target));
      assertEquals(List.of("m.safetensors"), names(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "force", "move"})
    void aFailureAtAnyStageLeavesTheOldFileIntact(String stage) throws IOException {
      Path file = dir.resolve("m.safetensors");
      Sequential old = everything();
      ModelFile.save(file, old, old.compile(1));
      byte[] before = bytes(file);
      Sequential model = small();

      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> ModelFile.save(file, model, model.compile(0), s -> {
            if (s.equals(stage)) {
              throw new IOException("injected failure at " + s);
            }
          }));

      assertTrue(e.getMessage().contains("injected failure at " + stage), e.getMessage());
      assertArrayEquals(before, bytes(file));
      assertEquals(List.of("m.safetensors"), names(dir), "the temporary file is removed");
    }

    @Test
    void aFailureMidWriteLeavesNoFileWhereThereWasNone() throws IOException {
      Path file = dir.resolve("new.safetensors");
      Sequential model = small();

      assertThrows(UncheckedIOException.class, () -> ModelFile.save(file, model, model.compile(0), s -> {
        if (s.equals("force")) {
          throw new IOException("disk full");
        }
      }));

      assertEquals(List.of(), names(dir));
    }

    private List<String> names(Path d) throws IOException {
      try (Stream<Path> s = Files.list(d)) {
        return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
      }
    }
  }

  @Nested
  class IoFailures {

    @Test
    void aMissingFileIsAnIoError() {
      assertThrows(UncheckedIOException.class, () -> ModelFile.load(dir.resolve("none.safetensors")));
    }

    @Test
    void aDirectoryIsAnIoError() {
      assertThrows(UncheckedIOException.class, () -> ModelFile.load(dir));
    }
  }
}

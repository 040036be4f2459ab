package io.github.nndsl.dsl.file;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the loader with random mutations and truncations of valid files: the only exception that
 * may come out is {@link ModelFileException}, and a file that loads gives a consistent model. A
 * failing case is written to {@code target/fuzz-findings/} so it can join the corpus in {@code
 * src/test/resources/modelfile-corpus/}, which {@link ModelFileCorpusTest} replays.
 */
class ModelFileFuzzTest {

  private static final List<byte[]> VALID = validFiles();

  private static final byte[] CHECKPOINT = validCheckpoint();

  private static byte[] validCheckpoint() {
    try {
      Path file = Files.createTempFile("nn-dsl-fuzz", ".safetensors");
      Network net = CheckpointTest.MODEL.compile(2);
      CheckpointTest.ADAM.fit(net, CheckpointTest.X, CheckpointTest.Y, 6);
      Checkpoint.save(file, CheckpointTest.MODEL, net);
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<byte[]> validFiles() {
    try {
      Path dir = Files.createTempDirectory("nn-dsl-fuzz");
      Path a = dir.resolve("a.safetensors");
      Path b = dir.resolve("b.safetensors");
      ModelFile.save(a, ModelFiling.small(), ModelFiling.trained(ModelFiling.small()));
      ModelFile.save(b, ModelFiling.everything(), ModelFiling.everything().compile(5));
      List<byte[]> files = List.of(Files.readAllBytes(a), Files.readAllBytes(b));
      Files.delete(a);
      Files.delete(b);
      Files.delete(dir);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Mutator> mutators() {
    return Combinators.combine(
            Arbitraries.integers().between(0, Mutator.KINDS - 1),
            Arbitraries.integers(),
            Arbitraries.longs())
        .as(Mutator::new);
  }

  @Property(tries = 3000, seed = "20260101")
  void mutatedFilesFailOnlyWithModelFileException(
      @ForAll @IntRange(min = 0, max = 1) int which,
      @ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("mutators") Mutator> mutations)
      throws IOException {
    byte[] file = VALID.get(which);
    for (Mutator m : mutations) {
      file = m.apply(file);
    }
    check(file);
  }

  @Property(tries = 1000, seed = "20260103")
  void mutatedCheckpointsFailOnlyWithModelFileException(
      @ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("mutators") Mutator> mutations)
      throws IOException {
    byte[] file = CHECKPOINT;
    for (Mutator m : mutations) {
      file = m.apply(file);
    }
    check(file, Checkpoint::load);
  }

  @Property(tries = 500, seed = "20260102")
  void everyTruncationIsAModelFileException(
      @ForAll @IntRange(min = 0, max = 1) int which, @ForAll @IntRange(min = 0, max = 100_000) int cut)
      throws IOException {
    byte[] valid = VALID.get(which);
    byte[] file = java.util.Arrays.copyOf(valid, cut % valid.length);
    Path p = Files.createTempFile("nn-dsl-fuzz", ".safetensors");
    try {
      Files.write(p, file);
      assertThrows(ModelFileException.class, () -> ModelFile.load(p), () -> "truncated to " + file.length + " bytes");
    } finally {
      Files.delete(p);
    }
  }

  /** Loads the bytes; anything but success or a ModelFileException is recorded and fails. */
  static void check(byte[] file) throws IOException {
    check(file, ModelFile::load);
  }

  static void check(byte[] file, java.util.function.Function<Path, ModelFile.Loaded> loader) throws IOException {
    Path p = Files.createTempFile("nn-dsl-fuzz", ".safetensors");
    try {
      Files.write(p, file);
      try {
        ModelFile.Loaded loaded = loader.apply(p);
        Network net = loaded.network();
        assertEquals(loaded.model().parameterCount(), net.parameters().size());
      } catch (ModelFileException expected) {
        // the only acceptable failure
      } catch (RuntimeException | Error e) {
        record(file, "");
        throw new AssertionError("unexpected " + e + " for a file of " + file.length + " bytes", e);
      }
    } finally {
      Files.delete(p);
    }
  }

  /** Keeps a file that broke a loader under target/fuzz-findings, named by its digest. */
  static void record(byte[] file, String prefix) throws IOException {
    Path dir = Paths.get("target", "fuzz-findings");
    Files.createDirectories(dir);
    byte[] digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256").digest(file);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    Files.write(dir.resolve(prefix + HexFormat.of().formatHex(digest, 0, 8) + ".safetensors"), file);
  }
}

package io.github.nndsl.dsl.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Network;
import io.github.nndsl.dsl.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link TorchStateDict#load} as {@link ModelFileFuzzTest} fuzzes ModelFile: random
 * mutations and truncations of the state dicts PyTorch wrote (every dtype, the module prefix) give
 * a {@link ModelFileException} or a network of the model, never anything else; so do the hostile
 * files of {@code modelfile-corpus/}. A failing case is written to {@code target/fuzz-findings/}.
 */
class TorchStateDictFuzzTest {

  private static final List<String> FILES = List.of("mlp-F16.safetensors", "activations-BF16.safetensors",
      "nobias-F32.safetensors", "mlp-F64.safetensors", "mlp-module-F32.safetensors");

  private static final List<byte[]> VALID = FILES.stream().map(f -> ModelFiling.bytes(TorchGolden.resource(f))).toList();

  private static final List<Sequential> MODELS = List.of(TorchGolden.model("mlp"), TorchGolden.model("activations"),
      TorchGolden.model("nobias"), TorchGolden.model("mlp"), TorchGolden.model("mlp"));

  @Provide
  Arbitrary<Mutator> mutators() {
    return Combinators.combine(
            Arbitraries.integers().between(0, Mutator.KINDS - 1),
            Arbitraries.integers(),
            Arbitraries.longs())
        .as(Mutator::new);
  }

  @Property(tries = 2000, seed = "20261201")
  void mutatedStateDictsFailOnlyWithModelFileException(
      @ForAll @IntRange(min = 0, max = 4) int which,
      @ForAll @Size(min = 1, max = 6) List<@From("mutators") Mutator> mutations) throws IOException {
    byte[] file = VALID.get(which);
    for (Mutator m : mutations) {
      file = m.apply(file);
    }
    check(file, MODELS.get(which));
  }

  @Property(tries = 300, seed = "20261202")
  void everyTruncationIsAModelFileException(
      @ForAll @IntRange(min = 0, max = 4) int which, @ForAll @IntRange(min = 0, max = 100_000) int cut)
      throws IOException {
    byte[] valid = VALID.get(which);
    byte[] file = java.util.Arrays.copyOf(valid, cut % valid.length);
    Path p = Files.createTempFile("nn-dsl-torch-fuzz", ".safetensors");
    try {
      Files.write(p, file);
      assertThrows(ModelFileException.class, () -> TorchStateDict.load(p, MODELS.get(which)),
          () -> "truncated to " + file.length + " bytes");
    } finally {
      Files.delete(p);
    }
  }

  /** The hostile files of {@code modelfile-corpus/}, each aimed at a naive container reader. */
  @ParameterizedTest
  @MethodSource("io.github.nndsl.dsl.file.ModelFileCorpusTest#corpus")
  void theHostileCorpusIsRejectedWithAModelFileException(Path file) {
    ModelFileException e = assertThrows(ModelFileException.class, () -> TorchStateDict.load(file, MODELS.get(0)));
    assertFalse(e.getMessage().isEmpty());
  }

  static void check(byte[] file, Sequential model) throws IOException {
    Path p = Files.createTempFile("nn-dsl-torch-fuzz", ".safetensors");
    try {
      Files.write(p, file);
      try {
        Network net = TorchStateDict.load(p, model);
        assertEquals(model.parameterCount(), net.parameters().size());
        for (double v : net.parameters().snapshot()) {
          if (!Double.isFinite(v)) {
            throw new AssertionError("loaded a non-finite parameter " + v);
          }
        }
      } catch (ModelFileException expected) {
        // the only acceptable failure
      } catch (RuntimeException | Error e) {
        ModelFileFuzzTest.record(file, "torch-");
        throw new AssertionError("unexpected " + e + " for a file of " + file.length + " bytes", e);
      }
    } finally {
      Files.delete(p);
    }
  }
}

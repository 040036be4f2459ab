package io.github.nndsl.dsl.file;

import io.github.nndsl.core.train.TrainingSnapshot;

import static io.github.nndsl.dsl.file.ModelFileTest.bits;
import static io.github.nndsl.dsl.file.ModelFiling.X;
import static io.github.nndsl.dsl.file.ModelFiling.small;
import static io.github.nndsl.dsl.file.ModelFiling.trained;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import io.vavr.control.Try;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ModelFile.tryLoad and Checkpoint.tryLoad: what load returns or throws, as a value. */
class TryLoadTest {

  @TempDir Path dir;

  /** The failure of tryLoad, checked to be what load throws: the same type and message. */
  private static <X extends RuntimeException> X failure(
      Class<X> type, Function<Path, Try<ModelFile.Loaded>> tryLoad, Function<Path, ModelFile.Loaded> load, Path file) {
    Try<ModelFile.Loaded> loaded = tryLoad.apply(file);
    assertTrue(loaded.isFailure(), () -> "expected a failure, but was " + loaded);
    Throwable cause = loaded.getCause();
    X thrown = assertThrows(type, () -> load.apply(file));
    assertEquals(thrown.getClass(), cause.getClass());
    assertEquals(thrown.getMessage(), cause.getMessage());
    return assertInstanceOf(type, cause);
  }

  private static void assertSameLoad(ModelFile.Loaded expected, ModelFile.Loaded actual, Tensor x) {
    assertEquals(expected.model(), actual.model());
    assertEquals(expected.network().parameters().names(), actual.network().parameters().names());
    assertArrayEquals(bits(expected.network().parameters().snapshot()), bits(actual.network().parameters().snapshot()));
    assertArrayEquals(bits(expected.network().predict(x).toArray()), bits(actual.network().predict(x).toArray()));
    assertEquals(TrainingSnapshot.take(expected.network()), TrainingSnapshot.take(actual.network()));
  }

  @Nested
  class ModelFiles {

    @Test
    void successHoldsWhatLoadReturns() {
      Sequential model = small();
      Network net = trained(model);
      Path file = dir.resolve("xor.safetensors");
      ModelFile.save(file, model, net);

      Try<ModelFile.Loaded> loaded = ModelFile.tryLoad(file);

      assertTrue(loaded.isSuccess(), loaded::toString);
      assertSameLoad(ModelFile.load(file), loaded.get(), X);
      assertEquals(model, loaded.get().model());
      assertArrayEquals(bits(net.predict(X).toArray()), bits(loaded.get().network().predict(X).toArray()));
    }

    @Test
    void aMissingFileIsAnUncheckedIoFailure() {
      Path missing = dir.resolve("missing.safetensors");
      UncheckedIOException e = failure(UncheckedIOException.class, ModelFile::tryLoad, ModelFile::load, missing);
      assertInstanceOf(NoSuchFileException.class, e.getCause());
      assertTrue(e.getMessage().contains("missing.safetensors"), e.getMessage());
    }

    @Test
    void aDirectoryIsAnUncheckedIoFailure() {
      failure(UncheckedIOException.class, ModelFile::tryLoad, ModelFile::load, dir);
    }

    @Test
    void aNullPathIsAnIllegalArgumentFailure() {
      IllegalArgumentException e =
          failure(IllegalArgumentException.class, ModelFile::tryLoad, ModelFile::load, null);
      assertEquals("file is null", e.getMessage());
    }

    @Test
    void aCheckpointIsAModelFileFailure() {
      Network net = CheckpointTest.MODEL.compile(0);
      CheckpointTest.ADAM.fit(net, CheckpointTest.X, CheckpointTest.Y, 2);
      Path file = dir.resolve("c.safetensors");
      Checkpoint.save(file, CheckpointTest.MODEL, net);
      ModelFileException e = failure(ModelFileException.class, ModelFile::tryLoad, ModelFile::load, file);
      assertTrue(e.getMessage().contains("load checkpoints with Checkpoint.load"), e.getMessage());
    }

    @Test
    void getRethrowsTheFailuresOwnException() {
      Try<ModelFile.Loaded> loaded = ModelFile.tryLoad(dir.resolve("missing.safetensors"));
      assertSame(loaded.getCause(), assertThrows(UncheckedIOException.class, loaded::get));
    }
  }

  static Iterable<Path> corpus() throws Exception {
    return ModelFileCorpusTest.corpus();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void everyHostileCorpusFileIsTheModelFileFailureLoadThrows(Path file) {
    ModelFileException e = failure(ModelFileException.class, ModelFile::tryLoad, ModelFile::load, file);
    assertTrue(!e.getMessage().isEmpty());
  }

  /** The corpus but its one valid checkpoint, which is hostile only to ModelFile. */
  static Stream<Path> hostileCheckpoints() throws Exception {
    return ModelFileCorpusTest.corpus().stream()
        .filter(p -> !p.getFileName().toString().equals("checkpoint-as-model.safetensors"));
  }

  @ParameterizedTest
  @MethodSource("hostileCheckpoints")
  void everyOtherHostileCorpusFileIsAlsoACheckpointFailure(Path file) {
    failure(ModelFileException.class, Checkpoint::tryLoad, Checkpoint::load, file);
  }

  @Nested
  class Checkpoints {

    @Test
    void successHoldsWhatLoadReturnsTrainingStateIncluded() {
      Network net = CheckpointTest.MODEL.compile(4);
      CheckpointTest.ADAM.fit(net, CheckpointTest.X, CheckpointTest.Y, 7);
      Path file = dir.resolve("run.ckpt.safetensors");
      Checkpoint.save(file, CheckpointTest.MODEL, net);

      Try<ModelFile.Loaded> resumed = Checkpoint.tryLoad(file);

      assertTrue(resumed.isSuccess(), resumed::toString);
      assertSameLoad(Checkpoint.load(file), resumed.get(), CheckpointTest.X);
      assertEquals(TrainingSnapshot.take(net), TrainingSnapshot.take(resumed.get().network()));
    }

    @Test
    void aModelFileIsACheckpointFailure() {
      Path file = dir.resolve("m.safetensors");
      ModelFile.save(file, CheckpointTest.MODEL, CheckpointTest.MODEL.compile(0));
      ModelFileException e = failure(ModelFileException.class, Checkpoint::tryLoad, Checkpoint::load, file);
      assertTrue(e.getMessage().contains("load models with ModelFile.load"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnUncheckedIoFailure() {
      failure(UncheckedIOException.class, Checkpoint::tryLoad, Checkpoint::load, dir.resolve("none.safetensors"));
    }

    @Test
    void aNullPathIsAnIllegalArgumentFailure() {
      assertEquals("file is null",
          failure(IllegalArgumentException.class, Checkpoint::tryLoad, Checkpoint::load, null).getMessage());
    }
  }
}

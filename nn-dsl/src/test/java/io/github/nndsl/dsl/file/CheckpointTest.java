package io.github.nndsl.dsl.file;

import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingSnapshot;

import io.github.nndsl.dsl.Layers;
import io.github.nndsl.dsl.Sequential;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.file.ModelFileTest.bits;
import static io.github.nndsl.dsl.file.ModelFiling.bytes;
import static io.github.nndsl.dsl.file.ModelFiling.replaceInHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class CheckpointTest {

  public static final Sequential MODEL =
      Sequential.of(linear(3, 8), relu(), linear(8, 4), Layers.tanh(), linear(4, 1), sigmoid());
  public static final Trainer ADAM =
      Trainer.of(Losses.binaryCrossEntropy(), Optimizers.adam(0.02)).withBatchSize(5).withShuffleSeed(3);

  public static final Tensor X = data(17, 3, 1);
  public static final Tensor Y = labels(X);

  @TempDir Path dir;

  static Tensor data(int rows, int cols, long seed) {
    return io.github.nndsl.core.random.NumPyRandom.defaultRng(seed).standardNormal(rows, cols);
  }

  static Tensor labels(Tensor x) {
    double[][] y = new double[x.dim(0)][1];
    for (int i = 0; i < y.length; i++) {
      y[i][0] = x.get(i, 0) * x.get(i, 1) > 0 ? 1 : 0;
    }
    return Tensor.of(y);
  }

  @Nested
  class Resuming {

    @Test
    void adamWithMiniBatchesEndsBitIdenticalToARunThatNeverStopped() {
      Network straight = MODEL.compile(4);
      double[] straightLosses = ADAM.fit(straight, X, Y, 31).losses();

      Network first = MODEL.compile(4);
      double[] before = ADAM.fit(first, X, Y, 9).losses(); // 17 rows in 5s: stops mid-epoch
      Path file = dir.resolve("run.ckpt.safetensors");
      Checkpoint.save(file, MODEL, first);
      ModelFile.Loaded resumed = Checkpoint.load(file);
      double[] after = ADAM.fit(resumed.network(), X, Y, 22).losses();

      assertEquals(MODEL, resumed.model());
      assertArrayEquals(bits(straight.parameters().snapshot()), bits(resumed.network().parameters().snapshot()));
      double[] joined = Arrays.copyOf(before, 31);
      System.arraycopy(after, 0, joined, 9, 22);
      assertArrayEquals(bits(straightLosses), bits(joined));
    }

    @Test
    void dropoutResumesWithTheSameMasksAsARunThatNeverStopped() {
      Sequential model = Sequential.of(Layers.standardize(X), linear(3, 16), relu(), Layers.dropout(0.5), linear(16, 1),
          sigmoid());
      Network straight = model.compile(4);
      ADAM.fit(straight, X, Y, 23);

      Network first = model.compile(4);
      ADAM.fit(first, X, Y, 9);
      Path file = dir.resolve("dropout.ckpt.safetensors");
      Checkpoint.save(file, model, first);
      ModelFile.Loaded resumed = Checkpoint.load(file);
      assertEquals(model, resumed.model(), "standardize's constants are in the file");
      assertEquals(9, TrainingSnapshot.take(resumed.network()).steps());
      ADAM.fit(resumed.network(), X, Y, 14);
      assertArrayEquals(bits(straight.parameters().snapshot()), bits(resumed.network().parameters().snapshot()));

      // without the update count the masks would start again: the run would not be the same
      Network forgetful = model.compile(4);
      forgetful.parameters().restore(first.parameters().snapshot());
      TrainingSnapshot s = TrainingSnapshot.take(first);
      TrainingSnapshot.of(s.optimizer(), s.optimizerState(), s.shuffleSeed(), s.shufflerState(), s.order(), s.cursor(),
          s.epoch()).restore(forgetful);
      ADAM.fit(forgetful, X, Y, 14);
      assertTrue(!Arrays.equals(bits(straight.parameters().snapshot()), bits(forgetful.parameters().snapshot())));
    }

    @Test
    void restoresTheWholeSnapshot() {
      Network net = MODEL.compile(4);
      ADAM.fit(net, X, Y, 7);
      Path file = dir.resolve("run.ckpt.safetensors");
      Checkpoint.save(file, MODEL, net);

      TrainingSnapshot loaded = TrainingSnapshot.take(Checkpoint.load(file).network());

      assertEquals(TrainingSnapshot.take(net), loaded);
      assertEquals(15, loaded.cursor(), "7 steps of 5, 5, 5, 2 rows: three batches into the second epoch");
      assertEquals(1, loaded.epoch());
    }

    @Test
    void anUntrainedNetworkSavesOnlyParameters() {
      Network net = MODEL.compile(4);
      Path file = dir.resolve("fresh.ckpt.safetensors");
      Checkpoint.save(file, MODEL, net);

      Network loaded = Checkpoint.load(file).network();

      assertNull(TrainingSnapshot.take(loaded));
      assertArrayEquals(bits(net.parameters().snapshot()), bits(loaded.parameters().snapshot()));
    }
  }

  @Nested
  class SeparateFromModelFiles {

    @Test
    void aModelFileIsNotACheckpoint() {
      Path file = dir.resolve("m.safetensors");
      ModelFile.save(file, MODEL, MODEL.compile(0));
      assertTrue(assertThrows(ModelFileException.class, () -> Checkpoint.load(file)).getMessage()
          .contains("load models with ModelFile.load"));
    }

    @Test
    void aCheckpointIsNotAModelFile() {
      Network net = MODEL.compile(0);
      ADAM.fit(net, X, Y, 2);
      Path file = dir.resolve("c.safetensors");
      Checkpoint.save(file, MODEL, net);
      assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage()
          .contains("load checkpoints with Checkpoint.load"));
    }
  }

  @Nested
  class Hostile {

    byte[] valid() {
      Network net = MODEL.compile(0);
      ADAM.fit(net, X, Y, 6);
      Path file = dir.resolve("c.safetensors");
      Checkpoint.save(file, MODEL, net);
      return bytes(file);
    }

    String rejection(byte[] file) {
      Path p = ModelFiling.write(dir.resolve("hostile.safetensors"), file);
      return assertThrows(ModelFileException.class, () -> Checkpoint.load(p)).getMessage();
    }

    @Test
    void anUnknownOptimizer() {
      String m = rejection(replaceInHeader(valid(), "\"training.optimizer\":\"adam(", "\"training.optimizer\":\"adamw("));
      assertTrue(m.startsWith("__metadata__ 'training.optimizer' is not an optimiser"), m);
    }

    @Test
    void aCursorBeyondTheOrder() {
      String m = rejection(replaceInHeader(valid(), "\"training.cursor\":\"10\"", "\"training.cursor\":\"18\""));
      assertEquals("training state is inconsistent: cursor must be in [0, 17] (the order's length), but was 18", m);
    }

    @Test
    void aCursorThatIsNotANumber() {
      String m = rejection(replaceInHeader(valid(), "\"training.cursor\":\"10\"", "\"training.cursor\":\"1e3\""));
      assertEquals("__metadata__ 'training.cursor' must be an integer in [0, 2147483647], but was '1e3'", m);
    }

    @Test
    void anOptimizerStateOfTheWrongLength() {
      String m = rejection(replaceInHeader(valid(), "adam(0.02, 0.9, 0.999, 1.0E-8)", "sgd(0.02, 0.9)"));
      assertTrue(m.equals("training state does not fit the model: optimizerState must have 73 values for sgd(0.02, 0.9)"
          + " on 73 parameters, but has 149"), m);
    }

    @Test
    void anEpochOutsideTheIntRangeAndALongValueCutShort() {
      byte[] file = valid();
      String epoch = ModelFiling.header(file).replaceAll("(?s).*(\"training\\.epoch\":\"[0-9]+\").*", "$1");
      assertEquals("__metadata__ 'training.epoch' must be an integer in [0, 2147483647], but was '2147483648'",
          rejection(replaceInHeader(file, epoch, "\"training.epoch\":\"2147483648\"")));
      assertEquals("__metadata__ 'training.epoch' must be an integer in [0, 2147483647], but was '-1'",
          rejection(replaceInHeader(file, epoch, "\"training.epoch\":\"-1\"")));
      assertEquals("__metadata__ 'training.epoch' must be an integer in [0, 2147483647], but was '"
              + "1".repeat(40) + "...'",
          rejection(replaceInHeader(file, epoch, "\"training.epoch\":\"" + "1".repeat(41) + "\"")));
      assertEquals(0, TrainingSnapshot.take(Checkpoint.load(ModelFiling.write(dir.resolve("zero.safetensors"),
          replaceInHeader(file, epoch, "\"training.epoch\":\"0\""))).network()).epoch());
    }

    @Test
    void aStepCountThatIsNoCount() {
      byte[] file = valid();
      String steps = ModelFiling.header(file).replaceAll("(?s).*(\"training\\.steps\":\"[0-9]+\").*", "$1");
      assertEquals("__metadata__ 'training.steps' must be an integer in [0, 9223372036854775807], but was '-3'",
          rejection(replaceInHeader(file, steps, "\"training.steps\":\"-3\"")));
      assertEquals("__metadata__ 'training.steps' must be an integer in [0, 9223372036854775807], but was 'x'",
          rejection(replaceInHeader(file, steps, "\"training.steps\":\"x\"")));
    }

    @Test
    void anOptimizerStateOrShufflerStateOfTheWrongType() {
      assertEquals("tensor 'training.optimizer_state' must be a vector of F64, but is I64 of shape [149]",
          rejection(replaceInHeader(valid(), "\"training.optimizer_state\":{\"dtype\":\"F64\"",
              "\"training.optimizer_state\":{\"dtype\":\"I64\"")));
      assertEquals("tensor 'training.shuffler_state' must be a vector of I64, but is F64 of shape [6]",
          rejection(replaceInHeader(valid(), "\"training.shuffler_state\":{\"dtype\":\"I64\"",
              "\"training.shuffler_state\":{\"dtype\":\"F64\"")));
    }

    @Test
    void anOrderOfTheWrongType() {
      String m = rejection(replaceInHeader(valid(), "\"training.order\":{\"dtype\":\"I64\"",
          "\"training.order\":{\"dtype\":\"F64\""));
      assertEquals("tensor 'training.order' must be a vector of I64, but is F64 of shape [17]", m);
    }
  }

  @Test
  void writesAtomically() throws IOException {
    Path file = dir.resolve("c.safetensors");
    Network net = MODEL.compile(0);
    Checkpoint.save(file, MODEL, net);
    byte[] before = bytes(file);
    ADAM.fit(net, X, Y, 3);

    assertThrows(UncheckedIOException.class, () -> Checkpoint.save(file, MODEL, net, stage -> {
      throw new IOException("injected at " + stage);
    }));
    assertArrayEquals(before, bytes(file));
  }
}

package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.file.CheckpointTest.MODEL;
import static io.github.nndsl.dsl.file.CheckpointTest.X;
import static io.github.nndsl.dsl.file.CheckpointTest.Y;
import static io.github.nndsl.dsl.file.ModelFileTest.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.train.Schedules;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingSnapshot;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints name AdamW by its description and resume a scheduled, clipped run exactly. */
class CheckpointAdamWTest {

  private static final Trainer ADAMW = Trainer.of(Losses.binaryCrossEntropy(), Optimizers.adamW(0.02, 0.05))
      .withBatchSize(5).withShuffleSeed(3).withSchedule(Schedules.step(2, 0.5)).withGradientClipping(0.5);

  @TempDir Path dir;

  @Test
  void aScheduledAdamWRunResumesBitIdentical() {
    Network straight = MODEL.compile(4);
    double[] straightLosses = ADAMW.fit(straight, X, Y, 31).losses();

    Network first = MODEL.compile(4);
    double[] before = ADAMW.fit(first, X, Y, 9).losses(); // mid-epoch, after two rate changes
    Path file = dir.resolve("adamw.ckpt.safetensors");
    Checkpoint.save(file, MODEL, first);
    ModelFile.Loaded resumed = Checkpoint.load(file);
    assertEquals(Optimizers.adamW(0.02, 0.05), TrainingSnapshot.take(resumed.network()).optimizer());
    double[] after = ADAMW.fit(resumed.network(), X, Y, 22).losses();

    assertArrayEquals(bits(straight.parameters().snapshot()), bits(resumed.network().parameters().snapshot()));
    double[] joined = Arrays.copyOf(before, 31);
    System.arraycopy(after, 0, joined, 9, 22);
    assertArrayEquals(bits(straightLosses), bits(joined));
  }
}

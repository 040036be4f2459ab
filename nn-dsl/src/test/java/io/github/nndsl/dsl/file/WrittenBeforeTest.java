package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.file.ModelFiling.bytes;
import static io.github.nndsl.dsl.file.ModelFiling.everythingBefore;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Network;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by the hand-written JSON writer (commit 212f63e, before Jackson) in {@code
 * src/test/resources/written/}: they still load, and the writer now writes the very same bytes for
 * the same model and network. The files hold {@code library_version "unknown"}, as every file
 * written from a classes directory (no jar manifest) does.
 */
class WrittenBeforeTest {

  @TempDir Path dir;

  static Path resource(String name) throws URISyntaxException {
    return Paths.get(WrittenBeforeTest.class.getResource("/written/" + name).toURI());
  }

  static Network trainedCheckpointNetwork() {
    Network net = CheckpointTest.MODEL.compile(2);
    CheckpointTest.ADAM.fit(net, CheckpointTest.X, CheckpointTest.Y, 6);
    return net;
  }

  @Test
  void aModelFileIsWrittenByteForByteAsBefore() throws URISyntaxException {
    Path fresh = dir.resolve("fresh.safetensors");
    ModelFile.save(fresh, everythingBefore(), everythingBefore().compile(5));
    assertArrayEquals(bytes(resource("everything-model.safetensors")), bytes(fresh));
  }

  @Test
  void aModelFileWrittenBeforeLoadsAsTheSameModelAndParameters() throws URISyntaxException {
    ModelFile.Loaded loaded = ModelFile.load(resource("everything-model.safetensors"));
    assertEquals(everythingBefore(), loaded.model());
    assertArrayEquals(everythingBefore().compile(5).parameters().snapshot(), loaded.network().parameters().snapshot());
  }

  @Test
  void aCheckpointIsWrittenByteForByteAsBefore() throws URISyntaxException {
    // checkpoint-steps.safetensors: the same, written since checkpoints keep the update count
    // ("training.steps", which keys dropout's masks); checkpoint.safetensors has none
    Path fresh = dir.resolve("fresh.safetensors");
    Checkpoint.save(fresh, CheckpointTest.MODEL, trainedCheckpointNetwork());
    assertArrayEquals(bytes(resource("checkpoint-steps.safetensors")), bytes(fresh));
  }

  @Test
  void aCheckpointWithoutTheUpdateCountLoadsWithCountZero() throws URISyntaxException {
    Network loaded = Checkpoint.load(resource("checkpoint.safetensors")).network();
    io.github.nndsl.core.train.TrainingSnapshot s = io.github.nndsl.core.train.TrainingSnapshot.take(loaded);
    assertEquals(0, s == null ? -1 : s.steps());
    io.github.nndsl.core.train.TrainingSnapshot fresh =
        io.github.nndsl.core.train.TrainingSnapshot.take(trainedCheckpointNetwork());
    assertEquals(6, fresh == null ? -1 : fresh.steps());
  }

  @Test
  void aCheckpointWrittenBeforeLoadsAsTheSameModelAndParameters() throws URISyntaxException {
    ModelFile.Loaded loaded = Checkpoint.load(resource("checkpoint.safetensors"));
    assertEquals(CheckpointTest.MODEL, loaded.model());
    assertArrayEquals(trainedCheckpointNetwork().parameters().snapshot(), loaded.network().parameters().snapshot());
  }
}

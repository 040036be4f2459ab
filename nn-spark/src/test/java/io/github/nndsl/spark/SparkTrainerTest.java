package io.github.nndsl.spark;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.dsl.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SparkTrainer is the in-process algorithm, distributed: equal to it bit for bit. */
class SparkTrainerTest {

  static final TestSpark.Blobs DATA = ShardedTrainingTest.DATA;
  static final SparkTrainer SYNC = SparkTrainer.of(ShardedTrainingTest.MODEL, ShardedTrainingTest.LOSS,
      Optimizers.adam(0.02)).withBatchSize(16).withShuffleSeed(5).withShards(3);
  static final SparkTrainer LOCAL = SYNC.withLocalSteps(2);

  static double[] inProcess(SparkTrainer trainer, int epochs) {
    ShardedTraining.Config c = trainer.config();
    return ShardedTraining.fit(c, ShardedTraining.shards(c, DATA.x(), DATA.labels()), 11, epochs, null)
        .parameters().snapshot();
  }

  static double[] onSpark(SparkTrainer trainer, Dataset<Row> frame, int epochs) {
    return trainer.fitEpochs(frame, "features", "label", 11, epochs).parameters().snapshot();
  }

  @Nested
  class BitForBit {

    @Test
    void synchronousEqualsInProcessForAnyPartitioningAndRowOrder() {
      double[] expected = inProcess(SYNC, 2);
      for (int partitions : new int[] {1, 2, 3, 7}) {
        assertArrayEquals(expected, onSpark(SYNC, DATA.frame(partitions), 2), partitions + " partitions");
      }
      assertArrayEquals(expected, onSpark(SYNC, DATA.shuffled(4).frame(3), 2), "shuffled rows");
    }

    @Test
    void localStepsEqualInProcessForAnyPartitioningAndRowOrder() {
      double[] expected = inProcess(LOCAL, 2);
      for (int partitions : new int[] {1, 2, 3, 7}) {
        assertArrayEquals(expected, onSpark(LOCAL, DATA.frame(partitions), 2), partitions + " partitions");
      }
      assertArrayEquals(expected, onSpark(LOCAL, DATA.shuffled(5).frame(2), 2), "shuffled rows");
    }

    @Test
    void sparseVectorsAndArraysTrainAsDenseVectors() {
      double[] expected = inProcess(SYNC, 1);
      assertArrayEquals(expected, onSpark(SYNC, DATA.frame(2, true), 1), "sparse");
      assertArrayEquals(expected, onSpark(SYNC, DATA.arrayFrame(3), 1), "array<double>");
    }

    @Test
    void moreShardsThanRowsPerStepAndFullBatchToo() {
      SparkTrainer full = SparkTrainer.of(ShardedTrainingTest.MODEL, ShardedTrainingTest.LOSS, Optimizers.sgd(0.3))
          .withShards(7);
      assertArrayEquals(inProcess(full, 3), onSpark(full, DATA.shuffled(6).frame(2), 3));
    }
  }

  @Nested
  class Progress {

    @Test
    void epochListenerGetsTheInProcessLossesAndJobsAreDescribed() {
      List<Double> expected = new ArrayList<>();
      ShardedTraining.Config c = SYNC.config();
      ShardedTraining.fit(c, ShardedTraining.shards(c, DATA.x(), DATA.labels()), 11, 2,
          (epoch, loss) -> expected.add(loss));
      List<Double> losses = new ArrayList<>();
      int before = JobCounter.get().started();
      SYNC.fitEpochs(DATA.frame(2), "features", "label", 11, 2, (epoch, loss) -> losses.add(loss));
      assertEquals(expected, losses);
      List<String> jobs = JobCounter.get().descriptionsSince(before);
      assertTrue(jobs.contains("nn-spark: check the rows of 'features' and 'label'"), jobs.toString());
      assertTrue(jobs.contains("nn-spark: deal the rows to 3 shards"), jobs.toString());
      List<String> steps = new ArrayList<>();
      for (int epoch = 1; epoch <= 2; epoch++) {
        for (int step = 1; step <= 4; step++) {
          steps.add("nn-spark: epoch " + epoch + "/2, step " + step + "/4 (gradients)");
        }
      }
      // one job per step, in order (take(1) of the check may run more than one job)
      assertEquals(steps, jobs.subList(jobs.size() - 8, jobs.size()));
    }

    @Test
    void aStepRunsOneTaskPerCoreNotOnePerShard() {
      // local[2,3] has 2 cores: 7 shards are 2 tasks a step (4 and 3 shards), 1 shard is 1 task
      for (int k : new int[] {7, 1}) {
        SparkTrainer trainer = SYNC.withShards(k);
        int before = JobCounter.get().stagesSubmitted();
        assertArrayEquals(inProcess(trainer, 1), onSpark(trainer, DATA.frame(3), 1), k + " shards");
        List<String> stages = JobCounter.get().stagesSince(before);
        List<String> expected = new ArrayList<>();
        for (int step = 1; step <= 4; step++) {
          expected.add("nn-spark: epoch 1/1, step " + step + "/4 (gradients): " + Math.min(k, 2) + " tasks");
        }
        assertEquals(expected, stages.subList(stages.size() - 4, stages.size()), k + " shards");
      }
    }
  }

  @Nested
  class LocalProgress {

    @Test
    void epochListenerGetsTheInProcessLossesWithLocalSteps() {
      List<Double> expected = new ArrayList<>();
      ShardedTraining.Config c = LOCAL.config();
      ShardedTraining.fit(c, ShardedTraining.shards(c, DATA.x(), DATA.labels()), 11, 2,
          (epoch, loss) -> expected.add(loss));
      List<Double> losses = new ArrayList<>();
      int before = JobCounter.get().started();
      LOCAL.fitEpochs(DATA.frame(3), "features", "label", 11, 2, (epoch, loss) -> losses.add(loss));
      assertEquals(expected, losses);
      List<String> jobs = JobCounter.get().descriptionsSince(before);
      // 4 steps an epoch, 2 local steps a round: 2 jobs an epoch instead of 4
      assertEquals(List.of("nn-spark: epoch 1/2, local steps 1-2/4", "nn-spark: epoch 1/2, local steps 3-4/4",
          "nn-spark: epoch 2/2, local steps 1-2/4", "nn-spark: epoch 2/2, local steps 3-4/4"),
          jobs.subList(jobs.size() - 4, jobs.size()));
    }
  }

  /** Counts first attempts that the hook failed; tasks run in this JVM (local master). */
  static final AtomicInteger FAILED = new AtomicInteger();

  @Nested
  class Faults {

    @Test
    void aRetriedTaskLeavesTheParametersBitIdentical() {
      double[] expected = inProcess(SYNC, 2);
      FAILED.set(0);
      SparkTrainer failing = SYNC.withTaskHook((epoch, step, shard) -> {
        if (epoch == 1 && step == 2 && shard == 1 && TaskContext.get().attemptNumber() == 0) {
          FAILED.incrementAndGet();
          throw new IllegalStateException("injected failure of the first attempt");
        }
      });
      assertArrayEquals(expected, onSpark(failing, DATA.frame(3), 2));
      assertEquals(1, FAILED.get());
    }

    @Test
    void aRetriedLocalRoundLeavesTheParametersBitIdentical() {
      double[] expected = inProcess(LOCAL, 1);
      FAILED.set(0);
      SparkTrainer failing = LOCAL.withTaskHook((epoch, step, shard) -> {
        if (step == 2 && shard == 0 && TaskContext.get().attemptNumber() == 0) {
          FAILED.incrementAndGet();
          throw new IllegalStateException("injected failure of the first attempt");
        }
      });
      assertArrayEquals(expected, onSpark(failing, DATA.frame(2), 1));
      assertEquals(1, FAILED.get());
    }
  }

  @Nested
  class BadInput {

    String message(Dataset<Row> frame, String features, String label) {
      int before = JobCounter.get().started();
      String m = assertThrows(IllegalArgumentException.class,
          () -> SYNC.fitEpochs(frame, features, label, 11, 1)).getMessage();
      for (String job : JobCounter.get().descriptionsSince(before)) {
        assertTrue(job.contains("check the rows"), "a job ran before the check failed: " + job);
      }
      return m;
    }

    @Test
    void missingOrMistypedColumnsFailBeforeAnyJob() {
      Dataset<Row> frame = DATA.frame(2);
      int before = JobCounter.get().started();
      assertEquals("column 'x' does not exist; the columns are [features, label]", message(frame, "x", "label"));
      assertEquals("column 'y' does not exist; the columns are [features, label]", message(frame, "features", "y"));
      assertEquals("column 'features' must be numeric (a double holding the class index or target), but is vector",
          message(frame, "features", "features"));
      assertEquals(before, JobCounter.get().started());
    }

    @Test
    void aWrongWidthNaNOrBadLabelFailsBeforeTrainingNamingColumnAndRow() {
      var spark = TestSpark.session();
      assertEquals("column 'features' must hold 4 values (the model's inputs), but the row [1.0, 2.0] label 0.0 has 2",
          message(spark.sql("SELECT array(1.0D, 2.0D) AS features, 0.0D AS label"), "features", "label"));
      assertEquals("column 'features' must hold finite values, but value 3 of the row [1.0, 2.0, 3.0, NaN] label 0.0"
              + " is NaN",
          message(spark.sql("SELECT array(1.0D, 2.0D, 3.0D, double('NaN')) AS features, 0.0D AS label"), "features",
              "label"));
      assertEquals("column 'label' must hold class indices 0..2 (the model's 3 outputs), but the row"
              + " [1.0, 2.0, 3.0, 4.0] label 3.0 has 3.0",
          message(spark.sql("SELECT array(1.0D, 2.0D, 3.0D, 4.0D) AS features, 3.0D AS label"), "features", "label"));
      assertEquals("column 'label' must be finite, but the row [1.0, 2.0, 3.0, 4.0] has NaN",
          message(spark.sql("SELECT array(1.0D, 2.0D, 3.0D, 4.0D) AS features, CAST(NULL AS DOUBLE) AS label"),
              "features", "label"));
    }

    @Test
    void aRegressionTargetMayBeAnyFiniteValue() {
      Sequential regression = Sequential.of(linear(4, 3), relu(), linear(3, 1), sigmoid());
      SparkTrainer trainer = SparkTrainer.of(regression, Losses.mse(), Optimizers.sgd(0.1)).withShards(2);
      Dataset<Row> frame = TestSpark.session().sql("SELECT array(1.0D, 2.0D, 3.0D, 4.0D) AS features, 0.25D AS label");
      ShardedTraining.Config c = trainer.config();
      double[] expected = ShardedTraining.fit(c,
          ShardedTraining.shards(c, new double[][] {{1, 2, 3, 4}}, new double[] {0.25}), 3, 2, null)
          .parameters().snapshot();
      assertArrayEquals(expected, trainer.fitEpochs(frame, "features", "label", 3, 2).parameters().snapshot());
    }

    @Test
    void rejectsBadSettings() {
      assertEquals("k must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> SYNC.withShards(0)).getMessage());
      assertEquals("h must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> SYNC.withLocalSteps(0)).getMessage());
      assertEquals("batchSize must be positive, but was 0",
          assertThrows(IllegalArgumentException.class, () -> SYNC.withBatchSize(0)).getMessage());
      assertEquals("epochs must be non-negative, but was -1",
          assertThrows(IllegalArgumentException.class,
              () -> SYNC.fitEpochs(DATA.frame(1), "features", "label", 0, -1)).getMessage());
    }
  }
}

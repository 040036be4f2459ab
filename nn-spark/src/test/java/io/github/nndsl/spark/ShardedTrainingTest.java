package io.github.nndsl.spark;

import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Loss;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sharded algorithm in process, with no Spark: against Trainer.step, and its invariances. */
class ShardedTrainingTest {

  static final Sequential MODEL = Sequential.of(linear(4, 8), relu(), linear(8, 3));
  static final Loss LOSS = Losses.crossEntropyWithLogits();
  static final TestSpark.Blobs DATA = TestSpark.Blobs.of(20, 3);

  static ShardedTraining.Config config(Optimizer optimizer, int batchSize, int shards, int localSteps) {
    return new ShardedTraining.Config(MODEL, LOSS, optimizer, batchSize, 5, shards, localSteps);
  }

  static double[] train(ShardedTraining.Config config, TestSpark.Blobs data, int epochs) {
    Shard[] shards = ShardedTraining.shards(config, data.x(), data.labels());
    return ShardedTraining.fit(config, shards, 11, epochs, null).parameters().snapshot();
  }

  /** The rows in content order, and their one-hot targets: what a single shard holds. */
  static Tensor[] contentOrder(TestSpark.Blobs data) {
    List<ShardRow> rows = new ArrayList<>();
    for (int i = 0; i < data.x().length; i++) {
      rows.add(ShardRow.of(data.x()[i], data.labels()[i]));
    }
    rows.sort(Shard.CONTENT_ORDER);
    double[][] x = new double[rows.size()][];
    double[][] y = new double[rows.size()][3];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = rows.get(i).features();
      y[i][(int) rows.get(i).label()] = 1;
    }
    return new Tensor[] {Tensor.of(x), Tensor.of(y)};
  }

  static Tensor rows(Tensor t, int[] order, int from, int to) {
    double[][] all = t.toRows();
    double[][] out = new double[to - from][];
    for (int i = from; i < to; i++) {
      out[i - from] = all[order == null ? i : order[i]];
    }
    return Tensor.of(out);
  }

  @Nested
  class OneShard {

    @Test
    void fullBatchIsTrainerStepOnTheRowsInContentOrder() {
      for (Optimizer optimizer : List.of(Optimizers.sgd(0.3), Optimizers.adam(0.05))) {
        Tensor[] xy = contentOrder(DATA);
        Network expected = MODEL.compile(11);
        Trainer trainer = Trainer.of(LOSS, optimizer);
        for (int epoch = 0; epoch < 6; epoch++) {
          trainer.step(expected, xy[0], xy[1]);
        }
        assertArrayEquals(expected.parameters().snapshot(), train(config(optimizer, 0, 1, 0), DATA, 6), optimizer.toString());
      }
    }

    @Test
    void miniBatchesAreSlicesOfAPermutationSeededByShardAndEpoch() {
      Optimizer adam = Optimizers.adam(0.02);
      Tensor[] xy = contentOrder(DATA);
      Network expected = MODEL.compile(11);
      Trainer trainer = Trainer.of(LOSS, adam);
      int n = DATA.x().length; // 60 rows, batch 16: 4 steps of 15 rows
      for (int epoch = 0; epoch < 3; epoch++) {
        int[] order = NumPyRandom.defaultRng(Shard.seed(5, 0, epoch)).permutation(n);
        for (int step = 0; step < 4; step++) {
          int from = step * n / 4;
          int to = (step + 1) * n / 4;
          trainer.step(expected, rows(xy[0], order, from, to), rows(xy[1], order, from, to));
        }
      }
      assertArrayEquals(expected.parameters().snapshot(), train(config(adam, 16, 1, 0), DATA, 3));
    }

    @Test
    void localStepsAreTheSynchronousSteps() {
      Optimizer adam = Optimizers.adam(0.02);
      assertArrayEquals(train(config(adam, 7, 1, 0), DATA, 3), train(config(adam, 7, 1, 3), DATA, 3));
    }
  }

  @Nested
  class ManyShards {

    @Test
    void oneStepOfFourShardsIsTheFullBatchGradientStep() {
      Tensor[] xy = contentOrder(DATA);
      Network expected = MODEL.compile(11);
      Trainer.of(LOSS, Optimizers.sgd(0.5)).step(expected, xy[0], xy[1]);
      double[] sharded = train(config(Optimizers.sgd(0.5), 0, 4, 0), DATA, 1);
      double[] want = expected.parameters().snapshot();
      // the shards' sums are added in another order than one batch's: close, not necessarily equal
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], sharded[i], 1e-14, "parameter " + i);
      }
    }

    @Test
    void dealsRowsByContentIntoEveryShard() {
      Shard[] shards = ShardedTraining.shards(config(Optimizers.sgd(0.1), 0, 3, 0), DATA.x(), DATA.labels());
      int total = 0;
      for (Shard s : shards) {
        assertTrue(s.rows > 5, "shard " + s.index + " has " + s.rows + " of 60 rows");
        total += s.rows;
      }
      assertEquals(60, total);
    }

    @Test
    void resultDoesNotDependOnRowOrder() {
      for (int localSteps : new int[] {0, 2}) {
        ShardedTraining.Config c = config(Optimizers.adam(0.02), 8, 3, localSteps);
        double[] a = train(c, DATA, 3);
        assertArrayEquals(a, train(c, DATA.shuffled(1), 3), "H = " + localSteps);
        assertArrayEquals(a, train(c, DATA.shuffled(2), 3), "H = " + localSteps);
      }
    }

    @Test
    void shardCountAndLocalStepsChangeTheResult() {
      double[] sync3 = train(config(Optimizers.adam(0.02), 8, 3, 0), DATA, 2);
      assertFalse(Arrays.equals(sync3, train(config(Optimizers.adam(0.02), 8, 2, 0), DATA, 2)));
      assertFalse(Arrays.equals(sync3, train(config(Optimizers.adam(0.02), 8, 3, 2), DATA, 2)));
    }

    @Test
    void localStepsWithOneStepAverageTheShardsSgdSteps() {
      // H = 1, plain SGD, full batch: sum_s (n_s/N)(p - lr g_s) = p - lr sum_s (n_s/N) g_s, the
      // synchronous step, up to rounding
      double[] sync = train(config(Optimizers.sgd(0.5), 0, 3, 0), DATA, 1);
      double[] local = train(config(Optimizers.sgd(0.5), 0, 3, 1), DATA, 1);
      for (int i = 0; i < sync.length; i++) {
        assertEquals(sync[i], local[i], 1e-14, "parameter " + i);
      }
    }

    @Test
    void shardsSmallerThanTheStepsSitSomeStepsOut() {
      // 60 rows in 7 shards, batch 1: 60 steps, no shard has rows at every step
      double[] a = train(config(Optimizers.sgd(0.05), 1, 7, 0), DATA, 1);
      assertArrayEquals(a, train(config(Optimizers.sgd(0.05), 1, 7, 0), DATA.shuffled(3), 1));
    }

    @Test
    void epochLossesFallAndReachTheListener() {
      ShardedTraining.Config c = config(Optimizers.adam(0.05), 10, 3, 0);
      List<Double> losses = new ArrayList<>();
      ShardedTraining.fit(c, ShardedTraining.shards(c, DATA.x(), DATA.labels()), 11, 15,
          (epoch, loss) -> losses.add(loss));
      assertEquals(15, losses.size());
      assertTrue(losses.get(14) < 0.5 * losses.get(0), losses.toString());
    }
  }

  @Nested
  class Divergence {

    @Test
    void aNonFiniteLossStopsTrainingNamingTheEpochAndStep() {
      Sequential regression = Sequential.of(linear(4, 8), relu(), linear(8, 1));
      ShardedTraining.Config c = new ShardedTraining.Config(regression, Losses.mse(), Optimizers.sgd(1e6), 0, 0, 2, 0);
      double[] targets = new double[DATA.x().length];
      Arrays.fill(targets, 1e6);
      Shard[] shards = ShardedTraining.shards(c, DATA.x(), targets);
      ArithmeticException e =
          assertThrows(ArithmeticException.class, () -> ShardedTraining.fit(c, shards, 0, 50, null));
      assertTrue(e.getMessage().matches("training diverged: the loss at epoch \\d+, step 1 is (NaN|Infinity); try a"
          + " lower learning rate than sgd\\(1000000.0\\)"), e.getMessage());
    }
  }

  @Nested
  class BadRows {

    ShardedTraining.Config c = config(Optimizers.sgd(0.1), 0, 2, 0);

    String message(double[][] x, double[] labels) {
      return assertThrows(IllegalArgumentException.class, () -> ShardedTraining.shards(c, x, labels)).getMessage();
    }

    @Test
    void rejectsAWrongWidth() {
      assertEquals("column 'features' must hold 4 values (the model's inputs), but the row [1.0, 2.0, 3.0] label 0.0"
          + " has 3 (row 1)", message(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}, new double[] {0, 0}));
    }

    @Test
    void rejectsNaNFeatures() {
      assertEquals("column 'features' must hold finite values, but value 2 of the row [1.0, 2.0, NaN, 4.0] label 1.0"
          + " is NaN (row 0)", message(new double[][] {{1, 2, Double.NaN, 4}}, new double[] {1}));
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
      assertEquals("column 'labels' must hold class indices 0..2 (the model's 3 outputs), but the row"
          + " [1.0, 2.0, 3.0, 4.0] label 3.0 has 3.0 (row 0)", message(new double[][] {{1, 2, 3, 4}}, new double[] {3}));
      assertTrue(message(new double[][] {{1, 2, 3, 4}}, new double[] {0.5}).contains("has 0.5"));
      assertTrue(message(new double[][] {{1, 2, 3, 4}}, new double[] {-1}).contains("has -1.0"));
    }

    @Test
    void acceptsAnyFiniteTargetForOneOutput() {
      Sequential regression = Sequential.of(linear(4, 3), relu(), linear(3, 1), sigmoid());
      ShardedTraining.Config one = new ShardedTraining.Config(regression, Losses.mse(), Optimizers.sgd(0.1), 0, 0, 2, 0);
      Shard[] shards = ShardedTraining.shards(one, new double[][] {{1, 2, 3, 4}}, new double[] {0.25});
      assertEquals(1, shards[0].rows + shards[1].rows);
    }

    @Test
    void rejectsABatchLargerThanTheData() {
      ShardedTraining.Config big = config(Optimizers.sgd(0.1), 61, 2, 0);
      Shard[] shards = ShardedTraining.shards(big, DATA.x(), DATA.labels());
      assertEquals("batchSize must be at most the number of rows (60), but was 61",
          assertThrows(IllegalArgumentException.class, () -> ShardedTraining.fit(big, shards, 0, 1, null)).getMessage());
    }
  }
}

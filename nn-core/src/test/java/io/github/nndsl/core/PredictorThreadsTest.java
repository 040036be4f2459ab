package io.github.nndsl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One predictor shared by many threads at once: every answer equals the single-threaded one. */
class PredictorThreadsTest {

  /**
   * Each thread runs its slice of the rows through one of the three forms (a new array, the
   * caller's array, a batch) and returns what it got; the barrier starts them all together.
   */
  private static double[][][] predictConcurrently(Predictor predictor, double[][] rows, int threads) throws Exception {
    int outputs = predictor.outputs();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<double[][]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          double[][] got = new double[rows.length][];
          double[] out = new double[outputs];
          for (int r = 0; r < rows.length; r++) {
            int form = (r + id) % 3;
            if (form == 0) {
              got[r] = predictor.predict(rows[r]);
            } else if (form == 1) {
              predictor.predictInto(rows[r], out);
              got[r] = out.clone();
            } else {
              double[] one = new double[outputs];
              predictor.predictBatchInto(rows[r], one);
              got[r] = one;
            }
          }
          return got;
        }));
      }
      double[][][] answers = new double[threads][][];
      for (int t = 0; t < threads; t++) {
        answers[t] = futures.get(t).get(120, TimeUnit.SECONDS);
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertEveryAnswerIsTheReference(Network net, double[][] rows, int threads) throws Exception {
    Predictor predictor = net.freeze();
    double[][] reference = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      reference[r] = net.predict(Tensor.of(new double[][] {rows[r]})).toArray();
    }
    double[][][] answers = predictConcurrently(predictor, rows, threads);
    assertEquals(threads, answers.length);
    for (int t = 0; t < threads; t++) {
      for (int r = 0; r < rows.length; r++) {
        int row = r;
        assertArrayEquals(reference[r], answers[t][r], () -> "row " + row);
      }
    }
  }

  @Test
  void sixteenThreadsOfTwoThousandRowsAnswerAsOne() throws Exception {
    Network net = Network.builder(30).linear(64, true).relu().linear(2, true).softmax().build();
    NetworkTest.randomize(net, 21);
    assertEveryAnswerIsTheReference(net, PredictorTest.rows(22, 2_000, 30).toRows(), 16);
  }

  @Test
  void wideLayersAnswerAsOneOnFourThreads() throws Exception {
    Network net = Network.builder(784).linear(256, true).relu().linear(10, true).build();
    NetworkTest.randomize(net, 23);
    assertEveryAnswerIsTheReference(net, PredictorTest.rows(24, 60, 784).toRows(), 4);
  }

  @Test
  void batchesSplitAcrossKernelThreadsAnswerAsOneOnFourThreads() throws Exception {
    // 96 rows of 784x256 is above the size at which a product is split across the kernel threads:
    // four callers contend for them, and those that find them busy compute alone, to the same bits
    Network net = Network.builder(784).linear(256, true).tanh().linear(10, true).build();
    NetworkTest.randomize(net, 25);
    Tensor x = PredictorTest.rows(26, 96, 784);
    Tensor expected = net.predict(x);
    Predictor predictor = net.freeze();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Tensor>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          Tensor last = null;
          for (int i = 0; i < 5; i++) {
            last = predictor.predict(x);
            assertEquals(expected, last);
          }
          return last;
        }));
      }
      for (Future<Tensor> f : futures) {
        assertEquals(expected, f.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

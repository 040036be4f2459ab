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

/** One float32 predictor shared by many threads: every answer equals the single-threaded float32 one. */
class Float32PredictorThreadsTest {

  /** Each thread runs every row through one of the four forms, started together by a barrier. */
  private static void assertEveryAnswerIsTheReference(Network net, double[][] rows, int threads) throws Exception {
    Predictor predictor = net.freeze().withPrecision(Precision.FLOAT32);
    double[][] reference = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      reference[r] = predictor.predict(rows[r]); // on this thread, before any other touches it
    }
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
            int form = (r + id) % 4;
            if (form == 0) {
              got[r] = predictor.predict(rows[r]);
            } else if (form == 1) {
              predictor.predictInto(rows[r], out);
              got[r] = out.clone();
            } else if (form == 2) {
              double[] one = new double[outputs];
              predictor.predictBatchInto(rows[r], one);
              got[r] = one;
            } else {
              got[r] = predictor.predict(Tensor.of(new double[][] {rows[r]})).toArray();
            }
          }
          return got;
        }));
      }
      for (int t = 0; t < threads; t++) {
        double[][] got = futures.get(t).get(120, TimeUnit.SECONDS);
        assertEquals(rows.length, got.length);
        for (int r = 0; r < rows.length; r++) {
          int row = r;
          int thread = t;
          assertArrayEquals(reference[r], got[r], () -> "thread " + thread + ", row " + row);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sixteenThreadsOfTwoThousandRowsAnswerAsOne() throws Exception {
    Network net = Network.builder(30).linear(64, true).relu().linear(2, true).softmax().build();
    NetworkTest.randomize(net, 31);
    assertEveryAnswerIsTheReference(net, PredictorTest.rows(32, 2_000, 30).toRows(), 16);
  }

  @Test
  void wideLayersAnswerAsOneOnFourThreads() throws Exception {
    Network net = Network.builder(784).linear(256, true).relu().linear(10, true).build();
    NetworkTest.randomize(net, 33);
    assertEveryAnswerIsTheReference(net, PredictorTest.rows(34, 60, 784).toRows(), 4);
  }

  @Test
  void batchesOnEightThreadsAreTheRowsOfOneThread() throws Exception {
    // each thread predicts the whole 150-row batch (three chunks) ten times: the same bits as the
    // rows predicted one at a time on the test thread
    Network net = Network.builder(784).linear(256, true).tanh().linear(10, true).softmax().build();
    NetworkTest.randomize(net, 35);
    Tensor x = PredictorTest.rows(36, 150, 784);
    Predictor predictor = net.freeze().withPrecision(Precision.FLOAT32);
    double[][] rows = x.toRows();
    double[][] expected = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      expected[r] = predictor.predict(rows[r]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Tensor>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          Tensor last = null;
          for (int i = 0; i < 10; i++) {
            last = predictor.predict(x);
            assertArrayEquals(expected, last.toRows());
          }
          return last;
        }));
      }
      for (Future<Tensor> f : futures) {
        assertArrayEquals(expected, f.get(120, TimeUnit.SECONDS).toRows());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

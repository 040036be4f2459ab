package io.github.nndsl.dsl;
import io.github.nndsl.dsl.file.CheckpointTest;


import static io.github.nndsl.dsl.file.ModelFileTest.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.nndsl.core.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same bits: on every run, and when networks compiled from one shared
 * descriptor train at the same time on different threads with one shared trainer.
 */
class DeterminismTest {

  private static final int STEPS = 200;

  /** Compiles the shared model and trains it; returns the parameters and the loss curve, as bits. */
  private static long[][] run() {
    Network net = CheckpointTest.MODEL.compile(21);
    double[] losses = CheckpointTest.ADAM.fit(net, CheckpointTest.X, CheckpointTest.Y, STEPS).losses();
    return new long[][] {bits(net.parameters().snapshot()), bits(losses)};
  }

  @Test
  void theSameSeedGivesTheSameBitsTwice() {
    long[][] a = run();
    long[][] b = run();
    assertArrayEquals(a[0], b[0]);
    assertArrayEquals(a[1], b[1]);
  }

  @Test
  void networksTrainingConcurrentlyGiveTheSameBitsAsAlone() throws Exception {
    long[][] alone = run();
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[][]>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS); // all threads train at the same time
          return run();
        }));
      }
      for (Future<long[][]> f : results) {
        long[][] r = f.get(60, TimeUnit.SECONDS);
        assertArrayEquals(alone[0], r[0]);
        assertArrayEquals(alone[1], r[1]);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

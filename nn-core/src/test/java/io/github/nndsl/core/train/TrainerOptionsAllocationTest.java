package io.github.nndsl.core.train;

import static io.github.nndsl.core.NetworkTest.XOR_X;
import static io.github.nndsl.core.NetworkTest.XOR_Y;
import static io.github.nndsl.core.train.SchedulesTest.net;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A schedule, clipping, validation and early stopping add no allocation per step. */
class TrainerOptionsAllocationTest {

  private static final Tensor XV = Tensor.of(new double[][] {{0.2, 0.9}, {0.8, 0.1}, {0.5, 0.5}});
  private static final Tensor YV = Tensor.of(new double[][] {{1}, {1}, {0}});

  /** What 4000 more steps cost, the minimum of three rounds (one-off JVM allocations ignored). */
  private static long extraFor4000Steps(Trainer trainer, Network net) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 5; i++) {
      trainer.fit(net, XOR_X, XOR_Y, 4000);
    }
    long small = Long.MAX_VALUE;
    long large = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      trainer.fit(net, XOR_X, XOR_Y, 4000);
      small = Math.min(small, threads.getThreadAllocatedBytes(thread) - before);
      before = threads.getThreadAllocatedBytes(thread);
      trainer.fit(net, XOR_X, XOR_Y, 8000);
      large = Math.min(large, threads.getThreadAllocatedBytes(thread) - before);
    }
    return large - small;
  }

  /** The validation record of n epochs beyond the array every fit starts with (16 values). */
  private static long validationRecord(int epochs) {
    long bytes = 8L * epochs + 16; // the history's copy
    for (int capacity = 16; capacity < epochs; capacity *= 2) {
      bytes += 16L * capacity + 16; // the recorder's doubling
    }
    return bytes;
  }

  @Test
  void stepsWithEveryOptionAllocateOnlyTheRecords() {
    // mini-batches of 2 on 4 rows: 2 steps an epoch; AdamW, so the update runs its own loop
    Trainer plain = Trainer.of(Losses.mse(), Optimizers.adamW(1e-3, 0.01)).withBatchSize(2);
    Trainer every = plain.withSchedule(Schedules.cosine(50)).withGradientClipping(0.1).withValidation(XV, YV)
        .withEarlyStopping(1_000_000);
    long base = extraFor4000Steps(plain, net());
    long options = extraFor4000Steps(every, net());
    // the only difference: the validation losses of 2000 more epochs; one byte more per step
    // would add 4000
    assertEquals(validationRecord(4000) - validationRecord(2000), options - base, 512);
  }

  @Test
  void fusedSgdWithAScheduleAllocatesOnlyTheRecords() {
    Trainer plain = Trainer.of(Losses.mse(), Optimizers.sgd(0.1));
    long base = extraFor4000Steps(plain, net());
    long scheduled = extraFor4000Steps(plain.withSchedule(Schedules.exponential(0.9999)), net());
    assertEquals(0, scheduled - base, 512);
  }
}

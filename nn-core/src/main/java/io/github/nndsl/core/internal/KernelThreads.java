package io.github.nndsl.core.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A small fixed set of daemon threads that share large products by output rows, and large SGD
 * updates by ranges of parameters, without allocating: one job at a time (others run on their
 * caller's thread meanwhile), its arguments in static fields, each helper told its rows through a
 * volatile flag and woken by {@code unpark}.
 *
 * <p>Every element is computed by the same code in the same order whichever thread owns its row,
 * so results do not depend on the thread count. The count comes from the system property {@code
 * nndsl.threads} (default: the number of available processors) and can be changed at run time.
 */
public final class KernelThreads {

  /** Spin-waits before parking: about a millisecond, the gap between a step's large products. */
  private static final int SPINS = 20_000;

  private static final ReentrantLock BUSY = new ReentrantLock();
  private static volatile int threads = initialThreads();
  private static Helper[] helpers = new Helper[0]; // guarded by BUSY

  // the product being shared; written before the helpers' volatile flags, read after them
  private static final double[] EMPTY = new double[0];
  private static double[] sharedA = EMPTY;
  private static double[] sharedB = EMPTY;
  private static double[] sharedC = EMPTY;
  private static int sharedAOff;
  private static int sharedArs;
  private static int sharedAcs;
  private static int sharedBOff;
  private static int sharedCOff;
  private static int sharedK;
  private static int sharedN;
  private static boolean sharedSgd; // the job: false, a product's rows; true, an SGD update's range
  private static double sharedRate;

  /** From this many parameters on, a fused SGD update is split across the threads. */
  static final int PARALLEL_SGD = 1 << 16;

  private KernelThreads() {}

  private static int initialThreads() {
    int available = Math.max(1, Runtime.getRuntime().availableProcessors());
    String property = System.getProperty("nndsl.threads");
    if (property == null) {
      return available;
    }
    // parsed by hand: a count in [1, 256], anything else means the default
    String digits = property.trim();
    int value = 0;
    for (int i = 0; i < digits.length() && value <= 256; i++) {
      char ch = digits.charAt(i);
      if (ch < '0' || ch > '9') {
        return available;
      }
      value = value * 10 + (ch - '0');
    }
    return value >= 1 && value <= 256 ? value : available;
  }

  /** The number of threads (the caller's included) that large products are split across. */
  public static int threads() {
    return threads;
  }

  /** Sets the thread count; 1 computes everything on the caller's thread. */
  public static void setThreads(int count) {
    if (count < 1 || count > 256) {
      throw new IllegalArgumentException("threads must be in [1, 256], but was " + count);
    }
    threads = count;
  }

  /**
   * Computes all m rows with the blocked kernel, split across the threads; returns false (having
   * done nothing) when another product holds the helpers, so the caller computes it alone.
   */
  static boolean run(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    if (!BUSY.tryLock()) {
      return false;
    }
    try {
      int parts = Math.min(threads, m / BlockedMatMul.ROWS);
      ensureHelpers(parts - 1);
      sharedSgd = false;
      sharedA = a;
      sharedB = b;
      sharedC = c;
      sharedAOff = aOff;
      sharedArs = ars;
      sharedAcs = acs;
      sharedBOff = bOff;
      sharedCOff = cOff;
      sharedK = k;
      sharedN = n;
      Thread caller = Thread.currentThread();
      // row boundaries on multiples of ROWS, so every part but the last runs full strips
      int groups = (m + BlockedMatMul.ROWS - 1) / BlockedMatMul.ROWS;
      for (int t = 1; t < parts; t++) {
        helpers[t - 1].start(caller, rowAt(t, parts, groups, m), rowAt(t + 1, parts, groups, m));
      }
      part(0, rowAt(1, parts, groups, m));
      finish(parts);
      return true;
    } finally {
      BUSY.unlock();
    }
  }

  /**
   * {@code p[pOff + i] -= lr * g[gOff + i]} for i in [0, n), the ranges split across the threads
   * ({@link Elementwise#sgd} on each, the same bits); returns false (having done nothing) when
   * another job holds the helpers. Without it, two kernel threads wait on one for the update of
   * the 784-256-10 step's 200,000 weights, about 7 % of its time.
   */
  static boolean sgd(double[] p, int pOff, double[] g, int gOff, double lr, int n) {
    if (!BUSY.tryLock()) {
      return false;
    }
    try {
      int parts = threads;
      ensureHelpers(parts - 1);
      sharedSgd = true;
      sharedA = p;
      sharedB = g;
      sharedAOff = pOff;
      sharedBOff = gOff;
      sharedRate = lr;
      Thread caller = Thread.currentThread();
      for (int t = 1; t < parts; t++) {
        helpers[t - 1].start(caller, (int) ((long) n * t / parts), (int) ((long) n * (t + 1) / parts));
      }
      part(0, (int) ((long) n / parts));
      finish(parts);
      return true;
    } finally {
      BUSY.unlock();
    }
  }

  /** The shared job's part [from, to): rows of the product, or parameters of the SGD update. */
  private static void part(int from, int to) {
    if (sharedSgd) {
      Elementwise.sgd(sharedA, sharedAOff + from, sharedB, sharedBOff + from, sharedRate, to - from);
    } else {
      MatMul.rows(sharedA, sharedAOff, sharedArs, sharedAcs, sharedB, sharedBOff, sharedC, sharedCOff, from, to,
          sharedK, sharedN);
    }
  }

  /** Waits for the helpers of a job in parts, lets go of the caller's arrays, rethrows a failure. */
  private static void finish(int parts) {
    Throwable failure = null;
    for (int t = 1; t < parts; t++) {
      Throwable f = helpers[t - 1].await();
      failure = failure == null ? f : failure;
    }
    sharedA = EMPTY; // hold no caller's array once done
    sharedB = EMPTY;
    sharedC = EMPTY;
    if (failure != null) {
      throw new IllegalStateException("a kernel thread failed", failure);
    }
  }

  private static int rowAt(int part, int parts, int groups, int m) {
    return Math.min(m, (int) ((long) groups * part / parts) * BlockedMatMul.ROWS);
  }

  private static void ensureHelpers(int count) {
    if (helpers.length >= count) {
      return;
    }
    Helper[] grown = java.util.Arrays.copyOf(helpers, count);
    for (int i = helpers.length; i < count; i++) {
      grown[i] = new Helper(i + 1);
    }
    helpers = grown;
  }

  /** One helper thread: waits for rows, computes them, reports back. */
  private static final class Helper implements Runnable {
    private final Thread thread;
    private volatile boolean pending;
    private volatile Thread caller = Thread.currentThread();
    private int from;
    private int to;
    private @Nullable Throwable failure; // written before pending is cleared, read after

    Helper(int index) {
      thread = new Thread(this, "nndsl-kernel-" + index);
      thread.setDaemon(true);
      thread.start();
    }

    void start(Thread caller, int from, int to) {
      this.caller = caller;
      this.from = from;
      this.to = to;
      pending = true;
      LockSupport.unpark(thread);
    }

    /** Waits for the rows to be done; returns what the helper threw, if anything. */
    @Nullable Throwable await() {
      // spin briefly (the parts are balanced, so the helper is usually about done), then sleep
      for (int spins = 0; pending; spins++) {
        if (spins < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      Throwable f = failure;
      failure = null;
      return f;
    }

    @Override
    public void run() {
      while (true) {
        for (int spins = 0; !pending; spins++) {
          if (spins < SPINS) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        try {
          part(from, to);
        } catch (Throwable t) { // reported to the caller, which rethrows; the helper lives on
          failure = t;
        } finally {
          pending = false;
          LockSupport.unpark(caller);
        }
      }
    }
  }
}

package io.github.nndsl.benchmarks;

import io.github.nndsl.core.Kernels;
import io.github.nndsl.core.internal.MatMul;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three product forms on square sizes from 4 to 1024. The {@code gflop} counter is the
 * product's floating-point work, so its score reads directly as GFLOP/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatMulBenchmark {

  /** The operands and the setting. */
  @State(Scope.Thread)
  public static class Operands {
    @Param({"4", "16", "64", "256", "1024"})
    int size;

    @Param({"ab", "atb", "abt"})
    String form;

    @Param({"1", "2"})
    int threads;

    double[] a;
    double[] b;
    double[] c;
    double flop;

    @Setup(Level.Trial)
    public void fill() {
      Kernels.setThreads(threads);
      Random random = new Random(size);
      a = random.doubles((long) size * size, -1, 1).toArray();
      b = random.doubles((long) size * size, -1, 1).toArray();
      c = new double[size * size];
      flop = 2.0 * size * size * size;
    }
  }

  /** Counts GFLOP done; JMH reports it per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Work {
    public double gflop;

    @Setup(Level.Iteration)
    public void reset() {
      gflop = 0;
    }
  }

  @Benchmark
  public double[] product(Operands o, Work w) {
    int n = o.size;
    switch (o.form) {
      case "ab":
        MatMul.ab(o.a, 0, o.b, 0, o.c, 0, n, n, n);
        break;
      case "atb":
        MatMul.atb(o.a, 0, o.b, 0, o.c, 0, n, n, n);
        break;
      default:
        MatMul.abt(o.a, 0, o.b, 0, o.c, 0, n, n, n);
    }
    w.gflop += o.flop * 1e-9;
    return o.c;
  }
}

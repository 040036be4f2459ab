package io.github.nndsl.benchmarks;

import io.github.nndsl.core.Kernels;
import io.github.nndsl.core.Network;
import java.util.concurrent.TimeUnit;
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
 * One steady-state training step ({@code Trainer.step}): the XOR network's and the 784-256-10
 * MLP's. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StepBenchmark {

  /** The XOR network after compile, buffers warm. */
  @State(Scope.Thread)
  public static class XorStep {
    Network net = XorBenchmark.MODEL.compile(0);

    @Setup(Level.Trial)
    public void warm() {
      XorBenchmark.TRAINER.step(net, XorBenchmark.X, XorBenchmark.Y);
    }
  }

  /** The MLP, with the kernels split across {@code threads}. */
  @State(Scope.Thread)
  public static class MlpStep {
    @Param({"1", "2"})
    int threads;

    Mlp mlp = new Mlp(0);

    @Setup(Level.Trial)
    public void threads() {
      Kernels.setThreads(threads);
      mlp.step();
    }
  }

  @Benchmark
  public double xorStep(XorStep s) {
    return XorBenchmark.TRAINER.step(s.net, XorBenchmark.X, XorBenchmark.Y);
  }

  @Benchmark
  public double mlpStep(MlpStep s) {
    return s.mlp.step();
  }
}

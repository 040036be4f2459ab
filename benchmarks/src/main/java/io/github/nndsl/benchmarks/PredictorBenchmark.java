package io.github.nndsl.benchmarks;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Precision;
import io.github.nndsl.core.Predictor;
import io.github.nndsl.core.Tensor;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serving one row at a time: the latency of a frozen {@link Predictor} (into the caller's array,
 * and returning a new one) beside {@link Network#predict}, and the predictor's throughput on one
 * and two threads sharing it. float64, and the float32 predictor ({@code
 * withPrecision(Precision.FLOAT32)}) beside it; the rows are never split across kernel threads.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar PredictorBenchmark
 * </pre>
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PredictorBenchmark {

  /** The model, frozen once and shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Model {
    @Param({"30-64-2", "784-256-10"})
    String shape;

    Network net;
    Predictor predictor;
    Predictor float32;
    Tensor x;

    @Setup(Level.Trial)
    public void build() {
      Served served = new Served(shape);
      net = served.net;
      predictor = net.freeze();
      float32 = predictor.withPrecision(Precision.FLOAT32);
      x = Tensor.fromArray(served.row, 1, served.row.length);
    }
  }

  /** Each thread's own row and output array. */
  @State(Scope.Thread)
  public static class Row {
    double[] row;
    double[] out;

    @Setup(Level.Trial)
    public void fill(Model model) {
      row = model.x.toArray();
      out = new double[model.predictor.outputs()];
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double[] latencyPredictInto(Model model, Row row) {
    model.predictor.predictInto(row.row, row.out);
    return row.out;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double[] latencyPredict(Model model, Row row) {
    return model.predictor.predict(row.row);
  }

  /** The network itself, for comparison: one thread only (a Network is not thread-safe). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Tensor latencyNetworkPredict(Model model) {
    return model.net.predict(model.x);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public double[] throughputOneThread(Model model, Row row) {
    model.predictor.predictInto(row.row, row.out);
    return row.out;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public double[] throughputTwoThreads(Model model, Row row) {
    model.predictor.predictInto(row.row, row.out);
    return row.out;
  }

  /** The float32 predictor's single-row latency, into the caller's array. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double[] latencyPredictIntoFloat32(Model model, Row row) {
    model.float32.predictInto(row.row, row.out);
    return row.out;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public double[] throughputOneThreadFloat32(Model model, Row row) {
    model.float32.predictInto(row.row, row.out);
    return row.out;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public double[] throughputTwoThreadsFloat32(Model model, Row row) {
    model.float32.predictInto(row.row, row.out);
    return row.out;
  }
}

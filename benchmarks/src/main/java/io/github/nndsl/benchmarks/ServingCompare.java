package io.github.nndsl.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.nndsl.core.Precision;
import io.github.nndsl.core.Predictor;
import io.github.nndsl.dsl.file.Onnx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Side by side with ONNX Runtime (Java, CPU, one intra-op and one inter-op thread), on the file
 * {@link Onnx#save} writes for the same model: the single-row latency (median over rounds) and the
 * throughput of two threads sharing one predictor, or one session, for 30-64-2 and 784-256-10.
 * float64 against float64 (the same arithmetic), and the float32 predictor ({@code
 * withPrecision(Precision.FLOAT32)}) against ONNX Runtime's float32 file. The error column is
 * against the float64 predictor. Each ONNX Runtime call reuses its input tensor and reads its output into an array,
 * as the predictor writes into the caller's array.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     io.github.nndsl.benchmarks.ServingCompare                        # about a minute
 * java -cp benchmarks/target/benchmarks.jar io.github.nndsl.benchmarks.ServingCompare \
 *     --rounds 2 --calls 200 --millis 100                              # a smoke run
 * </pre>
 */
public final class ServingCompare {

  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private ServingCompare() {}

  /** One engine's single-row call: writes the row's outputs into out. */
  interface Call {
    void run(double[] row, double[] out);
  }

  /** A way to make one Call per thread (ONNX Runtime's input tensor is per thread). */
  interface Engine extends AutoCloseable {
    Call newCall();

    @Override
    void close();
  }

  /**
   * Prints the table.
   *
   * @param args {@code --rounds N} (default 15), {@code --calls N} per round (default 2000),
   *     {@code --millis N} per throughput round (default 1000)
   */
  public static void main(String[] args) throws Exception {
    int rounds = 15;
    int calls = 2000;
    int millis = 1000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--rounds": rounds = value; break;
        case "--calls": calls = value; break;
        case "--millis": millis = value; break;
        default: throw new IllegalArgumentException("unknown option " + args[i] + "; options: --rounds N --calls N --millis N");
      }
    }
    System.out.printf(Locale.ROOT, "Java %s, Vector API %s, ONNX Runtime %s, 1 intra-op thread%n",
        System.getProperty("java.version"), io.github.nndsl.core.Kernels.vectorized() ? "on" : "off", ENV.getVersion());
    System.out.printf(Locale.ROOT, "%-11s | %-20s | %-9s | %17s | %22s%n",
        "model", "engine", "precision", "1-row latency, us", "2 threads, rows/s");
    System.out.println("-".repeat(11) + "-+-" + "-".repeat(20) + "-+-" + "-".repeat(9) + "-+-" + "-".repeat(17)
        + "-+-" + "-".repeat(22));
    for (String shape : Served.SHAPES) {
      Served served = new Served(shape);
      Path dir = Files.createTempDirectory("serving-compare");
      try {
        Path f64 = dir.resolve("model.onnx");
        Path f32 = dir.resolve("model-f32.onnx");
        Onnx.save(f64, served.model, served.net);
        Onnx.save(f32, served.model, served.net, Onnx.Precision.FLOAT32);
        Predictor predictor = served.net.freeze();
        List<Object[]> engines = new ArrayList<>();
        engines.add(new Object[] {"nn-dsl Predictor", "float64", predictorEngine(predictor)});
        engines.add(new Object[] {"ONNX Runtime", "float64", onnxEngine(f64, false, served.row.length)});
        engines.add(new Object[] {"nn-dsl Predictor", "float32", predictorEngine(predictor.withPrecision(Precision.FLOAT32))});
        engines.add(new Object[] {"ONNX Runtime", "float32", onnxEngine(f32, true, served.row.length)});
        double[] reference = predictor.predict(served.row);
        for (Object[] e : engines) {
          try (Engine engine = (Engine) e[2]) {
            double[] out = new double[reference.length];
            engine.newCall().run(served.row, out);
            double error = maxRelativeError(reference, out);
            double latency = latencyMicros(engine, served.row, reference.length, rounds, calls);
            double throughput = throughput(engine, served.row, reference.length, Math.max(1, rounds / 3), millis);
            System.out.printf(Locale.ROOT, "%-11s | %-20s | %-9s | %17.2f | %22.0f%s%n", shape, e[0], e[1], latency,
                throughput, error == 0 ? "" : String.format(Locale.ROOT, "   (max rel. error %.1e)", error));
          }
        }
      } finally {
        for (Path p : List.of(dir.resolve("model.onnx"), dir.resolve("model-f32.onnx"), dir)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static Engine predictorEngine(Predictor predictor) {
    return new Engine() {
      @Override
      public Call newCall() {
        return predictor::predictInto;
      }

      @Override
      public void close() {}
    };
  }

  private static Engine onnxEngine(Path file, boolean float32, int inputs) {
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = ENV.createSession(Files.readAllBytes(file), options);
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<OnnxTensor> inputsMade = new ArrayList<>();
    return new Engine() {
      @Override
      public synchronized Call newCall() {
        try {
          long[] shape = {1, inputs};
          if (float32) {
            FloatBuffer buffer = java.nio.ByteBuffer.allocateDirect(4 * inputs).order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer();
            OnnxTensor in = OnnxTensor.createTensor(ENV, buffer, shape);
            inputsMade.add(in);
            Map<String, OnnxTensor> feed = Map.of(Onnx.INPUT, in);
            return (row, out) -> {
              for (int i = 0; i < row.length; i++) {
                buffer.put(i, (float) row[i]);
              }
              try (OrtSession.Result result = session.run(feed)) {
                FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int j = 0; j < out.length; j++) {
                  out[j] = y.get(j);
                }
              } catch (OrtException e) {
                throw new IllegalStateException(e.getMessage(), e);
              }
            };
          }
          DoubleBuffer buffer = java.nio.ByteBuffer.allocateDirect(8 * inputs).order(java.nio.ByteOrder.nativeOrder())
              .asDoubleBuffer();
          OnnxTensor in = OnnxTensor.createTensor(ENV, buffer, shape);
          inputsMade.add(in);
          Map<String, OnnxTensor> feed = Map.of(Onnx.INPUT, in);
          return (row, out) -> {
            buffer.put(0, row);
            try (OrtSession.Result result = session.run(feed)) {
              ((OnnxTensor) result.get(0)).getDoubleBuffer().get(out);
            } catch (OrtException e) {
              throw new IllegalStateException(e.getMessage(), e);
            }
          };
        } catch (OrtException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        inputsMade.forEach(OnnxTensor::close);
        try {
          session.close();
        } catch (OrtException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
    };
  }

  /** The median over rounds of the mean time of one call, after as many calls of warm-up. */
  private static double latencyMicros(Engine engine, double[] row, int outputs, int rounds, int calls) {
    Call call = engine.newCall();
    double[] out = new double[outputs];
    double[] perCall = new double[rounds];
    for (int r = -Math.max(2, rounds / 3); r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        call.run(row, out);
      }
      double micros = (System.nanoTime() - start) / 1e3 / calls;
      if (r >= 0) {
        perCall[r] = micros;
      }
    }
    Arrays.sort(perCall);
    return perCall[rounds / 2];
  }

  /** Rows per second of two threads calling one engine for millis, median over rounds. */
  private static double throughput(Engine engine, double[] row, int outputs, int rounds, int millis) throws Exception {
    double[] rates = new double[rounds];
    for (int r = -1; r < rounds; r++) {
      AtomicLong done = new AtomicLong();
      CyclicBarrier start = new CyclicBarrier(2);
      long deadline = System.nanoTime() + millis * 1_000_000L + 50_000_000L; // after the threads start
      Thread[] threads = new Thread[2];
      long[] began = new long[2];
      for (int t = 0; t < 2; t++) {
        int id = t;
        Call call = engine.newCall();
        threads[t] = new Thread(() -> {
          double[] out = new double[outputs];
          try {
            start.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          began[id] = System.nanoTime();
          long n = 0;
          while (System.nanoTime() < deadline) {
            for (int i = 0; i < 50; i++) {
              call.run(row, out);
            }
            n += 50;
          }
          done.addAndGet(n);
        });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double seconds = (deadline - Math.min(began[0], began[1])) / 1e9;
      if (r >= 0) {
        rates[r] = done.get() / seconds;
      }
    }
    Arrays.sort(rates);
    return rates[rounds / 2];
  }

  private static double maxRelativeError(double[] expected, double[] actual) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
    }
    return worst;
  }
}

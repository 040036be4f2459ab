package io.github.nndsl.benchmarks;

import io.github.nndsl.core.Kernels;
import io.github.nndsl.samples.Xor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The side-by-side table: ours (DSL, functional) vs the hand-written loop vs NumPy (and PyTorch
 * when some python3 on this machine imports it), measured in one run, interleaved round by round
 * (the order rotates each round), reported as medians with ratios.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     io.github.nndsl.benchmarks.Compare [--rounds 11] [--python python3] [--torch-python /usr/bin/python3]
 * </pre>
 */
public final class Compare {

  private static final String ONE = "nn-dsl, 1 kernel thread";
  private static final String DEFAULTS = "nn-dsl, its defaults";
  private static final String TORCH_ONE = "PyTorch, 1 thread (set_num_threads(1), OPENBLAS_NUM_THREADS=1)";
  private static final String TORCH_DEFAULTS = "PyTorch, its defaults (intra-op threads and BLAS threads)";

  private Compare() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "11"));
    Path script = extractScript();
    Peer numpy = Peer.start(opts.getOrDefault("python", "python3"), script, blasEnv());
    Peer torch = startTorch(opts, script, false);
    System.out.printf(Locale.ROOT, "JVM %s, %d cpus, kernel threads %d, Vector API %s; peers: %s%s%n%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), Kernels.threads(),
        Kernels.vectorized() ? "on" : "off (add --add-modules jdk.incubator.vector)",
        numpy == null ? "no NumPy" : numpy.caps, torch == null ? ", no PyTorch" : ", " + torch.caps);

    xor(rounds, numpy, torch);
    if (!opts.containsKey("no-mlp")) {
      // like for like: PyTorch on one intra-op thread with a one-thread OpenBLAS against one kernel
      // thread, and PyTorch at its defaults against nn-dsl at its own (a kernel thread per core)
      Peer torchOne = torch == null ? null : startTorch(opts, script, true);
      Peer torchDefaults = torch == null ? null : startTorch(opts, script, false, Map.of("NNDSL_TORCH_THREADS", "default"));
      for (Peer p : new Peer[] {torchOne, torchDefaults}) {
        if (p != null) {
          System.out.println("PyTorch for the MLP: " + p.caps + (p == torchOne ? ", OPENBLAS_NUM_THREADS=1" : ""));
        }
      }
      System.out.println();
      mlp(rounds, numpy, torchDefaults, torchOne);
      for (Peer p : new Peer[] {torchOne, torchDefaults}) {
        if (p != null) {
          p.close();
        }
      }
    }
    if (!opts.containsKey("no-process")) {
      process(rounds, opts, script, torch);
    }
    if (numpy != null) {
      numpy.close();
    }
    if (torch != null) {
      torch.close();
    }
  }

  private static void xor(int rounds, Peer numpy, Peer torch) {
    Map<String, DoubleSupplier> c = new LinkedHashMap<>();
    c.put("nn-dsl DSL (compile + fit)", () -> javaMillis(XorBenchmark::dslTraining));
    c.put("nn-dsl functional (Xor.trainXor)", () -> javaMillis(() -> Xor.trainXor(0)));
    c.put("hand-written loop", () -> javaMillis(() -> HandXor.train(0, 4, 0.5, 5000)));
    if (numpy != null) {
      c.put("NumPy train_xor", () -> numpy.seconds("xor") * 1e3);
    }
    if (torch != null) {
      c.put("PyTorch (1 torch thread)", () -> torch.seconds("torch-xor") * 1e3);
    }
    // warm-up: JIT for the Java routes, imports and caches for the peers
    long until = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < until) {
      c.get("nn-dsl DSL (compile + fit)").getAsDouble();
      c.get("nn-dsl functional (Xor.trainXor)").getAsDouble();
      c.get("hand-written loop").getAsDouble();
    }
    Map<String, double[]> t = interleave(c, rounds);
    System.out.println("## XOR, hidden 4, 5000 full-batch steps, in process after warm-up (ms per training)");
    table(t, "hand-written loop", "ms", false);
  }

  /** Milliseconds per training, the mean of enough back-to-back runs to fill about 20 ms. */
  private static double javaMillis(DoubleSupplier training) {
    int reps = 0;
    double sink = 0;
    long start = System.nanoTime();
    long end;
    do {
      sink += training.getAsDouble();
      reps++;
      end = System.nanoTime();
    } while (end - start < 20_000_000L);
    if (!(sink > 0)) {
      throw new AssertionError("training failed");
    }
    return (end - start) / 1e6 / reps;
  }

  private static void mlp(int rounds, Peer numpy, Peer torch, Peer torchOne) {
    Mlp ours = new Mlp(0);
    Map<String, DoubleSupplier> c = new LinkedHashMap<>();
    // each after a pause: OpenBLAS's idle threads spin for about 0.1 s after a call, which would
    // otherwise steal the cores from whoever runs next; then each contender settles for 20 steps
    // and times 20: the first steps after a pause run slow (two kernel threads measured 0.64x
    // one thread over 10 unsettled steps, 1.5x settled)
    int defaults = Kernels.threads();
    c.put(ONE, () -> rested(() -> stepsPerSecond(ours, 1)));
    c.put(DEFAULTS, () -> rested(() -> stepsPerSecond(ours, defaults)));
    if (numpy != null) {
      c.put("NumPy (its BLAS's threads)", () -> rested(() -> 1 / numpy.seconds("mlp 20")));
    }
    if (torchOne != null) {
      c.put(TORCH_ONE, () -> rested(() -> 1 / torchOne.seconds("torch-mlp 20")));
    }
    if (torch != null) {
      c.put(TORCH_DEFAULTS, () -> rested(() -> 1 / torch.seconds("torch-mlp 20")));
    }
    for (DoubleSupplier s : c.values()) {
      s.getAsDouble();
      s.getAsDouble();
    }
    int saved = Kernels.threads();
    Map<String, double[]> t = interleave(c, rounds);
    Kernels.setThreads(saved);
    System.out.printf(Locale.ROOT, "## MLP 784-256-10, batch 128, float64, one SGD step (steps/s; %.1f MFLOP per step)%n",
        Mlp.FLOP_PER_STEP / 1e6);
    table(t, ONE, "steps/s", true);
    System.out.printf(Locale.ROOT, "nn-dsl at its defaults: %d kernel threads; %.1f GFLOP/s on one thread, %.1f at the defaults%n",
        defaults, median(t.get(ONE)) * Mlp.FLOP_PER_STEP / 1e9, median(t.get(DEFAULTS)) * Mlp.FLOP_PER_STEP / 1e9);
    if (t.containsKey(TORCH_ONE)) {
      System.out.printf(Locale.ROOT, "like for like, one thread each: nn-dsl / PyTorch %.2fx%n",
          median(t.get(ONE)) / median(t.get(TORCH_ONE)));
    }
    if (t.containsKey(TORCH_DEFAULTS)) {
      System.out.printf(Locale.ROOT, "each at its defaults: nn-dsl / PyTorch %.2fx%n",
          median(t.get(DEFAULTS)) / median(t.get(TORCH_DEFAULTS)));
    }
    System.out.println();
  }

  private static double rested(DoubleSupplier measurement) {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return measurement.getAsDouble();
  }

  private static double stepsPerSecond(Mlp mlp, int threads) {
    Kernels.setThreads(threads);
    for (int i = 0; i < 20; i++) { // settle after the switch and the pause, as MlpThreads does
      mlp.step();
    }
    int steps = 20;
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      mlp.step();
    }
    return steps / ((System.nanoTime() - start) / 1e9);
  }

  private static void process(int rounds, Map<String, String> opts, Path script, Peer torch) {
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar = jarPath();
    String python = opts.getOrDefault("python", "python3");
    Map<String, DoubleSupplier> c = new LinkedHashMap<>();
    c.put("nn-dsl DSL", () -> run(List.of(java, "-cp", jar, XorProcess.class.getName(), "dsl"), Map.of()));
    c.put("nn-dsl functional", () -> run(List.of(java, "-cp", jar, XorProcess.class.getName(), "functional"), Map.of()));
    c.put("hand-written loop", () -> run(List.of(java, "-cp", jar, XorProcess.class.getName(), "hand"), Map.of()));
    c.put("NumPy", () -> run(List.of(python, script.toString(), "--once", "numpy"), Map.of()));
    if (torch != null) {
      String tp = torchPython(opts);
      c.put("PyTorch", () -> run(List.of(tp, script.toString(), "--once", "torch"), torchEnv()));
    }
    for (DoubleSupplier s : c.values()) {
      s.getAsDouble();
    }
    Map<String, double[]> t = interleave(c, rounds);
    System.out.println("## XOR, whole process: start, train once, print, exit (seconds; same JVM, default flags)");
    table(t, "hand-written loop", "s", false);
  }

  private static double run(List<String> command, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      int code = p.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (code != 0) {
        throw new IllegalStateException(command + " exited " + code + ": " + new String(out));
      }
      return seconds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs every contender once per round, the starting contender rotating from round to round. */
  private static Map<String, double[]> interleave(Map<String, DoubleSupplier> contenders, int rounds) {
    List<String> names = new ArrayList<>(contenders.keySet());
    Map<String, double[]> times = new LinkedHashMap<>();
    for (String name : names) {
      times.put(name, new double[rounds]);
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + r) % names.size());
        times.get(name)[r] = contenders.get(name).getAsDouble();
      }
    }
    return times;
  }

  private static void table(Map<String, double[]> times, String base, String unit, boolean higherIsBetter) {
    double b = median(times.get(base));
    System.out.printf(Locale.ROOT, "| %-34s | %14s | %10s | %10s |%n", "", "median " + unit, "best", "vs " + shortName(base));
    System.out.println("|------------------------------------|----------------|------------|------------|");
    for (Map.Entry<String, double[]> e : times.entrySet()) {
      double m = median(e.getValue());
      double min = higherIsBetter ? Arrays.stream(e.getValue()).max().orElse(m) : Arrays.stream(e.getValue()).min().orElse(m);
      System.out.printf(Locale.ROOT, "| %-34s | %14s | %10s | %9.2fx |%n", e.getKey(), fmt(m), fmt(min), m / b);
    }
    System.out.println();
  }

  private static String shortName(String base) {
    return base.startsWith("hand") ? "hand" : "1 thread";
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4g", v);
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static Peer startTorch(Map<String, String> opts, Path script, boolean oneBlasThread) {
    return startTorch(opts, script, oneBlasThread, Map.of());
  }

  private static Peer startTorch(Map<String, String> opts, Path script, boolean oneBlasThread, Map<String, String> more) {
    if (opts.containsKey("no-torch")) {
      return null;
    }
    String tp = torchPython(opts);
    Map<String, String> env = new java.util.HashMap<>(torchEnv());
    env.putAll(more);
    if (oneBlasThread) {
      env.put("OPENBLAS_NUM_THREADS", "1");
    }
    Peer p = Peer.start(tp, script, env);
    if (p != null && !p.hasTorch()) {
      p.close();
      return null;
    }
    return p;
  }

  /** The interpreter for PyTorch: --torch-python, else the first of python3, /usr/bin/python3 that imports torch. */
  private static String torchPython(Map<String, String> opts) {
    if (opts.containsKey("torch-python")) {
      return opts.get("torch-python");
    }
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not there: try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "python3";
  }

  /**
   * Debian's PyTorch uses the reference BLAS unless OpenBLAS is put first (libopenblas0-pthread),
   * and Debian's OpenBLAS 0.3.21 does not recognise this machine's AVX-512 CPU model: it falls back
   * to its Prescott kernel, a third of the speed (784-256-10, one thread: 130 against 400 steps/s).
   * So the peers run with the core named, as a user who tuned PyTorch would ({@link #blasEnv}).
   */
  private static Map<String, String> torchEnv() {
    Map<String, String> env = new java.util.HashMap<>(blasEnv());
    Path openblas = Paths.get("/usr/lib/x86_64-linux-gnu/openblas-pthread");
    if (Files.isDirectory(openblas)) {
      env.put("LD_LIBRARY_PATH", openblas.toString());
    }
    return env;
  }

  /**
   * {@code OPENBLAS_CORETYPE=SKYLAKEX} on a CPU with AVX-512 (unless the caller's environment sets
   * it), so that OpenBLAS runs its best kernel rather than the fallback for an unknown CPU model.
   */
  static Map<String, String> blasEnv() {
    if (System.getenv("OPENBLAS_CORETYPE") != null) {
      return Map.of();
    }
    try {
      String cpu = Files.readString(Paths.get("/proc/cpuinfo"));
      return cpu.contains(" avx512f") ? Map.of("OPENBLAS_CORETYPE", "SKYLAKEX") : Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  private static Path extractScript() throws IOException {
    Path script = Files.createTempFile("nndsl-xor-bench", ".py");
    script.toFile().deleteOnExit();
    try (InputStream in = Compare.class.getResourceAsStream("/xor_bench.py")) {
      if (in == null) {
        throw new IOException("xor_bench.py is not on the class path");
      }
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    return script;
  }

  private static String jarPath() {
    try {
      return Paths.get(Compare.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      String key = a.substring(2);
      if (key.startsWith("no-")) {
        o.put(key, "");
      } else {
        o.put(key, args[++i]);
      }
    }
    return o;
  }
}

package io.github.nndsl.benchmarks;

import io.github.nndsl.core.Kernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The digits recipe side by side (issue 11, item 7): nn-dsl against scikit-learn's MLPClassifier
 * and PyTorch (float64, and float32 unless {@code --no-torch32}), on exactly the same training and
 * validation rows, with the same settings: standardised inputs, 64 ReLU units, 10 logits,
 * cross-entropy, Adam 1e-3, shuffled batches of 32, 200 epochs, no L2, no early stopping.
 *
 * <p>Per contender: the validation accuracy of seed 0 (the timed fits) and its mean over seeds 0 to
 * {@code --seeds} - 1 (other initial weights and shuffles, the same split); <b>warm</b>, the fit time in a process that has
 * already fitted (median over rounds); <b>cold</b>, the time of the first fit in a fresh JVM or a
 * fresh Python process (median over rounds; start-up, imports and reading the file are not in it).
 * Rounds interleave the contenders, the order rotating each round. Threads: {@code --threads N}
 * (default 1) for everyone: nn-dsl's {@code Kernels.setThreads}, {@code torch.set_num_threads},
 * and {@code OPENBLAS_NUM_THREADS}/{@code OMP_NUM_THREADS}/{@code MKL_NUM_THREADS} for Python.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.nndsl.benchmarks.DigitsCompare \
 *     [--epochs 200] [--rounds 7] [--threads 1] [--seeds 5] [--python /usr/bin/python3] [--no-torch32] [--no-cold]
 * </pre>
 */
public final class DigitsCompare {

  private static final String OURS = "nn-dsl (float64)";

  private DigitsCompare() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int epochs = Integer.parseInt(o.getOrDefault("epochs", "200"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "7"));
    int threads = Integer.parseInt(o.getOrDefault("threads", "1"));
    int seeds = Integer.parseInt(o.getOrDefault("seeds", "5"));
    Kernels.setThreads(threads);
    DigitsRecipe recipe = DigitsRecipe.load();
    if (o.containsKey("once")) { // a child JVM for the cold figure
      DigitsRecipe.Fit f = recipe.fit(epochs);
      System.out.println(f.seconds() + " " + f.accuracy());
      return;
    }
    Path rows = recipe.writeRows();
    Path script = DigitsRecipe.extract("/digits_bench.py", ".py");
    String python = o.getOrDefault("python", "/usr/bin/python3");
    List<String> pyArgs = List.of(python, script.toString(), "--data", recipe.csv.toString(), "--rows", rows.toString(),
        "--epochs", Integer.toString(epochs), "--threads", Integer.toString(threads));
    Map<String, String> env = pythonEnv(threads);

    Map<String, String> peers = new LinkedHashMap<>(); // contender -> the script's name for it
    peers.put("scikit-learn MLPClassifier (float64)", "sklearn");
    peers.put("PyTorch (float64)", "torch64");
    if (!o.containsKey("no-torch32")) {
      peers.put("PyTorch (float32)", "torch32");
    }
    Peer server = Peer.serve(pyArgs, env);
    System.out.printf(Locale.ROOT, "JVM %s, %d cpus, nn-dsl kernel threads %d, Vector API %s; python: %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), Kernels.threads(),
        Kernels.vectorized() ? "on" : "off", server.caps);
    System.out.printf(Locale.ROOT, "digits: %d training rows, %d validation rows (Dataset.split(0.2, 42)), %d epochs,"
        + " %d rounds, %d thread(s) everywhere%n%n", recipe.train.rows(), recipe.validation.rows(), epochs, rounds, threads);
    String expected = recipe.checksum();
    String got = server.ask("check");
    if (!got.equals(expected)) {
      server.close();
      throw new IllegalStateException("the python peer reads other rows: " + got + ", expected " + expected);
    }
    if (!server.caps.contains("torch")) {
      peers.values().removeIf(v -> v.startsWith("torch"));
    }
    if (!server.caps.contains("sklearn")) {
      peers.values().remove("sklearn");
    }

    Map<String, Supplier<DigitsRecipe.Fit>> warm = new LinkedHashMap<>();
    Map<String, Supplier<DigitsRecipe.Fit>> cold = new LinkedHashMap<>();
    warm.put(OURS, () -> recipe.fit(epochs));
    cold.put(OURS, () -> parse(run(childJvm(epochs, threads), Map.of())));
    for (Map.Entry<String, String> p : peers.entrySet()) {
      warm.put(p.getKey(), () -> fit(server, p.getValue()));
      List<String> once = new ArrayList<>(pyArgs);
      once.addAll(List.of("--once", p.getValue()));
      cold.put(p.getKey(), () -> parse(run(once, env)));
    }
    // warm-up: the JIT for ours (at least 3 fits and 5 s), caches and lazy imports for the peers
    long until = System.nanoTime() + 5_000_000_000L;
    for (int i = 0; i < 3 || System.nanoTime() < until; i++) {
      recipe.fit(epochs);
    }
    for (String kind : peers.values()) {
      fit(server, kind);
    }
    Map<String, List<DigitsRecipe.Fit>> warmFits = interleave(warm, rounds);
    Map<String, List<DigitsRecipe.Fit>> coldFits = o.containsKey("no-cold") ? Map.of() : interleave(cold, rounds);
    // accuracy over several starting points: one seed's accuracy moves by a point or more with
    // the initial weights (each library draws them its own way), so the comparison is of means
    Map<String, double[]> accuracy = new LinkedHashMap<>();
    accuracy.put(OURS, new double[seeds]);
    peers.keySet().forEach(name -> accuracy.put(name, new double[seeds]));
    for (int seed = 0; seed < seeds; seed++) {
      accuracy.get(OURS)[seed] = recipe.fit(epochs, seed).accuracy();
      for (Map.Entry<String, String> p : peers.entrySet()) {
        accuracy.get(p.getKey())[seed] = fit(server, p.getValue() + " " + seed).accuracy();
      }
    }
    server.close();
    table(warmFits, coldFits, accuracy, epochs);
  }

  /** Runs every contender once per round, the first contender rotating from round to round. */
  private static Map<String, List<DigitsRecipe.Fit>> interleave(Map<String, Supplier<DigitsRecipe.Fit>> c, int rounds) {
    List<String> names = new ArrayList<>(c.keySet());
    Map<String, List<DigitsRecipe.Fit>> fits = new LinkedHashMap<>();
    names.forEach(n -> fits.put(n, new ArrayList<>()));
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + r) % names.size());
        rest();
        fits.get(name).add(c.get(name).get());
      }
    }
    return fits;
  }

  private static void table(
      Map<String, List<DigitsRecipe.Fit>> warm, Map<String, List<DigitsRecipe.Fit>> cold, Map<String, double[]> accuracy,
      int epochs) {
    double oursWarm = median(warm.get(OURS));
    double oursCold = cold.isEmpty() ? Double.NaN : median(cold.get(OURS));
    double oursMean = mean(accuracy.get(OURS));
    int seeds = accuracy.get(OURS).length;
    System.out.printf(Locale.ROOT, "## Digits 64-64-10, Adam 1e-3, batches of 32, %d epochs: fit time (s) and validation accuracy%n",
        epochs);
    System.out.printf(Locale.ROOT, "| contender | accuracy, seed 0 | accuracy, mean of seeds 0-%d (min-max) | warm (median) "
        + "| warm (best) | cold (median) | ours faster, warm | ours faster, cold |%n", seeds - 1);
    System.out.println("|---|---|---|---|---|---|---|---|");
    boolean warmGoal = true;
    boolean coldGoal = true;
    boolean accuracyGoal = true;
    for (String name : warm.keySet()) {
      List<DigitsRecipe.Fit> w = warm.get(name);
      double m = median(w);
      double best = w.stream().mapToDouble(DigitsRecipe.Fit::seconds).min().orElse(m);
      double c = cold.isEmpty() ? Double.NaN : median(cold.get(name));
      double[] a = accuracy.get(name);
      System.out.printf(Locale.ROOT, "| %s | %s | %.4f (%.4f-%.4f) | %.3f | %.3f | %.3f | %.2fx | %.2fx |%n",
          name, accuracies(w, cold.getOrDefault(name, List.of())), mean(a), Arrays.stream(a).min().orElse(0),
          Arrays.stream(a).max().orElse(0), m, best, c, m / oursWarm, c / oursCold);
      if (!name.equals(OURS)) {
        warmGoal &= m / oursWarm >= 5;
        coldGoal &= c / oursCold >= 3;
        accuracyGoal &= mean(a) - oursMean <= 0.01;
      }
    }
    System.out.printf(Locale.ROOT, "%ngoals: warm >= 5x faster than each peer: %s; cold >= 3x: %s; mean accuracy within one"
        + " point of (or above) each peer's: %s%n",
        warmGoal ? "met" : "NOT met", cold.isEmpty() ? "not measured" : coldGoal ? "met" : "NOT met",
        accuracyGoal ? "met" : "NOT met");
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).sum() / values.length;
  }

  /** The accuracy, or its range when fits differ (they should not: every contender is seeded). */
  private static String accuracies(List<DigitsRecipe.Fit> warm, List<DigitsRecipe.Fit> cold) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (List<DigitsRecipe.Fit> fits : List.of(warm, cold)) {
      for (DigitsRecipe.Fit f : fits) {
        lo = Math.min(lo, f.accuracy());
        hi = Math.max(hi, f.accuracy());
      }
    }
    return lo == hi ? String.format(Locale.ROOT, "%.4f", lo) : String.format(Locale.ROOT, "%.4f-%.4f", lo, hi);
  }

  private static double median(List<DigitsRecipe.Fit> fits) {
    double[] s = fits.stream().mapToDouble(DigitsRecipe.Fit::seconds).toArray();
    return Compare.median(s);
  }

  private static void rest() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This JVM's command, flags and class path, running {@code --once}. */
  private static List<String> childJvm(int epochs, int threads) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DigitsCompare.class.getName(),
        "--once", "ours", "--epochs", Integer.toString(epochs), "--threads", Integer.toString(threads)));
    return command;
  }

  private static Map<String, String> pythonEnv(int threads) {
    Map<String, String> env = new HashMap<>();
    String n = Integer.toString(threads);
    env.put("OPENBLAS_NUM_THREADS", n);
    env.put("OMP_NUM_THREADS", n);
    env.put("MKL_NUM_THREADS", n);
    env.putAll(Compare.blasEnv()); // OpenBLAS's best kernel, not its fallback for an unknown CPU
    Path openblas = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread"); // else Debian's torch uses the reference BLAS
    if (Files.isDirectory(openblas)) {
      env.put("LD_LIBRARY_PATH", openblas.toString());
    }
    return env;
  }

  private static String run(List<String> command, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** "seconds accuracy", the last line a fit prints. */
  private static DigitsRecipe.Fit parse(String output) {
    String[] lines = output.strip().split("\n");
    String[] parts = lines[lines.length - 1].trim().split(" ");
    return new DigitsRecipe.Fit(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
  }

  /** The peer's fit of one kind: its fit time and accuracy. */
  private static DigitsRecipe.Fit fit(Peer peer, String kind) {
    try {
      return parse(peer.ask("fit " + kind));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a + "; options: " + Arrays.toString(new String[] {
            "--epochs N", "--rounds N", "--threads N", "--seeds N", "--python PATH", "--no-torch32", "--no-cold"}));
      }
      String key = a.substring(2);
      if (key.startsWith("no-")) {
        o.put(key, "");
      } else {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        o.put(key, args[++i]);
      }
    }
    return o;
  }
}

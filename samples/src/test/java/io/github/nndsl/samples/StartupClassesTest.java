package io.github.nndsl.samples;

import io.github.nndsl.core.train.Trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Layers;
import io.github.nndsl.dsl.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh JVM that trains XOR through the DSL, as a user writes it, loads no library class it does
 * not use: every class costs start-up time (about 0.1-0.2 ms each in a cold JVM), and the whole
 * process is measured against a hand-written loop (issue 4). The list below holds the classes
 * that once loaded for nothing: unused layer records and losses, Adam, the momentum state, the
 * listener types, the divergence exception, the activation op, enum switch lookup classes.
 */
class StartupClassesTest {

  /** The program the child JVM runs. */
  public static final class DslXor {
    private DslXor() {}

    public static void main(String[] args) {
      Sequential model = Sequential.of(
          Layers.linear(2, 4).withWeightInit(Init.normal(0.5)), Layers.relu(),
          Layers.linear(4, 1).withWeightInit(Init.normal(0.5)), Layers.sigmoid());
      Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
      Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
      double loss = Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(model.compile(0), x, y, 5000).finalLoss();
      System.out.println(loss);
    }
  }

  private static final List<String> NOT_NEEDED = List.of(
      "io.github.nndsl.dsl.Tanh", "io.github.nndsl.dsl.LeakyRelu", "io.github.nndsl.dsl.Softmax",
      "io.github.nndsl.dsl.Identity", "io.github.nndsl.dsl.Init$Uniform",
      "io.github.nndsl.core.Losses$BinaryCrossEntropy", "io.github.nndsl.core.Losses$CrossEntropy",
      "io.github.nndsl.core.Losses$CrossEntropyWithLogits", "io.github.nndsl.core.Optimizers$Adam",
      "io.github.nndsl.core.Optimizers$Sgd$MomentumState", "io.github.nndsl.core.train.StepListener",
      "io.github.nndsl.core.train.EpochListener", "io.github.nndsl.core.train.DiagnosticListener",
      "io.github.nndsl.core.train.TrainingDivergedException", "io.github.nndsl.core.internal.Op$Activation",
      "io.github.nndsl.dsl.Standardize", "io.github.nndsl.dsl.Dropout", "io.github.nndsl.core.internal.Dropout",
      "io.github.nndsl.core.internal.Standardization", "io.github.nndsl.core.internal.CounterRandom",
      "io.github.nndsl.core.internal.ColumnStatistics", "io.github.nndsl.core.Functional",
      "io.github.nndsl.samples.Xor");

  @Test
  void trainingXorThroughTheDslLoadsOnlyWhatItUses(@TempDir Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("classes.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xshare:auto", "-Xlog:class+load=info:file=" + log,
        "-cp", System.getProperty("java.class.path"), DslXor.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    assertEquals(Xor.trainXor(0, 4, 0.5, 5000), Double.parseDouble(out), 0.0, "the child trained XOR");

    Set<String> loaded = new TreeSet<>();
    Matcher m = Pattern.compile("\\] (io\\.github\\.nndsl\\.\\S+) source:").matcher(Files.readString(log));
    while (m.find()) {
      loaded.add(m.group(1));
    }
    // the engine's classes are there, so the log was read right
    assertTrue(loaded.containsAll(List.of("io.github.nndsl.core.Network", "io.github.nndsl.core.internal.Dense",
        "io.github.nndsl.core.internal.SmallDense", "io.github.nndsl.dsl.Sequential")), loaded::toString);
    for (String name : NOT_NEEDED) {
      assertTrue(!loaded.contains(name), () -> name + " was loaded: " + loaded);
    }
    for (String name : loaded) {
      assertTrue(!name.matches(".*\\$[0-9]+"), () -> name + " (a switch lookup or anonymous class) was loaded: " + loaded);
    }
  }
}

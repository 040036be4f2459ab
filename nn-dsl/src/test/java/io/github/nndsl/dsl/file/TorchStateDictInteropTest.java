package io.github.nndsl.dsl.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Java half of the round trip into PyTorch: writes state dicts of the script's three models in
 * F32 and F64 to {@code target/torch-from-java/}, each with fixed inputs and the outputs {@code
 * Network.predict} gives for the saved weights; {@code torch_state_dicts.py check
 * target/torch-from-java} then loads each into torch with {@code load_state_dict(strict=True)} and
 * compares. The check runs here when {@code NN_DSL_TORCH_PYTHON} names a Python with torch and
 * safetensors (CI has none, so there it only writes the files).
 */
class TorchStateDictInteropTest {

  static final Path OUT = Paths.get("target", "torch-from-java");

  @Test
  void writesStateDictsForPyTorchAndChecksThemWhenTorchIsThere() throws IOException, InterruptedException {
    if (Files.exists(OUT)) {
      try (Stream<Path> old = Files.walk(OUT)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(OUT);
    long seed = 11;
    for (String name : List.of("mlp", "activations", "nobias")) {
      Sequential model = TorchGolden.model(name);
      Network net = model.compile(seed++);
      Tensor x = inputs(model.inputs());
      for (TorchStateDict.Dtype dtype : TorchStateDict.Dtype.values()) {
        Path file = OUT.resolve(name + "-" + dtype + ".safetensors");
        TorchStateDict.save(file, model, net, dtype);
        Network saved = TorchStateDict.load(file, model); // the weights PyTorch will hold
        if (dtype == TorchStateDict.Dtype.F64) {
          assertArrayEquals(ModelFileTest.bits(net.predict(x).toArray()), ModelFileTest.bits(saved.predict(x).toArray()));
        }
        Files.write(OUT.resolve(name + "-" + dtype + ".txt"),
            List.of(line("input", x), line("output", saved.predict(x))), StandardCharsets.UTF_8);
      }
    }

    String python = System.getenv("NN_DSL_TORCH_PYTHON");
    Assumptions.assumeTrue(python != null && !python.isBlank(),
        "NN_DSL_TORCH_PYTHON is not set: wrote " + OUT.toAbsolutePath() + " for torch_state_dicts.py check");
    String out = run(python, "src/test/python/torch_state_dicts.py", "check", OUT.toString());
    System.out.println(out);
    assertTrue(out.trim().endsWith("ok: 6 files"), out);
  }

  /** Five rows of fixed, irregular values: the same on every JVM. */
  static Tensor inputs(int width) {
    double[][] rows = new double[5][width];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < width; j++) {
        rows[i][j] = 3 * Math.sin(7.0 * i + j + 0.5) + (i == j ? 1e-3 : 0.0);
      }
    }
    return Tensor.of(rows);
  }

  private static String line(String what, Tensor t) {
    StringBuilder s = new StringBuilder(what).append(' ').append(t.shape()[0]).append(' ').append(t.shape()[1]);
    for (double v : t.toArray()) {
      s.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
    }
    return s.toString();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}

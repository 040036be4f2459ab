package io.github.nndsl.dsl.file;

import io.github.nndsl.dsl.Sequential;

import static io.github.nndsl.dsl.file.ModelFiling.X;
import static io.github.nndsl.dsl.file.ModelFiling.small;
import static io.github.nndsl.dsl.file.ModelFiling.trained;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.core.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the format is plain safetensors both ways, with {@code src/test/python/safetensors_interop.py}
 * (NumPy only): Java loads the committed file that NumPy wrote (always), and NumPy reads a file
 * that Java wrote (when python3 with NumPy is on the PATH).
 */
class NumPyInteropTest {

  private static final Path SCRIPT = Paths.get("src/test/python/safetensors_interop.py");

  @TempDir Path dir;

  static Path resource(String name) throws URISyntaxException {
    return Paths.get(NumPyInteropTest.class.getResource(name).toURI());
  }

  @Test
  void loadsTheFileNumPyWrote() throws URISyntaxException {
    ModelFile.Loaded loaded = ModelFile.load(resource("/interop/numpy_written.safetensors"));

    assertEquals(small(), loaded.model());
    ParameterStore p = loaded.network().parameters();
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), p.names());
    assertArrayEquals(new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, p.get("0.weight").toArray());
    assertArrayEquals(new long[] {Double.doubleToRawLongBits(0.01), Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(1e-300)}, ModelFileTest.bits(p.get("0.bias").toArray()));
    assertArrayEquals(new double[] {1.5, -2.5, 3.25}, p.get("2.weight").toArray());
    assertArrayEquals(new double[] {-0.125}, p.get("2.bias").toArray());
  }

  @Test
  void predictsAsTheSameParametersSetByHand() throws URISyntaxException {
    Network loaded = ModelFile.load(resource("/interop/numpy_written.safetensors")).network();
    Network byHand = small().compile(0);
    ParameterStore p = byHand.parameters();
    set(p.get("0.weight"), 0.1, -0.2, 0.3, 0.4, -0.5, 0.6);
    set(p.get("0.bias"), 0.01, -0.0, 1e-300);
    set(p.get("2.weight"), 1.5, -2.5, 3.25);
    set(p.get("2.bias"), -0.125);

    assertArrayEquals(byHand.predict(X).toArray(), loaded.predict(X).toArray(), 0.0);
  }

  private static void set(Tensor t, double... values) {
    for (int i = 0; i < values.length; i++) {
      t.set(i, values[i]);
    }
  }

  @Test
  void numPyReadsTheFileJavaWrote() throws IOException, InterruptedException {
    assumeNumPy();
    Sequential model = small();
    Network net = trained(model);
    Path file = dir.resolve("java.safetensors");
    ModelFile.save(file, model, net);
    List<String> lines = new ArrayList<>();
    for (String name : net.parameters().names()) {
      Tensor t = net.parameters().get(name);
      StringBuilder line = new StringBuilder(name).append(' ');
      int[] shape = t.shape();
      for (int i = 0; i < shape.length; i++) {
        line.append(i == 0 ? "" : "x").append(shape[i]);
      }
      for (double v : t.toArray()) {
        line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
      }
      lines.add(line.toString());
    }
    Path expected = Files.write(dir.resolve("expected.txt"), lines, StandardCharsets.UTF_8);

    String out = python("check", file.toString(), expected.toString());

    assertEquals("ok: 4 tensors, 13 values, bit for bit", out.trim());
  }

  @Test
  void theCommittedFileIsWhatTheScriptWrites() throws Exception {
    assumeNumPy();
    Path fresh = dir.resolve("fresh.safetensors");
    python("write", fresh.toString());

    assertArrayEquals(Files.readAllBytes(resource("/interop/numpy_written.safetensors")), Files.readAllBytes(fresh));
  }

  private static void assumeNumPy() {
    boolean available;
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      available = false;
    }
    Assumptions.assumeTrue(available, "python3 with NumPy is not available");
  }

  private static String python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("python3 " + String.join(" ", args) + " failed:\n" + out);
    }
    return out;
  }
}

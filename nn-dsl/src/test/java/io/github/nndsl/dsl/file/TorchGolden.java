package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.Layers.identity;
import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;

import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of torch/expected.txt, written by src/test/python/torch_state_dicts.py: a state dict
 * PyTorch saved, the parameters widened to float64 in PyTorch's layout, inputs, and the outputs
 * PyTorch computed from them in float64.
 */
record TorchGolden(String file, String model, String dtype, Map<String, double[]> parameters,
    Tensor input, Tensor output) {

  static final String DIR = "/torch/";

  /** The nn-dsl twins of the script's torch.nn.Sequential models, by the script's names. */
  static Sequential model(String name) {
    switch (name) {
      case "mlp":
        return Sequential.of(linear(3, 5), relu(), linear(5, 2));
      case "activations":
        return Sequential.of(linear(4, 6), tanh(), linear(6, 5), sigmoid(), linear(5, 4), leakyRelu(0.1),
            identity(), linear(4, 3), softmax());
      case "nobias":
        return Sequential.of(linear(3, 4).withoutBias(), relu(), linear(4, 2));
      default:
        throw new IllegalArgumentException("no model " + name);
    }
  }

  Sequential sequential() {
    return model(model);
  }

  Path path() {
    return resource(file);
  }

  static Path resource(String file) {
    try {
      return Paths.get(TorchGolden.class.getResource(DIR + file).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + DIR + file, e);
    }
  }

  static List<TorchGolden> cases() {
    List<TorchGolden> cases = new ArrayList<>();
    read((f, line) -> { }, cases);
    return cases;
  }

  /** The SHA-256 the script computed for every bit pattern of "F16" or "BF16" widened. */
  static String patternsSha256(String dtype) {
    Map<String, String> out = new LinkedHashMap<>();
    read((f, line) -> {
      if (f[0].equals("patterns")) {
        out.put(f[1], f[2]);
      }
    }, new ArrayList<>());
    return out.get(dtype);
  }

  private interface LineSink {
    void accept(String[] fields, String line);
  }

  private static void read(LineSink other, List<TorchGolden> cases) {
    InputStream in = TorchGolden.class.getResourceAsStream(DIR + "expected.txt");
    if (in == null) {
      throw new IllegalStateException("missing test resource " + DIR + "expected.txt");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String file = "";
      String model = "";
      String dtype = "";
      Map<String, double[]> parameters = new LinkedHashMap<>();
      Tensor input = null;
      Tensor output = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "case":
            file = f[1];
            model = f[2];
            dtype = f[3];
            parameters = new LinkedHashMap<>();
            break;
          case "param":
            parameters.put(f[1], values(f, 2));
            break;
          case "input":
            input = matrix(f);
            break;
          case "output":
            output = matrix(f);
            break;
          case "end":
            cases.add(new TorchGolden(file, model, dtype, Collections.unmodifiableMap(parameters), input, output));
            break;
          default:
            other.accept(f, line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values after "rank dims...", starting at field {@code at} (the rank). */
  private static double[] values(String[] f, int at) {
    int rank = Integer.parseInt(f[at]);
    int first = at + 1 + rank;
    double[] out = new double[f.length - first];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(f[first + i]); // repr() parses back to the same double
    }
    return out;
  }

  private static Tensor matrix(String[] f) {
    int rows = Integer.parseInt(f[2]);
    int cols = Integer.parseInt(f[3]);
    double[] v = values(f, 1);
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(v, i * cols, m[i], 0, cols);
    }
    return Tensor.of(m);
  }

  @Override
  public String toString() {
    return file;
  }
}

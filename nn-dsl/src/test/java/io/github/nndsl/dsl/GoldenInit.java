package io.github.nndsl.dsl;


import io.github.nndsl.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of golden/init.txt, written by src/test/python/gen_init.py: the parameters NumPy draws
 * for a model from {@code default_rng(seed)}.
 */
record GoldenInit(String name, long seed, String model, Map<String, Tensor> parameters) {

  static List<GoldenInit> load(String resource) {
    InputStream in = GoldenInit.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    List<GoldenInit> cases = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String name = "";
      long seed = -1;
      String model = "";
      Map<String, Tensor> parameters = new LinkedHashMap<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "case":
            name = f[1];
            seed = Long.parseLong(f[3]);
            parameters = new LinkedHashMap<>();
            break;
          case "model":
            model = line.substring("model ".length());
            break;
          case "param":
            parameters.put(f[1], tensor(f));
            break;
          case "end":
            cases.add(new GoldenInit(name, seed, model, Collections.unmodifiableMap(parameters)));
            break;
          default:
            throw new IllegalStateException("unexpected line in " + resource + ": " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  /** Parses {@code param NAME RANK DIM... VALUE...}. */
  private static Tensor tensor(String[] f) {
    int rank = Integer.parseInt(f[2]);
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = Integer.parseInt(f[3 + i]);
    }
    double[] values = new double[f.length - 3 - rank];
    for (int i = 0; i < values.length; i++) {
      values[i] = Double.parseDouble(f[3 + rank + i]);
    }
    return Tensor.fromArray(values, shape);
  }

  @Override
  public String toString() {
    return name + " seed " + seed;
  }
}
